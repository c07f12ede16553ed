"""iam_least_privilege: policies merged per principal, then judged statement by statement."""

from __future__ import annotations

import json
from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.iam_least_privilege import iam_least_privilege
from scoring.policies import elevated_reason, is_scopable, is_wildcard_resource

ContextOf = Callable[..., CheckContext]
ROLE = """
import json
import pulumi
import pulumi_aws as aws

role = aws.iam.Role("app", assume_role_policy=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                   "Principal": {"Service": "lambda.amazonaws.com"}}]}))
"""


def doc(*statements: dict[str, object]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def test_no_iam_is_not_applicable(context_of: ContextOf) -> None:
    ctx = context_of("import pulumi_aws as aws\naws.s3.Bucket('b')\n")
    assert iam_least_privilege(ctx).verdict == "not_applicable"


def test_baseline_service_policies_and_scoped_statements_pass(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + f"""
for arn in ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]:
    aws.iam.RolePolicyAttachment(arn.rsplit("/", 1)[1], role=role.name, policy_arn=arn)
aws.iam.RolePolicy("read", role=role.id, policy={doc(
    {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::data/*"},
    {"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
     "Resource": "arn:aws:logs:*:*:*"},
    {"Effect": "Allow", "Action": ["ec2:DescribeInstances", "xray:PutTraceSegments",
                                   "cloudwatch:PutMetricData", "sqs:ListQueues"],
     "Resource": "*"},
    {"Effect": "Deny", "Action": "*", "Resource": "*"})!r})
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "pass"
    assert "1 principal(s)" in result.evidence[0].note


def test_administrator_access_attachment_fails(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + """
aws.iam.RolePolicyAttachment("admin", role=role.name,
                             policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("rolePolicyAttachment:RolePolicyAttachment::admin")
    assert evidence.path == "policyArn"
    assert evidence.value == "arn:aws:iam::aws:policy/AdministratorAccess"
    assert "AdministratorAccess" in evidence.note and "granted to app" in evidence.note


def test_full_access_in_managed_policy_arns_fails(context_of: ContextOf) -> None:
    ctx = context_of("""
import pulumi_aws as aws
aws.iam.Role("worker", assume_role_policy="{}",
             managed_policy_arns=["arn:aws:iam::aws:policy/AmazonS3FullAccess"])
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    assert result.evidence[0].path == "managedPolicyArns[0]"
    assert "AmazonS3FullAccess" in result.evidence[0].note


def test_custom_policy_is_merged_into_every_principal_it_reaches(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + f"""
other = aws.iam.Role("other", assume_role_policy=role.assume_role_policy)
policy = aws.iam.Policy("everything-s3", policy={doc(
    {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::data"})!r})
aws.iam.RolePolicyAttachment("app-s3", role=role.name, policy_arn=policy.arn)
aws.iam.RolePolicyAttachment("other-s3", role=other.name, policy_arn=policy.arn)
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("iam/policy:Policy::everything-s3")
    assert (evidence.path, evidence.value) == ("policy.Statement[0].Action", "s3:*")
    assert "granted to app, other" in evidence.note


def test_not_action_in_a_role_policy_fails(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + f"""
aws.iam.RolePolicy("most", role=role.id, policy={doc(
    {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"})!r})
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    assert result.evidence[0].path == "policy.Statement[0].NotAction"


def test_resource_star_on_scopable_actions_in_inline_policies_fails(context_of: ContextOf) -> None:
    table = doc({"Effect": "Allow", "Action": ["dynamodb:PutItem"], "Resource": "*"})
    ctx = context_of(ROLE.replace(
        'role = aws.iam.Role("app", ',
        'role = aws.iam.Role("app", inline_policies=[aws.iam.RoleInlinePolicyArgs('
        f'name="table", policy={table!r})], '))
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("iam/role:Role::app")
    assert evidence.path == "inlinePolicies[0].policy.Statement[0].Resource"
    assert "dynamodb:PutItem" in evidence.note


def test_resource_star_on_rds_snapshot_actions_fails(context_of: ContextOf) -> None:
    """Scopable beyond the rule's examples: RDS snapshot actions take db/snapshot ARNs."""
    ctx = context_of(ROLE + f"""
aws.iam.RolePolicy("snapshots", role=role.id, policy={doc(
    {"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:PutLogEvents"],
     "Resource": "arn:aws:logs:*:*:*"},
    {"Effect": "Allow", "Resource": "*",
     "Action": ["rds:CreateDBSnapshot", "rds:DescribeDBSnapshots", "rds:DeleteDBSnapshot"]})!r})
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail", result
    [evidence] = result.evidence
    assert evidence.urn.endswith("iam/rolePolicy:RolePolicy::snapshots")
    assert (evidence.path, evidence.value) == ("policy.Statement[1].Resource", "*")
    assert "rds:CreateDBSnapshot, rds:DeleteDBSnapshot" in evidence.note
    assert "Describe" not in evidence.note and "granted to app" in evidence.note


def test_image_pulls_on_star_match_the_task_execution_baseline(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + f"""
aws.iam.RolePolicy("pull", role=role.id, policy={doc(
    {"Effect": "Allow", "Resource": "*",
     "Action": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
                "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]})!r})
""")
    assert iam_least_privilege(ctx).verdict == "pass"


def test_policy_from_get_policy_document_is_judged(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + """
document = aws.iam.get_policy_document(statements=[aws.iam.GetPolicyDocumentStatementArgs(
    actions=["sqs:SendMessage"], resources=["*"])])
aws.iam.RolePolicy("send", role=role.id, policy=document.json)
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    assert result.evidence[0].urn.endswith("::send")
    assert "sqs:SendMessage" in result.evidence[0].note


def test_policy_attachment_with_roles_list(context_of: ContextOf) -> None:
    ctx = context_of(ROLE + """
aws.iam.PolicyAttachment("power", roles=[role.name],
                         policy_arn="arn:aws:iam::aws:policy/PowerUserAccess")
""")
    result = iam_least_privilege(ctx)
    assert result.verdict == "fail"
    assert "granted to app" in result.evidence[0].note


def test_policy_rules() -> None:
    assert elevated_reason("arn:aws:iam::aws:policy/IAMFullAccess")
    assert elevated_reason("arn:aws:iam::aws:policy/AWSLambda_FullAccess")
    assert not elevated_reason(
        "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    assert not elevated_reason("arn:aws:iam::aws:policy/ReadOnlyAccess")
    assert not elevated_reason("arn:aws:iam::123456789012:policy/AdministratorAccess")
    assert is_scopable("kms:Decrypt") and is_scopable("s3:Get*")
    assert not is_scopable("dynamodb:ListTables") and not is_scopable("ec2:RunInstances")
    assert is_scopable("rds:FailoverDBCluster") and is_scopable("kinesis:PutRecord")
    assert is_scopable("route53:ChangeResourceRecordSets") and is_scopable("ecr:PutImage")
    assert not is_scopable("rds:DescribeDBSnapshots") and not is_scopable("ecr:BatchGetImage")
    assert not is_scopable("route53:CreateHostedZone") and not is_scopable("ssm:GetParameter")
    assert is_wildcard_resource("arn:aws:sqs:*:*:*")
    assert not is_wildcard_resource("arn:aws:sqs:*:*:jobs")


def test_mutation_swaps_a_custom_policy_for_administrator_access(context_of: ContextOf) -> None:
    source = ROLE + f"""
policy = aws.iam.Policy("read", policy={doc(
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"})!r})
aws.iam.RolePolicyAttachment("app-read", role=role.name, policy_arn=policy.arn)
"""
    clean = Program(files={"__main__.py": source}, entry="__main__.py")
    assert iam_least_privilege(context_of(clean)).verdict == "pass"
    result = iam_least_privilege(context_of(MUTATIONS["iam_least_privilege"](clean)))
    assert result.verdict == "fail"
    assert result.evidence[0].urn.endswith("::app-read")


def test_mutation_adds_an_attachment_where_there_is_none(context_of: ContextOf) -> None:
    clean = Program(files={"__main__.py": ROLE}, entry="__main__.py")
    mutated = MUTATIONS["iam_least_privilege"](clean)
    result = iam_least_privilege(context_of(mutated))
    assert result.verdict == "fail"
    assert result.evidence[0].urn.endswith("::app-admin")


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


def test_reference_passes(reference: Program, probed: Probed) -> None:
    assert iam_least_privilege(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program, probed: Probed) -> None:
    result = iam_least_privilege(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.source for e in result.evidence), result
