"""Application instances: IAM role, launch template, autoscaling group and its policy.

The instance role gets only what the app does: publish metrics to its own namespace
and write to its own log group, plus the SSM baseline so nobody needs SSH. Capacity
follows average CPU through target tracking, which AWS adjusts continuously, rather
than fixed step adjustments that have to be tuned by hand.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance, check_output, check_outputs

#: Latest Amazon Linux 2023, resolved by EC2 at launch so the template never goes stale.
AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
SSM_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
USER_DATA = """#!/bin/bash
dnf install -y httpd
echo "ok" > /var/www/html/index.html
systemctl enable --now httpd
"""


@dataclass(frozen=True)
class AppServersArgs:
    scope: RegionScope
    subnet_ids: list[pulumi.Input[str]]
    security_group_id: pulumi.Input[str]
    target_group_arn: pulumi.Input[str]
    kms_key_arn: pulumi.Input[str]
    instance_type: str = "t3.micro"
    min_size: int = 2
    max_size: int = 6
    cpu_target_percent: float = 50.0

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_outputs(self.subnet_ids, "subnet_ids", 2)
        check_output(self.security_group_id, "security_group_id")
        check_output(self.target_group_arn, "target_group_arn")
        check_output(self.kms_key_arn, "kms_key_arn")
        check_instance(self.instance_type, "instance_type", str)
        for field in ("min_size", "max_size"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{field} must be an int, got {type(value).__name__}")
        if not 1 <= self.min_size <= self.max_size:
            raise ValueError(f"need 1 <= min_size ({self.min_size}) <= max_size ({self.max_size})")
        if not isinstance(self.cpu_target_percent, (int, float)) or not (
            10 <= self.cpu_target_percent <= 90
        ):
            raise ValueError(f"cpu_target_percent {self.cpu_target_percent!r} must be 10-90")


class AppServers(pulumi.ComponentResource):
    """Instance role and profile, app log group, launch template, ASG, target tracking."""

    group: aws.autoscaling.Group

    def __init__(
        self, name: str, args: AppServersArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", AppServersArgs)
        super().__init__("seed:web:AppServers", name, None, opts)
        scope = args.scope

        log_group = aws.cloudwatch.LogGroup(
            scope.name("app-logs"),
            name=f"/{scope.environment}/{scope.region}/app",
            retention_in_days=90,
            kms_key_id=args.kms_key_arn,
            tags=scope.with_tags("app-logs"),
            opts=scope.opts(self),
        )
        profile = self._instance_profile(scope, log_group)

        template = aws.ec2.LaunchTemplate(
            scope.name("app-lt"),
            name=scope.name("app-lt"),
            image_id=AMI,
            instance_type=args.instance_type,
            iam_instance_profile=aws.ec2.LaunchTemplateIamInstanceProfileArgs(arn=profile.arn),
            vpc_security_group_ids=[args.security_group_id],
            metadata_options=aws.ec2.LaunchTemplateMetadataOptionsArgs(
                http_endpoint="enabled", http_tokens="required", http_put_response_hop_limit=1
            ),
            block_device_mappings=[
                aws.ec2.LaunchTemplateBlockDeviceMappingArgs(
                    device_name="/dev/xvda",
                    ebs=aws.ec2.LaunchTemplateBlockDeviceMappingEbsArgs(
                        volume_size=20,
                        volume_type="gp3",
                        encrypted="true",
                        delete_on_termination="true",
                    ),
                )
            ],
            monitoring=aws.ec2.LaunchTemplateMonitoringArgs(enabled=True),
            user_data=base64.b64encode(USER_DATA.encode()).decode(),
            update_default_version=True,
            tag_specifications=[
                aws.ec2.LaunchTemplateTagSpecificationArgs(
                    resource_type="instance", tags=scope.with_tags("app")
                )
            ],
            tags=scope.with_tags("app-lt"),
            opts=scope.opts(self),
        )
        self.group = aws.autoscaling.Group(
            scope.name("app-asg"),
            name=scope.name("app-asg"),
            min_size=args.min_size,
            max_size=args.max_size,
            desired_capacity=args.min_size,
            vpc_zone_identifiers=args.subnet_ids,
            target_group_arns=[args.target_group_arn],
            health_check_type="ELB",
            health_check_grace_period=300,
            launch_template=aws.autoscaling.GroupLaunchTemplateArgs(
                id=template.id, version=template.latest_version.apply(str)
            ),
            tags=[
                aws.autoscaling.GroupTagArgs(key=key, value=value, propagate_at_launch=True)
                for key, value in scope.with_tags("app").items()
            ],
            opts=scope.opts(self),
        )
        aws.autoscaling.Policy(
            scope.name("app-cpu-target"),
            name=scope.name("app-cpu-target"),
            autoscaling_group_name=self.group.name,
            policy_type="TargetTrackingScaling",
            estimated_instance_warmup=300,
            target_tracking_configuration=aws.autoscaling.PolicyTargetTrackingConfigurationArgs(
                predefined_metric_specification=(
                    aws.autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs(
                        predefined_metric_type="ASGAverageCPUUtilization"
                    )
                ),
                target_value=args.cpu_target_percent,
            ),
            opts=scope.opts(self),
        )
        self.register_outputs({"asg_name": self.group.name})

    def _instance_profile(
        self, scope: RegionScope, log_group: aws.cloudwatch.LogGroup
    ) -> aws.iam.InstanceProfile:
        """Role with a custom least-privilege policy and the SSM baseline, as a profile."""
        role = aws.iam.Role(
            scope.name("app-role"),
            name=scope.name("app-role"),
            assume_role_policy=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ec2.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            ),
            tags=scope.with_tags("app-role"),
            opts=scope.opts(self),
        )
        namespace = f"{scope.environment}/app"
        policy = aws.iam.Policy(
            scope.name("app-policy"),
            name=scope.name("app-policy"),
            description="App instances: metrics to their namespace, logs to their log group",
            policy=log_group.arn.apply(
                lambda arn: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Sid": "PublishAppMetrics",
                                "Effect": "Allow",
                                "Action": "cloudwatch:PutMetricData",
                                "Resource": "*",
                                "Condition": {"StringEquals": {"cloudwatch:namespace": namespace}},
                            },
                            {
                                "Sid": "WriteAppLogs",
                                "Effect": "Allow",
                                "Action": [
                                    "logs:CreateLogStream",
                                    "logs:PutLogEvents",
                                    "logs:DescribeLogStreams",
                                ],
                                "Resource": [arn, f"{arn}:*"],
                            },
                        ],
                    }
                )
            ),
            tags=scope.with_tags("app-policy"),
            opts=scope.opts(self),
        )
        aws.iam.RolePolicyAttachment(
            scope.name("app-policy-attachment"),
            role=role.name,
            policy_arn=policy.arn,
            opts=scope.opts(self),
        )
        aws.iam.RolePolicyAttachment(
            scope.name("app-ssm-core"),
            role=role.name,
            policy_arn=SSM_CORE,
            opts=scope.opts(self),
        )
        return aws.iam.InstanceProfile(
            scope.name("app-profile"),
            name=scope.name("app-profile"),
            role=role.name,
            opts=scope.opts(self),
        )
