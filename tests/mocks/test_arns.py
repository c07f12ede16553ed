from __future__ import annotations

import re
from typing import Any

import pytest

from harness.mocks.account import Account
from harness.mocks.arns import (
    ArnParts,
    generic_arn,
    kebab,
    lb_arn_suffix,
    resource_arn,
    secret_suffix,
    short_type,
)

ACCOUNT = Account()


def arn(
    type_: str, name: str = "thing", id_: str = "", /, region: str = "us-east-1", **inputs: Any
) -> str:
    return resource_arn(ArnParts(type_, name, id_ or name, region, ACCOUNT, inputs, "logical"))


@pytest.mark.parametrize(
    ("type_", "name", "id_", "expected"),
    [
        ("aws:s3/bucket:Bucket", "my-bucket", "my-bucket", "arn:aws:s3:::my-bucket"),
        ("aws:iam/role:Role", "app", "app", "arn:aws:iam::123456789012:role/app"),
        ("aws:iam/policy:Policy", "p", "p", "arn:aws:iam::123456789012:policy/p"),
        ("aws:rds/instance:Instance", "db1", "db-X", "arn:aws:rds:us-east-1:123456789012:db:db1"),
        ("aws:rds/cluster:Cluster", "c1", "c1", "arn:aws:rds:us-east-1:123456789012:cluster:c1"),
        (
            "aws:lambda/function:Function",
            "fn",
            "fn",
            "arn:aws:lambda:us-east-1:123456789012:function:fn",
        ),
        ("aws:sqs/queue:Queue", "q", "u", "arn:aws:sqs:us-east-1:123456789012:q"),
        ("aws:sns/topic:Topic", "t", "t", "arn:aws:sns:us-east-1:123456789012:t"),
        ("aws:dynamodb/table:Table", "t", "t", "arn:aws:dynamodb:us-east-1:123456789012:table/t"),
        (
            "aws:kms/key:Key",
            "",
            "0a1b2c3d-0000-4000-a000-000000000000",
            "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-4000-a000-000000000000",
        ),
        (
            "aws:cloudwatch/logGroup:LogGroup",
            "/aws/lambda/fn",
            "/aws/lambda/fn",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn",
        ),
        (
            "aws:ec2/vpc:Vpc",
            "",
            "vpc-0123",
            "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123",
        ),
        (
            "aws:ecr/repository:Repository",
            "repo",
            "repo",
            "arn:aws:ecr:us-east-1:123456789012:repository/repo",
        ),
        (
            "aws:apigateway/restApi:RestApi",
            "api",
            "abc123defg",
            "arn:aws:apigateway:us-east-1::/restapis/abc123defg",
        ),
        (
            "aws:cloudfront/distribution:Distribution",
            "",
            "E123",
            "arn:aws:cloudfront::123456789012:distribution/E123",
        ),
        ("aws:route53/zone:Zone", "ex.com", "Z1", "arn:aws:route53:::hostedzone/Z1"),
        (
            "aws:ssm/parameter:Parameter",
            "/app/key",
            "/app/key",
            "arn:aws:ssm:us-east-1:123456789012:parameter/app/key",
        ),
        (
            "aws:ssm/parameter:Parameter",
            "plain",
            "plain",
            "arn:aws:ssm:us-east-1:123456789012:parameter/plain",
        ),
    ],
)
def test_known_formats(type_: str, name: str, id_: str, expected: str) -> None:
    assert arn(type_, name, id_) == expected


def test_log_group_arn_has_no_stream_wildcard() -> None:
    assert not arn("aws:cloudwatch/logGroup:LogGroup", "g").endswith(":*")


def test_iam_path_is_part_of_the_arn() -> None:
    assert arn("aws:iam/role:Role", "r", path="/service/").endswith(":role/service/r")


def test_secret_arn_ends_with_six_character_suffix() -> None:
    value = arn("aws:secretsmanager/secret:Secret", "db-password")
    assert re.fullmatch(
        r"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-[A-Za-z0-9]{6}", value
    )
    assert secret_suffix("t", "a") == secret_suffix("t", "a") != secret_suffix("t", "b")


def test_load_balancer_listener_and_suffix() -> None:
    lb = arn("aws:lb/loadBalancer:LoadBalancer", "web")
    assert re.fullmatch(
        r"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/[0-9a-f]{16}",
        lb,
    )
    nlb = arn("aws:lb/loadBalancer:LoadBalancer", "net", loadBalancerType="network")
    assert ":loadbalancer/net/net/" in nlb
    listener = arn("aws:lb/listener:Listener", "l", loadBalancerArn=lb)
    assert listener.startswith(lb.replace(":loadbalancer/", ":listener/") + "/")
    assert lb_arn_suffix(lb).startswith("app/web/")
    tg = arn("aws:lb/targetGroup:TargetGroup", "tg")
    assert lb_arn_suffix(tg).startswith("targetgroup/tg/")


def test_wafv2_scope_decides_region_and_prefix() -> None:
    regional = arn("aws:wafv2/webAcl:WebAcl", "acl", "uuid", region="eu-west-1", scope="REGIONAL")
    assert regional == "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/acl/uuid"
    cdn = arn("aws:wafv2/webAcl:WebAcl", "acl", "uuid", region="eu-west-1", scope="CLOUDFRONT")
    assert cdn == "arn:aws:wafv2:us-east-1:123456789012:global/webacl/acl/uuid"


def test_ecs_service_arn_uses_cluster_name() -> None:
    cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/main"
    assert arn("aws:ecs/service:Service", "svc", cluster=cluster).endswith(":service/main/svc")


def test_event_rule_on_custom_bus() -> None:
    assert arn("aws:cloudwatch/eventRule:EventRule", "r", eventBusName="orders").endswith(
        ":rule/orders/r"
    )
    assert arn("aws:cloudwatch/eventRule:EventRule", "r", eventBusName="default").endswith(
        ":rule/r"
    )


def test_generic_fallback_for_unlisted_types() -> None:
    parts = ArnParts(
        "aws:sagemaker/notebookInstance:NotebookInstance", "nb", "nb", "us-east-1", ACCOUNT
    )
    expected = "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb"
    assert resource_arn(parts) == generic_arn(parts) == expected


def test_arn_random_parts_depend_on_logical_name_not_id() -> None:
    first = resource_arn(
        ArnParts("aws:lb/targetGroup:TargetGroup", "tg", "a", "us-east-1", ACCOUNT, {}, "x")
    )
    second = resource_arn(
        ArnParts("aws:lb/targetGroup:TargetGroup", "tg", "b", "us-east-1", ACCOUNT, {}, "x")
    )
    assert first == second


def test_partition_and_account_come_from_the_account() -> None:
    other = Account(account_id="210987654321", partition="aws-cn")
    value = resource_arn(ArnParts("aws:sqs/queue:Queue", "q", "q", "cn-north-1", other))
    assert value == "arn:aws-cn:sqs:cn-north-1:210987654321:q"


def test_helpers() -> None:
    assert kebab("EventBus") == "event-bus"
    assert short_type("aws:s3/bucket:Bucket") == "s3/bucket"
    assert short_type("random:index/randomId:RandomId") == "random:index/randomId:RandomId"
