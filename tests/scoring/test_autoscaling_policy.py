"""autoscaling_policy: only a target tracking policy on each group or target passes."""

from __future__ import annotations

from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.autoscaling_policy import autoscaling_policy

ContextOf = Callable[..., CheckContext]
GROUP = """
import pulumi_aws as aws

template = aws.ec2.LaunchTemplate("web-lt", image_id="ami-123", instance_type="t3.micro")
group = aws.autoscaling.Group(
    "web-asg", name="web-asg", min_size=1, max_size=3,
    availability_zones=["us-east-1a"],
    launch_template=aws.autoscaling.GroupLaunchTemplateArgs(id=template.id),
)
"""
TRACKING = """
aws.autoscaling.Policy(
    "web-cpu", autoscaling_group_name=group.name, policy_type="TargetTrackingScaling",
    target_tracking_configuration=aws.autoscaling.PolicyTargetTrackingConfigurationArgs(
        predefined_metric_specification=aws.autoscaling
        .PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs(
            predefined_metric_type="ASGAverageCPUUtilization"),
        target_value=50,
    ),
)
"""
TARGET = """
import pulumi_aws as aws

cluster = aws.ecs.Cluster("app")
service = aws.ecs.Service("api", cluster=cluster.arn, desired_count=2)
target = aws.appautoscaling.Target(
    "api-target", max_capacity=4, min_capacity=1,
    resource_id=pulumi.Output.concat("service/", cluster.name, "/", service.name),
    scalable_dimension="ecs:service:DesiredCount", service_namespace="ecs",
)
"""


def test_no_group_is_not_applicable(context_of: ContextOf) -> None:
    ctx = context_of("import pulumi_aws as aws\naws.s3.Bucket('b')\n")
    assert autoscaling_policy(ctx).verdict == "not_applicable"


def test_target_tracking_policy_passes(context_of: ContextOf) -> None:
    result = autoscaling_policy(context_of(GROUP + TRACKING))
    assert result.verdict == "pass"
    assert result.evidence[0].urn.endswith("autoscaling/group:Group::web-asg")
    assert "web-cpu" in result.evidence[0].note


def test_absent_policy_type_is_simple_scaling(context_of: ContextOf) -> None:
    result = autoscaling_policy(context_of(GROUP + """
aws.autoscaling.Policy("web-up", autoscaling_group_name=group.name,
                       adjustment_type="ChangeInCapacity", scaling_adjustment=1)
"""))
    assert result.verdict == "fail"
    group, policy = result.evidence
    assert group.urn.endswith("::web-asg") and "web-up (SimpleScaling)" in group.note
    assert policy.urn.endswith("::web-up")
    assert policy.path == "policyType" and policy.value is None
    assert "absent" in policy.note and "default" in policy.note


def test_step_scaling_fails(context_of: ContextOf) -> None:
    result = autoscaling_policy(context_of(GROUP + """
aws.autoscaling.Policy(
    "web-step", autoscaling_group_name=group.name, policy_type="StepScaling",
    adjustment_type="ChangeInCapacity",
    step_adjustments=[aws.autoscaling.PolicyStepAdjustmentArgs(
        scaling_adjustment=1, metric_interval_lower_bound="0")],
)
"""))
    assert result.verdict == "fail"
    assert result.evidence[1].value == "StepScaling"


def test_group_without_any_policy_fails(context_of: ContextOf) -> None:
    result = autoscaling_policy(context_of(GROUP))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("::web-asg") and "no scaling policy" in evidence.note


def test_policy_linked_by_literal_group_name(context_of: ContextOf) -> None:
    source = GROUP + TRACKING.replace("autoscaling_group_name=group.name",
                                      'autoscaling_group_name="web-asg"')
    assert autoscaling_policy(context_of(source)).verdict == "pass"


def test_one_group_without_tracking_fails_the_program(context_of: ContextOf) -> None:
    source = GROUP + TRACKING + """
batch = aws.autoscaling.Group("batch-asg", min_size=1, max_size=2,
                              availability_zones=["us-east-1a"],
                              launch_template=aws.autoscaling.GroupLaunchTemplateArgs(
                                  id=template.id))
"""
    result = autoscaling_policy(context_of(source))
    assert result.verdict == "fail"
    assert [e.urn.rsplit("::", 1)[1] for e in result.evidence] == ["batch-asg"]


def test_app_autoscaling_target_tracking_passes(context_of: ContextOf) -> None:
    source = "import pulumi\n" + TARGET + """
aws.appautoscaling.Policy(
    "api-cpu", policy_type="TargetTrackingScaling", resource_id=target.resource_id,
    scalable_dimension=target.scalable_dimension, service_namespace=target.service_namespace,
    target_tracking_scaling_policy_configuration=aws.appautoscaling
    .PolicyTargetTrackingScalingPolicyConfigurationArgs(
        target_value=60,
        predefined_metric_specification=aws.appautoscaling
        .PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs(
            predefined_metric_type="ECSServiceAverageCPUUtilization"),
    ),
)
"""
    result = autoscaling_policy(context_of(source))
    assert result.verdict == "pass"
    assert result.evidence[0].urn.endswith("::api-target")


def test_app_autoscaling_default_is_step_scaling(context_of: ContextOf) -> None:
    source = "import pulumi\n" + TARGET + """
aws.appautoscaling.Policy(
    "api-step", resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
    service_namespace=target.service_namespace,
    step_scaling_policy_configuration=aws.appautoscaling
    .PolicyStepScalingPolicyConfigurationArgs(
        adjustment_type="ChangeInCapacity",
        step_adjustments=[aws.appautoscaling
                          .PolicyStepScalingPolicyConfigurationStepAdjustmentArgs(
                              scaling_adjustment=1, metric_interval_lower_bound="0")],
    ),
)
"""
    result = autoscaling_policy(context_of(source))
    assert result.verdict == "fail"
    assert "api-step (StepScaling)" in result.evidence[0].note


def test_mutation_turns_target_tracking_into_simple_scaling(context_of: ContextOf) -> None:
    clean = Program(files={"__main__.py": GROUP + TRACKING}, entry="__main__.py")
    mutated = MUTATIONS["autoscaling_policy"](clean)
    assert "TargetTrackingScaling" not in mutated.files["__main__.py"]
    assert autoscaling_policy(context_of(clean)).verdict == "pass"
    result = autoscaling_policy(context_of(mutated))
    assert result.verdict == "fail"
    assert result.evidence[1].value == "SimpleScaling"


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


def test_reference_passes(reference: Program, probed: Probed) -> None:
    assert autoscaling_policy(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program, probed: Probed) -> None:
    result = autoscaling_policy(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.source for e in result.evidence), result


def test_read_and_write_targets_of_one_table_are_judged_apart(context_of: ContextOf) -> None:
    source = """
import pulumi_aws as aws
table = "table/items"
read = aws.appautoscaling.Target("read", resource_id=table, service_namespace="dynamodb",
    scalable_dimension="dynamodb:table:ReadCapacityUnits", min_capacity=1, max_capacity=10)
write = aws.appautoscaling.Target("write", resource_id=table, service_namespace="dynamodb",
    scalable_dimension="dynamodb:table:WriteCapacityUnits", min_capacity=1, max_capacity=10)
aws.appautoscaling.Policy("read-tt", policy_type="TargetTrackingScaling",
    resource_id=table, service_namespace="dynamodb",
    scalable_dimension="dynamodb:table:ReadCapacityUnits",
    target_tracking_scaling_policy_configuration={"target_value": 70,
        "predefined_metric_specification": {
            "predefined_metric_type": "DynamoDBReadCapacityUtilization"}})
aws.appautoscaling.Policy("write-step", policy_type="StepScaling",
    resource_id=table, service_namespace="dynamodb",
    scalable_dimension="dynamodb:table:WriteCapacityUnits",
    step_scaling_policy_configuration={"adjustment_type": "ChangeInCapacity",
        "step_adjustments": [{"scaling_adjustment": 1, "metric_interval_lower_bound": "0"}]})
"""
    result = autoscaling_policy(context_of(source))
    assert result.verdict == "fail"
    assert result.evidence[0].urn is not None and result.evidence[0].urn.endswith("::write")
    assert "write-step (StepScaling)" in result.evidence[0].note
