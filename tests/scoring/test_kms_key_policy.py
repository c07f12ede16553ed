"""kms_key_policy: explicit policy, rotation on symmetric keys, no unconditioned `*`."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.graph import Resource
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.kms_key_policy import kms_key_policy


def resource(ctx: CheckContext, name: str) -> Resource:
    [found] = [r for r in ctx.graph.resources.values() if r.name == name]
    return found


HEADER = """\
import json
import pulumi
import pulumi_aws as aws

ROOT = {"Sid": "Admin", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
        "Action": "kms:*", "Resource": "*"}

def policy(*extra):
    return json.dumps({"Version": "2012-10-17", "Statement": [ROOT, *extra]})
"""

GOOD = HEADER + """
inline = aws.kms.Key("inline", enable_key_rotation=True, policy=policy({
    "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*",
    "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012"}}}))
# an explicit policy as a separate resource counts
separate = aws.kms.Key("separate", enable_key_rotation=True)
aws.kms.KeyPolicy("separate-policy", key_id=separate.id, policy=policy())
# asymmetric and HMAC keys cannot rotate: no rotation asked
aws.kms.Key("signing", customer_master_key_spec="RSA_2048", key_usage="SIGN_VERIFY",
            policy=policy())
aws.kms.Key("hmac", customer_master_key_spec="HMAC_256", key_usage="GENERATE_VERIFY_MAC",
            policy=policy())
"""


def test_explicit_policies_and_rotation_pass(context_of: Callable[..., CheckContext]) -> None:
    result = kms_key_policy(context_of(GOOD))
    assert result.verdict == "pass", result
    assert result.evidence[0].note.startswith("4 KMS key(s)")


BAD = HEADER + """
aws.kms.Key("no-policy", enable_key_rotation=True)
aws.kms.Key("no-rotation", policy=policy())
aws.kms.Key("rotation-false", policy=policy(), enable_key_rotation=False,
            customer_master_key_spec="SYMMETRIC_DEFAULT")
aws.kms.Key("open", enable_key_rotation=True, policy=policy(
    {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"}))
attached = aws.kms.Key("open-attached", enable_key_rotation=True)
aws.kms.KeyPolicy("open-policy", key_id=attached.key_id, policy=policy(
    {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:Decrypt", "Resource": "*"}))
"""


def test_each_defect_is_reported_on_its_key(context_of: Callable[..., CheckContext]) -> None:
    ctx = context_of(BAD)
    result = kms_key_policy(ctx)
    assert result.verdict == "fail"
    found = {(e.urn, e.path): e.value for e in result.evidence}
    assert found == {
        (resource(ctx, "no-policy").urn, "policy"): None,
        # absent takes the provider default: false
        (resource(ctx, "no-rotation").urn, "enableKeyRotation"): None,
        (resource(ctx, "rotation-false").urn, "enableKeyRotation"): False,
        (resource(ctx, "open").urn, "policy.Statement[1]"):
            {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*"},
        (resource(ctx, "open-policy").urn, "policy.Statement[1]"):
            {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "kms:Decrypt",
             "Resource": "*"},
    }
    notes = {e.urn: e.note for e in result.evidence}
    assert "absent (provider default false)" in notes[resource(ctx, "no-rotation").urn]
    assert "attached to key open-attached" in notes[resource(ctx, "open-policy").urn]


def test_no_key_is_not_applicable(context_of: Callable[..., CheckContext]) -> None:
    source = "import pulumi_aws as aws\naws.s3.Bucket('b')\n"
    assert kms_key_policy(context_of(source)).verdict == "not_applicable"


def test_mutation_drops_inline_and_separate_policies(context_of: Callable[..., CheckContext]
                                                     ) -> None:
    source = HEADER + """
from pulumi_aws import kms
a = aws.kms.Key("a", enable_key_rotation=True, policy=policy())
b = kms.Key("b", enable_key_rotation=True)
kms.KeyPolicy("b-policy", key_id=b.id, policy=policy())
"""
    program = Program(files={"__main__.py": textwrap.dedent(source)}, entry="__main__.py")
    assert kms_key_policy(context_of(program)).verdict == "pass"
    mutated = context_of(MUTATIONS["kms_key_policy"](program))
    result = kms_key_policy(mutated)
    assert result.verdict == "fail"
    assert {(e.urn, e.path) for e in result.evidence} == {
        (resource(mutated, "a").urn, "policy"), (resource(mutated, "b").urn, "policy")}


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    assert kms_key_policy(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = kms_key_policy(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.type == "aws:kms/key:Key" for e in result.evidence), result
