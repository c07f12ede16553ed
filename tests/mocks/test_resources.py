from __future__ import annotations

import json
import re
from typing import Any

import pytest

from harness.mocks.account import Account
from harness.mocks.naming import autoname, physical_name
from harness.mocks.resources import resource_state
from harness.mocks.schema import json_document_names

ACCOUNT = Account()


def state(
    type_: str, logical: str = "res", /, at: str = "us-east-1", **inputs: Any
) -> tuple[str, dict[str, Any]]:
    """The (id, state) of `type_` registered as `logical` in region `at` with `inputs`."""
    return resource_state(type_, logical, inputs, region=at, account=ACCOUNT)


def test_same_inputs_same_answer() -> None:
    first = state("aws:rds/instance:Instance", "db", engine="postgres", instanceClass="db.t3.micro")
    second = state(
        "aws:rds/instance:Instance", "db", engine="postgres", instanceClass="db.t3.micro"
    )
    assert first == second


def test_autoname_is_logical_name_and_seven_hex() -> None:
    _, bucket = state("aws:s3/bucket:Bucket", "Logs-Bucket")
    assert re.fullmatch(r"logs-bucket-[0-9a-f]{7}", bucket["bucket"])
    _, role = state("aws:iam/role:Role", "AppRole", assumeRolePolicy="{}")
    assert re.fullmatch(r"AppRole-[0-9a-f]{7}", role["name"])


def test_given_names_are_kept() -> None:
    id_, bucket = state("aws:s3/bucket:Bucket", "b", bucket="exact-name")
    assert id_ == bucket["bucket"] == "exact-name"
    id_, fn = state("aws:lambda/function:Function", "f", name="handler", role="r")
    assert id_ == fn["name"] == "handler"


def test_name_prefix_gets_unique_suffix() -> None:
    _, bucket = state("aws:s3/bucket:Bucket", "b", bucketPrefix="logs-")
    assert re.fullmatch(r"logs-\d{18}[0-9a-f]{8}", bucket["bucket"])


def test_length_limits_and_fifo() -> None:
    long = "a-very-long-logical-name-for-a-load-balancer"
    _, lb = state("aws:lb/loadBalancer:LoadBalancer", long)
    assert len(lb["name"]) <= 32
    _, queue = state("aws:sqs/queue:Queue", "jobs", fifoQueue=True)
    assert queue["name"].endswith(".fifo") and queue["url"].endswith(queue["name"])
    assert autoname("aws:x/y:Y", "n").startswith("n-")


def test_inputs_win_over_computed_defaults() -> None:
    _, db = state("aws:rds/instance:Instance", "db", engine="mysql", port=3307)
    assert db["port"] == 3307 and db["endpoint"].endswith(":3307")


@pytest.mark.parametrize(
    ("type_", "prefix"),
    [
        ("aws:ec2/vpc:Vpc", "vpc-"),
        ("aws:ec2/subnet:Subnet", "subnet-"),
        ("aws:ec2/securityGroup:SecurityGroup", "sg-"),
        ("aws:ec2/instance:Instance", "i-"),
        ("aws:ec2/internetGateway:InternetGateway", "igw-"),
        ("aws:ec2/natGateway:NatGateway", "nat-"),
        ("aws:ec2/routeTable:RouteTable", "rtb-"),
        ("aws:ec2/eip:Eip", "eipalloc-"),
        ("aws:ec2/launchTemplate:LaunchTemplate", "lt-"),
        ("aws:ec2/vpcEndpoint:VpcEndpoint", "vpce-"),
    ],
)
def test_ec2_ids(type_: str, prefix: str) -> None:
    id_, out = state(type_, "x")
    assert re.fullmatch(re.escape(prefix) + r"[0-9a-f]{17}", id_)
    if type_ != "aws:ec2/natGateway:NatGateway":
        assert out["arn"].endswith("/" + id_)
    else:
        assert "arn" not in out


@pytest.mark.parametrize(
    ("engine", "port"),
    [
        ("mysql", 3306),
        ("postgres", 5432),
        ("mariadb", 3306),
        ("sqlserver-ex", 1433),
        ("oracle-se2", 1521),
    ],
)
def test_rds_endpoint_and_port_per_engine(engine: str, port: int) -> None:
    id_, db = state("aws:rds/instance:Instance", "db", engine=engine)
    assert id_.startswith("db-") and db["resourceId"] == id_
    assert db["endpoint"] == f"{db['address']}:{port}" and db["port"] == port
    assert db["address"].startswith(db["identifier"] + ".")
    assert db["address"].endswith(".us-east-1.rds.amazonaws.com")
    assert db["masterUserSecrets"] == []


def test_rds_managed_password_and_clusters() -> None:
    _, db = state("aws:rds/instance:Instance", "db", engine="mysql", manageMasterUserPassword=True)
    secret = db["masterUserSecrets"][0]
    assert secret["secretArn"].startswith(
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-"
    )
    assert secret["secretStatus"] == "active"
    id_, cluster = state("aws:rds/cluster:Cluster", "Aurora", engine="aurora-postgresql")
    assert id_ == cluster["clusterIdentifier"] and id_ == id_.lower()
    assert ".cluster-" in cluster["endpoint"] and ".cluster-ro-" in cluster["readerEndpoint"]
    assert cluster["port"] == 5432


def test_load_balancer_outputs() -> None:
    id_, alb = state("aws:lb/loadBalancer:LoadBalancer", "web")
    assert id_ == alb["arn"]
    assert re.fullmatch(r"web-[0-9a-f]{7}-\d+\.us-east-1\.elb\.amazonaws\.com", alb["dnsName"])
    assert alb["zoneId"] == "Z35SXDOTRQ7X7K"
    assert alb["arnSuffix"] == alb["arn"].split("loadbalancer/")[1]
    _, nlb = state(
        "aws:lb/loadBalancer:LoadBalancer", "n", loadBalancerType="network", internal=True
    )
    assert nlb["dnsName"].startswith("internal-") and ".elb.us-east-1." in nlb["dnsName"]


def test_bucket_outputs() -> None:
    _, b = state(
        "aws:s3/bucket:Bucket",
        "site",
        region="eu-west-1",
        bucket="site",
        website={"indexDocument": "i"},
    )
    assert b["bucketDomainName"] == "site.s3.amazonaws.com"
    assert b["bucketRegionalDomainName"] == "site.s3.eu-west-1.amazonaws.com"
    assert b["websiteEndpoint"] == "site.s3-website-eu-west-1.amazonaws.com"
    assert b["region"] == b["bucketRegion"] == "eu-west-1"
    _, plain = state("aws:s3/bucket:Bucket", "plain")
    assert "websiteEndpoint" not in plain


def test_lambda_and_api_gateway_outputs() -> None:
    _, fn = state("aws:lambda/function:Function", "fn", role="r", publish=True)
    assert fn["invokeArn"] == (
        f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{fn['arn']}/invocations"
    )
    assert fn["version"] == "1" and fn["qualifiedArn"] == fn["arn"] + ":1"
    api_id, api = state("aws:apigateway/restApi:RestApi", "api")
    assert re.fullmatch(r"[a-z0-9]{10}", api_id) and api["rootResourceId"] != api_id
    assert api["executionArn"] == f"arn:aws:execute-api:us-east-1:123456789012:{api_id}"
    _, stage = state(
        "aws:apigateway/stage:Stage", "s", restApi=api_id, stageName="prod", deployment="d"
    )
    assert stage["invokeUrl"] == f"https://{api_id}.execute-api.us-east-1.amazonaws.com/prod"
    _, http = state("aws:apigatewayv2/api:Api", "h", protocolType="HTTP")
    assert http["apiEndpoint"].startswith("https://") and "execute-api" in http["apiEndpoint"]


def test_messaging_and_data_outputs() -> None:
    url, queue = state("aws:sqs/queue:Queue", "q", name="orders")
    assert url == queue["url"] == "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
    arn, topic = state("aws:sns/topic:Topic", "t", name="alerts")
    assert arn == topic["arn"] == "arn:aws:sns:us-east-1:123456789012:alerts"
    _, table = state("aws:dynamodb/table:Table", "t", name="items", streamEnabled=True)
    assert table["streamArn"].startswith(table["arn"] + "/stream/")
    _, no_stream = state("aws:dynamodb/table:Table", "t2", name="items2")
    assert "streamArn" not in no_stream
    _, repo = state("aws:ecr/repository:Repository", "r", name="app")
    assert repo["repositoryUrl"] == "123456789012.dkr.ecr.us-east-1.amazonaws.com/app"
    _, redis = state("aws:elasticache/replicationGroup:ReplicationGroup", "cache", description="d")
    assert redis["primaryEndpointAddress"].startswith("master.cache-") and redis["port"] == 6379
    _, clustered = state(
        "aws:elasticache/replicationGroup:ReplicationGroup", "c2", description="d", numNodeGroups=2
    )
    assert clustered["configurationEndpointAddress"].startswith("clustercfg.")


def test_identity_and_security_outputs() -> None:
    key_id, key = state("aws:kms/key:Key", "k")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}", key_id)
    assert key["keyId"] == key_id and key["arn"].endswith(":key/" + key_id)
    _, alias = state("aws:kms/alias:Alias", "a", targetKeyId=key_id)
    assert alias["name"].startswith("alias/") and alias["targetKeyArn"] == key["arn"]
    _, role = state("aws:iam/role:Role", "r", assumeRolePolicy="{}")
    assert re.fullmatch(r"AROA[A-Z0-9]{17}", role["uniqueId"])
    _, profile = state("aws:iam/instanceProfile:InstanceProfile", "p", role="r")
    assert ":instance-profile/" in profile["arn"]
    secret_arn, secret = state("aws:secretsmanager/secret:Secret", "s", name="db")
    assert secret_arn == secret["arn"] and re.search(r":secret:db-[A-Za-z0-9]{6}$", secret_arn)
    _, group = state("aws:cloudwatch/logGroup:LogGroup", "lg", name="/app")
    assert group["arn"] == "arn:aws:logs:us-east-1:123456789012:log-group:/app"


def test_network_outputs() -> None:
    vpc_id, vpc = state("aws:ec2/vpc:Vpc", "v", cidrBlock="10.1.0.0/16")
    assert vpc["cidrBlock"] == "10.1.0.0/16"
    assert vpc["defaultSecurityGroupId"].startswith("sg-")
    assert vpc["mainRouteTableId"] == vpc["defaultRouteTableId"]
    _, subnet = state("aws:ec2/subnet:Subnet", "s", at="eu-west-2", vpcId=vpc_id)
    assert subnet["availabilityZone"] in ACCOUNT.availability_zones("eu-west-2")
    _, pinned = state("aws:ec2/subnet:Subnet", "s", availabilityZone="us-east-1c")
    assert pinned["availabilityZone"] == "us-east-1c" and pinned["availabilityZoneId"] == "use1-az3"
    _, zone = state("aws:route53/zone:Zone", "z", name="example.com")
    assert zone["zoneId"].startswith("Z") and len(zone["nameServers"]) == 4
    _, cert = state(
        "aws:acm/certificate:Certificate",
        "c",
        domainName="example.com",
        subjectAlternativeNames=["www.example.com"],
        validationMethod="DNS",
    )
    options = cert["domainValidationOptions"]
    assert [o["domainName"] for o in options] == ["example.com", "www.example.com"]
    assert options[0]["resourceRecordName"].endswith(".example.com.")
    assert options[0]["resourceRecordType"] == "CNAME"
    _, cdn = state("aws:cloudfront/distribution:Distribution", "cdn")
    assert cdn["domainName"].endswith(".cloudfront.net") and cdn["hostedZoneId"] == "Z2FDTNDATAQYW2"


def test_generated_values_honour_their_inputs() -> None:
    _, pw = state(
        "random:index/randomPassword:RandomPassword",
        "pw",
        length=24.0,
        minUpper=3.0,
        minNumeric=3.0,
        special=False,
    )
    result = pw["result"]
    assert len(result) == 24 and result.isalnum()
    assert sum(c.isupper() for c in result) >= 3 and sum(c.isdigit() for c in result) >= 3
    assert pw["bcryptHash"].startswith("$2a$10$")
    _, rid = state("random:index/randomId:RandomId", "id", byteLength=4.0)
    assert re.fullmatch(r"[0-9a-f]{8}", rid["hex"]) and int(rid["hex"], 16) == int(rid["dec"])
    id_, text = state(
        "random:index/randomString:RandomString", "s", length=8.0, special=False, upper=False
    )
    assert id_ == text["result"] and re.fullmatch(r"[a-z0-9]{8}", id_)
    _, key = state("tls:index/privateKey:PrivateKey", "k", algorithm="RSA")
    assert key["privateKeyPem"].startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert key["publicKeyOpenssh"].startswith("ssh-rsa ")


def test_undeclared_outputs_are_not_invented() -> None:
    _, alias = state("aws:kms/alias:Alias", "a", targetKeyId="k")
    assert "tagsAll" not in alias
    _, attach = state(
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", role="r", policyArn="p"
    )
    assert set(attach) == {"role", "policyArn"}
    _, unknown = state("aws:notaservice/widget:Widget", "w", size=1)
    assert unknown == {"size": 1}


def test_tags_all_merges_provider_default_tags() -> None:
    _, bucket = resource_state(
        "aws:s3/bucket:Bucket",
        "b",
        {"tags": {"app": "x", "env": "dev"}},
        region="us-east-1",
        account=ACCOUNT,
        default_tags={"env": "default", "owner": "team"},
    )
    assert bucket["tagsAll"] == {"env": "dev", "owner": "team", "app": "x"}


def test_read_resources_keep_their_id() -> None:
    id_, vpc = resource_state(
        "aws:ec2/vpc:Vpc",
        "existing",
        {},
        region="us-east-1",
        account=ACCOUNT,
        resource_id="vpc-0abc",
    )
    assert id_ == "vpc-0abc" and vpc["arn"].endswith("vpc/vpc-0abc")


def test_providers_and_stack_references() -> None:
    first, _ = state("pulumi:providers:aws", "p", region="us-west-2")
    again, _ = state("pulumi:providers:aws", "p", region="us-west-2")
    other, _ = state("pulumi:providers:aws", "p", region="eu-west-1")
    assert first == again != other
    _, ref = state("pulumi:pulumi:StackReference", "ref", name="org/proj/dev")
    assert ref["outputs"] == {}


def test_physical_name_for_types_without_one() -> None:
    assert physical_name("aws:ec2/vpc:Vpc", "v", {}) == ("", None)


def test_integration_outputs() -> None:
    api_id, api = state("aws:appsync/graphQLApi:GraphQLApi", "gql", authenticationType="API_KEY")
    assert api["uris"]["GRAPHQL"].endswith(".appsync-api.us-east-1.amazonaws.com/graphql")
    assert api["arn"] == f"arn:aws:appsync:us-east-1:123456789012:apis/{api_id}"
    _, glob = state("aws:rds/globalCluster:GlobalCluster", "g", globalClusterIdentifier="orders")
    assert glob["endpoint"].startswith("orders.global-")
    _, task = state(
        "aws:dms/replicationTask:ReplicationTask", "t", replicationTaskId="copy", migrationType="x"
    )
    assert task["replicationTaskArn"].startswith("arn:aws:dms:us-east-1:123456789012:task:")
    app_id, app = state("aws:pinpoint/app:App", "p")
    assert app["applicationId"] == app_id


def test_policy_documents_given_as_structures_are_stored_as_json() -> None:
    """The provider encodes a document given as a structure; the program reads a string."""
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}
    _, role = state("aws:iam/role:Role", "r", assumeRolePolicy=document)
    assert isinstance(role["assumeRolePolicy"], str)
    assert json.loads(role["assumeRolePolicy"]) == document
    _, policy = state("aws:iam/policy:Policy", "p", policy=[document])
    assert json.loads(policy["policy"]) == [document]
    _, text = state("aws:iam/role:Role", "t", assumeRolePolicy='{"Version": "2012-10-17"}')
    assert text["assumeRolePolicy"] == '{"Version": "2012-10-17"}'


def test_only_document_inputs_are_encoded() -> None:
    """A structure where the SDK takes only a string is the program's mistake: kept as given,
    so the SDK reports it as a wrong type."""
    assert "assumeRolePolicy" in json_document_names("aws:iam/role:Role")
    assert "policy" in json_document_names("aws:s3/bucketPolicy:BucketPolicy")
    assert "policy" not in json_document_names("aws:sqs/queue:Queue")
    assert json_document_names("aws:nosuch/thing:Thing") == frozenset()
    _, queue = state("aws:sqs/queue:Queue", "q", redrivePolicy={"maxReceiveCount": 3})
    assert queue["redrivePolicy"] == {"maxReceiveCount": 3}
