"""provider_parent: root providers handed into components fail; parented ones pass."""

from __future__ import annotations

from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.provider_parent import provider_parent

ContextOf = Callable[..., CheckContext]
COMPONENT = """
import pulumi
import pulumi_aws as aws


class Site(pulumi.ComponentResource):
    def __init__(self, name, provider=None, opts=None):
        super().__init__("test:web:Site", name, None, opts)
        if provider is None:
            provider = aws.Provider(f"{name}-provider", region="eu-west-1",
                                    opts=pulumi.ResourceOptions(parent=self))
        aws.s3.Bucket(f"{name}-bucket", opts=pulumi.ResourceOptions(parent=self,
                                                                    provider=provider))
"""


def test_no_explicit_provider_is_not_applicable(context_of: ContextOf) -> None:
    ctx = context_of("""
        import pulumi_aws as aws
        aws.s3.Bucket("logs")
    """)
    assert provider_parent(ctx).verdict == "not_applicable"


def test_flat_program_passes_with_provider_at_root(context_of: ContextOf) -> None:
    ctx = context_of("""
        import pulumi
        import pulumi_aws as aws
        east = aws.Provider("east", region="us-east-1")
        aws.s3.Bucket("logs", opts=pulumi.ResourceOptions(provider=east))
    """)
    result = provider_parent(ctx)
    assert result.verdict == "pass"
    assert result.evidence[0].urn.endswith("::east")
    assert "no component" in result.evidence[0].note


def test_root_provider_handed_into_component_fails(context_of: ContextOf) -> None:
    source = COMPONENT + """
east = aws.Provider("east", region="us-east-1")
Site("shop", provider=east)
"""
    result = provider_parent(context_of(source))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert evidence.urn.endswith("pulumi:providers:aws::east")
    assert evidence.path == "parent"
    assert "shop (test:web:Site)" in evidence.note
    assert "shop-bucket" in evidence.note
    line = source.splitlines().index('east = aws.Provider("east", region="us-east-1")') + 1
    assert evidence.source == f"__main__.py:{line}"


def test_provider_parented_to_its_component_passes(context_of: ContextOf) -> None:
    ctx = context_of(COMPONENT + "\nSite('shop')\n")
    result = provider_parent(ctx)
    assert result.verdict == "pass"
    assert result.evidence[0].urn.endswith("::shop-provider")
    assert "parented to component shop" in result.evidence[0].note


def test_root_provider_used_only_at_root_passes_beside_components(context_of: ContextOf) -> None:
    ctx = context_of(COMPONENT + """
Site("shop")
east = aws.Provider("east", region="us-east-1")
aws.s3.Bucket("audit", opts=pulumi.ResourceOptions(provider=east))
""")
    result = provider_parent(ctx)
    assert result.verdict == "pass"
    assert any("used only at the root" in e.note for e in result.evidence)


def test_mutation_moves_component_provider_to_the_root(context_of: ContextOf) -> None:
    clean = Program(files={"__main__.py": COMPONENT + "\nSite('shop')\n"},
                    entry="__main__.py")
    mutated = MUTATIONS["provider_parent"](clean)
    text = mutated.files["__main__.py"]
    assert "opts=pulumi.ResourceOptions())" in text  # the provider's options, emptied
    assert "ResourceOptions(parent=self, provider=provider)" in text  # the bucket's, kept
    assert provider_parent(context_of(clean)).verdict == "pass"
    result = provider_parent(context_of(mutated))
    assert result.verdict == "fail"
    assert result.evidence[0].urn.endswith("::shop-provider")


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


def test_reference_passes(reference: Program, probed: Probed) -> None:
    assert provider_parent(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program, probed: Probed) -> None:
    result = provider_parent(probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.urn and e.source for e in result.evidence), result
