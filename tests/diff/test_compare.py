"""`diff` end to end on two programs that build the same stack."""

from __future__ import annotations

import hashlib
import time

from harness.diff import PropertyChange, diff

from .factory import GraphBuilder, tap_stack


def reference_graph():  # type: ignore[no-untyped-def]
    return tap_stack(program_hash="reference").build()


def test_identical_graphs_have_similarity_one_and_no_differences() -> None:
    d = diff(tap_stack(program_hash="model").build(), reference_graph())
    assert d.similarity == 1.0
    assert not d.has_differences
    assert not d.missing and not d.extra
    assert len(d.matches) == len(reference_graph().resources) - 1  # all but the stack


def test_renaming_every_resource_still_matches_every_resource() -> None:
    def rename(name: str) -> str:
        return "r" + hashlib.sha256(name.encode()).hexdigest()[:6]

    reference = reference_graph()
    d = diff(tap_stack(rename, program_hash="model").build(), reference)
    assert {m.reference.name: m.model.name for m in d.matches} == {
        r.name: rename(r.name) for r in reference.resources.values() if r.name != "tap-dev"
    }
    assert d.similarity == 1.0
    assert not d.has_differences


def test_environment_prefixed_names_match_their_plain_counterparts() -> None:
    d = diff(
        tap_stack(lambda n: f"dev-{n}-us-east-1", program_hash="model").build(), reference_graph()
    )
    assert {m.reference.name: m.model.name for m in d.matches}["primary-kms-key"] == (
        "dev-primary-kms-key-us-east-1"
    )
    assert all(m.cost < 0.05 for m in d.matches)
    assert not d.has_differences


def test_a_program_without_components_still_matches_by_name_and_inputs() -> None:
    model = tap_stack(lambda n: f"{n}-v2", use_component=False, program_hash="model").build()
    d = diff(model, reference_graph())
    assert d.figures.matched_share == 1.0 and d.similarity == 1.0
    assert [r.name for r in d.missing] == ["TapStackdev"]
    moved = {m.reference.name for m in d.matches if m.structure}
    assert len(moved) == 12  # every custom resource and the provider
    assert {s.kind for m in d.matches for s in m.structure} == {"parent"}


def test_widened_cidr_is_the_only_change() -> None:
    d = diff(tap_stack(web_cidr="10.0.0.0/16", program_hash="model").build(), reference_graph())
    assert [(m.reference.name, m.changes) for m in d.changed()] == [
        (
            "web-sg",
            (PropertyChange("ingress[0].cidrBlocks", ["10.0.0.0/16"], ["10.0.3.0/24"], "changed"),),
        )
    ]
    assert (
        d.figures.input_reproduction
        == (d.figures.reference_input_leaves - 1) / d.figures.reference_input_leaves
    )


def test_reordered_lists_tags_and_statements_with_single_actions_are_no_change() -> None:
    model = tap_stack(reverse_lists=True, actions_as_lists=True, program_hash="model").build()
    reference = reference_graph()
    policies = [
        next(r.inputs["policy"] for r in g.resources.values() if r.name == "lambda-policy")
        for g in (model, reference)
    ]
    assert policies[0] != policies[1]
    d = diff(model, reference)
    assert not d.has_differences
    assert d.similarity == 1.0


def test_references_to_matched_resources_are_not_changes() -> None:
    model = tap_stack(lambda n: f"{n}-prod", program_hash="model").build()
    reference = reference_graph()
    roles = [
        next(
            r.inputs["role"]
            for r in g.resources.values()
            if r.type == "aws:iam/rolePolicy:RolePolicy"
        )
        for g in (model, reference)
    ]
    assert roles[0] != roles[1]  # {"$ref": <URN of each program's own role>}
    subnet_vpc_ids = {
        r.inputs["vpcId"]
        for g in (model, reference)
        for r in g.resources.values()
        if "vpcId" in r.inputs
    }
    assert len(subnet_vpc_ids) == 2  # each program's own VPC id
    d = diff(model, reference)
    assert not d.has_differences


def test_a_real_action_change_is_reported_inside_the_policy() -> None:
    model = tap_stack(bucket_actions=["s3:GetObject"], program_hash="model").build()
    d = diff(model, reference_graph())
    assert [(m.reference.name, m.changes) for m in d.changed()] == [
        (
            "lambda-policy",
            (
                PropertyChange(
                    "policy.Statement[0].Action",
                    ["s3:GetObject"],
                    ["s3:GetObject", "s3:PutObject"],
                    "changed",
                ),
            ),
        )
    ]


def test_references_to_unmatched_resources_are_reported() -> None:
    def build(bucket: str, tags: dict[str, str]) -> GraphBuilder:
        b = GraphBuilder(bucket)
        target = b.add("aws:s3/bucketV2:BucketV2", bucket, {"tags": tags})
        b.add(
            "aws:s3/bucketVersioningV2:BucketVersioningV2",
            "versioning",
            {"bucket": b.id(target), "versioningConfiguration": {"status": "Enabled"}},
            refs={"bucket": [target]},
        )
        return b

    model = build("archive", {"Purpose": "archive", "Team": "b"})
    reference = build("logs", {"Purpose": "logs", "Team": "a"})
    d = diff(model.build(), reference.build())
    assert [r.name for r in d.missing] == ["logs"] and [r.name for r in d.extra] == ["archive"]
    [change] = d.changed()[0].changes
    assert change.path == "bucket"
    assert change.model.endswith("::archive}.id") and change.reference.endswith("::logs}.id")


def test_graphs_of_a_few_hundred_resources_diff_well_under_a_second() -> None:
    def build(naming, program_hash: str) -> GraphBuilder:  # type: ignore[no-untyped-def]
        b = GraphBuilder(program_hash)
        stack = b.component("tap:stack:TapStack", naming("TapStack"))
        vpc = b.add("aws:ec2/vpc:Vpc", naming("vpc"), {"cidrBlock": "10.0.0.0/16"}, parent=stack)
        for i in range(100):
            subnet = b.add(
                "aws:ec2/subnet:Subnet",
                naming(f"subnet-{i}"),
                {"vpcId": b.id(vpc), "cidrBlock": f"10.0.{i}.0/24", "tags": {"Tier": "app"}},
                refs={"vpcId": [vpc]},
                parent=stack,
            )
            b.add(
                "aws:ec2/securityGroup:SecurityGroup",
                naming(f"sg-{i}"),
                {"vpcId": b.id(vpc), "ingress": [{"fromPort": i, "toPort": i, "protocol": "tcp"}]},
                refs={"vpcId": [vpc]},
                parent=stack,
            )
            b.add(
                "aws:ec2/routeTableAssociation:RouteTableAssociation",
                naming(f"rta-{i}"),
                {"subnetId": b.id(subnet)},
                refs={"subnetId": [subnet]},
                parent=stack,
            )
        return b

    model = build(lambda n: "x" + hashlib.sha256(n.encode()).hexdigest()[:6], "model").build()
    reference = build(lambda n: n, "reference").build()
    start = time.perf_counter()
    d = diff(model, reference)
    elapsed = time.perf_counter() - start
    assert d.figures.matched_resources == 301 and not d.has_differences
    assert elapsed < 1.0
