"""WAFv2 web ACL in front of the load balancer.

AWS managed rule groups block (override action `none`, never `count`), and a
rate-based rule caps requests per client IP; together they cover common exploits,
known bad inputs, SQL injection against the MySQL-backed app and simple floods.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import RegionScope
from .validation import check_instance, check_output

MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
)
#: Requests per client IP in any 5-minute window before the rate rule blocks it.
RATE_LIMIT = 2000


@dataclass(frozen=True)
class WebFirewallArgs:
    scope: RegionScope
    #: ARN of the regional resource to protect (the application load balancer).
    resource_arn: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", RegionScope)
        check_output(self.resource_arn, "resource_arn")


def _visibility(metric: str) -> aws.wafv2.WebAclRuleVisibilityConfigArgs:
    return aws.wafv2.WebAclRuleVisibilityConfigArgs(
        cloudwatch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=True
    )


class WebFirewall(pulumi.ComponentResource):
    """A regional web ACL and its association with the protected resource."""

    web_acl: aws.wafv2.WebAcl

    def __init__(
        self, name: str, args: WebFirewallArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", WebFirewallArgs)
        super().__init__("seed:security:WebFirewall", name, None, opts)
        scope = args.scope

        rules = [
            aws.wafv2.WebAclRuleArgs(
                name=group,
                priority=priority,
                override_action=aws.wafv2.WebAclRuleOverrideActionArgs(
                    none=aws.wafv2.WebAclRuleOverrideActionNoneArgs()  # type: ignore[no-untyped-call]
                ),
                statement=aws.wafv2.WebAclRuleStatementArgs(
                    managed_rule_group_statement=(
                        aws.wafv2.WebAclRuleStatementManagedRuleGroupStatementArgs(
                            name=group, vendor_name="AWS"
                        )
                    )
                ),
                visibility_config=_visibility(f"{scope.prefix}-{group}"),
            )
            for priority, group in enumerate(MANAGED_RULE_GROUPS, start=1)
        ]
        rules.append(
            aws.wafv2.WebAclRuleArgs(
                name="RateLimitPerIp",
                priority=100,
                action=aws.wafv2.WebAclRuleActionArgs(block=aws.wafv2.WebAclRuleActionBlockArgs()),
                statement=aws.wafv2.WebAclRuleStatementArgs(
                    rate_based_statement=aws.wafv2.WebAclRuleStatementRateBasedStatementArgs(
                        limit=RATE_LIMIT, aggregate_key_type="IP"
                    )
                ),
                visibility_config=_visibility(f"{scope.prefix}-rate-limit"),
            )
        )
        self.web_acl = aws.wafv2.WebAcl(
            scope.name("web-acl"),
            name=scope.name("web-acl"),
            description=f"{scope.prefix}: managed rules and per-IP rate limit",
            scope="REGIONAL",
            default_action=aws.wafv2.WebAclDefaultActionArgs(
                allow=aws.wafv2.WebAclDefaultActionAllowArgs()
            ),
            rules=rules,
            visibility_config=aws.wafv2.WebAclVisibilityConfigArgs(
                cloudwatch_metrics_enabled=True,
                metric_name=scope.name("web-acl"),
                sampled_requests_enabled=True,
            ),
            tags=scope.with_tags("web-acl"),
            opts=scope.opts(self),
        )
        aws.wafv2.WebAclAssociation(
            scope.name("web-acl-association"),
            resource_arn=args.resource_arn,
            web_acl_arn=self.web_acl.arn,
            opts=scope.opts(self),
        )
        self.register_outputs({"web_acl_arn": self.web_acl.arn})
