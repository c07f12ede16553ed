from __future__ import annotations

import difflib
import json
import re
import zlib
from typing import Any

import pytest

from harness.mocks.account import Account
from harness.mocks.invokes import HANDLERS, answer_invoke
from harness.mocks.policy_document import PolicyDocumentError
from harness.mocks.request import InvokeRequest, KnownResource, ProviderError
from harness.mocks.schema import invoke_result_names

ACCOUNT = Account()
AZS = "aws:index/getAvailabilityZones:getAvailabilityZones"
POLICY = "aws:iam/getPolicyDocument:getPolicyDocument"


def ask(
    token: str, /, at: str = "us-east-1", known: tuple[KnownResource, ...] = (), **args: Any
) -> tuple[dict[str, Any], bool]:
    """Call `token` through a provider in region `at` with invoke arguments `args`."""
    return answer_invoke(token, args, region=at, account=ACCOUNT, known=known)


def policy(**args: Any) -> Any:
    result, answered = ask(POLICY, **args)
    assert answered
    return json.loads(result["json"])


def test_unknown_tokens_are_not_answered() -> None:
    assert ask("aws:foo/getBar:getBar") == ({}, False)


def test_handler_fields_are_spelt_as_the_sdk_declares_them() -> None:
    """A misspelt key would silently become `None` in the program. Handlers may compute
    more than one function declares (answer_invoke drops the rest), but nothing they
    return may be a near miss of a declared name."""
    for token, handler in HANDLERS.items():
        declared = invoke_result_names(token)
        assert declared is not None, token
        request = InvokeRequest(token, {"name": "x", "arn": "arn:aws:s3:::x"}, "us-east-1", ACCOUNT)
        result, _ = handler(request)
        for extra in set(result) - declared:
            assert not difflib.get_close_matches(extra, declared, cutoff=0.8), (token, extra)


def test_answers_keep_only_declared_fields() -> None:
    result, _ = ask("aws:ec2/getSecurityGroup:getSecurityGroup", name="default")
    declared = invoke_result_names("aws:ec2/getSecurityGroup:getSecurityGroup")
    assert declared is not None and set(result) <= declared


def test_availability_zones() -> None:
    result, answered = ask(AZS, region="eu-west-1")
    assert answered
    assert result["names"] == ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
    assert result["zoneIds"] == ["euw1-az1", "euw1-az2", "euw1-az3"]
    assert ask(AZS, state="available")[0]["names"] == ["us-east-1a", "us-east-1b", "us-east-1c"]
    assert ask(AZS, state="impaired")[0]["names"] == []
    assert ask(AZS, excludeNames=["us-east-1b"])[0]["names"] == ["us-east-1a", "us-east-1c"]
    filtered = ask(AZS, filters=[{"name": "opt-in-status", "values": ["opt-in-not-required"]}])
    assert len(filtered[0]["names"]) == 3
    assert ask(AZS, filters=[{"name": "zone-name", "values": ["*a"]}])[0]["names"] == ["us-east-1a"]
    assert ask(AZS, at="us-east-1", region="ap-south-1")[0]["names"][0] == "ap-south-1a"


def test_identity_region_partition() -> None:
    identity, _ = ask("aws:index/getCallerIdentity:getCallerIdentity")
    assert identity["accountId"] == "123456789012"
    assert identity["arn"] == "arn:aws:iam::123456789012:user/iac-harness"
    assert identity["userId"]
    region, _ = ask("aws:index/getRegion:getRegion", at="us-west-2")
    assert region["name"] == region["region"] == region["id"] == "us-west-2"
    assert region["description"] == "US West (Oregon)"
    assert region["endpoint"] == "ec2.us-west-2.amazonaws.com"
    part, _ = ask("aws:index/getPartition:getPartition")
    assert (part["partition"], part["dnsSuffix"], part["reverseDnsPrefix"]) == (
        "aws",
        "amazonaws.com",
        "com.amazonaws",
    )


def test_policy_single_values_collapse_and_sets_sort_descending() -> None:
    doc = policy(
        statements=[
            {
                "sid": "Read",
                "actions": ["s3:GetObject", "s3:ListBucket", "s3:GetObject"],
                "resources": ["arn:aws:s3:::b"],
                "principals": [
                    {"type": "AWS", "identifiers": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]}
                ],
            }
        ]
    )
    assert doc == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Read",
                "Effect": "Allow",
                "Action": ["s3:ListBucket", "s3:GetObject"],
                "Resource": "arn:aws:s3:::b",
                "Principal": {"AWS": ["arn:aws:iam::2:root", "arn:aws:iam::1:root"]},
            }
        ],
    }


def test_policy_json_layout_matches_the_provider() -> None:
    result, _ = ask(
        POLICY,
        statements=[
            {
                "effect": "Deny",
                "notActions": ["iam:*"],
                "notResources": ["*"],
                "principals": [{"type": "*", "identifiers": ["*"]}],
            }
        ],
    )
    expected = (
        "{\n"
        '  "Version": "2012-10-17",\n'
        '  "Statement": [\n'
        "    {\n"
        '      "Effect": "Deny",\n'
        '      "NotAction": "iam:*",\n'
        '      "NotResource": "*",\n'
        '      "Principal": "*"\n'
        "    }\n"
        "  ]\n"
        "}"
    )
    assert result["json"] == expected
    assert result["minifiedJson"] == json.dumps(json.loads(expected), separators=(",", ":"))
    assert result["id"] == str(zlib.crc32(expected.encode()))


def test_policy_principal_star_under_aws_stays_a_map() -> None:
    doc = policy(
        statements=[{"actions": ["s3:*"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]
    )
    assert doc["Statement"][0]["Principal"] == {"AWS": "*"}


def test_policy_conditions_keep_order_and_merge() -> None:
    doc = policy(
        statements=[
            {
                "actions": ["sts:AssumeRole"],
                "notPrincipals": [{"type": "Service", "identifiers": ["ec2.amazonaws.com"]}],
                "conditions": [
                    {"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["123"]},
                    {"test": "StringLike", "variable": "aws:SourceArn", "values": ["b", "a"]},
                    {"test": "StringLike", "variable": "aws:SourceArn", "values": ["c"]},
                    {"test": "Bool", "variable": "aws:SecureTransport", "values": [False]},
                ],
            }
        ]
    )
    statement = doc["Statement"][0]
    assert statement["NotPrincipal"] == {"Service": "ec2.amazonaws.com"}
    assert statement["Condition"] == {
        "Bool": {"aws:SecureTransport": "false"},
        "StringEquals": {"aws:SourceAccount": "123"},
        "StringLike": {"aws:SourceArn": ["b", "a", "c"]},
    }
    assert list(statement["Condition"]) == ["Bool", "StringEquals", "StringLike"]


def test_policy_variables_and_escaping() -> None:
    result, _ = ask(
        POLICY,
        policyId="doc-1",
        statements=[
            {"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::b/&{aws:username}/<x>&"]}
        ],
    )
    assert '"Id": "doc-1"' in result["json"]
    assert "${aws:username}" in result["json"]
    assert "\\u003cx\\u003e\\u0026" in result["json"]
    assert json.loads(result["json"])["Statement"][0]["Resource"].endswith("/<x>&")


def test_policy_source_and_override_documents() -> None:
    source = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "Keep", "Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},
                {"Sid": "Replace", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
            ],
        }
    )
    override = json.dumps(
        {
            "Statement": [
                {
                    "Sid": "Own",
                    "Effect": "Deny",
                    "Action": ["b", "a"],
                    "Principal": {"AWS": ["1", "2"]},
                }
            ]
        }
    )
    doc = policy(
        sourcePolicyDocuments=[source],
        overridePolicyDocuments=[override],
        statements=[
            {"sid": "Replace", "actions": ["s3:PutObject"], "resources": ["*"]},
            {"sid": "Own", "actions": ["kms:Decrypt"], "resources": ["*"]},
        ],
    )
    assert [s["Sid"] for s in doc["Statement"]] == ["Keep", "Replace", "Own"]
    assert doc["Statement"][1]["Action"] == "s3:PutObject"
    assert doc["Statement"][2] == {
        "Sid": "Own",
        "Effect": "Deny",
        "Action": ["b", "a"],
        "Principal": {"AWS": ["2", "1"]},
    }


def test_policy_errors_the_provider_would_raise() -> None:
    with pytest.raises(PolicyDocumentError, match="duplicate Sid"):
        ask(POLICY, statements=[{"sid": "A", "actions": ["x"]}, {"sid": "A", "actions": ["y"]}])
    with pytest.raises(PolicyDocumentError, match="not valid JSON"):
        ask(POLICY, sourcePolicyDocuments=["{not json"])


def test_policy_without_statements_has_no_statement_key() -> None:
    assert policy() == {"Version": "2012-10-17"}


def test_ami_lookups_are_stable_and_shaped() -> None:
    args = {
        "mostRecent": True,
        "owners": ["amazon"],
        "filters": [{"name": "name", "values": ["amzn2-ami-hvm-*-x86_64-gp2"]}],
    }
    first, answered = ask("aws:ec2/getAmi:getAmi", **args)
    assert answered and first == ask("aws:ec2/getAmi:getAmi", **args)[0]
    assert re.fullmatch(r"ami-[0-9a-f]{17}", first["id"]) and first["imageId"] == first["id"]
    assert first["name"].startswith("amzn2-ami-hvm-") and first["architecture"] == "x86_64"
    assert first["ownerId"] == "137112412989"
    other_region = ask("aws:ec2/getAmi:getAmi", at="eu-west-1", **args)[0]
    assert other_region["id"] != first["id"]
    arm = ask("aws:ec2/getAmi:getAmi", filters=[{"name": "name", "values": ["al2023-ami-*-arm64"]}])
    assert arm[0]["architecture"] == "arm64"


def test_ssm_parameters() -> None:
    alias = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
    result, answered = ask("aws:ssm/getParameter:getParameter", name=alias)
    assert answered and re.fullmatch(r"ami-[0-9a-f]{17}", result["value"])
    missing, answered = ask("aws:ssm/getParameter:getParameter", name="/app/db-host")
    assert not answered and missing["value"] == "" and missing["name"] == "/app/db-host"
    created = KnownResource(
        "aws:ssm/parameter:Parameter",
        "/app/db-host",
        {"name": "/app/db-host", "value": "db.local"},
        "us-east-1",
    )
    found, answered = ask(
        "aws:ssm/getParameter:getParameter", known=(created,), name="/app/db-host"
    )
    assert answered and found["value"] == "db.local"


def test_default_vpc_subnets_and_security_group() -> None:
    vpc, answered = ask("aws:ec2/getVpc:getVpc", default=True)
    assert answered and vpc["default"] is True and vpc["cidrBlock"] == "172.31.0.0/16"
    assert vpc["id"] == ACCOUNT.default_vpc_id("us-east-1")
    subnets, _ = ask(
        "aws:ec2/getSubnets:getSubnets", filters=[{"name": "vpc-id", "values": [vpc["id"]]}]
    )
    assert subnets["ids"] == ACCOUNT.default_subnet_ids("us-east-1")
    group, answered = ask(
        "aws:ec2/getSecurityGroup:getSecurityGroup", name="default", vpcId=vpc["id"]
    )
    assert answered and group["id"] == ACCOUNT.default_security_group_id(vpc["id"])


def test_lookups_agree_with_created_resources() -> None:
    vpc = KnownResource(
        "aws:ec2/vpc:Vpc",
        "vpc-0aaa",
        {"cidrBlock": "10.0.0.0/16", "tags": {"Name": "main"}},
        "us-east-1",
    )
    subnet = KnownResource(
        "aws:ec2/subnet:Subnet",
        "subnet-0bbb",
        {"vpcId": "vpc-0aaa", "cidrBlock": "10.0.1.0/24"},
        "us-east-1",
    )
    found, answered = ask("aws:ec2/getVpc:getVpc", known=(vpc, subnet), tags={"Name": "main"})
    assert answered and found["id"] == "vpc-0aaa" and found["cidrBlock"] == "10.0.0.0/16"
    ids, _ = ask(
        "aws:ec2/getSubnets:getSubnets",
        known=(vpc, subnet),
        filters=[{"name": "vpc-id", "values": ["vpc-0aaa"]}],
    )
    assert ids["ids"] == ["subnet-0bbb"]
    _, answered = ask("aws:ec2/getVpc:getVpc", known=(vpc,), id="vpc-missing")
    assert not answered


def test_service_lookups() -> None:
    elb, _ = ask("aws:elb/getServiceAccount:getServiceAccount", region="us-west-2")
    assert elb["arn"] == "arn:aws:iam::797873946194:root"
    role, answered = ask("aws:iam/getRole:getRole", name="deployer")
    assert answered and role["arn"] == "arn:aws:iam::123456789012:role/deployer"
    managed, _ = ask("aws:iam/getPolicy:getPolicy", name="AWSLambdaBasicExecutionRole")
    assert managed["arn"] == "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    readonly, _ = ask("aws:iam/getPolicy:getPolicy", name="ReadOnlyAccess")
    assert readonly["arn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    alias, _ = ask("aws:kms/getAlias:getAlias", name="alias/aws/lambda")
    key, _ = ask("aws:kms/getKey:getKey", keyId="alias/aws/lambda")
    assert alias["targetKeyId"] == key["keyId"] and alias["targetKeyArn"] == key["arn"]
    bucket, _ = ask("aws:s3/getBucket:getBucket", bucket="data", region="eu-west-1")
    assert bucket["bucketRegionalDomainName"] == "data.s3.eu-west-1.amazonaws.com"
    zone = KnownResource(
        "aws:route53/zone:Zone", "Z123", {"name": "example.com", "zoneId": "Z123"}, "us-east-1"
    )
    assert (
        ask("aws:route53/getZone:getZone", known=(zone,), name="example.com.")[0]["zoneId"]
        == "Z123"
    )
    secret, _ = ask("aws:secretsmanager/getSecret:getSecret", name="db")
    assert re.search(r":secret:db-[A-Za-z0-9]{6}$", secret["arn"])
    version, answered = ask("aws:secretsmanager/getSecretVersion:getSecretVersion", secretId="db")
    assert not answered and version["secretString"] == "{}"


SECRET_VERSION = "aws:secretsmanager/getSecretVersion:getSecretVersion"


def test_secret_version_of_a_created_secret() -> None:
    """A secret the program created answers with the value it wrote; before any value is
    written AWS has no version to return, and says so."""
    arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"
    secret = KnownResource("aws:secretsmanager/secret:Secret", arn, {"arn": arn, "name": "db"},
                           "us-east-1")
    with pytest.raises(ProviderError, match="ResourceNotFoundException.*AWSCURRENT"):
        ask(SECRET_VERSION, known=(secret,), secretId=arn)
    version = KnownResource("aws:secretsmanager/secretVersion:SecretVersion", f"{arn}|v1",
                            {"secretId": arn, "secretString": '{"password": "x"}',
                             "versionId": "v1"}, "us-east-1")
    for reference in (arn, "db"):
        result, answered = ask(SECRET_VERSION, known=(secret, version), secretId=reference)
        assert answered and json.loads(result["secretString"]) == {"password": "x"}
