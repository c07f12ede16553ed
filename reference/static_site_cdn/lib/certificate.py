"""Optional custom domain: an ACM certificate in us-east-1, validated through Route 53.

CloudFront only accepts certificates from us-east-1. The certificate exists only when a
domain and its hosted zone are configured; without them the distribution serves its
own `*.cloudfront.net` name with CloudFront's default certificate.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .scope import Scope
from .validation import check_domain, check_instance


@dataclass(frozen=True)
class SiteCertificateArgs:
    scope: Scope
    domain_name: str
    hosted_zone_id: str

    def __post_init__(self) -> None:
        check_instance(self.scope, "scope", Scope)
        check_domain(self.domain_name, "domain_name")
        check_instance(self.hosted_zone_id, "hosted_zone_id", str)
        if not self.hosted_zone_id.startswith("Z"):
            raise ValueError(f"hosted_zone_id {self.hosted_zone_id!r} is not a Route 53 zone id")


class SiteCertificate(pulumi.ComponentResource):
    """DNS-validated certificate for one domain; `arn` is usable once validation is done."""

    arn: pulumi.Output[str]

    def __init__(
        self, name: str, args: SiteCertificateArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        check_instance(args, "args", SiteCertificateArgs)
        super().__init__("site:edge:SiteCertificate", name, None, opts)
        scope = args.scope

        certificate = aws.acm.Certificate(
            scope.name("certificate"),
            domain_name=args.domain_name,
            validation_method="DNS",
            tags=scope.with_tags("certificate"),
            opts=scope.opts(self, edge=True),
        )
        option = certificate.domain_validation_options[0]
        record = aws.route53.Record(
            scope.name("certificate-validation-record"),
            zone_id=args.hosted_zone_id,
            name=option.resource_record_name,
            type=option.resource_record_type,
            records=[option.resource_record_value],
            ttl=300,
            allow_overwrite=True,
            opts=scope.opts(self),
        )
        validation = aws.acm.CertificateValidation(
            scope.name("certificate-validation"),
            certificate_arn=certificate.arn,
            validation_record_fqdns=[record.fqdn],
            opts=scope.opts(self, edge=True),
        )
        self.arn = validation.certificate_arn
        self.register_outputs({"certificate_arn": self.arn})
