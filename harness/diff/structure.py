"""Where a matched pair sits in its resource tree: parent, provider, dependencies.

Model URNs are translated through the matching before they are compared, so a
dependency on the model's `logs` bucket equals one on the reference's `log-bucket`
when those two matched. The SDK expands `depends_on=[component]` into every resource
under the component; dependencies found on one side only are folded back into the
component when they cover all of its custom resources, so that one choice of the
author reads as one difference rather than forty. Component classes are compared by class name only
(`tap:stack:TapStack` and `custom:TapStack` are the same class): type tokens are
labels each author picks.
"""

from __future__ import annotations

from collections.abc import Mapping

from harness.diff.names import class_name
from harness.diff.result import StructureDifference
from harness.diff.side import Node, Side


def structure_differences(
    m: Node, r: Node, partner: Mapping[str, str], model: Side, reference: Side
) -> tuple[StructureDifference, ...]:
    """How the placement of model node `m` differs from that of reference node `r`."""
    out: list[StructureDifference] = []
    out.extend(_parent(m, r, partner, model, reference))
    out.extend(_provider(m, r, partner))
    model_deps = {partner.get(d, d): d for d in m.dependencies}
    only_model = {model_deps[d] for d in model_deps.keys() - set(r.dependencies)}
    only_reference = set(r.dependencies) - model_deps.keys()
    for dep in _fold(only_model, model):
        out.append(StructureDifference("dependency", dep, None))
    for dep in _fold(only_reference, reference):
        out.append(StructureDifference("dependency", None, dep))
    return tuple(out)


def _fold(urns: set[str], side: Side) -> list[str]:
    """`urns` with the nodes under a component replaced by the component, where they
    include every custom resource under it (largest components first)."""
    out = set(urns)
    for component in sorted(side.descendants, key=lambda c: (-len(side.descendants[c]), c)):
        below = side.descendants[component]
        custom = {u for u in below if side.nodes[u].kind == "custom"}
        if custom and custom <= out:
            out = (out - below) | {component}
    return sorted(out)


def _parent(
    m: Node, r: Node, partner: Mapping[str, str], model: Side, reference: Side
) -> list[StructureDifference]:
    if m.parent is None and r.parent is None:
        return []
    if m.parent is None or r.parent is None:
        return [StructureDifference("parent", m.parent, r.parent)]
    type_m, type_r = model.type_of(m.parent), reference.type_of(r.parent)
    if class_name(type_m) != class_name(type_r):
        return [StructureDifference("parent_type", type_m, type_r)]
    if partner.get(m.parent) != r.parent:
        return [StructureDifference("parent", m.parent, r.parent)]
    return []


def _provider(m: Node, r: Node, partner: Mapping[str, str]) -> list[StructureDifference]:
    if m.provider is None and r.provider is None:
        return []
    if m.provider is not None and partner.get(m.provider) == r.provider:
        return []
    return [StructureDifference("provider", m.provider, r.provider)]
