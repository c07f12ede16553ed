"""CloudFront in front of the private bucket, and an alarm on its error rate.

Origin access control signs every origin request (SigV4), so the bucket policy can
admit this one distribution and nobody else; the legacy origin access identity cannot
read SSE-KMS objects. Viewers are redirected to HTTPS and get AWS's managed security
headers; the web ACL and standard logging are attached here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_domain, check_instance, check_output

#: AWS managed policies: "CachingOptimized" and "SecurityHeadersPolicy".
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
SECURITY_HEADERS = "67f7725c-6f97-4210-82d7-5512b31e9d03"
PRICE_CLASSES = ("PriceClass_100", "PriceClass_200", "PriceClass_All")
ORIGIN_ID = "content-bucket"


@dataclass(frozen=True)
class SiteDistributionArgs:
    scope: Scope
    bucket_regional_domain_name: pulumi.Input[str]
    logs_bucket_domain_name: pulumi.Input[str]
    web_acl_arn: pulumi.Input[str]
    alarm_topic_arn: pulumi.Input[str]
    price_class: str = "PriceClass_100"
    #: Percentage of 5xx responses over 5 minutes that raises the alarm.
    error_rate_threshold: float = 5.0
    domain_name: str | None = None
    certificate_arn: pulumi.Input[str] | None = None

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_output(self.bucket_regional_domain_name, "bucket_regional_domain_name")
        check_output(self.logs_bucket_domain_name, "logs_bucket_domain_name")
        check_output(self.web_acl_arn, "web_acl_arn")
        check_output(self.alarm_topic_arn, "alarm_topic_arn")
        if self.price_class not in PRICE_CLASSES:
            raise ValueError(f"price_class {self.price_class!r} must be one of {PRICE_CLASSES}")
        threshold = self.error_rate_threshold
        if isinstance(threshold, bool) or not isinstance(threshold, int | float):
            raise TypeError(f"error_rate_threshold must be a number, got {threshold!r}")
        if not 0 < threshold <= 100:
            raise ValueError("error_rate_threshold must be a percentage in (0, 100]")
        if (self.domain_name is None) != (self.certificate_arn is None):
            raise ValueError("domain_name and certificate_arn must be given together")
        if self.domain_name is not None:
            check_domain(self.domain_name, "domain_name")
            check_output(self.certificate_arn, "certificate_arn")


class SiteDistribution(pulumi.ComponentResource):
    """Origin access control, the distribution and its 5xx error-rate alarm."""

    distribution: aws.cloudfront.Distribution

    def __init__(
        self, name: str, args: SiteDistributionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", SiteDistributionArgs)
        super().__init__("site:edge:SiteDistribution", name, None, opts)
        scope = args.scope

        access_control = aws.cloudfront.OriginAccessControl(
            scope.name("origin-access"),
            name=scope.name("origin-access"),
            description="Signed requests from the site's distribution to its bucket",
            origin_access_control_origin_type="s3",
            signing_behavior="always",
            signing_protocol="sigv4",
            opts=scope.opts(self),
        )
        if args.domain_name is None:
            certificate = aws.cloudfront.DistributionViewerCertificateArgs(
                cloudfront_default_certificate=True
            )
        else:
            certificate = aws.cloudfront.DistributionViewerCertificateArgs(
                acm_certificate_arn=args.certificate_arn,
                ssl_support_method="sni-only",
                minimum_protocol_version="TLSv1.2_2021",
            )
        self.distribution = aws.cloudfront.Distribution(
            scope.name("distribution"),
            comment=f"{scope.environment}: {scope.site_name}",
            enabled=True,
            is_ipv6_enabled=True,
            http_version="http2and3",
            price_class=args.price_class,
            default_root_object="index.html",
            aliases=[args.domain_name] if args.domain_name else None,
            origins=[aws.cloudfront.DistributionOriginArgs(
                origin_id=ORIGIN_ID,
                domain_name=args.bucket_regional_domain_name,
                origin_access_control_id=access_control.id,
            )],
            default_cache_behavior=aws.cloudfront.DistributionDefaultCacheBehaviorArgs(
                target_origin_id=ORIGIN_ID,
                viewer_protocol_policy="redirect-to-https",
                allowed_methods=["GET", "HEAD", "OPTIONS"],
                cached_methods=["GET", "HEAD"],
                compress=True,
                cache_policy_id=CACHING_OPTIMIZED,
                response_headers_policy_id=SECURITY_HEADERS,
            ),
            restrictions=aws.cloudfront.DistributionRestrictionsArgs(
                geo_restriction=aws.cloudfront.DistributionRestrictionsGeoRestrictionArgs(
                    restriction_type="none"
                )
            ),
            viewer_certificate=certificate,
            logging_config=aws.cloudfront.DistributionLoggingConfigArgs(
                bucket=args.logs_bucket_domain_name, prefix="cloudfront/", include_cookies=False
            ),
            web_acl_id=args.web_acl_arn,
            tags=scope.with_tags("distribution"),
            opts=scope.opts(self),
        )
        # CloudFront publishes its metrics in us-east-1 only, so the alarm lives there.
        aws.cloudwatch.MetricAlarm(
            scope.name("5xx-error-rate"),
            name=scope.name("5xx-error-rate"),
            alarm_description=f"{scope.name('distribution')}: 5xx responses above "
                              f"{args.error_rate_threshold}% for 10 minutes",
            namespace="AWS/CloudFront",
            metric_name="5xxErrorRate",
            dimensions={"DistributionId": self.distribution.id, "Region": "Global"},
            statistic="Average",
            period=300,
            evaluation_periods=2,
            threshold=args.error_rate_threshold,
            comparison_operator="GreaterThanThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[args.alarm_topic_arn],
            ok_actions=[args.alarm_topic_arn],
            tags=scope.with_tags("5xx-error-rate"),
            opts=scope.opts(self, edge=True),
        )
        self.register_outputs({
            "domain_name": self.distribution.domain_name,
            "distribution_arn": self.distribution.arn,
        })
