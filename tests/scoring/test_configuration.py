"""configuration: a `require*` that stops the program with empty config fails."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.configuration import configuration

PROBES: set[str] = set()  # run_probes always runs empty_config and the baseline


def line_of(source: str, needle: str) -> int:
    lines = textwrap.dedent(source).splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


REQUIRED = """\
import pulumi
import pulumi_aws as aws

config = pulumi.Config()
name = config.require("bucketName")
password = config.require_secret("dbPassword")
aws.s3.Bucket(name)
"""


def test_require_without_default_fails_at_the_read(context_of: Callable[..., CheckContext]
                                                   ) -> None:
    result = configuration(context_of(REQUIRED, probes=PROBES))
    assert result.verdict == "fail"
    # the empty-config run stops at the first require: that read is the evidence
    [evidence] = result.evidence
    assert evidence.source == f"__main__.py:{line_of(REQUIRED, 'bucketName')}"
    assert evidence.value == "tap:bucketName"
    assert "config.require('tap:bucketName') has no default" in evidence.note


def test_aws_namespace_require_fails(context_of: Callable[..., CheckContext]) -> None:
    source = """\
    import pulumi
    import pulumi_aws as aws
    region = pulumi.Config("aws").require("region")
    aws.s3.Bucket("b")
    """
    result = configuration(context_of(source, probes=PROBES))
    assert result.verdict == "fail"
    assert result.evidence[0].value == "aws:region"


def test_defaults_in_code_pass(context_of: Callable[..., CheckContext]) -> None:
    source = """\
    import pulumi
    import pulumi_aws as aws
    config = pulumi.Config()
    env = config.get("environment") or "dev"
    size = config.get_int("size", 2)
    aws.s3.Bucket(f"{env}-{size}")
    """
    result = configuration(context_of(source, probes=PROBES))
    assert result.verdict == "pass"
    assert "no require* read on the default path" in result.evidence[0].note


def test_default_in_pulumi_yaml_counts(context_of: Callable[..., CheckContext]) -> None:
    files = {
        "Pulumi.yaml": """\
        name: demo
        runtime: python
        config:
          bucketName:
            default: assets
        """,
        "__main__.py": """\
        import pulumi
        import pulumi_aws as aws
        aws.s3.Bucket(pulumi.Config().require("bucketName"))
        """,
    }
    result = configuration(context_of(files, probes=PROBES))
    assert result.verdict == "pass", result
    assert result.evidence[0].source == "__main__.py:3"
    assert "demo:bucketName" in result.evidence[0].note


def test_value_only_in_a_stack_file_does_not_count(context_of: Callable[..., CheckContext]
                                                   ) -> None:
    files = {
        "Pulumi.yaml": "name: demo\nruntime: python\n",
        "Pulumi.dev.yaml": "config:\n  demo:bucketName: assets\n",
        "__main__.py": """\
        import pulumi
        import pulumi_aws as aws
        aws.s3.Bucket(pulumi.Config().require("bucketName"))
        """,
    }
    assert configuration(context_of(files, probes=PROBES)).verdict == "fail"


def test_require_off_the_default_path_or_handled_passes(context_of: Callable[..., CheckContext]
                                                        ) -> None:
    source = """\
    import pulumi
    import pulumi_aws as aws
    config = pulumi.Config()
    if config.get_bool("useCustomDomain"):
        domain = config.require("domain")
    try:
        name = config.require("bucketName")
    except pulumi.ConfigMissingError:
        name = "assets"
    aws.s3.Bucket(name)
    """
    result = configuration(context_of(source, probes=PROBES))
    assert result.verdict == "pass"
    assert "(the error is handled)" in result.evidence[0].note
    assert result.evidence[0].source == f"__main__.py:{line_of(source, 'bucketName')}"


def test_mutation_turns_defaults_into_require(context_of: Callable[..., CheckContext]) -> None:
    source = textwrap.dedent("""\
    import os
    import pulumi
    import pulumi_aws as aws
    config = pulumi.Config()
    env = config.get("environment") or os.environ.get("ENV") or "dev"
    region = config.get("region", "eu-west-1")
    suffix = os.environ.get("SUFFIX") or "x"
    aws.s3.Bucket(f"{env}-{region}-{suffix}")
    """)
    program = Program(files={"__main__.py": source}, entry="__main__.py")
    assert configuration(context_of(program, probes=PROBES)).verdict == "pass"
    mutated = MUTATIONS["configuration"](program)
    text = mutated.files["__main__.py"]
    assert "config.require('environment')" in text and "config.require('region')" in text
    assert "os.environ.get('SUFFIX') or 'x'" in text
    assert configuration(context_of(mutated, probes=PROBES)).verdict == "fail"


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    assert configuration(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = configuration(probed(flawed_answer))
    assert result.verdict == "fail"
    assert result.evidence[0].source and result.evidence[0].value
