"""WAFv2 web ACL for the distribution (scope CLOUDFRONT, hence us-east-1).

AWS managed rule groups block (override action `none`, never `count`) and a rate-based
rule caps each client IP. CloudFront attaches the ACL itself (`web_acl_id`); there is
no association resource for distributions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_instance, check_int

MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
)


@dataclass(frozen=True)
class EdgeFirewallArgs:
    scope: Scope
    #: Requests per client IP in any 5-minute window before the rate rule blocks it.
    rate_limit: int = 2000

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_int(self.rate_limit, "rate_limit", 100, 2_000_000_000)


def _visibility(metric: str) -> aws.wafv2.WebAclRuleVisibilityConfigArgs:
    return aws.wafv2.WebAclRuleVisibilityConfigArgs(
        cloudwatch_metrics_enabled=True, metric_name=metric, sampled_requests_enabled=True
    )


class EdgeFirewall(pulumi.ComponentResource):
    """The CLOUDFRONT-scope web ACL, created through the us-east-1 provider."""

    web_acl: aws.wafv2.WebAcl

    def __init__(
        self, name: str, args: EdgeFirewallArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", EdgeFirewallArgs)
        super().__init__("site:security:EdgeFirewall", name, None, opts)
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
                visibility_config=_visibility(scope.name(group)),
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
                        limit=args.rate_limit, aggregate_key_type="IP"
                    )
                ),
                visibility_config=_visibility(scope.name("rate-limit")),
            )
        )
        self.web_acl = aws.wafv2.WebAcl(
            scope.name("web-acl"),
            name=scope.name("web-acl"),
            description=f"{scope.environment}: managed rules and a per-IP rate limit",
            scope="CLOUDFRONT",
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
            opts=scope.opts(self, edge=True),
        )
        self.register_outputs({"web_acl_arn": self.web_acl.arn})
