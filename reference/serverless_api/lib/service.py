"""The whole API of one environment, behind its own AWS provider.

The provider is created here as a child of this component and passed explicitly to
every resource below it, so the provider, the resources and their components form one
subtree, and nothing can land in the default provider's region by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .api import ItemsApi, ItemsApiArgs
from .encryption import DataKey, DataKeyArgs
from .firewall import ApiFirewall, ApiFirewallArgs
from .functions import ApiFunction, ApiFunctionArgs
from .scope import Scope
from .table import ItemsTable, ItemsTableArgs
from .validation import (
    check_environment,
    check_instance,
    check_int,
    check_region,
    check_stage_name,
    check_tags,
)

READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"]
WRITE_ACTIONS = ["dynamodb:PutItem", "dynamodb:UpdateItem"]


@dataclass(frozen=True)
class ServerlessApiArgs:
    environment: str
    region: str
    stage_name: str
    tags: dict[str, str]
    min_capacity: int = 5
    max_capacity: int = 100
    rate_limit: int = 1000
    manage_account_logging_role: bool = True

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_region(self.region)
        check_stage_name(self.stage_name)
        object.__setattr__(self, "tags", check_tags(self.tags))
        check_int(self.min_capacity, "min_capacity", 1, 40000)
        check_int(self.max_capacity, "max_capacity", self.min_capacity, 40000)
        check_int(self.rate_limit, "rate_limit", 100, 2_000_000_000)
        check_instance(self.manage_account_logging_role, "manage_account_logging_role", bool)


class ServerlessApi(pulumi.ComponentResource):
    """Key, table, functions, REST API, WAF and alerts of one environment."""

    def __init__(
        self, name: str, args: ServerlessApiArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", ServerlessApiArgs)
        super().__init__("serverless:app:ServerlessApi", name, None, opts)

        provider = aws.Provider(
            f"{args.environment}-aws",
            region=args.region,
            default_tags=aws.ProviderDefaultTagsArgs(tags=args.tags),
            opts=pulumi.ResourceOptions(parent=self),
        )
        identity = aws.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(parent=self, provider=provider)
        )
        scope = Scope(args.environment, args.region, args.tags, provider, identity.account_id)
        child = pulumi.ResourceOptions(parent=self, provider=provider)

        key = DataKey(scope.name("data-key"), DataKeyArgs(scope), child)
        alerts = aws.sns.Topic(
            scope.name("alerts"),
            name=scope.name("alerts"),
            kms_master_key_id=key.key.id,
            tags=scope.with_tags("alerts"),
            opts=scope.opts(self),
        )
        table = ItemsTable(
            scope.name("items-table"),
            ItemsTableArgs(scope, key.key.arn, args.min_capacity, args.max_capacity),
            child,
        )
        functions = {
            purpose: ApiFunction(
                scope.name(purpose),
                ApiFunctionArgs(
                    scope,
                    purpose=purpose,
                    entry_point=entry_point,
                    table_name=table.table.name,
                    table_arn=table.table.arn,
                    table_actions=actions,
                    kms_key_arn=key.key.arn,
                    alarm_topic_arn=alerts.arn,
                ),
                child,
            )
            for purpose, entry_point, actions in (
                ("items-read", "read", READ_ACTIONS),
                ("items-write", "write", WRITE_ACTIONS),
            )
        }
        api = ItemsApi(
            scope.name("items-api"),
            ItemsApiArgs(
                scope,
                stage_name=args.stage_name,
                read_function=functions["items-read"],
                write_function=functions["items-write"],
                kms_key_arn=key.key.arn,
                alarm_topic_arn=alerts.arn,
                manage_account_logging_role=args.manage_account_logging_role,
            ),
            child,
        )
        firewall = ApiFirewall(
            scope.name("api-firewall"),
            ApiFirewallArgs(scope, stage_arn=api.stage.arn, rate_limit=args.rate_limit),
            child,
        )

        self.url = api.url
        self.table_name = table.table.name
        self.web_acl_arn = firewall.web_acl.arn
        self.alarm_topic_arn = alerts.arn
        self.register_outputs({
            "url": self.url,
            "table_name": self.table_name,
            "web_acl_arn": self.web_acl_arn,
            "alarm_topic_arn": self.alarm_topic_arn,
        })
