"""hardcoded_secret: master passwords traced to literals, generators, config or AWS."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.graph import Resource
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.hardcoded_secret import LITERAL_PASSWORD, hardcoded_secret

PROBES = {"sentinel"}


def line_of(source: str, needle: str) -> int:
    lines = textwrap.dedent(source).splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def resource(ctx: CheckContext, name: str) -> Resource:
    [found] = [r for r in ctx.graph.resources.values() if r.name == name]
    return found


HEADER = """\
import pulumi
import pulumi_aws as aws
import pulumi_random as random

config = pulumi.Config()
common = dict(engine="mysql", instance_class="db.t3.micro", allocated_storage=20,
              username="admin", skip_final_snapshot=True)
"""

TRACED = HEADER + """
generated = random.RandomPassword("pw", length=24)
aws.rds.Instance("generated", password=generated.result, **common)
aws.rds.Instance("from-config", password=config.require_secret("dbPassword"), **common)
aws.rds.Instance("managed", manage_master_user_password=True, **common)
stored = aws.secretsmanager.SecretVersion("stored", secret_id="db-secret",
                                          secret_string=generated.result)
aws.rds.Cluster("aurora", engine="aurora-mysql", master_username="admin",
                master_password=stored.secret_string, skip_final_snapshot=True)
aws.redshift.Cluster("warehouse", cluster_identifier="warehouse", node_type="ra3.xlplus",
                     master_username="admin", manage_master_password=True)
# set only when the config secret is: no password on the default path, config otherwise
aws.docdb.Cluster("docs", master_username="admin",
                  master_password=config.get_secret("docsPassword"))
"""


def test_generated_config_managed_and_stored_passwords_pass(
        context_of: Callable[..., CheckContext]) -> None:
    ctx = context_of(TRACED, probes=PROBES)
    result = hardcoded_secret(ctx)
    assert result.verdict == "pass", result
    notes = {e.urn: e.note for e in result.evidence}
    assert "a generated value (random:index/randomPassword:RandomPassword)" in notes[
        resource(ctx, "generated").urn]
    assert "comes from config" in notes[resource(ctx, "from-config").urn]
    assert "kept by AWS" in notes[resource(ctx, "managed").urn]
    assert "a stored secret (aws:secretsmanager/secretVersion:SecretVersion)" in notes[
        resource(ctx, "aurora").urn]
    assert "kept by AWS" in notes[resource(ctx, "warehouse").urn]
    assert notes[resource(ctx, "docs").urn].startswith("not set on the default path; set from "
                                                       "config otherwise")


LITERAL = HEADER + """
env = config.get("env") or "dev"
aws.rds.Instance("literal", password="Sup3r-Literal-1", **common)
# the SDK marks this input secret: that proves nothing about where it came from
aws.rds.Instance("wrapped", password=pulumi.Output.secret("Wrapped-Literal-2"), **common)
aws.rds.Instance("built", password="Admin-" + env + "!" + str(2024), **common)
# the fallback is what the defaults deploy, even though config could replace it
aws.rds.Instance("fallback", password=config.get_secret("dbPassword") or "Fallback-Literal-3",
                 **common)
aws.docdb.Cluster("docs", master_username="admin", master_password="Docs-Literal-4")
"""


def test_literals_and_passwords_built_from_literals_fail(
        context_of: Callable[..., CheckContext]) -> None:
    ctx = context_of(LITERAL, probes=PROBES)
    result = hardcoded_secret(ctx)
    assert result.verdict == "fail"
    by_urn = {(e.urn, e.path): e.value for e in result.evidence if e.urn}
    assert by_urn == {
        (resource(ctx, "literal").urn, "password"): "Sup3r-Literal-1",
        (resource(ctx, "wrapped").urn, "password"): "Wrapped-Literal-2",
        (resource(ctx, "built").urn, "password"): "Admin-dev!2024",
        (resource(ctx, "fallback").urn, "password"): "Fallback-Literal-3",
        (resource(ctx, "docs").urn, "masterPassword"): "Docs-Literal-4",
    }
    sources = {e.source for e in result.evidence if not e.urn}
    for needle in ("Sup3r-Literal-1", "Wrapped-Literal-2", "Fallback-Literal-3", "Admin-",
                   "Docs-Literal-4"):
        assert f"__main__.py:{line_of(LITERAL, needle)}" in sources, needle
    dev = line_of(LITERAL, 'or "dev"')
    assert f"__main__.py:{dev}" in sources  # where the piece "dev" is written
    built = next(e.note for e in result.evidence if e.urn == resource(ctx, "built").urn)
    assert built.startswith("master password is built from literals: 'Admin-' at __main__.py:")


def test_default_in_pulumi_yaml_is_a_literal(context_of: Callable[..., CheckContext]) -> None:
    files = {
        "Pulumi.yaml": """\
        name: demo
        runtime: python
        config:
          dbPassword:
            default: Yaml-Literal-5
        """,
        "__main__.py": HEADER + """
aws.rds.Instance("db", password=config.require_secret("dbPassword"), **common)
""",
    }
    result = hardcoded_secret(context_of(files, probes=PROBES))
    assert result.verdict == "fail"
    assert result.evidence[0].value == "Yaml-Literal-5"
    assert [e.source for e in result.evidence if not e.urn] == ["Pulumi.yaml:5"]


def test_literal_fallback_off_the_default_path_is_still_written_in_the_source(
        context_of: Callable[..., CheckContext]) -> None:
    # Pulumi.yaml defaults the secret to "", so the probes never take the literal branch
    main = HEADER + """
secret = config.get_secret("dbPassword")
db_password = secret if secret else "Local-Fallback-7"
aws.rds.Instance("db", password=db_password, **common)
"""
    files = {"Pulumi.yaml": "name: demo\nruntime: python\nconfig:\n  dbPassword:\n"
                            "    secret: true\n    default: ''\n",
             "__main__.py": main}
    ctx = context_of(files, probes=PROBES)
    result = hardcoded_secret(ctx)
    assert result.verdict == "fail"
    db = resource(ctx, "db")
    assert [(e.urn, e.path, e.value) for e in result.evidence] == [
        (db.urn, "password", ""), (None, None, "Local-Fallback-7")]
    assert "empty on the default path" in result.evidence[0].note
    assert result.evidence[1].source == f"__main__.py:{line_of(main, 'Local-Fallback-7')}"


def test_no_database_taking_a_password_is_not_applicable(
        context_of: Callable[..., CheckContext]) -> None:
    source = """\
    import pulumi_aws as aws
    aws.rds.Instance("restored", snapshot_identifier="snap-1", instance_class="db.t3.micro")
    aws.s3.Bucket("b")
    """
    assert hardcoded_secret(context_of(source)).verdict == "not_applicable"


def test_mutation_replaces_the_managed_password_with_a_literal(
        context_of: Callable[..., CheckContext]) -> None:
    source = HEADER + """
aws.rds.Instance("db", manage_master_user_password=True, **common)
aws.rds.Cluster("aurora", engine="aurora-mysql", master_username="admin",
                manage_master_user_password=True)
"""
    program = Program(files={"__main__.py": textwrap.dedent(source)}, entry="__main__.py")
    assert hardcoded_secret(context_of(program)).verdict == "pass"
    mutated = context_of(MUTATIONS["hardcoded_secret"](program))
    result = hardcoded_secret(mutated)
    assert result.verdict == "fail"
    assert {(e.urn, e.path, e.value) for e in result.evidence if e.urn} == {
        (resource(mutated, "db").urn, "password", LITERAL_PASSWORD),
        (resource(mutated, "aurora").urn, "masterPassword", LITERAL_PASSWORD)}


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    assert hardcoded_secret(probed(reference)).verdict == "pass"


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = hardcoded_secret(probed(flawed_answer))
    assert result.verdict == "fail"
    assert any(e.source and not e.urn for e in result.evidence), result  # the literal's line
