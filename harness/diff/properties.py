"""The input changes of one matched pair, as (path, model value, reference value, kind).

`deepdiff` does the comparison on canonical inputs (`values.py`), ignoring list order
except under the keys in `values.ORDERED_KEYS`. Two choices shape the report:

- a list of plain values (CIDR blocks, actions, subnet ids) that differs is reported
  once, at the list's path with both whole lists, rather than item by item: with order
  ignored, "item 0 became X" says less than the two lists side by side;
- a path is written with the model's list indices when the item exists in the model
  (changed, added), else with the reference's (removed), so it points into the program
  being judged wherever it can.
"""

from __future__ import annotations

from typing import Any

from deepdiff import DeepDiff
from deepdiff.helper import notpresent
from deepdiff.model import DiffLevel

from harness.diff.result import ChangeKind, PropertyChange
from harness.diff.values import format_path, is_ordered

_KINDS: dict[str, ChangeKind] = {
    "values_changed": "changed",
    "type_changes": "changed",
    "dictionary_item_added": "added",
    "iterable_item_added": "added",
    "set_item_added": "added",
    "dictionary_item_removed": "removed",
    "iterable_item_removed": "removed",
    "set_item_removed": "removed",
}

_ABSENT = object()


def property_changes(
    model: dict[str, Any], reference: dict[str, Any]
) -> tuple[PropertyChange, ...]:
    """Changes from `reference` to `model`, sorted by path."""
    tree = DeepDiff(
        reference,
        model,
        view="tree",
        ignore_order_func=_ignore_order,
        threshold_to_diff_deeper=0,
        cutoff_distance_for_pairs=0.6,
        verbose_level=2,
    )
    found: dict[tuple[str, str], PropertyChange] = {}
    for report in sorted(tree.keys()):
        kind = _KINDS.get(report)
        if kind is None:
            continue
        for level in tree[report]:
            change = _change(level, kind, model, reference)
            found.setdefault((change.path, change.kind), change)
    return tuple(found[k] for k in sorted(found))


def _ignore_order(level: DiffLevel) -> bool:
    return not is_ordered(level.path(output_format="list"))


def _change(
    level: DiffLevel, kind: ChangeKind, model: dict[str, Any], reference: dict[str, Any]
) -> PropertyChange:
    ref_path = list(level.path(output_format="list"))
    model_path = list(level.path(output_format="list", use_t2=True))
    if ref_path and isinstance(ref_path[-1], int) and isinstance(model_path[-1], int):
        model_list = _get(model, model_path[:-1])
        ref_list = _get(reference, ref_path[:-1])
        if _scalar_list(model_list) and _scalar_list(ref_list):
            return PropertyChange(format_path(model_path[:-1]), model_list, ref_list, "changed")
    path = ref_path if kind == "removed" else model_path
    return PropertyChange(
        format_path(path),
        None if level.t2 is notpresent else level.t2,
        None if level.t1 is notpresent else level.t1,
        kind,
    )


def _get(tree: Any, path: list[Any]) -> Any:
    for part in path:
        try:
            tree = tree[part]
        except (KeyError, IndexError, TypeError):
            return _ABSENT
    return tree


def _scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)
