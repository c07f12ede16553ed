"""Serverless items API: REST API, Lambda and DynamoDB for one environment.

Every setting has a default, so `pulumi up` works on a fresh stack; the environment
name prefixes every physical name, so several environments can share one account.
"""

from __future__ import annotations

import os

import pulumi

from lib import ServerlessApi, ServerlessApiArgs

config = pulumi.Config()


def first_set(*values: str | None, default: str) -> str:
    """The first value that was set at all; an empty string is kept and rejected later."""
    return next((value for value in values if value is not None), default)


environment = first_set(
    config.get("environment"), os.environ.get("ENVIRONMENT_SUFFIX"), default="dev"
)
api = ServerlessApi(
    f"{environment}-serverless-api",
    ServerlessApiArgs(
        environment=environment,
        region=config.get("region", "us-east-1"),
        stage_name=config.get("stageName", "v1"),
        tags={"Environment": environment, "Project": pulumi.get_project(), "ManagedBy": "pulumi"},
        min_capacity=config.get_int("minCapacity", 5),
        max_capacity=config.get_int("maxCapacity", 100),
        rate_limit=config.get_int("rateLimitPer5Min", 1000),
        manage_account_logging_role=config.get_bool("manageApiGatewayLoggingRole", True),
    ),
)

pulumi.export("api_url", api.url)
pulumi.export("table_name", api.table_name)
pulumi.export("web_acl_arn", api.web_acl_arn)
pulumi.export("alarm_topic_arn", api.alarm_topic_arn)
