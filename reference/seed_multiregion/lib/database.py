"""MySQL on RDS: Multi-AZ, encrypted with the regional key, protected from deletion.

The master password is generated and rotated by RDS in Secrets Manager
(`manage_master_user_password`), so no secret passes through this program or its
state. Deleting the stack cannot delete the data: deletion protection is on and a
final snapshot with an environment-prefixed name is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance, check_output, check_outputs

ENGINE_VERSION = "8.0"
INSTANCE_CLASS = "db.t3.medium"
FREE_STORAGE_ALARM_BYTES = 5 * 1024**3


@dataclass(frozen=True)
class DatabaseArgs:
    scope: RegionScope
    subnet_ids: list[pulumi.Input[str]]
    security_group_id: pulumi.Input[str]
    kms_key_arn: pulumi.Input[str]
    alarm_topic_arn: pulumi.Input[str]
    allocated_storage_gb: int = 20

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_outputs(self.subnet_ids, "subnet_ids", 2)
        check_output(self.security_group_id, "security_group_id")
        check_output(self.kms_key_arn, "kms_key_arn")
        check_output(self.alarm_topic_arn, "alarm_topic_arn")
        if isinstance(self.allocated_storage_gb, bool) or not isinstance(
            self.allocated_storage_gb, int
        ):
            raise TypeError("allocated_storage_gb must be an int")
        if not 20 <= self.allocated_storage_gb <= 1000:
            raise ValueError(
                f"allocated_storage_gb {self.allocated_storage_gb} must be between 20 and 1000"
            )


class Database(pulumi.ComponentResource):
    """Subnet group, parameter group, the RDS instance and its alarms."""

    instance: aws.rds.Instance

    def __init__(
        self, name: str, args: DatabaseArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", DatabaseArgs)
        super().__init__("seed:data:Database", name, None, opts)
        scope = args.scope

        subnet_group = aws.rds.SubnetGroup(
            scope.name("db-subnets"),
            name=scope.name("db-subnets"),
            subnet_ids=args.subnet_ids,
            tags=scope.with_tags("db-subnets"),
            opts=scope.opts(self),
        )
        parameters = aws.rds.ParameterGroup(
            scope.name("mysql-params"),
            name=scope.name("mysql-params"),
            family="mysql8.0",
            description="TLS required for every client connection",
            parameters=[
                aws.rds.ParameterGroupParameterArgs(name="require_secure_transport", value="ON")
            ],
            tags=scope.with_tags("mysql-params"),
            opts=scope.opts(self),
        )
        self.instance = aws.rds.Instance(
            scope.name("mysql"),
            identifier=scope.name("mysql"),
            engine="mysql",
            engine_version=ENGINE_VERSION,
            instance_class=INSTANCE_CLASS,
            allocated_storage=args.allocated_storage_gb,
            max_allocated_storage=args.allocated_storage_gb * 5,
            storage_type="gp3",
            storage_encrypted=True,
            kms_key_id=args.kms_key_arn,
            db_name="app",
            username="dbadmin",
            manage_master_user_password=True,
            iam_database_authentication_enabled=True,
            db_subnet_group_name=subnet_group.name,
            parameter_group_name=parameters.name,
            vpc_security_group_ids=[args.security_group_id],
            publicly_accessible=False,
            multi_az=True,
            backup_retention_period=7,
            copy_tags_to_snapshot=True,
            deletion_protection=True,
            skip_final_snapshot=False,
            final_snapshot_identifier=scope.name("mysql-final-snapshot"),
            auto_minor_version_upgrade=True,
            enabled_cloudwatch_logs_exports=["error", "slowquery"],
            tags=scope.with_tags("mysql"),
            opts=scope.opts(self),
        )

        dimensions = {"DBInstanceIdentifier": self.instance.identifier}
        aws.cloudwatch.MetricAlarm(
            scope.name("db-cpu-high"),
            name=scope.name("db-cpu-high"),
            alarm_description="Database CPU above 80% for 10 minutes",
            namespace="AWS/RDS",
            metric_name="CPUUtilization",
            dimensions=dimensions,
            statistic="Average",
            period=300,
            evaluation_periods=2,
            threshold=80,
            comparison_operator="GreaterThanThreshold",
            alarm_actions=[args.alarm_topic_arn],
            ok_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("db-cpu-high"),
            opts=scope.opts(self),
        )
        aws.cloudwatch.MetricAlarm(
            scope.name("db-storage-low"),
            name=scope.name("db-storage-low"),
            alarm_description="Database free storage below 5 GiB",
            namespace="AWS/RDS",
            metric_name="FreeStorageSpace",
            dimensions=dimensions,
            statistic="Minimum",
            period=300,
            evaluation_periods=1,
            threshold=FREE_STORAGE_ALARM_BYTES,
            comparison_operator="LessThanThreshold",
            alarm_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("db-storage-low"),
            opts=scope.opts(self),
        )
        self.register_outputs(
            {"endpoint": self.instance.endpoint, "secret": self.instance.master_user_secrets}
        )
