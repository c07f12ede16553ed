"""Where matched pairs sit: parent, provider, dependencies."""

from __future__ import annotations

from harness.diff import StructureDifference, diff

from .factory import GraphBuilder, tap_stack

VPC = "aws:ec2/vpc:Vpc"


def structure_of(d, name: str) -> tuple[StructureDifference, ...]:  # type: ignore[no-untyped-def]
    [match] = [m for m in d.matches if m.reference.name == name]
    return match.structure


def test_provider_moved_from_component_to_stack() -> None:
    model = tap_stack(provider_under_component=False, program_hash="m").build()
    reference = tap_stack(program_hash="r").build()
    d = diff(model, reference)
    reference_stack = next(u for u in reference.resources if u.endswith("::TapStackdev"))
    assert structure_of(d, "aws-provider") == (
        StructureDifference("parent", None, reference_stack),
    )
    assert [m.reference.name for m in d.matches if m.structure] == ["aws-provider"]


def test_explicit_provider_on_one_side_only() -> None:
    def build(explicit: bool) -> GraphBuilder:
        b = GraphBuilder()
        aws = b.provider("east", {"region": "us-east-1"})
        b.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"}, provider=aws if explicit else None)
        return b

    model, reference = build(False), build(True)
    east = next(u for u in reference.graph.resources if u.endswith("::east"))
    assert structure_of(diff(model.build(), reference.build()), "vpc") == (
        StructureDifference("provider", None, east),
    )


def test_default_providers_are_not_explicit() -> None:
    model, reference = GraphBuilder(), GraphBuilder()
    default = model.provider("default_7_8_0", {"region": "us-east-1"})
    model.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"}, provider=f"{default}::id-1")
    reference.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"})
    d = diff(model.build(), reference.build())
    assert not d.has_differences


def test_parent_component_class_differs() -> None:
    def build(component_type: str) -> GraphBuilder:
        b = GraphBuilder()
        parent = b.component(component_type, "net")
        b.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"}, parent=parent)
        return b

    d = diff(build("tap:NetworkStack").build(), build("tap:VpcComponent").build())
    assert structure_of(d, "vpc") == (
        StructureDifference("parent_type", "tap:NetworkStack", "tap:VpcComponent"),
    )


def test_dependencies_are_compared_through_the_matching() -> None:
    def build(prefix: str, depend: bool) -> GraphBuilder:
        b = GraphBuilder()
        vpc = b.add(VPC, f"{prefix}vpc", {"cidrBlock": "10.0.0.0/16"})
        log = b.add("aws:cloudwatch/logGroup:LogGroup", f"{prefix}flow-logs", {"retention": 7})
        b.add(
            "aws:ec2/flowLog:FlowLog",
            f"{prefix}flow-log",
            {"trafficType": "ALL"},
            depends_on=[vpc, log] if depend else [vpc],
        )
        return b

    model, reference = build("dev-", True), build("", True)
    assert structure_of(diff(model.build(), reference.build()), "flow-log") == ()

    model, reference = build("dev-", True), build("", False)
    log_urn = next(u for u in model.graph.resources if u.endswith("::dev-flow-logs"))
    assert structure_of(diff(model.build(), reference.build()), "flow-log") == (
        StructureDifference("dependency", log_urn, None),
    )


def test_references_to_unregistered_default_providers_are_not_explicit() -> None:
    model, reference = GraphBuilder(), GraphBuilder()
    default = "urn:pulumi:dev::tap::pulumi:providers:aws::default_7_8_0::0f1e2d"
    model.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"}, provider=default)
    reference.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"})
    assert not diff(model.build(), reference.build()).has_differences


def test_a_dependency_on_every_resource_of_a_component_reads_as_the_component() -> None:
    def build(depend_on_network: bool) -> tuple[GraphBuilder, str]:
        b = GraphBuilder()
        network = b.component("tap:NetworkStack", "network")
        vpc = b.add(VPC, "vpc", {"cidrBlock": "10.0.0.0/16"}, parent=network)
        subnet = b.add(
            "aws:ec2/subnet:Subnet", "subnet", {"cidrBlock": "10.0.1.0/24"}, parent=network
        )
        b.add(
            "aws:rds/instance:Instance",
            "db",
            {"engine": "postgres"},
            depends_on=[vpc, subnet] if depend_on_network else [],
        )
        return b, network

    (model, network), (reference, _) = build(True), build(False)
    assert structure_of(diff(model.build(), reference.build()), "db") == (
        StructureDifference("dependency", network, None),
    )
