"""One graph as the diff sees it: which resources take part and their resolved edges.

The stack resource and the engine's default providers are left out: every program has
them, so they carry no information, and a resource that uses a default provider is
treated as having no explicit provider.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from harness.diff.names import class_name
from harness.graph import STACK_TYPE, UNKNOWN, Resource, ResourceGraph, is_provider

Kind = Literal["custom", "provider", "component"]

_DEFAULT_PROVIDER = re.compile(r"^default(_\d+(_\d+)*(_[0-9a-z_]+)?)?$")


@dataclass(frozen=True)
class Node:
    """A resource that takes part in the diff, with parent and provider resolved."""

    urn: str
    type: str
    name: str
    kind: Kind
    #: URN of the parent resource, or None when the parent is the stack (or absent).
    parent: str | None
    #: URN of an explicit provider, or None when the engine's default one is used.
    provider: str | None
    dependencies: tuple[str, ...]
    resource: Resource

    def own_region(self) -> str | None:
        value = self.resource.inputs.get("region")
        return value if isinstance(value, str) and value and value != UNKNOWN else None

    @property
    def bucket(self) -> str:
        """Only nodes in the same bucket can match: same type, or same component class."""
        return f"component:{class_name(self.type)}" if self.kind == "component" else self.type


class Side:
    """The nodes of one graph, keyed by URN, and what they produced."""

    def __init__(self, graph: ResourceGraph) -> None:
        self.graph = graph
        resources = graph.resources
        defaults = {
            urn
            for urn, r in resources.items()
            if is_provider(r.type) and _DEFAULT_PROVIDER.match(r.name)
        }
        self.skipped = {urn for urn, r in resources.items() if r.type == STACK_TYPE} | defaults
        self.nodes: dict[str, Node] = {}
        for urn in sorted(resources):
            if urn in self.skipped:
                continue
            r = resources[urn]
            kind: Kind = "custom" if r.custom else "component"
            if is_provider(r.type):
                kind = "provider"
            self.nodes[urn] = Node(
                urn=urn,
                type=r.type,
                name=r.name,
                kind=kind,
                parent=self._resolve(r.parent),
                provider=self._resolve(r.provider),
                dependencies=tuple(sorted({d for d in map(self._resolve, r.dependencies) if d})),
                resource=r,
            )
        self.default_region = str(graph.settings.config.get("aws:region", "us-east-1"))
        self._produced: dict[str, dict[str, str]] = {}
        #: Component URN → URNs of every node below it.
        self.descendants: dict[str, set[str]] = {}
        for node in self.nodes.values():
            parent, seen = node.parent, set()
            while parent in self.nodes and parent not in seen:
                seen.add(parent)
                self.descendants.setdefault(parent, set()).add(node.urn)
                parent = self.nodes[parent].parent

    def _resolve(self, ref: str | None) -> str | None:
        """A URN of a taking-part node, or None for the stack and default providers.

        Provider references may arrive as `urn::id`; URNs of resources outside the graph
        are kept as they are, so a dangling reference still shows in the diff.
        """
        if not ref:
            return None
        parts = ref.split("::")
        if ref not in self.graph.resources and len(parts) > 4:
            ref, parts = "::".join(parts[:4]), parts[:4]
        if ref in self.skipped:
            return None
        if len(parts) == 4:
            type_ = parts[2].rsplit("$", 1)[-1]
            if type_ == STACK_TYPE or (is_provider(type_) and _DEFAULT_PROVIDER.match(parts[3])):
                return None
        return ref

    def region(self, node: Node) -> str:
        """Where the resource lives: its own `region`, its provider's, else the stack's."""
        own = node.own_region()
        if own:
            return own
        provider = self.nodes.get(node.provider) if node.provider else None
        if provider is not None:
            return provider.own_region() or self.default_region
        return self.default_region

    def type_of(self, urn: str) -> str:
        node = self.nodes.get(urn)
        if node:
            return node.type
        r = self.graph.resources.get(urn)
        if r is not None:
            return r.type
        parts = urn.split("::")
        return parts[2].rsplit("$", 1)[-1] if len(parts) >= 4 else urn

    def produced(self, urn: str) -> dict[str, str]:
        """Values a resource produced that others may copy: id and top-level string outputs.

        Maps value → output name. Used to recognise, in a dependent's inputs, a string
        that came from this resource (an ARN, an id, a bucket name) and compare it as a
        reference rather than as text that differs between any two programs.
        """
        cached = self._produced.get(urn)
        if cached is not None:
            return cached
        out: dict[str, str] = {}
        r = self.graph.resources.get(urn)
        if r is not None:
            for key in sorted(r.outputs):
                value = r.outputs[key]
                if isinstance(value, str) and len(value) >= 3 and value != UNKNOWN:
                    out.setdefault(value, key)
            if r.id and r.id != UNKNOWN and len(r.id) >= 3:
                out[r.id] = "id"
        self._produced[urn] = out
        return out
