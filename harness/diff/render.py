"""A diff as text for a terminal: missing, extra, changed, structure, then the figures.

Every section is grouped by resource type. URNs are shortened to `type::name` (stack,
project and parent types carry no information once both sides are in the same place)
and long values are cut, so a line stays readable; `GraphDiff.to_json` has everything.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from harness.diff.result import (
    GraphDiff,
    Match,
    PropertyChange,
    ResourceRef,
    StructureDifference,
)

MAX_VALUE = 80
_URN_PREFIX = re.compile(r"urn:pulumi:[^:]*::[^:]*::(?:[^:$]+(?::[^:$]+)*\$)*")
_SIGN = {"changed": "~", "added": "+", "removed": "-"}

T = TypeVar("T")


def render_text(diff: GraphDiff) -> str:
    """The diff as indented text, ending with a newline."""
    head = "Resource graph diff"
    if diff.model_hash or diff.reference_hash:
        head += f" (model {diff.model_hash or '?'}, reference {diff.reference_hash or '?'})"
    lines = [head, ""]
    lines += _resources("Missing", "in the reference, not matched in the model", "-", diff.missing)
    lines += _resources("Extra", "in the model, not matched in the reference", "+", diff.extra)
    changed = [m for m in diff.matches if m.changes]
    lines.append(f"Changed: {len(changed)} matched resource(s) with different inputs")
    lines += _grouped(changed, lambda m: m.reference.type, _changes)
    moved = [m for m in diff.matches if m.structure]
    lines.append(f"Structure: {len(moved)} matched resource(s) placed differently")
    lines += _grouped(moved, lambda m: m.reference.type, _structure)
    lines += _figures(diff)
    return "\n".join(lines) + "\n"


def short(value: Any, limit: int = MAX_VALUE) -> str:
    """A value as compact JSON with URNs shortened, cut to `limit` characters."""
    text = value if isinstance(value, str) and value.startswith("urn:") else None
    if text is None:
        text = json.dumps(value, sort_keys=True, separators=(", ", ": "), default=str)
    text = _URN_PREFIX.sub("", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _resources(title: str, what: str, sign: str, refs: Iterable[ResourceRef]) -> list[str]:
    refs = list(refs)
    lines = [f"{title}: {len(refs)} resource(s) {what}"]
    lines += _grouped(refs, lambda r: r.type, lambda r: [f"{sign} {r.name}"])
    return lines


def _grouped(items: list[T], key: Callable[[T], str], body: Callable[[T], list[str]]) -> list[str]:
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    lines: list[str] = []
    for type_ in sorted(groups):
        lines.append(f"  {type_}")
        for item in groups[type_]:
            lines += [f"    {line}" for line in body(item)]
    lines.append("")
    return lines


def _title(m: Match) -> str:
    if m.model.name == m.reference.name:
        return m.model.name
    return f"{m.model.name} (reference: {m.reference.name})"


def _changes(m: Match) -> list[str]:
    return [_title(m)] + [f"  {_change(c)}" for c in m.changes]


def _change(c: PropertyChange) -> str:
    sign = _SIGN[c.kind]
    if c.kind == "added":
        return f"{sign} {c.path}: model {short(c.model)}, not in the reference"
    if c.kind == "removed":
        return f"{sign} {c.path}: reference {short(c.reference)}, not in the model"
    if isinstance(c.model, str) and isinstance(c.reference, str):
        model, reference = _around_difference(c.model, c.reference)
        return f"{sign} {c.path}: model {model}, reference {reference}"
    return f"{sign} {c.path}: model {short(c.model)}, reference {short(c.reference)}"


def _around_difference(a: str, b: str, context: int = 20) -> tuple[str, str]:
    """Two long strings cut to start just before they first differ (code, user data)."""
    if len(a) <= MAX_VALUE and len(b) <= MAX_VALUE:
        return short(a), short(b)
    same = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, same - context)
    cut = "..." if start else ""
    return short(cut + a[start:]), short(cut + b[start:])


def _structure(m: Match) -> list[str]:
    return [_title(m)] + [f"  {_difference(s)}" for s in m.structure]


def _difference(s: StructureDifference) -> str:
    if s.kind == "parent":
        return f"parent: model {_under(s.model)}, reference {_under(s.reference)}"
    if s.kind == "parent_type":
        return f"parent component class: model {s.model}, reference {s.reference}"
    if s.kind == "provider":
        return f"provider: model {_provider(s.model)}, reference {_provider(s.reference)}"
    if s.model is not None:
        return f"dependency only in the model: {short(s.model)}"
    return f"dependency only in the reference: {short(s.reference)}"


def _under(urn: str | None) -> str:
    return "under the stack" if urn is None else f"under {short(urn)}"


def _provider(urn: str | None) -> str:
    return "default provider" if urn is None else short(urn)


def _figures(diff: GraphDiff) -> list[str]:
    f = diff.figures
    return [
        "Figures (custom resources)",
        f"  similarity          {f.similarity:.3f}"
        "  (mean of type F1, matched share, input reproduction)",
        f"  type precision      {f.type_precision:.3f}"
        f"  ({f.model_resources} model, {f.reference_resources} reference resources)",
        f"  type recall         {f.type_recall:.3f}",
        f"  type F1             {f.type_f1:.3f}",
        f"  matched share       {f.matched_share:.3f}"
        f"  ({f.matched_resources} of {f.reference_resources} reference resources)",
        f"  input reproduction  {f.input_reproduction:.3f}"
        f"  ({f.reproduced_input_leaves} of {f.reference_input_leaves} reference input leaves)",
    ]
