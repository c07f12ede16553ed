"""Customer-managed KMS key of one region, with an explicit key policy.

The default key policy only delegates to IAM; an explicit one documents which AWS
services may use the key and under which conditions, so the key works for RDS,
CloudWatch Logs, CloudTrail and SNS without widening anyone's IAM permissions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance

USE_ACTIONS = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:DescribeKey",
]


@dataclass(frozen=True)
class EncryptionKeyArgs:
    scope: RegionScope
    #: Name of the CloudTrail trail that will write with this key (its ARN scopes the grant).
    trail_name: str

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_instance(self.trail_name, "trail_name", str)
        if not self.trail_name.startswith(self.scope.environment):
            raise ValueError(f"trail_name {self.trail_name!r} must start with the environment")


def key_policy(account_id: str, region: str, environment: str, trail_name: str) -> str:
    """The key policy document; service statements are scoped by ViaService or source ARN."""
    root = f"arn:aws:iam::{account_id}:root"
    trail_arn = f"arn:aws:cloudtrail:{region}:{account_id}:trail/{trail_name}"
    statements: list[dict[str, Any]] = [
        {
            "Sid": "AccountAdministration",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": "kms:*",
            "Resource": "*",
        },
        {
            "Sid": "UseThroughRds",
            "Effect": "Allow",
            "Principal": {"AWS": root},
            "Action": [*USE_ACTIONS, "kms:CreateGrant", "kms:ListGrants"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {
                    "kms:ViaService": f"rds.{region}.amazonaws.com",
                    "kms:CallerAccount": account_id,
                }
            },
        },
        {
            "Sid": "CloudWatchLogsOfThisEnvironment",
            "Effect": "Allow",
            "Principal": {"Service": f"logs.{region}.amazonaws.com"},
            "Action": USE_ACTIONS,
            "Resource": "*",
            "Condition": {
                "ArnLike": {
                    "kms:EncryptionContext:aws:logs:arn": (
                        f"arn:aws:logs:{region}:{account_id}:log-group:/{environment}/*"
                    )
                }
            },
        },
        {
            "Sid": "CloudTrailOfThisStack",
            "Effect": "Allow",
            "Principal": {"Service": "cloudtrail.amazonaws.com"},
            "Action": ["kms:GenerateDataKey*", "kms:DescribeKey"],
            "Resource": "*",
            "Condition": {
                "StringEquals": {"aws:SourceArn": trail_arn},
                "StringLike": {
                    "kms:EncryptionContext:aws:cloudtrail:arn": (
                        f"arn:aws:cloudtrail:*:{account_id}:trail/*"
                    )
                },
            },
        },
        {
            "Sid": "CloudWatchAlarmsToEncryptedTopic",
            "Effect": "Allow",
            "Principal": {"Service": "cloudwatch.amazonaws.com"},
            "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
        },
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


class EncryptionKey(pulumi.ComponentResource):
    """A symmetric KMS key with rotation and an environment-prefixed alias."""

    key: aws.kms.Key
    alias: aws.kms.Alias

    def __init__(
        self, name: str, args: EncryptionKeyArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", EncryptionKeyArgs)
        super().__init__("seed:security:EncryptionKey", name, None, opts)
        scope = args.scope

        policy = pulumi.Output.from_input(scope.account_id).apply(
            lambda account_id: key_policy(
                account_id, scope.region, scope.environment, args.trail_name
            )
        )
        self.key = aws.kms.Key(
            scope.name("kms-key"),
            description=f"{scope.prefix}: RDS storage, logs, CloudTrail and alerts",
            key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True,
            deletion_window_in_days=30,
            policy=policy,
            tags=scope.with_tags("kms-key"),
            opts=scope.opts(self),
        )
        self.alias = aws.kms.Alias(
            scope.name("kms-alias"),
            name=f"alias/{scope.prefix}-main",
            target_key_id=self.key.key_id,
            opts=scope.opts(self),
        )
        self.register_outputs({"key_arn": self.key.arn, "alias": self.alias.name})
