"""Pulumi mocks that answer like a small, consistent AWS account.

`AwsMocks` plugs into `pulumi.runtime.set_mocks`. It keeps only what the engine would
know across calls: which region each explicit provider targets (providers are themselves
registered as resources, and later calls name them as `"<urn>::<id>"`), the provider's
default tags, and the resources registered so far, so that lookups can agree with them.
Everything else is delegated to the pure functions in `resources` and `invokes`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi.runtime import MockCallArgs, MockResourceArgs, Mocks

from harness.mocks.account import Account
from harness.mocks.invokes import answer_invoke
from harness.mocks.policy_document import PolicyDocumentError
from harness.mocks.request import KnownResource, ProviderError
from harness.mocks.resources import resource_state

__all__ = [
    "Account",
    "AwsMocks",
    "InvokeRecord",
    "PolicyDocumentError",
    "ProviderError",
    "answer_invoke",
    "resource_state",
]


@dataclass(frozen=True)
class InvokeRecord:
    """One provider function call: what was asked, what was answered, through which
    provider (`None` for the default provider), in which region."""

    token: str
    args: dict[str, Any]
    result: dict[str, Any]
    answered: bool
    provider: str | None
    region: str
    error: str | None = None


@dataclass(frozen=True)
class ProviderConfig:
    region: str | None
    default_tags: dict[str, str] = field(default_factory=dict)


def _provider_id(reference: str | None) -> str | None:
    """`"<urn>::<id>"` -> `<id>`; empty for the default provider."""
    if not reference:
        return None
    return reference.rsplit("::", 1)[-1]


def _default_tags(value: Any) -> dict[str, str]:
    """Provider inputs arrive JSON-encoded when they are not strings."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return {}
    tags = value.get("tags") if isinstance(value, dict) else None
    return {str(k): str(v) for k, v in tags.items()} if isinstance(tags, dict) else {}


class AwsMocks(Mocks):
    """Mocks for `pulumi_aws` (and `pulumi_random`, `pulumi_tls`) programs.

    The default region, used for resources and calls through the default provider, is
    the `aws:region` config value when the program's config sets one, else
    `default_region`, else the account's default region.
    """

    def __init__(self, account: Account | None = None, default_region: str | None = None):
        self.account = account or Account()
        self.default_region = default_region or self.account.default_region
        self.invokes: list[InvokeRecord] = []
        self._providers: dict[str, ProviderConfig] = {}
        self._known: list[KnownResource] = []

    def _configured_region(self) -> str:
        configured = pulumi.runtime.get_config("aws:region")
        return configured if isinstance(configured, str) and configured else self.default_region

    def _provider(self, reference: str | None) -> ProviderConfig:
        provider_id = _provider_id(reference)
        if provider_id is not None and provider_id in self._providers:
            return self._providers[provider_id]
        return ProviderConfig(None)

    def region_of(self, provider: str | None, explicit: Any = None) -> str:
        """The region a call or resource targets: its own `region` argument, else its
        provider's region, else the default region."""
        if isinstance(explicit, str) and explicit:
            return explicit
        return self._provider(provider).region or self._configured_region()

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        inputs = dict(args.inputs)
        if args.custom is False and not args.typ.startswith("pulumi:providers:"):
            return "", inputs
        if args.typ.startswith("pulumi:providers:"):
            id_, state = resource_state(
                args.typ, args.name, inputs, region="", account=self.account
            )
            if args.typ == "pulumi:providers:aws":
                region = inputs.get("region")
                self._providers[id_] = ProviderConfig(
                    region if isinstance(region, str) and region else None,
                    _default_tags(inputs.get("defaultTags")),
                )
            return id_, state
        provider = self._provider(args.provider)
        region = self.region_of(args.provider, inputs.get("region"))
        id_, state = resource_state(
            args.typ,
            args.name,
            inputs,
            region=region,
            account=self.account,
            default_tags=provider.default_tags,
            resource_id=args.resource_id or None,
        )
        self._known.append(KnownResource(args.typ, id_, state, region))
        return id_, state

    def call(self, args: MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]]]:
        call_args = dict(args.args)
        provider = args.provider or None
        region = self.region_of(provider, call_args.get("region"))
        try:
            result, answered = answer_invoke(
                args.token,
                call_args,
                region=region,
                account=self.account,
                known=tuple(self._known),
                default_tags=self._provider(provider).default_tags,
            )
        except ProviderError as exc:
            self.invokes.append(
                InvokeRecord(args.token, call_args, {}, True, provider, region, str(exc))
            )
            raise
        self.invokes.append(InvokeRecord(args.token, call_args, result, answered, provider, region))
        return result, []
