"""Whole-graph figures, over custom resources only.

Providers and components are left out: a program may legitimately use none of either,
and the question the figures answer is "did the model build the same infrastructure".

    similarity = (type_f1 + matched_share + input_reproduction) / 3

- type_f1 compares the multisets of resource types (did it build the right kinds, in
  the right numbers), blind to how they are configured;
- matched_share is the share of reference resources that found a partner;
- input_reproduction is the share of all reference input leaves (over every reference
  resource, matched or not) that the partner reproduced exactly.

The three are each 1.0 for identical graphs and fall at different rates for different
mistakes (wrong types, unmatched resources, wrong settings), so their mean moves with
each kind of mistake and is exactly 1.0 only when nothing differs in any of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from harness.diff.result import Figures
from harness.diff.side import Side
from harness.diff.values import Leaves


def compute_figures(
    model: Side,
    reference: Side,
    pairs: Iterable[tuple[str, str]],
    model_leaves: Mapping[str, Leaves],
    reference_leaves: Mapping[str, Leaves],
) -> Figures:
    """Figures for a diff whose matched (model URN, reference URN) pairs are `pairs`."""
    model_custom = [n for n in model.nodes.values() if n.kind == "custom"]
    reference_custom = [n for n in reference.nodes.values() if n.kind == "custom"]
    reference_urns = {n.urn for n in reference_custom}
    custom_pairs = [(m, r) for m, r in pairs if r in reference_urns]

    model_types = Counter(n.type for n in model_custom)
    reference_types = Counter(n.type for n in reference_custom)
    common = sum((model_types & reference_types).values())
    precision = _share(common, len(model_custom), empty=not reference_custom)
    recall = _share(common, len(reference_custom), empty=True)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if not model_custom and not reference_custom:
        precision = recall = f1 = 1.0

    total = sum(sum(reference_leaves[n.urn].values()) for n in reference_custom)
    reproduced = sum(sum((model_leaves[m] & reference_leaves[r]).values()) for m, r in custom_pairs)
    # With nothing to match, the model matched everything only if it built nothing too.
    matched_share = _share(len(custom_pairs), len(reference_custom), empty=not model_custom)
    input_reproduction = _share(reproduced, total, empty=True) if total else matched_share

    return Figures(
        type_precision=precision,
        type_recall=recall,
        type_f1=f1,
        matched_share=matched_share,
        input_reproduction=input_reproduction,
        similarity=(f1 + matched_share + input_reproduction) / 3,
        model_resources=len(model_custom),
        reference_resources=len(reference_custom),
        matched_resources=len(custom_pairs),
        reference_input_leaves=total,
        reproduced_input_leaves=reproduced,
    )


def _share(part: int, whole: int, *, empty: bool) -> float:
    """part / whole; `empty` decides the value when there is nothing to count."""
    if whole == 0:
        return 1.0 if empty else 0.0
    return part / whole
