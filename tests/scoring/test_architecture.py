"""architecture: flat resources fail, resources inside components pass."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.graph import STACK_TYPE, Resource
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext, Finding
from scoring.architecture import architecture


def line_of(source: str, needle: str) -> int:
    lines = textwrap.dedent(source).splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def resource(ctx: CheckContext, name: str) -> Resource:
    [found] = [r for r in ctx.graph.resources.values() if r.name == name]
    return found


def notes_by_urn(result: Finding) -> dict[str, str]:
    return {e.urn: e.note for e in result.evidence if e.urn}


FLAT = """\
import pulumi
import pulumi_aws as aws

logs = aws.s3.Bucket("logs")

def make_queue(name):
    return aws.sqs.Queue(name)

class Storage:
    def __init__(self):
        self.table = aws.dynamodb.Table("table", hash_key="id",
                                        attributes=[{"name": "id", "type": "S"}])

queue = make_queue("jobs")
Storage()
"""


def test_module_level_plain_function_and_plain_class_are_flat(
        context_of: Callable[..., CheckContext]) -> None:
    ctx = context_of(FLAT)
    result = architecture(ctx)
    assert result.verdict == "fail"
    notes = notes_by_urn(result)
    assert notes[resource(ctx, "logs").urn].endswith(
        f"at module level at __main__.py:{line_of(FLAT, 'Bucket(')}")
    assert f"in plain function make_queue() at __main__.py:{line_of(FLAT, 'Queue(')}" in notes[
        resource(ctx, "jobs").urn]
    assert "in plain class Storage (not a ComponentResource)" in notes[resource(ctx, "table").urn]
    assert result.evidence[0].note.startswith("3 of 3 cloud resources")


COMPONENT = """\
import pulumi
import pulumi_aws as aws
import pulumi_random as random

class Base(pulumi.ComponentResource):
    pass

class Network(Base):
    def __init__(self, name, opts=None):
        super().__init__("demo:Network", name, None, opts)
        self.vpc = aws.ec2.Vpc("vpc", cidr_block="10.0.0.0/16",
                               opts=pulumi.ResourceOptions(parent=self))
        # a child of a custom resource that is itself in the component
        aws.ec2.Subnet("subnet", vpc_id=self.vpc.id, cidr_block="10.0.1.0/24",
                       opts=pulumi.ResourceOptions(parent=self.vpc))
        self.register_outputs({})

Network("net")
# utility resources are not cloud resources; a provider at the root is provider_parent's
random.RandomPassword("pw", length=16)
aws.Provider("west", region="us-west-2")
"""


def test_resources_inside_components_pass(context_of: Callable[..., CheckContext]) -> None:
    result = architecture(context_of(COMPONENT))
    assert result.verdict == "pass", result
    assert "all 2 cloud resources sit inside components (demo:Network)" in result.evidence[0].note


FORGOT_PARENT = """\
import pulumi
import pulumi_aws as aws

class Storage(pulumi.ComponentResource):
    def __init__(self, name, opts=None):
        super().__init__("demo:Storage", name, None, opts)
        self.kept = aws.s3.Bucket("kept", opts=pulumi.ResourceOptions(parent=self))
        self.lost = aws.s3.Bucket("lost")

Storage("storage")
"""


def test_component_method_without_parent_is_flat(context_of: Callable[..., CheckContext]
                                                 ) -> None:
    ctx = context_of(FORGOT_PARENT)
    result = architecture(ctx)
    assert result.verdict == "fail"
    notes = notes_by_urn(result)
    lost = resource(ctx, "lost")
    line = line_of(FORGOT_PARENT, 'Bucket("lost")')
    assert set(notes) == {lost.urn}
    assert notes[lost.urn] == (
        f"aws:s3/bucket:Bucket 'lost' has no component ancestor; created in Storage (a "
        f"ComponentResource) at __main__.py:{line} but not parented to it (no parent=self)")


def test_no_custom_resource_is_not_applicable(context_of: Callable[..., CheckContext]) -> None:
    source = """\
    import pulumi
    class Empty(pulumi.ComponentResource):
        def __init__(self, name):
            super().__init__("demo:Empty", name)
    Empty("e")
    """
    assert architecture(context_of(source)).verdict == "not_applicable"


def test_mutation_flattens_resources_but_not_providers_or_components(
        context_of: Callable[..., CheckContext]) -> None:
    source = """\
    import pulumi
    import pulumi_aws as aws

    class Site(pulumi.ComponentResource):
        def __init__(self, name, opts=None):
            super().__init__("demo:Site", name, None, opts)
            provider = aws.Provider("p", region="eu-west-1",
                                    opts=pulumi.ResourceOptions(parent=self))
            aws.s3.Bucket("site", opts=pulumi.ResourceOptions(parent=self, provider=provider))

    Site("site")
    """
    program = Program(files={"__main__.py": textwrap.dedent(source)}, entry="__main__.py")
    clean = context_of(program)
    assert architecture(clean).verdict == "pass"
    mutated = context_of(MUTATIONS["architecture"](program))
    assert architecture(mutated).verdict == "fail"
    [provider] = mutated.graph.providers()
    [component] = mutated.graph.components()
    [bucket] = mutated.graph.of_type("aws:s3/bucket:Bucket")
    assert provider.parent == component.urn
    assert bucket.parent and mutated.graph.resources[bucket.parent].type == STACK_TYPE
    assert bucket.provider == provider.urn


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    result = architecture(probed(reference))
    assert result.verdict == "pass", result


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = architecture(probed(flawed_answer))
    assert result.verdict == "fail"
    assert any(e.urn and "has no component ancestor" in e.note for e in result.evidence), result
