"""The whole static site of one environment, with both of its AWS providers.

Both providers (the origin's region and us-east-1 for CloudFront's companions) are
children of this component and are passed explicitly to every resource below it, so
the site is one subtree and nothing lands in the default provider's region.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .access import ContentAccess, ContentAccessArgs
from .certificate import SiteCertificate, SiteCertificateArgs
from .distribution import PRICE_CLASSES, SiteDistribution, SiteDistributionArgs
from .firewall import EdgeFirewall, EdgeFirewallArgs
from .scope import EDGE_REGION, Scope
from .storage import SiteStorage, SiteStorageArgs
from .validation import (
    check_domain,
    check_environment,
    check_instance,
    check_int,
    check_region,
    check_site_name,
    check_tags,
)


@dataclass(frozen=True)
class StaticSiteArgs:
    environment: str
    site_name: str
    region: str
    tags: dict[str, str]
    price_class: str = "PriceClass_100"
    log_retention_days: int = 90
    rate_limit: int = 2000
    #: Custom domain: both or neither; without them CloudFront's own name is used.
    domain_name: str | None = None
    hosted_zone_id: str | None = None

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_site_name(self.site_name)
        check_region(self.region)
        object.__setattr__(self, "tags", check_tags(self.tags))
        if self.price_class not in PRICE_CLASSES:
            raise ValueError(f"price_class {self.price_class!r} must be one of {PRICE_CLASSES}")
        check_int(self.log_retention_days, "log_retention_days", 1, 3650)
        check_int(self.rate_limit, "rate_limit", 100, 2_000_000_000)
        if (self.domain_name is None) != (self.hosted_zone_id is None):
            raise ValueError("domain_name and hosted_zone_id must be set together")
        if self.domain_name is not None:
            check_domain(self.domain_name, "domain_name")


class StaticSite(pulumi.ComponentResource):
    """Buckets, WAF, optional certificate, distribution, content access and alerts."""

    def __init__(
        self, name: str, args: StaticSiteArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", StaticSiteArgs)
        super().__init__("site:app:StaticSite", name, None, opts)
        prefix = f"{args.environment}-{args.site_name}"
        default_tags = aws.ProviderDefaultTagsArgs(tags=args.tags)
        provider = aws.Provider(
            f"{prefix}-aws", region=args.region, default_tags=default_tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        edge_provider = aws.Provider(
            f"{prefix}-aws-edge", region=EDGE_REGION, default_tags=default_tags,
            opts=pulumi.ResourceOptions(parent=self),
        )
        identity = aws.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(parent=self, provider=provider)
        )
        scope = Scope(args.environment, args.site_name, args.region, args.tags, provider,
                      edge_provider, identity.account_id)
        child = pulumi.ResourceOptions(parent=self)

        storage = SiteStorage(
            scope.name("storage"), SiteStorageArgs(scope, args.log_retention_days), child
        )
        firewall = EdgeFirewall(
            scope.name("firewall"), EdgeFirewallArgs(scope, args.rate_limit), child
        )
        certificate_arn: pulumi.Output[str] | None = None
        if args.domain_name is not None and args.hosted_zone_id is not None:
            certificate_arn = SiteCertificate(
                scope.name("certificate"),
                SiteCertificateArgs(scope, args.domain_name, args.hosted_zone_id),
                child,
            ).arn
        # Alarm notifications carry no site data; CloudWatch cannot publish to a topic
        # under the AWS-managed SNS key, so this topic stays unencrypted.
        alerts = aws.sns.Topic(
            scope.name("alerts"),
            name=scope.name("alerts"),
            tags=scope.with_tags("alerts"),
            opts=scope.opts(self, edge=True),
        )
        cdn = SiteDistribution(
            scope.name("cdn"),
            SiteDistributionArgs(
                scope,
                bucket_regional_domain_name=storage.content.bucket_regional_domain_name,
                logs_bucket_domain_name=storage.logs.bucket_domain_name,
                web_acl_arn=firewall.web_acl.arn,
                alarm_topic_arn=alerts.arn,
                price_class=args.price_class,
                domain_name=args.domain_name if certificate_arn is not None else None,
                certificate_arn=certificate_arn,
            ),
            child,
        )
        access = ContentAccess(
            scope.name("access"),
            ContentAccessArgs(
                scope,
                bucket_id=storage.content.id,
                bucket_arn=storage.content.arn,
                distribution_arn=cdn.distribution.arn,
            ),
            child,
        )

        self.url = cdn.distribution.domain_name.apply(lambda name: f"https://{name}")
        self.content_bucket = storage.content.id
        self.distribution_id = cdn.distribution.id
        self.deployer_policy_arn = access.deployer_policy.arn
        self.alarm_topic_arn = alerts.arn
        self.register_outputs({
            "url": self.url,
            "content_bucket": self.content_bucket,
            "distribution_id": self.distribution_id,
            "deployer_policy_arn": self.deployer_policy_arn,
            "alarm_topic_arn": self.alarm_topic_arn,
        })
