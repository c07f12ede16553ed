"""autoscaling_policy: a scaling group or scalable target without target tracking.

Rule (CATEGORIES.md, 11): no `TargetTrackingScaling` policy for an autoscaling group or
scalable target: scaling by `SimpleScaling` (also the default when `policyType` is absent
on `aws:autoscaling/policy:Policy`), by `StepScaling` (the default on
`aws:appautoscaling/policy:Policy`), or not at all. Applies when the program creates an
autoscaling group or an application-autoscaling target.

Target tracking is what AWS recommends because it follows the metric continuously;
simple and step policies need thresholds tuned by hand. A policy belongs to a group when
its `autoscalingGroupName` depends on the group or equals the group's name; to a
scalable target when its `resourceId` (or `scalableDimension`) depends on the target or
names the same resource and dimension; the dimension must agree, since the read and
write targets of one table share its resource id.
"""

from __future__ import annotations

import ast
from typing import Any

from harness.graph import UNKNOWN, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "autoscaling_policy"
GROUP = "aws:autoscaling/group:Group"
TARGET = "aws:appautoscaling/target:Target"
GROUP_POLICY = "aws:autoscaling/policy:Policy"
TARGET_POLICY = "aws:appautoscaling/policy:Policy"
TARGET_TRACKING = "TargetTrackingScaling"
#: What AWS assumes where `policyType` is absent.
DEFAULT_POLICY_TYPE = {GROUP_POLICY: "SimpleScaling", TARGET_POLICY: "StepScaling"}


@check(SLUG, version=2)
def autoscaling_policy(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    scaled = graph.of_type(GROUP, TARGET)
    if not scaled:
        return finding(SLUG, "not_applicable", [Evidence(
            note="the program creates no autoscaling group or scalable target")])
    failures: list[Evidence] = []
    passes: list[Evidence] = []
    for resource in scaled:
        policies = [p for p in graph.of_type(GROUP_POLICY, TARGET_POLICY)
                    if _scales(p, resource, graph)]
        tracking = [p for p in policies if policy_type(p) == TARGET_TRACKING]
        if tracking:
            passes.append(Evidence.of(resource, f"target tracking policy {tracking[0].name}"))
        elif not policies:
            failures.append(Evidence.of(resource, "no scaling policy: capacity never follows "
                                                  "load"))
        else:
            listed = ", ".join(sorted(f"{p.name} ({policy_type(p)})" for p in policies))
            failures.append(Evidence.of(resource, f"scaled only by {listed}, no "
                                                  f"{TARGET_TRACKING} policy"))
            failures.extend(Evidence.of(p, _type_note(p), "policyType",
                                        p.inputs.get("policyType")) for p in policies)
    if failures:
        return finding(SLUG, "fail", failures)
    return finding(SLUG, "pass", passes)


def policy_type(policy: Resource) -> str:
    """The policy's type, AWS's default where the program left it out."""
    value = policy.inputs.get("policyType")
    return str(value) if value else DEFAULT_POLICY_TYPE[policy.type]


def _type_note(policy: Resource) -> str:
    if policy.inputs.get("policyType"):
        return f"policyType {policy_type(policy)}"
    return f"policyType absent: {policy_type(policy)}, the default of {policy.type}"


def _scales(policy: Resource, resource: Resource, graph: ResourceGraph) -> bool:
    if policy.type == GROUP_POLICY and resource.type == GROUP:
        return _refers(policy, "autoscalingGroupName", resource)
    if policy.type == TARGET_POLICY and resource.type == TARGET:
        # Targets of one resource share its id (a table's read and write capacity):
        # the dimension tells them apart.
        if not _same_dimension(policy, resource):
            return False
        if any(_refers(policy, key, resource) for key in ("resourceId", "scalableDimension")):
            return True
        keys = ("resourceId", "scalableDimension", "serviceNamespace")
        return all(_known(policy.inputs.get(k)) and policy.inputs.get(k) ==
                   resource.inputs.get(k) for k in keys)
    return False


def _same_dimension(policy: Resource, target: Resource) -> bool:
    ours, theirs = policy.inputs.get("scalableDimension"), target.inputs.get("scalableDimension")
    return not (_known(ours) and _known(theirs)) or ours == theirs


def _refers(res: Resource, prop: str, target: Resource) -> bool:
    """`res.prop` names `target`: by a property dependency or by an equal value."""
    if target.urn in res.property_dependencies.get(prop, []):
        return True
    value = res.inputs.get(prop)
    names = {target.id, target.inputs.get("name"), target.outputs.get("name"),
             target.outputs.get("arn"), target.outputs.get("resourceId")}
    return _known(value) and value in names


def _known(value: Any) -> bool:
    return isinstance(value, str) and bool(value) and value != UNKNOWN


# -- mutation ---------------------------------------------------------------------------

SIMPLE_FIELDS: dict[str, str | int] = {
    "adjustment_type": "ChangeInCapacity", "scaling_adjustment": 1, "cooldown": 300,
}
#: Keyword arguments that only target tracking (or step scaling) policies take.
TRACKING_ONLY = ("target_tracking_configuration", "target_tracking_scaling_policy_configuration",
                 "estimated_instance_warmup")


@mutation(SLUG)
def drop_target_tracking(program: Program) -> Program:
    """Turn target tracking policies into simple (ASG) or step (app autoscaling) ones."""
    return rewrite_python(program, SLUG, _untrack)


def _untrack(tree: ast.Module) -> bool:
    changed = False
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        kinds = {kw.arg: kw.value for kw in call.keywords}
        value = kinds.get("policy_type")
        if not (isinstance(value, ast.Constant) and value.value == TARGET_TRACKING):
            continue
        call.keywords = [kw for kw in call.keywords
                         if kw.arg not in TRACKING_ONLY and kw.arg != "policy_type"]
        if "target_tracking_scaling_policy_configuration" in kinds:
            call.keywords.append(_step_configuration(call))
        else:
            call.keywords.append(ast.keyword("policy_type", ast.Constant("SimpleScaling")))
            call.keywords.extend(ast.keyword(k, ast.Constant(v))
                                 for k, v in SIMPLE_FIELDS.items())
        changed = True
    return changed


def _step_configuration(call: ast.Call) -> ast.keyword:
    """`policy_type` left out (StepScaling by default) with one step adjustment."""
    module = ast.unparse(call.func).rsplit(".", 1)[0]
    expr = ast.parse(
        f"{module}.PolicyStepScalingPolicyConfigurationArgs(adjustment_type='ChangeInCapacity',"
        f" step_adjustments=[{module}.PolicyStepScalingPolicyConfigurationStepAdjustmentArgs("
        "scaling_adjustment=1, metric_interval_lower_bound='0')])", mode="eval").body
    return ast.keyword("step_scaling_policy_configuration", expr)
