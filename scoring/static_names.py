"""static_names: a physical name that stays the same in every environment's stack.

Rule (CATEGORIES.md, 9): an explicit physical name (`name`, `bucket`, `identifier`,
`clusterIdentifier`, `finalSnapshotIdentifier`, alias names, ...) that does not change
with the environment, so two stacks of the program collide. Applies when the program
sets explicit physical names. Some types keep their physical name under a property of
their own (`dashboardName` of a CloudWatch dashboard, `ruleName` of an X-Ray sampling
rule): those properties are names for those types only.

The evidence is counterfactual: the `second_env` probe runs the program as stack `prod`
with environment suffix `prod`; a resource matched between the two runs whose physical
name is equal in both would collide. Matching replaces the environment in logical names
(`dev-db` ↔ `prod-db`). Not physical names: names that live inside an already unique
parent (an API Gateway or HTTP API stage, a route, a Lambda alias, a scaling policy, an
inline IAM policy; a security group inside a VPC the program creates), names derived
from another resource's output (the resource named first is judged), and prefixes
(`namePrefix`: AWS appends a unique suffix). A name formatted from an `Output`
(`f"{bucket.id}-logs"`) renders Pulumi's placeholder text, the same in every stack.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "static_names"
PLACEHOLDER = "Calling __str__ on an Output"
#: Physical-name properties; a type pattern where the property means a name only there.
NAME_PROPS: dict[str, str] = {
    "name": "", "bucket": r"^aws:s3/(bucket|bucketV2|directoryBucket):",
    "identifier": "", "clusterIdentifier": r"/cluster:Cluster$",
    "finalSnapshotIdentifier": "", "replicationGroupId": "", "clusterId": r"^aws:elasticache/",
    "keyName": r"^aws:ec2/keyPair:", "nodeGroupName": "", "layerName": "",
    "domainName": r"^aws:(opensearch|elasticsearch)/domain:", "functionName": "",
    # Account-unique names under a type-specific property (not `name`).
    "dashboardName": r"^aws:cloudwatch/dashboard:", "alarmName": r"^aws:cloudwatch/compositeAlarm:",
    "ruleName": r"^aws:(cloudwatch/contributorInsightRule|xray/samplingRule):",
    "groupName": r"^aws:xray/group:",
}
#: Types whose names live inside an already unique parent.
INSIDE_PARENT = frozenset({
    "aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage",
    "aws:apigatewayv2/route:Route", "aws:apigateway/resource:Resource",
    "aws:lambda/alias:Alias", "aws:lambda/permission:Permission",
    "aws:autoscaling/policy:Policy", "aws:appautoscaling/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy", "aws:iam/policyAttachment:PolicyAttachment",
    "aws:route53/record:Record", "aws:cloudwatch/logStream:LogStream",
    "aws:wafv2/webAclRule:WebAclRule", "aws:apigateway/authorizer:Authorizer",
    "aws:apigatewayv2/authorizer:Authorizer", "aws:apigatewayv2/integration:Integration",
})
#: Types whose name is unique only within a parent; inside it when the program made it.
SCOPED_BY = {"aws:ec2/securityGroup:SecurityGroup": "vpcId",
             "aws:ecs/service:Service": "cluster"}
ENV_KEY = re.compile(r"env|stage|suffix", re.IGNORECASE)


@check(SLUG, version=2, probes=("second_env",))
def static_names(ctx: CheckContext) -> Finding:
    base = ctx.graph
    names = {r.urn: physical_names(r, base) for r in base.custom_resources()}
    names = {urn: found for urn, found in names.items() if found}
    if not names:
        return finding(SLUG, "not_applicable", [Evidence(
            note="the program sets no explicit physical name")])
    other = ctx.probe("second_env")
    if other is None or other.status != "ok":
        why = f"status {other.status}: {other.error}" if other else "did not run"
        return finding(SLUG, "error", [Evidence(note=f"the second_env probe {why}")])
    unchanged = _unchanged_env_values(base, other)
    matched = match_resources(base, other)
    static: list[Evidence] = []
    unsure: list[Evidence] = []
    for urn, props in names.items():
        twin = matched.get(urn)
        if twin is None:
            continue
        resource = base.resources[urn]
        for prop, value in props.items():
            if twin.inputs.get(prop) != value:
                continue
            if PLACEHOLDER in value:
                static.append(Evidence.of(resource, f"'{prop}' formats an Output into a "
                                          "string: Pulumi's placeholder text, the same in "
                                          "every stack", prop, value[:80]))
            elif any(v in value for v in unchanged):
                unsure.append(Evidence.of(resource, f"'{prop}' equal in both stacks, but it "
                                          "holds a config value the probe did not change",
                                          prop, value))
            else:
                static.append(Evidence.of(resource, f"'{prop}' is {value!r} in both the "
                                          f"{base.settings.stack} and {other.settings.stack} "
                                          "stacks: two stacks collide", prop, value))
    if static:
        return finding(SLUG, "fail", static)
    if unsure:
        return finding(SLUG, "error", unsure)
    count = sum(len(p) for p in names.values())
    return finding(SLUG, "pass", [Evidence(
        note=f"{count} physical name(s) on {len(names)} resource(s) all change with the "
             f"environment ({base.settings.stack} → {other.settings.stack})")])


def physical_names(resource: Resource, graph: ResourceGraph) -> dict[str, str]:
    """The explicit physical names a resource sets: property → value."""
    if resource.type in INSIDE_PARENT or _inside_created_parent(resource, graph):
        return {}
    found: dict[str, str] = {}
    for prop, types in NAME_PROPS.items():
        value = resource.inputs.get(prop)
        if not isinstance(value, str) or not value or value == UNKNOWN:
            continue
        if types and not re.search(types, resource.type):
            continue
        if resource.property_dependencies.get(prop):
            continue  # a reference to (or a name derived from) another resource
        found[prop] = value
    return found


def _inside_created_parent(resource: Resource, graph: ResourceGraph) -> bool:
    prop = SCOPED_BY.get(resource.type)
    return bool(prop) and any(
        urn in graph.resources for urn in resource.property_dependencies.get(prop or "", []))


def match_resources(base: ResourceGraph, other: ResourceGraph) -> dict[str, Resource]:
    """Baseline URN → the same resource in the other run.

    Logical names are compared with the environment replaced by a marker (`dev-db` ↔
    `prod-db`), then as they are (a name such as `device-table` holds `dev` by chance).
    """
    index: dict[tuple[str, str], Resource | None] = {}
    for r in other.resources.values():
        for key in {_key(r, other, swap=True), _key(r, other, swap=False)}:
            index[key] = None if key in index else r  # ambiguous keys match nothing
    out: dict[str, Resource] = {}
    for r in base.resources.values():
        twin = index.get(_key(r, base, swap=True)) or index.get(_key(r, base, swap=False))
        if twin is not None:
            out[r.urn] = twin
    return out


def _key(resource: Resource, graph: ResourceGraph, swap: bool) -> tuple[str, str]:
    """(type chain, logical name, with the environment and stack replaced by a marker)."""
    parts = resource.urn.split("::")
    chain = parts[2] if len(parts) > 3 else resource.type
    name = resource.name
    for word in {graph.settings.environment_suffix, graph.settings.stack} if swap else ():
        if word:
            name = re.sub(re.escape(word), "{env}", name, flags=re.IGNORECASE)
    return chain, name


def _unchanged_env_values(base: ResourceGraph, other: ResourceGraph) -> set[str]:
    """Environment-like config values the probe left equal (e.g. a required key filled)."""
    out = set()
    read = {r.key.split(":")[-1] for r in base.config_reads}
    for key, value in other.settings.config.items():
        short = key.split(":")[-1]
        if (ENV_KEY.search(short) and short in read and value
                and base.settings.config.get(key) == value):
            out.add(value)
    return out


# -- mutation ---------------------------------------------------------------------------

#: Python keywords of the physical-name properties above.
PY_NAME_KEYWORDS = ("name", "bucket", "identifier", "cluster_identifier",
                    "final_snapshot_identifier", "replication_group_id", "function_name")


@mutation(SLUG)
def constant_names(program: Program) -> Program:
    """Replace f-string physical names of resources by constants (`f"{env}-x"` → "env-x")."""
    return rewrite_python(program, SLUG, _constant_names)


def _constant_names(tree: ast.Module) -> bool:
    changed = False
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        if not _is_resource_call(call):
            continue
        for kw in call.keywords:
            if kw.arg in PY_NAME_KEYWORDS and isinstance(kw.value, ast.JoinedStr):
                kw.value, changed = ast.Constant(_render(kw.value)), True
    return changed


def _is_resource_call(call: ast.Call) -> bool:
    """`aws.s3.Bucket("logical", ...)`: a module path, a class name, a logical name."""
    func = call.func
    return (isinstance(func, ast.Attribute) and func.attr[:1].isupper()
            and not func.attr.endswith(("Args", "Options")) and bool(call.args))


def _render(node: ast.JoinedStr) -> str:
    """The f-string with each placeholder replaced by the name it formats."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif isinstance(part, ast.FormattedValue):
            out.append(_label(part.value))
    return "".join(out)


def _label(expr: Any) -> str:
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return "static"
