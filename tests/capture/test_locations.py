"""Errors the SDK raises from its own tasks still name the cause and the program's line."""

from __future__ import annotations

import textwrap

import pytest

from harness.capture import Worker, capture
from harness.capture.status import classify
from harness.graph import Location, ResourceGraph
from harness.program import Program

PREAMBLE = "import json\nimport pulumi\nimport pulumi_aws as aws\n"


def run(worker: Worker, body: str) -> ResourceGraph:
    files = {"__main__.py": PREAMBLE + textwrap.dedent(body)}
    return capture(Program(files=files, entry="__main__.py", origin="test"), worker=worker)


def line_of(graph: ResourceGraph) -> int:
    assert graph.error is not None and graph.error.location is not None, graph.error
    assert graph.error.location.file == "__main__.py"
    return graph.error.location.line


def test_policy_document_structures_read_back_as_json(worker: Worker) -> None:
    graph = run(worker, """\
        role = aws.iam.Role("app", assume_role_policy={
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                           "Principal": {"Service": "lambda.amazonaws.com"}}],
        })
        pulumi.export("version", role.assume_role_policy.apply(lambda t: json.loads(t)["Version"]))
        """)
    assert graph.status == "ok", graph.error
    assert graph.outputs["version"] == "2012-10-17"


def test_attribute_lifted_from_an_output_points_at_its_line(worker: Worker) -> None:
    """`bucket.bucket.id`: the SDK reads `.id` of the name (a string) in its own task."""
    graph = run(worker, """\
        bucket = aws.s3.Bucket("logs")
        name = bucket.bucket
        aws.s3.BucketPolicy("p", bucket=name.id, policy="{}")
        """)
    assert graph.status == "runtime_error"
    assert graph.error is not None and "'str' object has no attribute 'id'" in graph.error.message
    assert line_of(graph) == 6


def test_wrong_shape_of_a_nested_input_names_the_resource(worker: Worker) -> None:
    """A list where the installed provider takes a string fails while the SDK serialises
    the inputs: the error is the program's wrong argument, at the resource's line."""
    graph = run(worker, """\
        api = aws.apigateway.RestApi(
            "api",
            endpoint_configuration=aws.apigateway.RestApiEndpointConfigurationArgs(
                types=["REGIONAL"]),
        )
        aws.apigateway.Resource("r", rest_api=api.id, parent_id=api.root_resource_id,
                                path_part="x")
        """)
    assert graph.status == "type_error"
    assert graph.error is not None
    assert graph.error.message.startswith("Unexpected type")
    assert "resource 'api'" in graph.error.message
    assert "input 'endpoint_configuration'" in graph.error.message
    assert "While processing" not in graph.error.message
    assert line_of(graph) == 4


def test_wrong_shape_of_an_output_surfaces_through_its_reader(worker: Worker) -> None:
    """One object where the provider keeps a list: the SDK rejects the resource's outputs,
    and the resource that reads them fails too; the root cause is reported."""
    graph = run(worker, """\
        cluster = aws.ecs.Cluster("c")
        service = aws.ecs.Service(
            "svc",
            cluster=cluster.arn,
            service_connect_configuration=aws.ecs.ServiceServiceConnectConfigurationArgs(
                enabled=True,
                services=[aws.ecs.ServiceServiceConnectConfigurationServiceArgs(
                    port_name="http",
                    client_alias={"port": 80, "dns_name": "app"},
                )],
            ),
        )
        aws.cloudwatch.LogGroup("after", name=service.name)
        """)
    assert graph.status == "type_error"
    assert graph.error is not None and "at resource `svc`" in graph.error.message
    assert line_of(graph) == 5


def test_failed_provider_function_points_at_the_call(worker: Worker) -> None:
    """Reading the value of a secret that no version ever writes: AWS answers not found.

    (With a version written later in the program, the outcome would depend on which
    registration happens first: a race the program has, so it makes no stable test.)
    """
    graph = run(worker, """\
        secret = aws.secretsmanager.Secret("db")
        value = aws.secretsmanager.get_secret_version_output(secret_id=secret.arn)
        pulumi.export("value", value.secret_string)
        """)
    assert graph.status == "runtime_error"
    assert graph.error is not None
    assert graph.error.message.startswith(
        "invoke of aws:secretsmanager/getSecretVersion:getSecretVersion failed")
    assert "ResourceNotFoundException" in graph.error.message
    assert line_of(graph) == 5


@pytest.mark.parametrize("reader", ["value.secret_string", "value.secret_string.apply(len)"])
def test_secret_read_after_its_version_is_answered(worker: Worker, reader: str) -> None:
    graph = run(worker, f"""\
        secret = aws.secretsmanager.Secret("db")
        version = aws.secretsmanager.SecretVersion("v", secret_id=secret.id,
                                                   secret_string='{{"password": "x"}}')
        value = aws.secretsmanager.get_secret_version_output(
            secret_id=secret.arn, opts=pulumi.InvokeOutputOptions(depends_on=[version]))
        pulumi.export("value", {reader})
        """)
    assert graph.status == "ok", graph.error
    assert not [i for i in graph.invokes if not i.answered]


def sdk_wrapped(root: BaseException) -> BaseException:
    """The chain the SDK builds when a resource's input fails to serialise."""
    try:
        try:
            try:
                raise root
            except type(root) as exc:
                raise AssertionError("While processing input: 'tags', type <class 'str'>, "
                                     f"value []\nAssertionError has risen: {exc}") from exc
        except AssertionError as exc:
            raise AssertionError("While processing resource: 'web', type "
                                 f"'aws:s3/bucket:Bucket'\nAssertionError has risen: {exc}"
                                 ) from exc
    except AssertionError as exc:
        return exc


def test_root_cause_under_the_sdk_wrappers() -> None:
    wrapped = sdk_wrapped(AssertionError("Unexpected type. Expected 'list' got 'dict'"))
    where = Location("__main__.py", 7)
    status, error = classify(wrapped, "/nowhere", {"web": where}.get)
    assert status == "type_error" and error.type == "AssertionError"
    assert error.message == ("Unexpected type. Expected 'list' got 'dict' "
                             "(resource 'web', input 'tags')")
    assert error.location == where
    status, error = classify(sdk_wrapped(ValueError("x" * 600)), "/nowhere")
    assert status == "runtime_error" and error.type == "ValueError"
    assert len(error.message) <= 500 and error.message.endswith("(resource 'web', input 'tags')")
    assert error.location is None
