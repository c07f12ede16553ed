"""Internet-facing application load balancer, its target group, listener and alarms.

HTTPS is served when a certificate ARN is configured (HTTP then redirects to it);
without one the listener forwards plain HTTP, which is what a fresh stack without a
domain can offer. The WAF is attached by `WebFirewall`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance, check_output, check_outputs

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
NAME_LIMIT = 32


@dataclass(frozen=True)
class LoadBalancerArgs:
    scope: RegionScope
    vpc_id: pulumi.Input[str]
    subnet_ids: list[pulumi.Input[str]]
    security_group_id: pulumi.Input[str]
    alarm_topic_arn: pulumi.Input[str]
    certificate_arn: str | None = None

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_output(self.vpc_id, "vpc_id")
        check_outputs(self.subnet_ids, "subnet_ids", 2)
        check_output(self.security_group_id, "security_group_id")
        check_output(self.alarm_topic_arn, "alarm_topic_arn")
        if self.certificate_arn is not None and not (
            isinstance(self.certificate_arn, str)
            and self.certificate_arn.startswith("arn:aws:acm:")
        ):
            raise ValueError(f"certificate_arn {self.certificate_arn!r} is not an ACM ARN")
        longest = self.scope.name("alb-tg")
        if len(longest) > NAME_LIMIT:
            raise ValueError(
                f"names like {longest!r} exceed the {NAME_LIMIT}-character limit of load "
                "balancers and target groups: shorten the environment name"
            )


class LoadBalancer(pulumi.ComponentResource):
    """ALB in the public subnets forwarding to one target group of app instances."""

    alb: aws.lb.LoadBalancer
    target_group: aws.lb.TargetGroup

    def __init__(
        self, name: str, args: LoadBalancerArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", LoadBalancerArgs)
        super().__init__("seed:web:LoadBalancer", name, None, opts)
        scope = args.scope

        self.alb = aws.lb.LoadBalancer(
            scope.name("alb"),
            name=scope.name("alb"),
            internal=False,
            load_balancer_type="application",
            security_groups=[args.security_group_id],
            subnets=args.subnet_ids,
            drop_invalid_header_fields=True,
            tags=scope.with_tags("alb"),
            opts=scope.opts(self),
        )
        self.target_group = aws.lb.TargetGroup(
            scope.name("alb-tg"),
            name=scope.name("alb-tg"),
            port=80,
            protocol="HTTP",
            target_type="instance",
            vpc_id=args.vpc_id,
            deregistration_delay=30,
            health_check=aws.lb.TargetGroupHealthCheckArgs(
                path="/", matcher="200", interval=30, healthy_threshold=2, unhealthy_threshold=3
            ),
            tags=scope.with_tags("alb-tg"),
            opts=scope.opts(self),
        )
        forward = [
            aws.lb.ListenerDefaultActionArgs(type="forward", target_group_arn=self.target_group.arn)
        ]
        if args.certificate_arn is None:
            http_action = forward
        else:
            aws.lb.Listener(
                scope.name("https"),
                load_balancer_arn=self.alb.arn,
                port=443,
                protocol="HTTPS",
                ssl_policy=TLS_POLICY,
                certificate_arn=args.certificate_arn,
                default_actions=forward,
                opts=scope.opts(self),
            )
            http_action = [
                aws.lb.ListenerDefaultActionArgs(
                    type="redirect",
                    redirect=aws.lb.ListenerDefaultActionRedirectArgs(
                        port="443", protocol="HTTPS", status_code="HTTP_301"
                    ),
                )
            ]
        aws.lb.Listener(
            scope.name("http"),
            load_balancer_arn=self.alb.arn,
            port=80,
            protocol="HTTP",
            default_actions=http_action,
            opts=scope.opts(self),
        )

        aws.cloudwatch.MetricAlarm(
            scope.name("alb-5xx"),
            name=scope.name("alb-5xx"),
            alarm_description="Load balancer returned more than 10 5xx responses in 5 minutes",
            namespace="AWS/ApplicationELB",
            metric_name="HTTPCode_ELB_5XX_Count",
            dimensions={"LoadBalancer": self.alb.arn_suffix},
            statistic="Sum",
            period=300,
            evaluation_periods=1,
            threshold=10,
            comparison_operator="GreaterThanThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("alb-5xx"),
            opts=scope.opts(self),
        )
        aws.cloudwatch.MetricAlarm(
            scope.name("alb-unhealthy-hosts"),
            name=scope.name("alb-unhealthy-hosts"),
            alarm_description="At least one target failed health checks for 5 minutes",
            namespace="AWS/ApplicationELB",
            metric_name="UnHealthyHostCount",
            dimensions={
                "LoadBalancer": self.alb.arn_suffix,
                "TargetGroup": self.target_group.arn_suffix,
            },
            statistic="Maximum",
            period=60,
            evaluation_periods=5,
            threshold=0,
            comparison_operator="GreaterThanThreshold",
            alarm_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("alb-unhealthy-hosts"),
            opts=scope.opts(self),
        )
        self.register_outputs({"dns_name": self.alb.dns_name})
