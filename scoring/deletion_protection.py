"""deletion_protection: a database that can be destroyed without a trace.

Rule (CATEGORIES.md, 5): `deletionProtection` not true, `skipFinalSnapshot` true, or no
`finalSnapshotIdentifier` when snapshots are kept; `multiAz` false on an instance is
reported as part of the same finding. Applies when the program creates
`aws:rds/instance:Instance` (not a read replica) or `aws:rds/cluster:Cluster`.

Absent properties take the provider's defaults: `deletionProtection` false,
`skipFinalSnapshot` false (so a final snapshot is kept and needs an identifier),
`multiAz` false. A read replica (`replicateSourceDb`) holds no data of its own, so it is
left out. `multiAz` false alone does not fail the category: it loses availability, not
data; it is reported beside a failure, and noted beside a pass.
"""

from __future__ import annotations

import ast

from harness.graph import Resource
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "deletion_protection"
INSTANCE = "aws:rds/instance:Instance"
CLUSTER = "aws:rds/cluster:Cluster"


@check(SLUG, version=1)
def deletion_protection(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    databases = sorted((db for db in graph.of_type(INSTANCE, CLUSTER)
                        if not (db.type == INSTANCE and db.inputs.get("replicateSourceDb"))),
                       key=lambda db: db.urn)
    if not databases:
        return finding(SLUG, "not_applicable", [Evidence(
            note="no aws:rds Instance (other than read replicas) or Cluster")])
    defects: list[Evidence] = []
    single_az: list[Evidence] = []
    for db in databases:
        defects += _defects(db)
        if db.type == INSTANCE and db.inputs.get("multiAz") is not True:
            single_az.append(_single_az(db))
    if defects:
        return finding(SLUG, "fail", defects + single_az)
    kept = Evidence(note=f"{len(databases)} database(s): deletion protection on and a named "
                         "final snapshot kept")
    return finding(SLUG, "pass", [kept, *single_az])


def _defects(db: Resource) -> list[Evidence]:
    out = []
    protection = db.inputs.get("deletionProtection")
    if protection is not True:
        state = "absent (provider default false)" if protection is None else repr(protection)
        out.append(Evidence.of(db, f"deletionProtection {state}: one call deletes the database",
                               path="deletionProtection", value=protection))
    skip = db.inputs.get("skipFinalSnapshot")
    if skip is True:
        out.append(Evidence.of(db, "skipFinalSnapshot true: no snapshot is taken on deletion",
                               path="skipFinalSnapshot", value=True))
    elif not db.inputs.get("finalSnapshotIdentifier"):
        out.append(Evidence.of(db, "snapshots are kept (skipFinalSnapshot not true) but "
                                   "finalSnapshotIdentifier is missing, so deletion fails or "
                                   "leaves no named snapshot",
                               path="finalSnapshotIdentifier", value=None))
    return out


def _single_az(db: Resource) -> Evidence:
    value = db.inputs.get("multiAz")
    state = "absent (provider default false)" if value is None else repr(value)
    return Evidence.of(db, f"multiAz {state}: a single-AZ instance", path="multiAz", value=value)


# -- mutation: unprotect every database -------------------------------------------------


@mutation(SLUG)
def unprotect_databases(program: Program) -> Program:
    """Every `rds.Instance`/`rds.Cluster` call: no deletion protection, no final snapshot."""
    return rewrite_python(program, SLUG, _unprotect)


def _unprotect(tree: ast.Module) -> bool:
    changed = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_rds_database(node.func):
            _set(node, "deletion_protection", False)
            _set(node, "skip_final_snapshot", True)
            changed = True
    return changed


def _is_rds_database(func: ast.expr) -> bool:
    """`aws.rds.Instance` / `rds.Cluster` and the like (the module attribute is `rds`)."""
    if not (isinstance(func, ast.Attribute) and func.attr in ("Instance", "Cluster")):
        return False
    owner = func.value
    name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
    return name == "rds"


def _set(call: ast.Call, name: str, value: bool) -> None:
    call.keywords = [k for k in call.keywords if k.arg != name]
    call.keywords.append(ast.keyword(arg=name, value=ast.Constant(value)))
