"""`aws.iam.get_policy_document`, rendered exactly as the AWS provider renders it.

Programs compare, hash and embed this JSON, so the shape matters, not only the meaning.
The rules follow the Terraform provider's `aws_iam_policy_document` data source:

- `Version` defaults to `2012-10-17`; `Id` comes from `policyId`.
- Statement keys appear in the order Sid, Effect, Action, NotAction, Resource,
  NotResource, Principal, NotPrincipal, Condition; empty ones are left out.
- `actions`, `resources` and principal `identifiers` are sets: duplicates go, and a
  single value collapses to a string while several are sorted in *descending* order.
- Condition values keep their order; a single value collapses to a string. Conditions
  with the same test and variable are concatenated.
- A lone principal `{"type": "*", "identifiers": ["*"]}` renders as `"Principal": "*"`.
- `&{...}` in resources, principals and condition values becomes `${...}`.
- `sourcePolicyDocuments` are merged first, then the statements, then
  `overridePolicyDocuments`; a statement with the Sid of an earlier one replaces it.
- `json` is indented with two spaces, `minifiedJson` has no whitespace, and both escape
  `<`, `>` and `&` as Go's encoder does. `id` is the CRC-32 of `json`.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from harness.mocks.request import ProviderError

DEFAULT_VERSION = "2012-10-17"
STATEMENT_KEYS = (
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
)


class PolicyDocumentError(ProviderError, ValueError):
    """The arguments describe a document the provider would refuse to render."""


def _collapse_set(values: Sequence[Any] | str) -> str | list[str]:
    if isinstance(values, str):
        values = [values]
    unique = list(dict.fromkeys(str(v) for v in values))
    if len(unique) == 1:
        return unique[0]
    return sorted(unique, reverse=True)


def _replace_vars(value: str | list[str]) -> str | list[str]:
    if isinstance(value, str):
        return value.replace("&{", "${")
    return [v.replace("&{", "${") for v in value]


def _principals(blocks: Sequence[Mapping[str, Any]]) -> str | dict[str, Any]:
    """Principal blocks to the `Principal` value: a map of type to identifier(s)."""
    decoded = [
        (str(b.get("type", "")), _replace_vars(_collapse_set(b.get("identifiers") or [])))
        for b in blocks
    ]
    if len(decoded) == 1 and decoded[0][0] == "*" and decoded[0][1] in ("*", ["*"]):
        return "*"
    merged: dict[str, Any] = {}
    for kind, identifiers in decoded:
        current = merged.get(kind)
        if isinstance(identifiers, list):
            ordered = sorted(identifiers, reverse=True)
            base = [] if current is None else [current] if isinstance(current, str) else current
            merged[kind] = base + ordered
        elif current is None:
            merged[kind] = identifiers
        else:
            merged[kind] = ([current] if isinstance(current, str) else current) + [identifiers]
    return dict(sorted(merged.items()))


def _conditions(blocks: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    raw: dict[str, dict[str, list[str]]] = {}
    for block in blocks:
        values = block.get("values") or []
        if isinstance(values, str | bool | int | float):
            values = [values]
        rendered = [_text_value(v) for v in values]
        test, variable = str(block.get("test", "")), str(block.get("variable", ""))
        raw.setdefault(test, {}).setdefault(variable, []).extend(
            v.replace("&{", "${") for v in rendered
        )
    return {
        test: {var: vals[0] if len(vals) == 1 else vals for var, vals in sorted(vs.items())}
        for test, vs in sorted(raw.items())
    }


def _text_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def statement_from_args(args: Mapping[str, Any], seen_sids: set[str]) -> dict[str, Any]:
    """One `statements` entry of the invoke arguments to its JSON statement."""
    out: dict[str, Any] = {}
    sid = args.get("sid") or ""
    if sid:
        if sid in seen_sids:
            raise PolicyDocumentError(
                f"duplicate Sid ({sid}) in statements: remove the Sid or make it unique"
            )
        seen_sids.add(sid)
        out["Sid"] = sid
    out["Effect"] = args.get("effect") or "Allow"
    for arg, key, replace in (
        ("actions", "Action", False),
        ("notActions", "NotAction", False),
        ("resources", "Resource", True),
        ("notResources", "NotResource", True),
    ):
        values = args.get(arg) or []
        if values:
            collapsed = _collapse_set(values)
            out[key] = _replace_vars(collapsed) if replace else collapsed
    if args.get("principals"):
        out["Principal"] = _principals(args["principals"])
    if args.get("notPrincipals"):
        out["NotPrincipal"] = _principals(args["notPrincipals"])
    if args.get("conditions"):
        out["Condition"] = _conditions(args["conditions"])
    return out


def _principal_from_json(value: Any) -> Any:
    """A principal read from a source document, rendered the provider's way."""
    if isinstance(value, str):
        return "*"
    if not isinstance(value, Mapping):
        return value
    out: dict[str, Any] = {}
    for kind, identifiers in sorted(value.items()):
        if isinstance(identifiers, list):
            out[kind] = sorted((str(i) for i in identifiers), reverse=True)
        else:
            out[kind] = identifiers
    return out


def _condition_from_json(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    out: dict[str, Any] = {}
    for test, variables in sorted(value.items()):
        if not isinstance(variables, Mapping):
            continue
        rendered: dict[str, Any] = {}
        for variable, values in sorted(variables.items()):
            if isinstance(values, list):
                items = [_text_value(v) for v in values]
                rendered[variable] = items[0] if len(items) == 1 else items
            else:
                rendered[variable] = _text_value(values)
        out[test] = rendered
    return out


def statement_from_json(statement: Mapping[str, Any]) -> dict[str, Any]:
    """A statement of a source or override document, re-rendered the provider's way."""
    out: dict[str, Any] = {}
    for key in STATEMENT_KEYS:
        value = statement.get(key)
        if value in (None, "", [], {}):
            continue
        if key in ("Principal", "NotPrincipal"):
            value = _principal_from_json(value)
        elif key == "Condition":
            value = _condition_from_json(value)
        out[key] = value
    return out


def parse_document(text: Any, role: str, index: int) -> dict[str, Any]:
    try:
        doc = json.loads(text) if isinstance(text, str) else text
    except json.JSONDecodeError as exc:
        raise PolicyDocumentError(f"{role} document {index} is not valid JSON: {exc}") from exc
    if not isinstance(doc, Mapping):
        raise PolicyDocumentError(f"{role} document {index} is not a JSON object")
    statements = doc.get("Statement") or []
    if isinstance(statements, Mapping):
        statements = [statements]
    return {
        "Version": str(doc.get("Version") or ""),
        "Id": str(doc.get("Id") or ""),
        "Statement": [statement_from_json(s) for s in statements if isinstance(s, Mapping)],
    }


def merge(target: dict[str, Any], new: Mapping[str, Any]) -> None:
    """Merge `new` into `target`: later Sids replace earlier ones, newer Version wins."""
    if new.get("Id"):
        target["Id"] = new["Id"]
    if new.get("Version", "") > target.get("Version", ""):
        target["Version"] = new["Version"]
    statements: list[dict[str, Any]] = target.setdefault("Statement", [])
    for statement in new.get("Statement", []):
        sid = statement.get("Sid")
        index = next((i for i, s in enumerate(statements) if sid and s.get("Sid") == sid), None)
        if index is None:
            statements.append(statement)
        else:
            statements[index] = statement


def go_json(value: Any, indent: bool) -> str:
    """JSON as Go's `encoding/json` writes it (HTML-safe escapes, no ASCII escaping)."""
    text = (
        json.dumps(value, indent=2, ensure_ascii=False)
        if indent
        else json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    )
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_policy_document(args: Mapping[str, Any]) -> dict[str, Any]:
    """The full `getPolicyDocument` result for these invoke arguments."""
    merged: dict[str, Any] = {"Version": "", "Id": "", "Statement": []}
    sources = list(args.get("sourcePolicyDocuments") or [])
    if args.get("sourceJson"):
        sources.insert(0, args["sourceJson"])
    seen_source_sids: set[str] = set()
    for index, text in enumerate(sources):
        doc = parse_document(text, "source", index)
        for statement in doc["Statement"]:
            sid = statement.get("Sid")
            if sid and sid in seen_source_sids:
                raise PolicyDocumentError(
                    f"duplicate Sid ({sid}) in source document {index}: make Sids unique"
                )
            if sid:
                seen_source_sids.add(sid)
        merge(merged, doc)
    version = args.get("version") or DEFAULT_VERSION
    seen: set[str] = set()
    current = {
        "Version": version,
        "Id": args.get("policyId") or "",
        "Statement": [statement_from_args(s, seen) for s in args.get("statements") or []],
    }
    merge(merged, current)
    overrides = list(args.get("overridePolicyDocuments") or [])
    if args.get("overrideJson"):
        overrides.append(args["overrideJson"])
    for index, text in enumerate(overrides):
        merge(merged, parse_document(text, "override", index))
    document = {key: merged[key] for key in ("Version", "Id", "Statement") if merged[key]}
    pretty = go_json(document, indent=True)
    result: dict[str, Any] = {
        "id": str(zlib.crc32(pretty.encode())),
        "json": pretty,
        "minifiedJson": go_json(document, indent=False),
        "version": version,
        "statements": list(args.get("statements") or []),
    }
    for key in ("policyId", "sourcePolicyDocuments", "overridePolicyDocuments"):
        if args.get(key) is not None:
            result[key] = args[key]
    return result
