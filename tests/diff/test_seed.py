"""The seed task's flawed answer against its reference: the diff shows what the seed's
analysis found, each where a reviewer would look for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.capture import Worker
from harness.diff import GraphDiff, diff
from harness.probes import capture_baseline, default_capture
from harness.program import load_program

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_diff(worker: Worker) -> GraphDiff:
    run = default_capture(worker)
    _, model, _ = capture_baseline(
        load_program(ROOT / "cases/seed_multiregion/answers/flawed-model/1.md"), run)
    _, reference, _ = capture_baseline(load_program(ROOT / "reference/seed_multiregion"), run)
    assert model.status == reference.status == "ok"
    return diff(model, reference)


def changes(d: GraphDiff, type_: str) -> dict[str, list[tuple[str, object, object]]]:
    """Reference resource name → (path, model value, reference value) of its changes."""
    return {m.reference.name: [(c.path, c.model, c.reference) for c in m.changes]
            for m in d.matches if m.reference.type == type_}


def test_kms_key_policy_is_missing(seed_diff: GraphDiff) -> None:
    keys = changes(seed_diff, "aws:kms/key:Key")
    assert set(keys) == {"dev-ap-south-1-kms-key", "dev-eu-west-1-kms-key"}
    for key in keys.values():
        assert any(path == "policy" and model is None for path, model, _ in key)


def test_database_password_and_deletion_settings_changed(seed_diff: GraphDiff) -> None:
    for db in changes(seed_diff, "aws:rds/instance:Instance").values():
        found = {path: (model, ref) for path, model, ref in db}
        assert found["password"][0] == "changeme123!"
        assert found["deletionProtection"] == (False, True)
        assert found["skipFinalSnapshot"] == (True, False)
        assert found["manageMasterUserPassword"][1] is True


def test_security_group_cidr_widened(seed_diff: GraphDiff) -> None:
    groups = changes(seed_diff, "aws:ec2/securityGroup:SecurityGroup")
    widened = [model for group in groups.values() for path, model, _ in group
               if path == "egress" and "10.0.0.0/16" in str(model)]
    assert widened


def test_protective_services_are_missing(seed_diff: GraphDiff) -> None:
    missing = {r.type for r in seed_diff.missing}
    assert {"aws:wafv2/webAcl:WebAcl", "aws:wafv2/webAclAssociation:WebAclAssociation",
            "aws:cloudtrail/trail:Trail", "aws:ec2/flowLog:FlowLog",
            "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:iam/policy:Policy"} <= missing


def test_managed_policy_attached_in_place_of_the_custom_one(seed_diff: GraphDiff) -> None:
    attachments = changes(seed_diff, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
    arns = [(model, ref) for a in attachments.values() for path, model, ref in a
            if path == "policyArn"]
    assert any(str(model).endswith("AmazonS3FullAccess") and "aws:iam/policy:Policy" in str(ref)
               for model, ref in arns)


def test_scaling_policy_type_changed(seed_diff: GraphDiff) -> None:
    policies = changes(seed_diff, "aws:autoscaling/policy:Policy")
    assert any(path == "policyType" and model is None and ref == "TargetTrackingScaling"
               for policy in policies.values() for path, model, ref in policy)


def test_providers_moved_from_the_components_to_the_stack(seed_diff: GraphDiff) -> None:
    providers = [m for m in seed_diff.matches if m.reference.type == "pulumi:providers:aws"]
    assert {m.reference.name for m in providers} == {"dev-ap-south-1-provider",
                                                      "dev-eu-west-1-provider"}
    for m in providers:
        parent = [s for s in m.structure if s.kind == "parent"]
        assert parent and parent[0].model is None
        assert "seed:region:RegionalStack" in str(parent[0].reference)
