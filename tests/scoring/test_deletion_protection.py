"""deletion_protection: protection on, a named final snapshot, Multi-AZ noted beside."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from harness.graph import Resource
from harness.program import Program
from scoring.api import MUTATIONS, CheckContext
from scoring.deletion_protection import deletion_protection


def resource(ctx: CheckContext, name: str) -> Resource:
    [found] = [r for r in ctx.graph.resources.values() if r.name == name]
    return found


HEADER = """\
import pulumi_aws as aws

common = dict(engine="mysql", instance_class="db.t3.micro", allocated_storage=20,
              username="admin", manage_master_user_password=True)
"""

PROTECTED = HEADER + """
primary = aws.rds.Instance("primary", deletion_protection=True, multi_az=True,
                           final_snapshot_identifier="primary-final", **common)
# a read replica holds no data of its own: left out, whatever its settings
aws.rds.Instance("replica", replicate_source_db=primary.identifier,
                 instance_class="db.t3.micro", skip_final_snapshot=True)
aws.rds.Cluster("aurora", engine="aurora-mysql", master_username="admin",
                manage_master_user_password=True, deletion_protection=True,
                skip_final_snapshot=False, final_snapshot_identifier="aurora-final")
"""


def test_protected_databases_pass_and_replicas_are_left_out(
        context_of: Callable[..., CheckContext]) -> None:
    result = deletion_protection(context_of(PROTECTED))
    assert result.verdict == "pass", result
    assert [e.note for e in result.evidence] == [
        "2 database(s): deletion protection on and a named final snapshot kept"]


UNPROTECTED = HEADER + """
# every property absent: provider defaults (no protection, snapshot kept but unnamed, 1 AZ)
aws.rds.Instance("defaults", **common)
aws.rds.Instance("skipped", deletion_protection=False, skip_final_snapshot=True,
                 multi_az=False, **common)
aws.rds.Cluster("aurora", engine="aurora-mysql", master_username="admin",
                manage_master_user_password=True, deletion_protection=True,
                skip_final_snapshot=True)
"""


def test_each_gap_is_evidence_and_multi_az_joins_the_finding(
        context_of: Callable[..., CheckContext]) -> None:
    ctx = context_of(UNPROTECTED)
    result = deletion_protection(ctx)
    assert result.verdict == "fail"
    defaults, skipped, aurora = (resource(ctx, n).urn for n in ("defaults", "skipped", "aurora"))
    # databases in URN order, then the Multi-AZ notes
    assert [(e.urn, e.path, e.value) for e in result.evidence] == [
        (aurora, "skipFinalSnapshot", True),
        (defaults, "deletionProtection", None),
        (defaults, "finalSnapshotIdentifier", None),
        (skipped, "deletionProtection", False),
        (skipped, "skipFinalSnapshot", True),
        (defaults, "multiAz", None),
        (skipped, "multiAz", False),
    ]
    assert "absent (provider default false)" in result.evidence[1].note


def test_single_az_alone_is_noted_not_failed(context_of: Callable[..., CheckContext]) -> None:
    source = HEADER + """
aws.rds.Instance("db", deletion_protection=True, final_snapshot_identifier="db-final",
                 **common)
"""
    ctx = context_of(source)
    result = deletion_protection(ctx)
    assert result.verdict == "pass"
    assert [(e.urn, e.path) for e in result.evidence[1:]] == [(resource(ctx, "db").urn,
                                                               "multiAz")]


def test_no_database_is_not_applicable(context_of: Callable[..., CheckContext]) -> None:
    source = "import pulumi_aws as aws\naws.dynamodb.Table('t', hash_key='id', " \
             "attributes=[{'name': 'id', 'type': 'S'}])\n"
    assert deletion_protection(context_of(source)).verdict == "not_applicable"


def test_mutation_unprotects_instances_and_clusters(context_of: Callable[..., CheckContext]
                                                    ) -> None:
    program = Program(files={"__main__.py": textwrap.dedent(PROTECTED)}, entry="__main__.py")
    mutated = context_of(MUTATIONS["deletion_protection"](program))
    result = deletion_protection(mutated)
    assert result.verdict == "fail"
    assert {(e.urn, e.path, e.value) for e in result.evidence} == {
        (resource(mutated, "primary").urn, "deletionProtection", False),
        (resource(mutated, "primary").urn, "skipFinalSnapshot", True),
        (resource(mutated, "aurora").urn, "deletionProtection", False),
        (resource(mutated, "aurora").urn, "skipFinalSnapshot", True)}


# -- the reference, the flawed answer, the mutation ---------------------------------------


def test_reference_passes(reference: Program, probed: Callable[[Program], CheckContext]) -> None:
    result = deletion_protection(probed(reference))
    assert result.verdict == "pass"
    assert len(result.evidence) == 1  # Multi-AZ everywhere: nothing noted


def test_flawed_answer_fails(flawed_answer: Program,
                             probed: Callable[[Program], CheckContext]) -> None:
    result = deletion_protection(probed(flawed_answer))
    assert result.verdict == "fail"
    assert {e.path for e in result.evidence} >= {"deletionProtection", "skipFinalSnapshot"}
