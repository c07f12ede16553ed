"""What every resource of the site needs: environment, names, tags and both providers.

CloudFront's companions (the CLOUDFRONT-scope web ACL, its certificate, its metrics and
their alarms) exist only in us-east-1, whatever region holds the buckets; the scope
carries both providers so each resource states which one it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .validation import (
    check_environment,
    check_instance,
    check_output,
    check_region,
    check_site_name,
    check_tags,
)

EDGE_REGION = "us-east-1"


@dataclass(frozen=True)
class Scope:
    """Validated context of one environment of the site."""

    environment: str
    site_name: str
    region: str
    tags: dict[str, str]
    #: Provider of the origin's region (buckets, key, IAM).
    provider: aws.Provider
    #: Provider of us-east-1, where CloudFront's WAF, certificates and metrics live.
    edge_provider: aws.Provider
    account_id: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_site_name(self.site_name)
        check_region(self.region)
        object.__setattr__(self, "tags", check_tags(self.tags))
        check_instance(self.provider, "provider", aws.Provider)
        check_instance(self.edge_provider, "edge_provider", aws.Provider)
        check_output(self.account_id, "account_id")

    def name(self, suffix: str) -> str:
        """'<environment>-<site>-<suffix>': the logical and the physical name of a resource."""
        return f"{self.environment}-{self.site_name}-{suffix}"

    def opts(self, parent: pulumi.Resource, *, edge: bool = False) -> pulumi.ResourceOptions:
        """Parented to its component, with the origin's or the edge's provider, explicitly."""
        return pulumi.ResourceOptions(
            parent=parent, provider=self.edge_provider if edge else self.provider
        )

    def with_tags(self, name: str) -> dict[str, str]:
        """The stack's tags plus a Name tag."""
        return {**self.tags, "Name": self.name(name)}
