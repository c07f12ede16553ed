"""iam_least_privilege: a broad permission granted to a role, user or group.

Rule (CATEGORIES.md, 8): an elevated AWS managed policy attached (AdministratorAccess,
PowerUserAccess, IAMFullAccess, any `*FullAccess`), or an Allow statement with action
`*` / `service:*` / `NotAction`, or resource `*` on actions that can be scoped. Applies
when the program creates IAM roles, users, groups or policies.

Permissions arrive in five shapes (inline `inlinePolicies` on a role, `aws:iam/rolePolicy`
and its user/group twins, `aws:iam/policy` plus an attachment, `managedPolicyArns`, and
`get_policy_document` output inside any of them), so they are first merged per principal
and then judged; a statement attached to several principals is reported once, naming
them all. AWS's baseline service policies and `service-role/` policies are not elevated
(see `scoring.policies`). A custom policy attached to nobody is still judged: the program
created it to be used.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python
from scoring.policies import elevated_reason, parse_document, statement_problems

SLUG = "iam_least_privilege"
ROLE, USER, GROUP = "aws:iam/role:Role", "aws:iam/user:User", "aws:iam/group:Group"
POLICY = "aws:iam/policy:Policy"
#: Inline policy resources: type → the property naming their principal.
INLINE = {"aws:iam/rolePolicy:RolePolicy": "role", "aws:iam/userPolicy:UserPolicy": "user",
          "aws:iam/groupPolicy:GroupPolicy": "group"}
#: Attachment resources: type → (principal property, policy ARN property).
ATTACHMENTS = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ("role", "policyArn"),
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ("user", "policyArn"),
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": ("group", "policyArn"),
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive":
        ("roleName", "policyArns"),
}
MULTI_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment"
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"


@dataclass
class Grant:
    """One document or managed ARN and the principals it reaches."""

    source: Resource
    path: str
    value: Any
    principals: list[str] = field(default_factory=list)


#: Records one grant: (source, property path, document or ARN, principal reached).
Add = Callable[[Resource, str, Any, Resource | None], None]


@check(SLUG, version=2)
def iam_least_privilege(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    iam = [r for r in graph.resources.values() if r.type in
           (ROLE, USER, GROUP, POLICY, MULTI_ATTACHMENT, *INLINE, *ATTACHMENTS)]
    if not iam:
        return finding(SLUG, "not_applicable", [Evidence(
            note="the program creates no IAM role, user, group or policy")])
    evidence: list[Evidence] = []
    for grant in merged_grants(graph):
        evidence.extend(_judge(grant, graph))
    if evidence:
        return finding(SLUG, "fail", evidence)
    principals = sum(r.type in (ROLE, USER, GROUP) for r in iam)
    return finding(SLUG, "pass", [Evidence(
        note=f"{principals} principal(s) checked: no elevated managed policy, no wildcard "
             "action and no resource '*' on scopable actions")])


def merged_grants(graph: ResourceGraph) -> list[Grant]:
    """Every document and managed ARN in the graph, with the principals it reaches."""
    grants: dict[tuple[str, str, str], Grant] = {}

    def add(source: Resource, path: str, value: Any, principal: Resource | None) -> None:
        key = (source.urn, path, str(value))
        grant = grants.setdefault(key, Grant(source, path, value))
        if principal is not None and principal.name not in grant.principals:
            grant.principals.append(principal.name)

    principals = graph.of_type(ROLE, USER, GROUP)
    for role in graph.of_type(ROLE):
        for i, inline in enumerate(_as_list(role.inputs.get("inlinePolicies"))):
            if isinstance(inline, dict) and inline.get("policy"):
                add(role, f"inlinePolicies[{i}].policy", inline["policy"], role)
        for i, arn in enumerate(_as_list(role.inputs.get("managedPolicyArns"))):
            _add_arn(graph, add, role, f"managedPolicyArns[{i}]", arn, role,
                     role.property_dependencies.get("managedPolicyArns", []))
    for res in graph.of_type(*INLINE):
        owner = _principal(res, INLINE[res.type], principals)
        add(res, "policy", res.inputs.get("policy"), owner)
    for res in graph.of_type(*ATTACHMENTS):
        who, what = ATTACHMENTS[res.type]
        owner = _principal(res, who, principals)
        for i, arn in enumerate(_as_list(res.inputs.get(what))):
            path = what if isinstance(res.inputs.get(what), str) else f"{what}[{i}]"
            _add_arn(graph, add, res, path, arn, owner, res.property_dependencies.get(what, []))
    for res in graph.of_type(MULTI_ATTACHMENT):
        owners: list[Resource | None] = [p for key in ("roles", "users", "groups")
                                         for p in principals if _refers(res, key, p)]
        for owner in owners or [None]:
            _add_arn(graph, add, res, "policyArn", res.inputs.get("policyArn"), owner,
                     res.property_dependencies.get("policyArn", []))
    for policy in graph.of_type(POLICY):
        add(policy, "policy", policy.inputs.get("policy"), None)
    return list(grants.values())


def _add_arn(graph: ResourceGraph, add: Add, holder: Resource, path: str, arn: Any,
             owner: Resource | None, deps: list[str]) -> None:
    """A policy ARN: the program's own policy where it is one, else the ARN itself."""
    for policy in graph.of_type(POLICY):
        if policy.urn in deps or (arn and arn in _identities(policy)):
            add(policy, "policy", policy.inputs.get("policy"), owner)
            return
    if isinstance(arn, str):
        add(holder, path, arn, owner)


def _judge(grant: Grant, graph: ResourceGraph) -> list[Evidence]:
    who = (f"granted to {', '.join(grant.principals)}" if grant.principals
           else "attached to no principal in the program")
    value = grant.value
    if isinstance(value, str) and grant.path.split("[")[0] in (
            "policyArn", "policyArns", "managedPolicyArns"):
        reason = elevated_reason(value)
        return [Evidence.of(grant.source, f"{reason} ({who})", grant.path, value)] if reason else []
    if value is None or value == UNKNOWN:
        return []
    statements = parse_document(value, graph.invokes) or []
    out = []
    for statement in statements:
        for note, key, bad in statement_problems(statement):
            out.append(Evidence.of(grant.source, f"{note} ({who})",
                                   f"{grant.path}.Statement[{statement.index}].{key}", bad))
    return out


def _principal(res: Resource, prop: str, principals: list[Resource]) -> Resource | None:
    return next((p for p in principals if _refers(res, prop, p)), None)


def _refers(res: Resource, prop: str, target: Resource) -> bool:
    """`res.prop` names `target`: by a property dependency or by an equal value."""
    if target.urn in res.property_dependencies.get(prop, []):
        return True
    values = _as_list(res.inputs.get(prop))
    return any(isinstance(v, str) and v in _identities(target) for v in values)


def _identities(res: Resource) -> set[str]:
    found = {res.id, res.inputs.get("name"), res.outputs.get("name"), res.outputs.get("arn"),
             res.outputs.get("id")}
    return {v for v in found if isinstance(v, str) and v and v != UNKNOWN}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


# -- mutation ---------------------------------------------------------------------------


@mutation(SLUG)
def attach_administrator_access(program: Program) -> Program:
    """Point the custom policy attachments at AdministratorAccess (or add one to a role)."""
    changed = False

    def edit(tree: ast.Module) -> bool:
        nonlocal changed
        hit = _point_at_admin(tree)
        changed |= hit
        return hit

    mutated = rewrite_python(program, SLUG, edit)
    if changed:
        return mutated
    return dataclasses.replace(mutated, files=_add_admin_attachment(dict(mutated.files)))


def _point_at_admin(tree: ast.Module) -> bool:
    hits = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node).endswith("PolicyAttachment"):
            for kw in node.keywords:
                if kw.arg == "policy_arn" and _is_custom_policy_arn(kw.value):
                    kw.value, hits = ast.Constant(ADMIN_ARN), hits + 1
    return hits > 0


def _add_admin_attachment(files: dict[str, str]) -> dict[str, str]:
    """After the first `x = ....iam.Role(name, ...)`, attach AdministratorAccess to x."""
    for path, text in sorted(files.items()):
        tree = _parse(path, text)
        if tree is None:
            continue
        for parent in ast.walk(tree):
            body = getattr(parent, "body", None)
            if not isinstance(body, list):
                continue
            for i, stmt in enumerate(body):
                call = stmt.value if isinstance(stmt, ast.Assign) else None
                if (isinstance(call, ast.Call) and _callee(call).endswith("iam.Role")
                        and call.args and isinstance(stmt.targets[0], ast.Name | ast.Attribute)):
                    module = _callee(call).rsplit(".iam.Role", 1)[0]
                    attach = ast.parse(f"{module}.iam.RolePolicyAttachment(NAME, role="
                                       f"{ast.unparse(stmt.targets[0])}.name, "
                                       f"policy_arn={ADMIN_ARN!r})").body[0]
                    assert isinstance(attach, ast.Expr) and isinstance(attach.value, ast.Call)
                    attach.value.args = [ast.JoinedStr([
                        ast.FormattedValue(call.args[0], -1), ast.Constant("-admin")])]
                    body.insert(i + 1, attach)
                    files[path] = ast.unparse(ast.fix_missing_locations(tree))
                    return files
    return files


def _is_custom_policy_arn(node: ast.expr) -> bool:
    """`policy.arn`: the ARN of a policy the program made (not a managed ARN constant)."""
    return isinstance(node, ast.Attribute) and node.attr == "arn"


def _callee(call: ast.Call) -> str:
    try:
        return ast.unparse(call.func)
    except (AttributeError, ValueError):
        return ""


def _parse(path: str, text: str) -> ast.Module | None:
    if not path.endswith(".py"):
        return None
    try:
        return ast.parse(text)
    except SyntaxError:
        return None
