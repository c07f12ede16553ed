"""The items table: provisioned capacity that follows load through target tracking.

Provisioned mode with application autoscaling keeps a predictable floor and ceiling on
cost; target tracking holds consumed capacity near a utilisation target without step
thresholds to tune. The table is encrypted with the stack's own KMS key, keeps
point-in-time backups and cannot be deleted by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance, check_int, check_output

#: DynamoDB's scalable dimensions and the metric each one tracks.
DIMENSIONS = {
    "read": ("dynamodb:table:ReadCapacityUnits", "DynamoDBReadCapacityUtilization"),
    "write": ("dynamodb:table:WriteCapacityUnits", "DynamoDBWriteCapacityUtilization"),
}


@dataclass(frozen=True)
class ItemsTableArgs:
    scope: Scope
    kms_key_arn: pulumi.Input[str]
    min_capacity: int = 5
    max_capacity: int = 100
    target_utilization: int = 70

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_output(self.kms_key_arn, "kms_key_arn")
        check_int(self.min_capacity, "min_capacity", 1, 40000)
        check_int(self.max_capacity, "max_capacity", self.min_capacity, 40000)
        check_int(self.target_utilization, "target_utilization", 20, 90)


class ItemsTable(pulumi.ComponentResource):
    """DynamoDB table keyed by `pk`, with read and write target-tracking autoscaling."""

    table: aws.dynamodb.Table

    def __init__(
        self, name: str, args: ItemsTableArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", ItemsTableArgs)
        super().__init__("serverless:data:ItemsTable", name, None, opts)
        scope = args.scope

        self.table = aws.dynamodb.Table(
            scope.name("items"),
            name=scope.name("items"),
            billing_mode="PROVISIONED",
            read_capacity=args.min_capacity,
            write_capacity=args.min_capacity,
            hash_key="pk",
            attributes=[aws.dynamodb.TableAttributeArgs(name="pk", type="S")],
            server_side_encryption=aws.dynamodb.TableServerSideEncryptionArgs(
                enabled=True, kms_key_arn=args.kms_key_arn
            ),
            point_in_time_recovery=aws.dynamodb.TablePointInTimeRecoveryArgs(enabled=True),
            deletion_protection_enabled=True,
            tags=scope.with_tags("items"),
            # Autoscaling owns the capacity once the table exists.
            opts=pulumi.ResourceOptions.merge(
                scope.opts(self),
                pulumi.ResourceOptions(ignore_changes=["readCapacity", "writeCapacity"]),
            ),
        )
        for kind, (dimension, metric) in DIMENSIONS.items():
            target = aws.appautoscaling.Target(
                scope.name(f"items-{kind}-target"),
                service_namespace="dynamodb",
                scalable_dimension=dimension,
                resource_id=self.table.name.apply(lambda table: f"table/{table}"),
                min_capacity=args.min_capacity,
                max_capacity=args.max_capacity,
                tags=scope.with_tags(f"items-{kind}-target"),
                opts=scope.opts(self),
            )
            aws.appautoscaling.Policy(
                scope.name(f"items-{kind}-tracking"),
                name=scope.name(f"items-{kind}-tracking"),
                policy_type="TargetTrackingScaling",
                service_namespace=target.service_namespace,
                scalable_dimension=target.scalable_dimension,
                resource_id=target.resource_id,
                target_tracking_scaling_policy_configuration=(
                    aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs(
                        target_value=args.target_utilization,
                        predefined_metric_specification=(
                            aws.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
                                predefined_metric_type=metric
                            )
                        ),
                        scale_in_cooldown=60,
                        scale_out_cooldown=60,
                    )
                ),
                opts=scope.opts(self),
            )
        self.register_outputs({"table_name": self.table.name, "table_arn": self.table.arn})
