"""`diff`: the model's resource graph against the reference's.

Matching and input comparison need each other: an input that refers to another
resource (`{"$ref": urn}`, or an ARN copied from its outputs) is equal on both sides
only if the two resources it names are matched. So matching runs in rounds. The first
writes every reference as the referenced resource's type; each later round writes it as
the reference-side URN that the referenced resource matched in the round before, until
the matching stops changing (at most MAX_ROUNDS). Resources still left over are then
paired through the paired resources they depend on (`match_anchored`). Property changes
and figures are computed on inputs written with the final matching.
"""

from __future__ import annotations

from typing import Any

from harness.diff.figures import compute_figures
from harness.diff.match import Pair, match, match_anchored
from harness.diff.names import NameCleaner
from harness.diff.properties import property_changes
from harness.diff.result import GraphDiff, Match, ResourceRef
from harness.diff.side import Node, Side
from harness.diff.structure import structure_differences
from harness.diff.values import Label, Leaves, canonical_inputs, fingerprint, leaves
from harness.graph import ResourceGraph

MAX_ROUNDS = 3


def diff(model: ResourceGraph, reference: ResourceGraph) -> GraphDiff:
    """Match `model`'s resources to `reference`'s and report how they differ."""
    ms, rs = Side(model), Side(reference)
    cleaner = NameCleaner([model.settings, reference.settings])

    canon_r = _canonical(rs, lambda urn: urn)
    leaves_r = {urn: leaves(c) for urn, c in canon_r.items()}
    typed_m = {urn: leaves(c) for urn, c in _canonical(ms, ms.type_of).items()}
    typed_r = {urn: leaves(c) for urn, c in _canonical(rs, rs.type_of).items()}
    pairs = match(ms, rs, typed_m, typed_r, cleaner)

    partner: dict[str, str] = {}
    canon_m: dict[str, dict[str, Any]] = {}
    leaves_m: dict[str, Leaves] = {}
    for _ in range(MAX_ROUNDS):
        partner = _partner(pairs)
        canon_m = _canonical(ms, _via(partner))
        leaves_m = {urn: leaves(c) for urn, c in canon_m.items()}
        refined = match(ms, rs, leaves_m, leaves_r, cleaner, partner)
        if _partner(refined) == partner:
            pairs = refined
            break
        pairs = refined
    pairs += match_anchored(ms, rs, leaves_m, leaves_r, cleaner, _partner(pairs))
    if _partner(pairs) != partner:
        partner = _partner(pairs)
        canon_m = _canonical(ms, _via(partner))
        leaves_m = {urn: leaves(c) for urn, c in canon_m.items()}

    matches = [
        _match(ms.nodes[p.model], rs.nodes[p.reference], p, canon_m, canon_r, partner, ms, rs)
        for p in pairs
    ]
    matched_r = set(partner.values())
    return GraphDiff(
        matches=tuple(sorted(matches, key=lambda m: _order(m.reference))),
        missing=tuple(
            sorted((_ref(n) for n in rs.nodes.values() if n.urn not in matched_r), key=_order)
        ),
        extra=tuple(
            sorted((_ref(n) for n in ms.nodes.values() if n.urn not in partner), key=_order)
        ),
        figures=compute_figures(ms, rs, partner.items(), leaves_m, leaves_r),
        model_hash=model.program_hash,
        reference_hash=reference.program_hash,
    )


def _canonical(side: Side, label: Label) -> dict[str, dict[str, Any]]:
    return {urn: canonical_inputs(node, side, label) for urn, node in side.nodes.items()}


def _via(partner: dict[str, str]) -> Label:
    return lambda urn: partner.get(urn, urn)


def _partner(pairs: list[Pair]) -> dict[str, str]:
    return {p.model: p.reference for p in pairs}


def _match(
    m: Node,
    r: Node,
    pair: Pair,
    canon_m: dict[str, dict[str, Any]],
    canon_r: dict[str, dict[str, Any]],
    partner: dict[str, str],
    ms: Side,
    rs: Side,
) -> Match:
    inputs_m, inputs_r = canon_m[m.urn], canon_r[r.urn]
    same = m.kind == "component" or fingerprint(inputs_m) == fingerprint(inputs_r)
    return Match(
        model=_ref(m),
        reference=_ref(r),
        cost=pair.cost,
        name_similarity=pair.name,
        input_similarity=pair.inputs,
        changes=() if same else property_changes(inputs_m, inputs_r),
        structure=structure_differences(m, r, partner, ms, rs),
    )


def _ref(node: Node) -> ResourceRef:
    return ResourceRef(urn=node.urn, type=node.type, name=node.name, kind=node.kind)


def _order(ref: ResourceRef) -> tuple[str, str, str]:
    return (ref.type, ref.name, ref.urn)
