"""Static website: private S3 origin behind CloudFront, for one environment.

Every setting has a default, so `pulumi up` works on a fresh stack; the environment
name prefixes every physical name, so several environments can share one account. The
custom domain is optional: set `domainName` and `hostedZoneId` together.
"""

from __future__ import annotations

import os

import pulumi

from lib import StaticSite, StaticSiteArgs

config = pulumi.Config()


def first_set(*values: str | None, default: str) -> str:
    """The first value that was set at all; an empty string is kept and rejected later."""
    return next((value for value in values if value is not None), default)


environment = first_set(
    config.get("environment"), os.environ.get("ENVIRONMENT_SUFFIX"), default="dev"
)
site = StaticSite(
    f"{environment}-static-site",
    StaticSiteArgs(
        environment=environment,
        site_name=config.get("siteName", "site"),
        region=config.get("region", "us-west-2"),
        tags={"Environment": environment, "Project": pulumi.get_project(), "ManagedBy": "pulumi"},
        price_class=config.get("priceClass", "PriceClass_100"),
        log_retention_days=config.get_int("logRetentionDays", 90),
        rate_limit=config.get_int("rateLimitPer5Min", 2000),
        domain_name=config.get("domainName"),
        hosted_zone_id=config.get("hostedZoneId"),
    ),
)

pulumi.export("url", site.url)
pulumi.export("content_bucket", site.content_bucket)
pulumi.export("distribution_id", site.distribution_id)
pulumi.export("deployer_policy_arn", site.deployer_policy_arn)
pulumi.export("alarm_topic_arn", site.alarm_topic_arn)
