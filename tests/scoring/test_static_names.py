"""static_names: physical names equal in the dev and prod stacks fail."""

from __future__ import annotations

from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.static_names import static_names

ContextOf = Callable[..., CheckContext]
PROBES = {"second_env"}
ENV = """
import os
import pulumi
import pulumi_aws as aws

env = os.environ.get("ENVIRONMENT_SUFFIX", "dev")
"""


def test_no_explicit_name_is_not_applicable(context_of: ContextOf) -> None:
    ctx = context_of(ENV + 'aws.s3.Bucket(f"{env}-logs")\n', PROBES)
    result = static_names(ctx)
    assert result.verdict == "not_applicable"


def test_names_built_from_the_environment_pass(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
aws.s3.Bucket(f"{env}-logs", bucket=f"acme-{env}-logs")
aws.sqs.Queue("jobs", name=f"jobs-{pulumi.get_stack()}")
""", PROBES)
    result = static_names(ctx)
    assert result.verdict == "pass"
    assert "2 physical name(s) on 2 resource(s)" in result.evidence[0].note


def test_constant_bucket_name_fails(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
aws.s3.Bucket(f"{env}-logs", bucket="acme-logs")
aws.sqs.Queue("jobs", name=f"jobs-{env}")
""", PROBES)
    result = static_names(ctx)
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("aws:s3/bucket:Bucket::dev-logs")
    assert (evidence.path, evidence.value) == ("bucket", "acme-logs")
    assert "in both the dev and prod stacks" in evidence.note
    assert evidence.source == "__main__.py:8"


def test_type_specific_name_properties_are_physical_names(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
body = '{"widgets": []}'
aws.cloudwatch.Dashboard("ops", dashboard_name="ops-overview", dashboard_body=body)
aws.cloudwatch.Dashboard(f"{env}-app", dashboard_name=f"app-{env}", dashboard_body=body)
aws.xray.Group("traces", group_name=f"traces-{env}", filter_expression="responsetime > 5")
""", PROBES)
    result = static_names(ctx)
    assert result.verdict == "fail", result
    [evidence] = result.evidence
    assert evidence.urn.endswith("aws:cloudwatch/dashboard:Dashboard::ops")
    assert (evidence.path, evidence.value) == ("dashboardName", "ops-overview")
    assert evidence.source == "__main__.py:9"


def test_name_formatted_from_an_output_is_static(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
bucket = aws.s3.Bucket(f"{env}-data")
aws.cloudwatch.LogGroup(f"{env}-access", name=f"/logs/{bucket.id}")
""", PROBES)
    result = static_names(ctx)
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("::dev-access") and evidence.path == "name"
    assert "placeholder" in evidence.note
    assert evidence.value.startswith("/logs/Calling __str__ on an Output")


def test_names_inside_a_unique_parent_are_not_physical(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
api = aws.apigateway.RestApi(f"{env}-api", name=f"{env}-api")
resource = aws.apigateway.Resource("items", rest_api=api.id, parent_id=api.root_resource_id,
                                   path_part="items")
method = aws.apigateway.Method("get", rest_api=api.id, resource_id=resource.id,
                               http_method="GET", authorization="NONE")
integration = aws.apigateway.Integration("mock", rest_api=api.id, resource_id=resource.id,
                                         http_method="GET", type="MOCK")
deployment = aws.apigateway.Deployment("deploy", rest_api=api.id,
                                       opts=pulumi.ResourceOptions(depends_on=[integration]))
aws.apigateway.Stage("live", rest_api=api.id, deployment=deployment.id, stage_name="live")
fn = aws.lambda_.Function(f"{env}-fn", name=f"{env}-fn", role="arn:aws:iam::1:role/r",
                          runtime="python3.12", handler="index.handler",
                          code=pulumi.AssetArchive({}))
aws.lambda_.Alias("current", name="live", function_name=fn.name, function_version="1")
""", PROBES)
    result = static_names(ctx)
    assert result.verdict == "pass"
    assert "2 physical name(s)" in result.evidence[0].note


def test_security_group_name_inside_a_created_vpc_is_not_physical(context_of: ContextOf) -> None:
    ctx = context_of(ENV + """
vpc = aws.ec2.Vpc(f"{env}-vpc", cidr_block="10.0.0.0/16")
aws.ec2.SecurityGroup("web", name="web", vpc_id=vpc.id)
""", PROBES)
    assert static_names(ctx).verdict == "not_applicable"


def test_name_from_a_project_config_value_is_static(context_of: ContextOf) -> None:
    files = {
        "Pulumi.yaml": "name: tap\nruntime: python\nconfig:\n  appName:\n    default: shop\n",
        "__main__.py": ENV + """
app = pulumi.Config().get("appName")
aws.sqs.Queue(f"{env}-orders", name=f"{app}-orders")
""",
    }
    result = static_names(context_of(files, PROBES))
    assert result.verdict == "fail"
    assert result.evidence[0].value == "shop-orders"


def test_environment_from_a_required_key_is_not_blamed(context_of: ContextOf) -> None:
    """The probe fills a required environment key; the name must not count as static."""
    ctx = context_of("""
import pulumi
import pulumi_aws as aws

env = pulumi.Config().require("environment")
aws.sqs.Queue(f"{env}-orders", name=f"{env}-orders")
""", PROBES)
    assert static_names(ctx).verdict != "fail"


def test_mutation_makes_an_f_string_name_constant(context_of: ContextOf) -> None:
    source = ENV + 'aws.sqs.Queue(f"{env}-jobs", name=f"{env}-jobs", delay_seconds=0)\n'
    clean = Program(files={"__main__.py": source}, entry="__main__.py")
    mutated = MUTATIONS["static_names"](clean)
    assert "name='env-jobs'" in mutated.files["__main__.py"]
    assert static_names(context_of(clean, PROBES)).verdict == "pass"
    result = static_names(context_of(mutated, PROBES))
    assert result.verdict == "fail"
    assert result.evidence[0].value == "env-jobs"


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


def test_reference_passes(reference: Program, probed: Probed) -> None:
    assert static_names(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program, probed: Probed) -> None:
    result = static_names(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.source for e in result.evidence), result
