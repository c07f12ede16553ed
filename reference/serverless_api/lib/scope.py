"""What every resource of the stack needs: environment, region, tags, provider, account.

One validated object instead of five loose arguments, so every component builds names
and resource options the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .validation import check_environment, check_instance, check_output, check_region, check_tags


@dataclass(frozen=True)
class Scope:
    """Validated context of one environment of the API."""

    environment: str
    region: str
    tags: dict[str, str]
    provider: aws.Provider
    account_id: pulumi.Input[str]

    def __post_init__(self) -> None:
        check_environment(self.environment)
        check_region(self.region)
        object.__setattr__(self, "tags", check_tags(self.tags))
        check_instance(self.provider, "provider", aws.Provider)
        check_output(self.account_id, "account_id")

    def name(self, suffix: str) -> str:
        """'<environment>-<suffix>': the logical and the physical name of a resource."""
        return f"{self.environment}-{suffix}"

    def opts(
        self, parent: pulumi.Resource, depends_on: Sequence[pulumi.Resource] = ()
    ) -> pulumi.ResourceOptions:
        """Parented to its component, with the stack's provider passed explicitly."""
        return pulumi.ResourceOptions(
            parent=parent, provider=self.provider, depends_on=list(depends_on)
        )

    def with_tags(self, name: str) -> dict[str, str]:
        """The stack's tags plus a Name tag."""
        return {**self.tags, "Name": self.name(name)}
