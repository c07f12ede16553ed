"""What every regional resource needs to know: environment, region, tags, provider.

One validated object instead of five loose arguments, so each component checks the
shared context the same way and builds names the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .validation import check_environment, check_output, check_provider, check_region, check_tags


@dataclass(frozen=True)
class RegionScope:
    """Validated context of one region of one environment."""

    environment: str
    region: str
    tags: dict[str, str]
    provider: aws.Provider
    account_id: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_region(self.region)
        object.__setattr__(self, "tags", check_tags(self.tags))
        check_provider(self.provider)
        check_output(self.account_id, "account_id")

    @property
    def prefix(self) -> str:
        """'<environment>-<region>': physical and logical names must differ per stack and region."""
        return f"{self.environment}-{self.region}"

    def name(self, suffix: str) -> str:
        """Name of a resource in this scope, used as both logical and physical name."""
        return f"{self.prefix}-{suffix}"

    def opts(
        self, parent: pulumi.Resource, depends_on: list[pulumi.Resource] | None = None
    ) -> pulumi.ResourceOptions:
        """Options for a resource of this scope: parented to its component, explicit provider.

        The provider is always passed explicitly rather than inherited, so a resource can
        never silently land in the default provider's region.
        """
        return pulumi.ResourceOptions(parent=parent, provider=self.provider, depends_on=depends_on)

    def with_tags(self, name: str) -> dict[str, str]:
        """Resource tags: the stack's tags plus a Name tag."""
        return {**self.tags, "Name": self.name(name)}
