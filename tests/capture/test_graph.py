"""What the graph records about each resource, and that it is deterministic."""

from __future__ import annotations

import textwrap

from harness.capture import Worker, capture, probe_settings
from harness.graph import ResourceGraph
from harness.program import Program

SOURCE = textwrap.dedent('''
    import os
    import warnings
    import pulumi
    import pulumi_aws as aws

    env = os.environ["ENVIRONMENT_SUFFIX"]

    class Network(pulumi.ComponentResource):
        def __init__(self, name, opts=None):
            super().__init__("demo:Network", name, None, opts)
            provider = aws.Provider("eu", region="eu-west-1",
                                    opts=pulumi.ResourceOptions(parent=self))
            self.vpc = aws.ec2.Vpc(f"{env}-vpc", cidr_block="10.0.0.0/16",
                                   opts=pulumi.ResourceOptions(parent=self, provider=provider))
            self.sg = aws.ec2.SecurityGroup(
                "sg", vpc_id=self.vpc.id,
                opts=pulumi.ResourceOptions(parent=self, provider=provider, protect=True,
                                            ignore_changes=["tags"]))
            self.register_outputs({"vpc_id": self.vpc.id})

    net = Network("net")
    db = aws.rds.Instance("db", engine="mysql", instance_class="db.t3.micro",
                          allocated_storage=20, username="admin", password="changeme123!",
                          skip_final_snapshot=True)
    warnings.warn("this helper is old", DeprecationWarning)
    pulumi.export("vpc_id", net.vpc.id)
    pulumi.export("db_endpoint", db.endpoint)
''')

PROGRAM = Program(files={"__main__.py": SOURCE}, entry="__main__.py", origin="test")


def _by_name(graph: ResourceGraph, name: str) -> dict:  # type: ignore[type-arg]
    [resource] = [r for r in graph.resources.values() if r.name == name]
    return vars(resource)


def test_resources_keep_parent_provider_dependencies_options(worker: Worker) -> None:
    graph = capture(PROGRAM, worker=worker)
    assert graph.status == "ok", graph.error
    sg = _by_name(graph, "sg")
    vpc = _by_name(graph, "dev-vpc")
    net = _by_name(graph, "net")
    provider = _by_name(graph, "eu")
    assert sg["parent"] == net["urn"] and provider["parent"] == net["urn"]
    assert sg["provider"] == provider["urn"]
    assert sg["dependencies"] == [vpc["urn"]]
    assert sg["property_dependencies"] == {"vpcId": [vpc["urn"]]}
    assert sg["options"]["protect"] is True and sg["options"]["ignoreChanges"] == ["tags"]
    assert sg["source"].file == "__main__.py"
    assert net["component_outputs"] == {"vpc_id": vpc["id"]}
    assert provider["inputs"]["region"] == "eu-west-1"


def test_secrets_literal_inputs_and_outputs(worker: Worker) -> None:
    graph = capture(PROGRAM, worker=worker)
    db = _by_name(graph, "db")
    assert db["inputs"]["password"] == "changeme123!"
    assert "password" in db["secret_paths"]
    assert db["inputs"]["allocatedStorage"] == 20
    assert graph.outputs["db_endpoint"].endswith(":3306")
    assert any(w.message == "this helper is old" and w.source is not None
               and w.source.line == 26 for w in graph.warnings)


def test_environment_suffix_reaches_the_program(worker: Worker) -> None:
    graph = capture(PROGRAM, probe_settings(PROGRAM, stack="prod"), worker=worker)
    assert any(r.name == "prod-vpc" for r in graph.resources.values())


def test_same_program_twice_is_byte_identical(worker: Worker) -> None:
    first = capture(PROGRAM, worker=worker).to_json()
    second = capture(PROGRAM, worker=worker).to_json()
    assert first == second


def test_graph_round_trips_through_json(worker: Worker) -> None:
    graph = capture(PROGRAM, worker=worker)
    assert ResourceGraph.from_json(graph.to_json()).to_json() == graph.to_json()
