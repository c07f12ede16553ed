"""Customer-managed KMS key for the table, the log groups and the alarm topic.

AWS's default key policy only delegates to IAM. The explicit policy here says which
services may use the key and for what: DynamoDB only on behalf of this account,
CloudWatch Logs only for this environment's log groups, CloudWatch only to publish
alarms to the encrypted topic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance

USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
               "kms:DescribeKey"]


@dataclass(frozen=True)
class DataKeyArgs:
    scope: Scope
    deletion_window_days: int = 30

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_instance(self.deletion_window_days, "deletion_window_days", int)
        if not 7 <= self.deletion_window_days <= 30:
            raise ValueError("deletion_window_days must be between 7 and 30")


def key_policy(account_id: str, region: str, environment: str) -> str:
    """The key policy; every service statement is bound to this account or environment."""
    log_groups = [
        f"arn:aws:logs:{region}:{account_id}:log-group:/aws/lambda/{environment}-*",
        f"arn:aws:logs:{region}:{account_id}:log-group:/aws/apigateway/{environment}-*",
    ]
    statements: list[dict[str, Any]] = [
        {
            "Sid": "AccountAdministration",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "UseThroughDynamoDb",
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
            "Action": [*USE_ACTIONS, "kms:CreateGrant"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {
                    "kms:ViaService": f"dynamodb.{region}.amazonaws.com",
                    "kms:CallerAccount": account_id,
                }
            },
        },
        {
            "Sid": "LogGroupsOfThisEnvironment",
            "Effect": "Allow",
            "Principal": {"Service": f"logs.{region}.amazonaws.com"},
            "Action": USE_ACTIONS,
            "Resource": "*",
            "Condition": {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": log_groups}},
        },
        {
            "Sid": "AlarmsToEncryptedTopic",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
        },
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


class DataKey(pulumi.ComponentResource):
    """A symmetric key with yearly rotation, an explicit policy and an alias."""

    key: aws.kms.Key

    def __init__(
        self, name: str, args: DataKeyArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", DataKeyArgs)
        super().__init__("serverless:security:DataKey", name, None, opts)
        scope = args.scope

        policy = pulumi.Output.from_input(scope.account_id).apply(
            lambda account_id: key_policy(account_id, scope.region, scope.environment)
        )
        self.key = aws.kms.Key(
            scope.name("data-key"),
            description=f"{scope.environment}: items table, API and function logs, alarms",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            key_usage="ENCRYPT_DECRYPT",
            enable_key_rotation=True,
            deletion_window_in_days=args.deletion_window_days,
            policy=policy,
            tags=scope.with_tags("data-key"),
            opts=scope.opts(self),
        )
        aws.kms.Alias(
            scope.name("data-key-alias"),
            name=f"alias/{scope.name('serverless-api')}",
            target_key_id=self.key.key_id,
            opts=scope.opts(self),
        )
        self.register_outputs({"key_arn": self.key.arn})
