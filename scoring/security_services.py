"""security_services: protective services missing around a VPC, an entry point or a database.

Rule (CATEGORIES.md, 7). Absolute: a VPC without a flow log; an internet-facing
application load balancer, API Gateway REST API stage (`apigateway`, not the HTTP APIs
of `apigatewayv2`, which WAF cannot protect) or CloudFront distribution without an
associated WAF web ACL (managed rule groups not in count mode, plus a rate-based rule);
a relational database or load balancer with no CloudWatch metric alarm. Relative: any of
WAF, CloudTrail, flow logs, alarms that the reference has and the model lacks. Applies
(absolute) when a VPC, a public entry point or a relational database exists.

A CloudTrail trail is account-wide, so a small stack may rightly have none: its absence
fails only relatively. Links between resources are read from property dependencies
first (`vpcId` of a flow log, `resourceArn` of a WAF association, an alarm's
`dimensions`), then from equal values, so literal ids and names are followed too.
"""

from __future__ import annotations

import ast
import json
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "security_services"
VPC, FLOW_LOG = "aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog"
LOAD_BALANCERS = ("aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer",
                  "aws:elb/loadBalancer:LoadBalancer")
REST_STAGE, REST_API = "aws:apigateway/stage:Stage", "aws:apigateway/restApi:RestApi"
DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
DATABASES = ("aws:rds/instance:Instance", "aws:rds/cluster:Cluster")
CLUSTER_INSTANCE = "aws:rds/clusterInstance:ClusterInstance"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
WEB_ACL, ASSOCIATION = "aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclAssociation:WebAclAssociation"
ACL_RULE = "aws:wafv2/webAclRule:WebAclRule"
ACL_GROUP = "aws:wafv2/webAclRuleGroupAssociation:WebAclRuleGroupAssociation"
CLASSIC_ASSOCIATION = "aws:wafregional/webAclAssociation:WebAclAssociation"
#: The services the relative verdict compares, and the types that provide each.
SERVICES: dict[str, tuple[str, ...]] = {
    "WAF": (WEB_ACL, "aws:wafregional/webAcl:WebAcl", "aws:waf/webAcl:WebAcl"),
    "CloudTrail": ("aws:cloudtrail/trail:Trail",),
    "flow logs": (FLOW_LOG,),
    "alarms": (ALARM, "aws:cloudwatch/compositeAlarm:CompositeAlarm"),
}


def security_services_relative(ctx: CheckContext, model: Finding, reference: Finding) -> Finding:
    """Fail where the model lacks a service the reference has; else the usual derivation."""
    if ctx.reference is None:
        return model
    missing = [Evidence.of(have[0], f"the reference has {service} ({len(have)} resource(s)); "
                           "the model has none")
               for service, types in SERVICES.items()
               if (have := ctx.reference.graph.of_type(*types)) and not ctx.graph.of_type(*types)]
    if missing:
        return finding(SLUG, "fail", missing)
    if "error" in (model.verdict, reference.verdict):
        return finding(SLUG, "error", model.evidence + reference.evidence)
    if model.verdict == "not_applicable" or reference.verdict == "fail":
        return finding(SLUG, "not_applicable", model.evidence)
    return finding(SLUG, model.verdict, model.evidence)


@check(SLUG, version=1, relative=security_services_relative)
def security_services(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    vpcs = graph.of_type(VPC)
    entries = _public_entry_points(graph)
    databases = graph.of_type(*DATABASES)
    balancers = graph.of_type(*LOAD_BALANCERS)
    if not (vpcs or entries or databases or balancers):
        return finding(SLUG, "not_applicable", [Evidence(
            note="no VPC, public entry point, load balancer or relational database")])
    missing: list[Evidence] = []
    present: list[Evidence] = []
    for vpc in vpcs:
        logs = [f for f in graph.of_type(FLOW_LOG) if _refers(f, "vpcId", vpc)]
        (present if logs else missing).append(Evidence.of(
            vpc, f"flow log {logs[0].name}" if logs else "VPC without a flow log"))
    for entry in entries:
        problem, note = _waf_problem(entry, graph)
        (missing if problem else present).append(Evidence.of(entry, note))
    for watched in [*databases, *balancers]:
        alarms = _alarms_on(watched, graph)
        (present if alarms else missing).append(Evidence.of(
            watched, f"alarm {alarms[0].name}" if alarms else "no CloudWatch metric alarm"))
    if missing:
        return finding(SLUG, "fail", missing)
    return finding(SLUG, "pass", present)


def _public_entry_points(graph: ResourceGraph) -> list[Resource]:
    """Internet-facing ALBs, REST API stages of non-private APIs, CloudFront distributions."""
    albs = [lb for lb in graph.of_type(*LOAD_BALANCERS[:2])
            if lb.inputs.get("loadBalancerType", "application") == "application"
            and lb.inputs.get("internal") is not True]
    stages = [s for s in graph.of_type(REST_STAGE) if not _private_api(s, graph)]
    return [*albs, *stages, *graph.of_type(DISTRIBUTION)]


def _private_api(stage: Resource, graph: ResourceGraph) -> bool:
    for api in graph.of_type(REST_API):
        if _refers(stage, "restApi", api):
            config = api.inputs.get("endpointConfiguration") or {}
            return "PRIVATE" in (config.get("types") or [])
    return False


def _waf_problem(entry: Resource, graph: ResourceGraph) -> tuple[bool, str]:
    """(is a problem, note) for the web ACL in front of one entry point."""
    acls = graph.of_type(WEB_ACL)
    if entry.type == DISTRIBUTION:
        acl = next((a for a in acls if _refers(entry, "webAclId", a)), None)
        if acl is None and entry.inputs.get("webAclId"):
            return True, "webAclId is not a WAFv2 web ACL of the program"
    else:
        if any(_refers(a, "resourceArn", entry) for a in graph.of_type(CLASSIC_ASSOCIATION)):
            return True, "associated only with a WAF Classic web ACL (deprecated)"
        links = [a for a in graph.of_type(ASSOCIATION) if _refers(a, "resourceArn", entry)]
        acl = next((a for link in links for a in acls if _refers(link, "webAclArn", a)), None)
    if acl is None:
        return True, "no WAF web ACL associated"
    rules = _rules(acl, graph)
    managed = [r for r in rules if _statement(r, "managedRuleGroupStatement")
               and not _counts(r, "overrideAction")]
    rate = [r for r in rules if _statement(r, "rateBasedStatement") and not _counts(r, "action")]
    if managed and rate:
        return False, f"web ACL {acl.name}: {len(managed)} managed rule group(s), a rate rule"
    lacks = [what for what, found in (("managed rule groups not in count mode", managed),
                                      ("a rate-based rule", rate)) if not found]
    return True, f"web ACL {acl.name} lacks {' and '.join(lacks)}"


def _rules(acl: Resource, graph: ResourceGraph) -> list[dict[str, Any]]:
    """The ACL's rules, from `rules`, `ruleJson` and separate rule resources, camelCased."""
    rules = [r for r in acl.inputs.get("rules") or [] if isinstance(r, dict)]
    raw = acl.inputs.get("ruleJson")
    if isinstance(raw, str) and raw != UNKNOWN:
        try:
            loaded = json.loads(raw)
            rules += [_camel(r) for r in (loaded if isinstance(loaded, list) else [])]
        except ValueError:
            pass
    for rule in graph.of_type(ACL_RULE):
        if _refers(rule, "webAclArn", acl):
            rules.append(rule.inputs)
    for group in graph.of_type(ACL_GROUP):
        if _refers(group, "webAclArn", acl) and group.inputs.get("managedRuleGroup"):
            override = str(group.inputs.get("overrideAction") or "none")
            rules.append({"statement": {"managedRuleGroupStatement": {}},
                          "overrideAction": {override: {}}})
    return rules


def _statement(rule: dict[str, Any], kind: str) -> bool:
    statement = rule.get("statement")
    return isinstance(statement, dict) and bool(statement.get(kind) is not None)


def _counts(rule: dict[str, Any], key: str) -> bool:
    action = rule.get(key)
    return isinstance(action, dict) and "count" in action


def _camel(value: Any) -> Any:
    """`ruleJson` uses the API's PascalCase; the wire uses camelCase."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    return value


def _alarms_on(watched: Resource, graph: ResourceGraph) -> list[Resource]:
    """Alarms whose inputs depend on the resource (or an Aurora cluster's instances)."""
    targets = [watched] + [i for i in graph.of_type(CLUSTER_INSTANCE)
                           if _refers(i, "clusterIdentifier", watched)]
    return [a for a in graph.of_type(ALARM) if any(
        t.urn in urns for urns in a.property_dependencies.values() for t in targets)
        or any(_refers(a, "dimensions", t) for t in targets)]


def _refers(res: Resource, prop: str, target: Resource) -> bool:
    """`res.prop` names `target`: by a property dependency or by an equal value."""
    if target.urn in res.property_dependencies.get(prop, []):
        return True
    value = res.inputs.get(prop)
    values = value.values() if isinstance(value, dict) else [value]
    names = {target.id, target.inputs.get("name"), target.inputs.get("identifier"),
             target.inputs.get("clusterIdentifier"), *(target.outputs.get(k) for k in
             ("arn", "id", "name", "arnSuffix", "identifier", "clusterIdentifier"))}
    names = {n for n in names if isinstance(n, str) and n and n != UNKNOWN}
    return any(isinstance(v, str) and v in names for v in values)


# -- mutation ---------------------------------------------------------------------------

#: Classes whose construction is the protective service the mutation removes.
REMOVED = ("wafv2.WebAclAssociation", "ec2.FlowLog")


@mutation(SLUG)
def drop_waf_and_flow_logs(program: Program) -> Program:
    """Remove WAF associations and VPC flow logs (and a distribution's `web_acl_id`)."""
    return rewrite_python(program, SLUG, _remove_services)


def _remove_services(tree: ast.Module) -> bool:
    remover = _Remover()
    remover.visit(tree)
    return remover.changed


class _Remover(ast.NodeTransformer):
    """Drops `X(...)` statements, turns `v = X(...)` / `return X(...)` into None."""

    changed = False

    def _removed(self, node: ast.expr | None) -> bool:
        hit = isinstance(node, ast.Call) and ast.unparse(node.func).endswith(REMOVED)
        self.changed |= hit
        return hit

    def visit_Expr(self, node: ast.Expr) -> ast.AST:  # noqa: N802 (ast visitor name)
        return ast.Pass() if self._removed(node.value) else self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> ast.AST:  # noqa: N802
        if self._removed(node.value):
            node.value = ast.Constant(None)
        return self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> ast.AST:  # noqa: N802
        if self._removed(node.value):
            node.value = ast.Constant(None)
        return self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:  # noqa: N802
        self.generic_visit(node)
        if ast.unparse(node.func).endswith("Distribution"):
            kept = [k for k in node.keywords if k.arg != "web_acl_id"]
            self.changed |= len(kept) != len(node.keywords)
            node.keywords = kept
        return node
