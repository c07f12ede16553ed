"""input_validation: components built with empty strings and None must raise first."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from harness.capture import Worker
from harness.probes import default_capture, run_probes
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.input_validation import input_validation

ContextOf = Callable[..., CheckContext]
PROBES = {"bad_args:"}
MAIN = """
from components import Site
Site("shop", environment="dev", tags={"Team": "web"})
"""


def program(component: str, main: str = MAIN) -> dict[str, str]:
    header = "import pulumi\nimport pulumi_aws as aws\n\n\n"
    return {"__main__.py": main, "components.py": header + textwrap.dedent(component)}


def line_of(files: dict[str, str], text: str) -> int:
    return textwrap.dedent(files["components.py"]).splitlines().index(text) + 1


VALIDATING = """
class Site(pulumi.ComponentResource):
    def __init__(self, name, environment: str, tags: dict, opts=None):
        if not environment:
            raise ValueError("environment must not be empty")
        super().__init__("test:web:Site", name, None, opts)
        aws.s3.Bucket(f"{environment}-site", tags=tags, opts=pulumi.ResourceOptions(parent=self))
"""


def test_no_component_is_not_applicable(context_of: ContextOf) -> None:
    ctx = context_of("import pulumi_aws as aws\naws.s3.Bucket('b')\n", PROBES)
    assert input_validation(ctx).verdict == "not_applicable"


def test_component_taking_only_a_name_is_not_applicable(context_of: ContextOf) -> None:
    files = program("""
    class Site(pulumi.ComponentResource):
        def __init__(self, name: str, opts: pulumi.ResourceOptions | None = None):
            super().__init__("test:web:Site", name, None, opts)
            aws.s3.Bucket(name, opts=pulumi.ResourceOptions(parent=self))
    """, main="from components import Site\nSite('shop')\n")
    assert input_validation(context_of(files, PROBES)).verdict == "not_applicable"


def test_clear_error_before_any_resource_passes(context_of: ContextOf) -> None:
    files = program(VALIDATING)
    result = input_validation(context_of(files, PROBES))
    assert result.verdict == "pass"
    [evidence] = result.evidence
    line = line_of(files, '            raise ValueError("environment must not be empty")')
    assert evidence.source == f"components.py:{line}"
    assert "raised ValueError before creating anything" in evidence.note
    assert evidence.value == "environment must not be empty"


def test_silent_fallback_fails(context_of: ContextOf) -> None:
    files = program("""
    class Site(pulumi.ComponentResource):
        def __init__(self, name, environment: str, tags: dict, opts=None):
            super().__init__("test:web:Site", name, None, opts)
            environment = environment or "dev"
            aws.s3.Bucket(f"{environment}-site", opts=pulumi.ResourceOptions(parent=self))
    """)
    result = input_validation(context_of(files, PROBES))
    assert result.verdict == "fail"
    notes = [e.note for e in result.evidence]
    assert "raised nothing and registered 1 cloud resource(s)" in notes[0]
    assert result.evidence[1].urn.endswith("aws:s3/bucket:Bucket::dev-site")
    fallback = result.evidence[2]
    line = line_of(files, '        environment = environment or "dev"')
    assert fallback.source == f"components.py:{line}"
    assert fallback.value == "environment or 'dev'"


def test_unrelated_error_deep_inside_fails(context_of: ContextOf) -> None:
    files = program("""
    class Site(pulumi.ComponentResource):
        def __init__(self, name, environment: str, tags: dict, opts=None):
            super().__init__("test:web:Site", name, None, opts)
            owner = tags["Team"]
            aws.s3.Bucket(f"{environment}-{owner}", opts=pulumi.ResourceOptions(parent=self))
    """)
    result = input_validation(context_of(files, PROBES))
    assert result.verdict == "fail"
    [evidence] = result.evidence
    assert "failed deep inside with an unrelated TypeError" in evidence.note
    line = line_of(files, '        owner = tags["Team"]')
    assert evidence.source == f"components.py:{line}"


def test_error_after_resources_were_registered_fails(context_of: ContextOf) -> None:
    files = program("""
    class Site(pulumi.ComponentResource):
        def __init__(self, name, environment: str, tags: dict, opts=None):
            super().__init__("test:web:Site", name, None, opts)
            aws.s3.Bucket(f"{name}-site", opts=pulumi.ResourceOptions(parent=self))
            if not environment:
                raise ValueError("environment must not be empty")
    """)
    result = input_validation(context_of(files, PROBES))
    assert result.verdict == "fail"
    assert "raised only after 1 resource(s) were registered" in result.evidence[0].note
    assert result.evidence[1].urn.endswith("::probe-site")


def test_args_dataclass_validation_passes(context_of: ContextOf) -> None:
    files = program("""
    from dataclasses import dataclass


    @dataclass
    class SiteArgs:
        environment: str
        tags: dict

        def __post_init__(self):
            if not isinstance(self.tags, dict) or not self.tags:
                raise TypeError("tags must be a non-empty dict")


    class Site(pulumi.ComponentResource):
        def __init__(self, name: str, args: SiteArgs, opts=None):
            super().__init__("test:web:Site", name, None, opts)
            aws.s3.Bucket(f"{args.environment}-site", opts=pulumi.ResourceOptions(parent=self))
    """, main="from components import Site, SiteArgs\nSite('shop', SiteArgs('dev', {'a': 'b'}))\n")
    result = input_validation(context_of(files, PROBES))
    assert result.verdict == "pass"
    assert "raised TypeError" in result.evidence[0].note


def test_classes_in_the_entry_point_are_judged_from_source(context_of: ContextOf) -> None:
    component = textwrap.dedent(VALIDATING)
    main = "import pulumi\nimport pulumi_aws as aws\n" + component + "\nSite('shop', 'dev', {})\n"
    result = input_validation(context_of(main, PROBES))
    assert result.verdict == "pass"
    assert "judged from source" in result.evidence[0].note
    unchecked = main.replace('raise ValueError("environment must not be empty")', "pass")
    result = input_validation(context_of(unchecked, PROBES))
    assert result.verdict == "fail"
    assert "never raises on its arguments" in result.evidence[0].note


def test_mutation_removes_the_component_s_raises(context_of: ContextOf) -> None:
    clean = Program(files=program(VALIDATING), entry="__main__.py")
    mutated = MUTATIONS["input_validation"](clean)
    assert "raise" not in mutated.files["components.py"]
    result = input_validation(context_of(mutated, PROBES))
    assert result.verdict == "fail"
    assert "raised nothing" in result.evidence[0].note


# -- the reference, the flawed answer, the mutation ---------------------------------------

Probed = Callable[[Program], CheckContext]


@pytest.fixture(scope="module")
def bad_args_probed(worker: Worker) -> Probed:
    """Like `probed`, with the `bad_args` probes this check reads (and `second_env`)."""
    cache: dict[str, CheckContext] = {}

    def make(program: Program) -> CheckContext:
        if program.hash not in cache:
            graphs = run_probes(program, default_capture(worker), {"second_env", "bad_args:"})
            cache[program.hash] = CheckContext(graphs=graphs, files=program.files)
        return cache[program.hash]

    return make


def test_reference_passes(reference: Program, bad_args_probed: Probed) -> None:
    result = input_validation(bad_args_probed(reference))
    assert result.verdict == "pass"
    assert all(e.source and e.source.startswith("lib/") for e in result.evidence), result


def test_flawed_answer_fails(flawed_answer: Program, bad_args_probed: Probed) -> None:
    result = input_validation(bad_args_probed(flawed_answer))
    assert result.verdict == "fail"
    assert all(e.source for e in result.evidence), result
