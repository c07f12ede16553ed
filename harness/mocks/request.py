"""One resource registration as the per-service output builders see it.

A builder (`harness/mocks/outputs/`) receives a `ResourceRequest` and returns the id and
the outputs a provider would compute. The request already carries the physical name
(given or autonamed), so every builder agrees with the ARN and id rules on what the
resource is called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from harness.mocks.account import Account, stable_hex, stable_upper, stable_uuid
from harness.mocks.arns import ArnParts, resource_arn

Outputs = dict[str, Any]


class ProviderError(Exception):
    """The error a provider returns for a call it refuses; the program sees it raised."""


@dataclass(frozen=True)
class ResourceRequest:
    type_: str
    name: str
    inputs: Mapping[str, Any]
    region: str
    account: Account
    physical_name: str = ""
    given_id: str | None = None

    def text(self, key: str, default: str = "") -> str:
        """A string input, or `default` when it is absent or not a string (unknown)."""
        value = self.inputs.get(key)
        return value if isinstance(value, str) and value else default

    def number(self, key: str, default: int) -> int:
        value = self.inputs.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return default
        return int(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.inputs.get(key)
        return value if isinstance(value, bool) else default

    def items(self, key: str) -> list[Any]:
        value = self.inputs.get(key)
        return list(value) if isinstance(value, list) else []

    def hex(self, *salt: str, length: int = 17) -> str:
        return stable_hex(self.type_, self.name, *salt, length=length)

    def upper(self, *salt: str, length: int = 13) -> str:
        return stable_upper(self.type_, self.name, *salt, length=length)

    def uuid(self, *salt: str) -> str:
        return stable_uuid(self.type_, self.name, *salt)

    def lower_alnum(self, length: int, *salt: str) -> str:
        """API Gateway style ids: lowercase letters and digits."""
        return self.upper(*salt, length=length).lower()

    def ec2_id(self, prefix: str) -> str:
        return self.given_id or f"{prefix}-{self.hex()}"

    def arn(self, id_: str, name: str | None = None) -> str:
        parts = ArnParts(
            self.type_,
            self.physical_name if name is None else name,
            id_,
            self.region,
            self.account,
            self.inputs,
            self.name,
        )
        return resource_arn(parts)

    @property
    def dns(self) -> str:
        return self.account.dns_suffix


Builder = Callable[[ResourceRequest], tuple[str, Outputs]]


@dataclass(frozen=True)
class KnownResource:
    """A resource the program already registered, so lookups can find it by id or name."""

    type_: str
    id: str
    state: Mapping[str, Any]
    region: str


@dataclass(frozen=True)
class InvokeRequest:
    """One provider function call as the answering functions see it."""

    token: str
    args: Mapping[str, Any]
    region: str
    account: Account
    known: tuple[KnownResource, ...] = ()
    default_tags: Mapping[str, str] | None = None

    def text(self, key: str, default: str = "") -> str:
        value = self.args.get(key)
        return value if isinstance(value, str) and value else default

    def items(self, key: str) -> list[Any]:
        value = self.args.get(key)
        return list(value) if isinstance(value, list) else []

    def filters(self) -> dict[str, list[str]]:
        """`filters=[{"name": ..., "values": [...]}]` as a name -> values map."""
        out: dict[str, list[str]] = {}
        for entry in self.items("filters"):
            if isinstance(entry, Mapping) and isinstance(entry.get("name"), str):
                out.setdefault(entry["name"], []).extend(str(v) for v in entry.get("values") or [])
        return out

    def known_of(self, type_: str, any_region: bool = False) -> list[KnownResource]:
        """Registered resources of `type_`, in this call's region unless `any_region`."""
        return [
            k for k in self.known if k.type_ == type_ and (any_region or k.region == self.region)
        ]

    def find_known(self, type_: str, key: str, value: str) -> KnownResource | None:
        """The registered resource of `type_` whose id or `key` output equals `value`.

        IAM is global, so IAM resources are found whatever region they were created in.
        """
        if not value:
            return None
        for known in self.known_of(type_, any_region=type_.startswith("aws:iam/")):
            if known.state.get(key) == value or known.id == value:
                return known
        return None

    def hex(self, *salt: str, length: int = 17) -> str:
        return stable_hex(self.token, *salt, length=length)


Answer = tuple[dict[str, Any], bool]
Handler = Callable[[InvokeRequest], Answer]
