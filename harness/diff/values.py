"""Inputs in a canonical form: what two programs mean, not how they spelled it.

Two programs that configure a resource the same way still send different inputs: a
policy serialised with other whitespace or statement order, `"Action": "s3:GetObject"`
against `["s3:GetObject"]`, ARNs and URNs that embed each program's own names. The
canonical form removes those differences so that what remains is a real change:

- strings that hold JSON (policies, container definitions) are parsed; IAM policy
  documents get single values turned into one-item lists and lose their `Sid` labels,
  which have no effect on what a policy allows;
- `{"$ref": urn}` becomes `"${<label>}"`, and a string copied from the output of a
  resource the input depends on (an ARN, an id, a bucket name; found through the
  input's property dependencies) becomes `"${<label>}.<output>"` (plus any suffix such
  as `/*`). The label is chosen by the caller: the resource type while matching has
  not happened yet, then the URN on the reference side that the resource matched;
- keys starting with `__` (`__defaults`), null values, empty maps and lists (the AWS
  provider treats them as unset) and auto-generated names (`<logical name>-1a2b3c4`)
  are dropped; integral floats become integers, since the wire format has only doubles.

List order is ignored everywhere except under the few keys in `ORDERED_KEYS`. The AWS
provider models nearly every collection as a set (tags, CIDR blocks, security group
rules, policy statements and actions, subnet ids), so naming the ordered exceptions is
the shorter list, and it fails safe: a missing entry hides a reordering, it never
invents a change.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from harness.diff.side import Node, Side

#: Keys whose lists AWS applies in sequence (commands, Lambda layers, CloudFront cache
#: behaviours, pipeline stages, EMR steps); see the module docstring.
ORDERED_KEYS = frozenset(
    {
        "args",
        "command",
        "entryPoint",
        "layers",
        "orderedCacheBehaviors",
        "orderedPlacementStrategies",
        "stages",
        "steps",
    }
)

#: Statement keys whose value IAM accepts as a single string or a list of strings.
_IAM_LIST_KEYS = ("Action", "NotAction", "Resource", "NotResource")
_IAM_PRINCIPAL_KEYS = ("Principal", "NotPrincipal")

Leaves = Counter[tuple[str, str]]
"""(path, JSON value) leaves of canonical inputs, as a multiset."""

Label = Callable[[str], str]
"""How a reference to the resource with this URN is written in canonical inputs."""

_DROP = object()
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEX7 = re.compile(r"^[0-9a-f]{7}$")


def canonical_inputs(node: Node, side: Side, label: Label) -> dict[str, Any]:
    """The inputs of `node` in canonical form (see the module docstring)."""
    r = node.resource
    out: dict[str, Any] = {}
    for key in sorted(r.inputs):
        value = r.inputs[key]
        if key.startswith("__") or _autoname(value, r.name):
            continue
        sources: dict[str, tuple[str, str]] = {}
        for dep in sorted(r.property_dependencies.get(key, [])):
            if dep != node.urn:
                for produced, attr in side.produced(dep).items():
                    sources.setdefault(produced, (dep, attr))
        canon = _canonical(value, _Context(sources, label))
        if not _empty(canon):
            out[key] = canon
    return out


def _autoname(value: Any, name: str) -> bool:
    """Pulumi's autoname shape, `<logical name>-<7 hex digits>`."""
    return (
        isinstance(value, str)
        and len(value) == len(name) + 8
        and value.startswith(f"{name}-")
        and _HEX7.match(value[-7:]) is not None
    )


class _Context:
    def __init__(self, sources: dict[str, tuple[str, str]], label: Label) -> None:
        self.sources = sources
        self.label = label

    def substitute(self, text: str) -> str:
        hit = self.sources.get(text)
        if hit:
            return f"${{{self.label(hit[0])}}}.{hit[1]}"
        if text.startswith("arn:") and self.sources:
            for cut in range(len(text) - 1, 3, -1):
                if text[cut] in "/:":
                    hit = self.sources.get(text[:cut])
                    if hit:
                        return f"${{{self.label(hit[0])}}}.{hit[1]}{text[cut:]}"
        return text


def _canonical(value: Any, ctx: _Context) -> Any:
    if value is None:
        return _DROP
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        parsed = _parse_json(value)
        if parsed is None:
            return ctx.substitute(value)
        value = parsed
    if isinstance(value, dict):
        if "$ref" in value and isinstance(value["$ref"], str):
            return f"${{{ctx.label(value['$ref'])}}}"
        if _is_policy(value):
            value = _normalise_policy(value)
        out: dict[str, Any] = {}
        for key in sorted(value):
            if str(key).startswith("__"):
                continue
            item = _canonical(value[key], ctx)
            if item is not _DROP and not _empty(item):
                out[str(key)] = item
        return out
    if isinstance(value, list):
        return [c for c in (_canonical(v, ctx) for v in value) if c is not _DROP]
    return value


def _empty(value: Any) -> bool:
    return value is _DROP or (isinstance(value, dict | list) and not value)


def _parse_json(text: str) -> dict[str, Any] | list[Any] | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        parsed = json.loads(stripped)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict | list) else None


def _is_policy(value: dict[str, Any]) -> bool:
    return "Statement" in value or "Version" in value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _normalise_policy(doc: dict[str, Any]) -> dict[str, Any]:
    """IAM accepts a string where it accepts a one-item list; use the list everywhere."""
    doc = dict(doc)
    statements = doc.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if isinstance(statements, list):
        doc["Statement"] = [_normalise_statement(s) for s in statements]
    return doc


def _normalise_statement(statement: Any) -> Any:
    if not isinstance(statement, dict):
        return statement
    out = {k: v for k, v in statement.items() if k != "Sid"}
    for key in _IAM_LIST_KEYS:
        if key in out:
            out[key] = _as_list(out[key])
    for key in _IAM_PRINCIPAL_KEYS:
        if isinstance(out.get(key), dict):
            out[key] = {k: _as_list(v) for k, v in out[key].items()}
    condition = out.get("Condition")
    if isinstance(condition, dict):
        out["Condition"] = {
            op: {k: _as_list(v) for k, v in tests.items()} if isinstance(tests, dict) else tests
            for op, tests in condition.items()
        }
    return out


# -- views of canonical inputs -----------------------------------------------------------


def is_ordered(path: Sequence[str | int]) -> bool:
    """Whether the list at `path` keeps its order: its nearest key is in ORDERED_KEYS."""
    for part in reversed(path):
        if isinstance(part, str):
            return part in ORDERED_KEYS
    return False


def order_free(value: Any, path: tuple[str | int, ...] = ()) -> Any:
    """`value` with every unordered list sorted, so equal-up-to-order values are equal."""
    if isinstance(value, dict):
        return {k: order_free(v, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        items = [order_free(v, (*path, i)) for i, v in enumerate(value)]
        if is_ordered(path):
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def fingerprint(inputs: dict[str, Any]) -> str:
    """A string equal for two canonical inputs exactly when they are equal up to order."""
    return json.dumps(order_free(inputs), sort_keys=True, separators=(",", ":"))


def leaves(inputs: dict[str, Any]) -> Leaves:
    """The (path, value) leaves of canonical inputs, as a multiset.

    Unordered lists use `[*]` for the index, so a reordering keeps every leaf and a
    changed item loses only its own leaves.
    """
    out: Leaves = Counter()
    _collect(inputs, (), out)
    return out


def _collect(value: Any, path: tuple[str | int, ...], out: Leaves) -> None:
    if isinstance(value, dict) and value:
        for k, v in value.items():
            _collect(v, (*path, k), out)
    elif isinstance(value, list) and value:
        ordered = is_ordered(path)
        for i, v in enumerate(value):
            _collect(v, (*path, i if ordered else "[*]"), out)
    else:
        out[(format_path(path), json.dumps(value, sort_keys=True))] += 1


def format_path(path: Sequence[str | int]) -> str:
    """`ingress[0].cidrBlocks`, `tags["kubernetes.io/role"]`: how changes are addressed."""
    text = ""
    for part in path:
        if part == "[*]":
            text += "[*]"
        elif isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.match(part):
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part)}]"
    return text
