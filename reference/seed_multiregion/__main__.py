"""Multi-region web application: the same regional stack in a primary and a secondary region.

Every setting has a default, so `pulumi up` works on a fresh stack; the environment
name prefixes every logical and physical name, so stacks for different environments
can live in one account.
"""

from __future__ import annotations

import os

import pulumi
from lib import RegionalStack, RegionalStackArgs

config = pulumi.Config()


def first_set(*values: str | None, default: str) -> str:
    """The first value that was set at all; an empty string is kept and rejected later."""
    return next((value for value in values if value is not None), default)


environment = first_set(
    config.get("environment"),
    os.environ.get("ENVIRONMENT_SUFFIX"),
    config.get("environment_suffix"),
    default="dev",
)
primary_region = config.get("primaryRegion", "ap-south-1")
secondary_region = config.get("secondaryRegion", "eu-west-1")
if primary_region == secondary_region:
    raise ValueError(f"primaryRegion and secondaryRegion are both {primary_region!r}")

tags = {
    "Environment": environment,
    "Project": pulumi.get_project(),
    "ManagedBy": "pulumi",
}

regions = {
    "primary": (primary_region, "10.0.0.0/16"),
    "secondary": (secondary_region, "10.1.0.0/16"),
}
for role, (region, vpc_cidr) in regions.items():
    stack = RegionalStack(
        f"{environment}-{role}",
        RegionalStackArgs(
            environment=environment,
            region=region,
            vpc_cidr=vpc_cidr,
            tags={**tags, "RegionRole": role},
            is_primary=role == "primary",
            # ACM certificates are regional, hence one optional setting per region.
            certificate_arn=config.get(f"{role}CertificateArn"),
        ),
    )
    pulumi.export(f"{role}_region", region)
    pulumi.export(f"{role}_vpc_id", stack.vpc_id)
    pulumi.export(f"{role}_alb_dns_name", stack.alb_dns_name)
    pulumi.export(f"{role}_db_endpoint", stack.db_endpoint)
    pulumi.export(f"{role}_web_acl_arn", stack.web_acl_arn)
