"""kms_key_policy: KMS keys without an explicit policy, without rotation, or open to `*`.

Rule (CATEGORIES.md, 3): a KMS key without an explicit key policy (inline `policy` or
an `aws:kms/keyPolicy` resource); rotation off on a symmetric key; a policy that lets
`*` in without a condition. Applies when the program creates `aws:kms/key:Key`.

Without a policy AWS applies its default one, which only delegates to IAM: the key then
does not say which services may use it, and RDS or CloudWatch Logs may be unable to.
Rotation can only be enabled on symmetric encryption keys, so asymmetric and HMAC keys
are not asked for it; `enableKeyRotation` absent takes the provider default, false.
"""

from __future__ import annotations

import ast
import json
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "kms_key_policy"
KEY = "aws:kms/key:Key"
KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy"
SYMMETRIC_SPEC = "SYMMETRIC_DEFAULT"
ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT"


@check(SLUG, version=1)
def kms_key_policy(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    keys = sorted(graph.of_type(KEY), key=lambda k: k.urn)
    if not keys:
        return finding(SLUG, "not_applicable", [Evidence(note="the program creates no KMS key")])
    evidence: list[Evidence] = []
    for key in keys:
        evidence += _judge_key(key, _attached_policies(key, graph))
    if evidence:
        return finding(SLUG, "fail", evidence)
    return finding(SLUG, "pass", [Evidence(
        note=f"{len(keys)} KMS key(s), each with an explicit policy that admits no unconditioned "
             "'*' and rotation on where the key is symmetric")])


def _judge_key(key: Resource, attached: list[Resource]) -> list[Evidence]:
    out: list[Evidence] = []
    inline = key.inputs.get("policy")
    if not inline and not attached:
        out.append(Evidence.of(key, "no key policy: neither `policy` nor an aws:kms/keyPolicy "
                                    "resource, so AWS applies the default IAM-only policy",
                               path="policy", value=None))
    spec = key.inputs.get("customerMasterKeySpec") or key.inputs.get("keySpec") or SYMMETRIC_SPEC
    usage = key.inputs.get("keyUsage") or ENCRYPT_DECRYPT
    rotation = key.inputs.get("enableKeyRotation")
    if spec == SYMMETRIC_SPEC and usage == ENCRYPT_DECRYPT and rotation is not True:
        state = "absent (provider default false)" if rotation is None else repr(rotation)
        out.append(Evidence.of(key, f"rotation off on a symmetric key: enableKeyRotation {state}",
                               path="enableKeyRotation", value=rotation))
    sources: list[tuple[Resource, Any]] = [(key, inline)] if inline else []
    sources += [(p, p.inputs.get("policy")) for p in attached]
    for owner, policy in sources:
        for index, statement in _open_statements(policy):
            where = "" if owner is key else f" (attached to key {key.name})"
            note = f"statement allows principal '*' with no condition{where}"
            out.append(Evidence.of(owner, note, path=f"policy.Statement[{index}]",
                                   value=statement))
    return out


def _attached_policies(key: Resource, graph: ResourceGraph) -> list[Resource]:
    """KeyPolicy resources whose `keyId` is this key (by dependency or by id/ARN value)."""
    names = {v for v in (key.id, key.outputs.get("keyId"), key.outputs.get("arn"),
                         key.outputs.get("id")) if isinstance(v, str) and v and v != UNKNOWN}
    out = []
    for policy in sorted(graph.of_type(KEY_POLICY), key=lambda p: p.urn):
        target = policy.inputs.get("keyId")
        if key.urn in policy.property_dependencies.get("keyId", []) or (
            isinstance(target, str) and target in names):
            out.append(policy)
    return out


def _open_statements(policy: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, statement) of Allow statements whose principal is `*` with no Condition."""
    if isinstance(policy, str):
        try:
            policy = json.loads(policy)
        except ValueError:
            return []
    if not isinstance(policy, dict):
        return []
    statements = policy.get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    out = []
    for index, statement in enumerate(statements if isinstance(statements, list) else []):
        if (isinstance(statement, dict) and statement.get("Effect") == "Allow"
                and _is_everyone(statement.get("Principal")) and not statement.get("Condition")):
            out.append((index, statement))
    return out


def _is_everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        value = principal.get("AWS")
        return value == "*" or (isinstance(value, list) and "*" in value)
    return False


# -- mutation: drop every explicit key policy ------------------------------------------


@mutation(SLUG)
def drop_key_policies(program: Program) -> Program:
    """`policy=` leaves every `kms.Key(...)`; every `kms.KeyPolicy(...)` becomes `None`."""
    return rewrite_python(program, SLUG, _drop_policies)


def _drop_policies(tree: ast.Module) -> bool:
    rewriter = _DropPolicies()
    rewriter.visit(tree)
    return rewriter.changed


def _kms_class(func: ast.expr) -> str | None:
    """'Key' for `aws.kms.Key` / `kms.Key`, 'KeyPolicy' likewise; None otherwise."""
    if (isinstance(func, ast.Attribute) and func.attr in ("Key", "KeyPolicy")
            and isinstance(func.value, ast.Attribute | ast.Name)
            and (getattr(func.value, "attr", None) or getattr(func.value, "id", None)) == "kms"):
        return func.attr
    return None


class _DropPolicies(ast.NodeTransformer):
    def __init__(self) -> None:
        self.changed = False

    def visit_Call(self, node: ast.Call) -> ast.expr:  # noqa: N802 (visitor name)
        self.generic_visit(node)
        kind = _kms_class(node.func)
        if kind == "KeyPolicy":
            self.changed = True
            return ast.Constant(None)
        if kind == "Key" and any(k.arg == "policy" for k in node.keywords):
            node.keywords = [k for k in node.keywords if k.arg != "policy"]
            self.changed = True
        return node
