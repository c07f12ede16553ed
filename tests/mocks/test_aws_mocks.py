"""Tiny Pulumi programs run in-process under `AwsMocks`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pulumi
import pulumi_aws as aws
import pulumi_random as random
import pytest

from harness.mocks import AwsMocks


@pytest.fixture
def mocks() -> Iterator[AwsMocks]:
    instance = AwsMocks()
    pulumi.runtime.set_mocks(instance, preview=False)
    yield instance


def check(*outputs: Any) -> Any:
    """Resolve `outputs` together; the test's assertions run on the plain values."""

    def run(fn: Any) -> Any:
        @pulumi.runtime.test
        def resolved() -> pulumi.Output[Any]:
            return pulumi.Output.all(*outputs).apply(lambda values: fn(*values))

        resolved()
        return fn

    return run


def test_rds_endpoint_bucket_arn_and_alb_dns(mocks: AwsMocks) -> None:
    db = aws.rds.Instance(
        "db", engine="mysql", instance_class="db.t3.micro", allocated_storage=20, username="admin"
    )
    bucket = aws.s3.Bucket("assets", bucket="assets-bucket")
    alb = aws.lb.LoadBalancer("web", subnets=["subnet-1", "subnet-2"])

    @check(db.endpoint, db.address, db.port, bucket.arn, alb.dns_name, alb.arn_suffix)
    def _(endpoint: str, address: str, port: int, arn: str, dns: str, suffix: str) -> None:
        assert endpoint == f"{address}:3306" and port == 3306
        assert arn == "arn:aws:s3:::assets-bucket"
        assert dns.endswith(".us-east-1.elb.amazonaws.com")
        assert suffix.startswith("app/web-")


def test_provider_region_reaches_resources_and_invokes(mocks: AwsMocks) -> None:
    provider = aws.Provider("west", region="us-west-2", default_tags={"tags": {"team": "data"}})
    opts = pulumi.ResourceOptions(provider=provider)
    bucket = aws.s3.Bucket("logs", tags={"app": "x"}, opts=opts)
    zones = aws.get_availability_zones(
        state="available", opts=pulumi.InvokeOptions(provider=provider)
    )
    assert zones.names == ["us-west-2a", "us-west-2b", "us-west-2c"]
    assert aws.get_availability_zones().names == ["us-east-1a", "us-east-1b", "us-east-1c"]
    assert aws.get_region(opts=pulumi.InvokeOptions(provider=provider)).region == "us-west-2"

    @check(bucket.bucket_regional_domain_name, bucket.tags_all, bucket.region)
    def _(domain: str, tags: dict[str, str], region: str) -> None:
        assert domain.endswith(".s3.us-west-2.amazonaws.com") and region == "us-west-2"
        assert tags == {"team": "data", "app": "x"}

    record = mocks.invokes[0]
    assert record.token == "aws:index/getAvailabilityZones:getAvailabilityZones"
    assert record.answered and record.region == "us-west-2"
    assert record.provider is not None and record.provider.startswith("urn:pulumi:")
    assert mocks.invokes[1].provider is None and mocks.invokes[1].region == "us-east-1"


def test_resource_region_argument_wins(mocks: AwsMocks) -> None:
    queue = aws.sqs.Queue("jobs", region="eu-west-1")

    @check(queue.url, queue.arn)
    def _(url: str, arn: str) -> None:
        assert url.startswith("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs-")
        assert arn.startswith("arn:aws:sqs:eu-west-1:123456789012:jobs-")


def test_config_region_is_the_default(mocks: AwsMocks, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"aws:region": "eu-central-1"}))
    assert aws.get_region().region == "eu-central-1"
    assert aws.get_availability_zones().zone_ids == ["euc1-az1", "euc1-az2", "euc1-az3"]


def test_policy_document_renders_real_json(mocks: AwsMocks) -> None:
    document = aws.iam.get_policy_document(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                actions=["sts:AssumeRole"],
                principals=[
                    aws.iam.GetPolicyDocumentStatementPrincipalArgs(
                        type="Service", identifiers=["lambda.amazonaws.com"]
                    )
                ],
            )
        ]
    )
    assert json.loads(document.json) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Principal": {"Service": "lambda.amazonaws.com"},
            }
        ],
    }
    assert json.loads(document.minified_json) == json.loads(document.json)
    role = aws.iam.Role("fn", assume_role_policy=document.json)

    @check(role.arn, role.name, role.unique_id)
    def _(arn: str, name: str, unique_id: str) -> None:
        assert arn == f"arn:aws:iam::123456789012:role/{name}"
        assert unique_id.startswith("AROA")


def test_identity_partition_and_ami(mocks: AwsMocks) -> None:
    identity = aws.get_caller_identity()
    assert identity.account_id == "123456789012"
    assert identity.arn.startswith("arn:aws:iam::123456789012:")
    assert aws.get_partition().dns_suffix == "amazonaws.com"
    ami = aws.ec2.get_ami(
        most_recent=True,
        owners=["amazon"],
        filters=[aws.ec2.GetAmiFilterArgs(name="name", values=["al2023-ami-*-x86_64"])],
    )
    assert ami.id.startswith("ami-") and ami.architecture == "x86_64"
    assert ami.block_device_mappings[0].device_name == "/dev/xvda"


def test_lookups_see_what_the_program_created(mocks: AwsMocks) -> None:
    parameter = aws.ssm.Parameter("setting", name="/app/mode", type="String", value="blue")
    found = aws.ssm.get_parameter_output(name=parameter.name)
    vpc = aws.ec2.get_vpc(default=True)
    subnets = aws.ec2.get_subnets(
        filters=[aws.ec2.GetSubnetsFilterArgs(name="vpc-id", values=[vpc.id])]
    )
    assert len(subnets.ids) == 3

    @check(found.value)
    def _(value: str) -> None:
        assert value == "blue"

    assert all(record.answered for record in mocks.invokes)


def test_unknown_invokes_are_recorded_unanswered(mocks: AwsMocks) -> None:
    result = aws.ec2.get_instance_type(instance_type="t3.micro")
    assert result.instance_type is None
    assert [(r.token, r.answered) for r in mocks.invokes] == [
        ("aws:ec2/getInstanceType:getInstanceType", False)
    ]


def test_random_values_and_stack_references(mocks: AwsMocks) -> None:
    password = random.RandomPassword("db", length=20, special=False)
    suffix = random.RandomId("suffix", byte_length=4)
    reference = pulumi.StackReference("org/network/dev")

    @check(password.result, suffix.hex, reference.outputs)
    def _(result: str, hex_: str, outputs: dict[str, Any]) -> None:
        assert len(result) == 20 and result.isalnum()
        assert len(hex_) == 8
        assert outputs == {}


def test_same_program_same_graph() -> None:
    def program() -> list[Any]:
        mocks = AwsMocks()
        pulumi.runtime.set_mocks(mocks, preview=False)
        vpc = aws.ec2.Vpc("main", cidr_block="10.0.0.0/16")
        subnet = aws.ec2.Subnet("a", vpc_id=vpc.id, cidr_block="10.0.1.0/24")
        values: list[Any] = []

        @check(vpc.id, subnet.id, subnet.availability_zone, vpc.default_security_group_id)
        def _(*resolved: Any) -> None:
            values.extend(resolved)

        return values

    assert program() == program()
