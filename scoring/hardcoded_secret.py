"""hardcoded_secret: a database master password written as a literal in the source.

Rule (CATEGORIES.md, 4): a database master password written as a literal in the source
(or built from literals). Applies when the program creates an RDS/Aurora/DocumentDB/
Redshift resource that takes a master password.

The SDK may mark an input secret whatever its origin, so `secret_paths` proves nothing:
the value is traced instead. On the path the program takes with its defaults (the
baseline), a password equal to a string literal of the source (or of `Pulumi.yaml`), or
made only of such literals, is hardcoded; a fallback literal behind an unset config
secret counts, since that is what the defaults deploy. It came from elsewhere where RDS
manages it (`manageMasterUserPassword`), where it depends on a `random:` or Secrets
Manager resource, or where the `sentinel` probe's config value reaches it. A literal
assigned to the variable the call passes as its password counts even on a branch no
probe takes (a config default in `Pulumi.yaml` can hide it): it is still in the source.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from harness.graph import UNKNOWN, Location, Resource, ResourceGraph
from harness.probes import SENTINEL_PREFIX
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "hardcoded_secret"


@dataclass(frozen=True)
class _Kind:
    password: tuple[str, ...]
    managed: str


#: Database types that take a master password: its inputs, and the "let AWS manage it" flag.
DATABASES = {
    "aws:rds/instance:Instance": _Kind(("password", "passwordWo"), "manageMasterUserPassword"),
    "aws:rds/cluster:Cluster": _Kind(("masterPassword", "masterPasswordWo"),
                                     "manageMasterUserPassword"),
    "aws:docdb/cluster:Cluster": _Kind(("masterPassword", "masterPasswordWo"),
                                       "manageMasterUserPassword"),
    "aws:redshift/cluster:Cluster": _Kind(("masterPassword", "masterPasswordWo"),
                                          "manageMasterPassword"),
    "aws:redshiftserverless/namespace:Namespace": _Kind(
        ("adminUserPassword", "adminUserPasswordWo"), "manageAdminPassword"),
}
#: Where a generated or stored password comes from: a dependency of one of these is no literal.
GENERATED_PACKAGES = ("random:",)
SECRET_STORES = ("aws:secretsmanager/", "aws:ssm/parameter:")
#: Pieces of a password "built from literals" must include one at least this long.
MIN_LITERAL_PIECE = 4
#: Keywords of the database constructors that carry the password, in the source.
PASSWORD_KEYWORDS = frozenset({"password", "password_wo", "master_password",
                               "master_password_wo", "admin_user_password",
                               "admin_user_password_wo"})


@check(SLUG, version=1, probes=("sentinel",))
def hardcoded_secret(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    sentinel = ctx.probe("sentinel")
    literals = _Literals(ctx)
    verdicts: list[tuple[str, list[Evidence]]] = []
    for db in sorted(graph.of_type(*DATABASES), key=lambda r: r.urn):
        judged = _judge(db, graph, sentinel, literals)
        if judged is None or judged[0] == "pass":
            fallbacks = _fallback_literals(ctx, db)
            if fallbacks:
                judged = "fail", [*(judged[1] if judged else []), *fallbacks]
        if judged:
            verdicts.append(judged)
    if not verdicts:
        return finding(SLUG, "not_applicable", [Evidence(
            note="no RDS/Aurora/DocumentDB/Redshift resource that takes a master password")])
    failed = [e for verdict, evidence in verdicts if verdict == "fail" for e in evidence]
    if failed:
        return finding(SLUG, "fail", failed)
    return finding(SLUG, "pass", [e for _, evidence in verdicts for e in evidence])


def _judge(db: Resource, graph: ResourceGraph, sentinel: ResourceGraph | None,
           literals: _Literals) -> tuple[str, list[Evidence]] | None:
    """('pass' | 'fail', evidence) for one database, or None where it takes no password."""
    kind = DATABASES[db.type]
    path, value = next(((p, db.inputs[p]) for p in kind.password
                        if db.inputs.get(p) is not None), (kind.password[0], None))
    if value in (None, ""):
        if db.inputs.get(kind.managed) is True:
            return "pass", [Evidence.of(db, "the master password is generated and kept by AWS "
                                            "in Secrets Manager", path=kind.managed, value=True)]
        unset = "empty" if value == "" else "not set"
        if _sentinel_value(db, path, sentinel):
            return "pass", [Evidence.of(db, f"{unset} on the default path; set from config "
                                            "otherwise (the sentinel probe's value reaches it)",
                                        path=path, value=value)]
        if value == "":
            return "pass", [Evidence.of(db, "the master password is empty on the default path",
                                        path=path, value=value)]
        return None
    if not isinstance(value, str) or value == UNKNOWN:
        return "pass", [Evidence.of(db, "the password is computed at deploy time", path=path)]
    exact = literals.find(value)
    if exact:
        return "fail", [Evidence.of(db, f"master password is the literal written at {exact[0]}",
                                    path=path, value=value),
                        *(Evidence.at(loc, "the password literal", value=value)
                          for loc in exact[:3])]
    origin = _dependency_origin(db, path, graph)
    if origin:
        return "pass", [Evidence.of(db, f"the password comes from {origin}", path=path)]
    if _sentinel_value(db, path, sentinel):
        return "pass", [Evidence.of(db, "the password comes from config (the sentinel "
                                        "probe's value reaches it)", path=path)]
    pieces = literals.cover(value)
    if pieces:
        where = ", ".join(f"'{text}' at {loc}" for text, loc in pieces)
        return "fail", [Evidence.of(db, f"master password is built from literals: {where}",
                                    path=path, value=value),
                        *(Evidence.at(loc, f"literal piece '{text}'") for text, loc in pieces)]
    return "pass", [Evidence.of(db, "the password is neither a literal of the source nor "
                                    "built from literals", path=path)]


def _fallback_literals(ctx: CheckContext, db: Resource) -> list[Evidence]:
    """Literals assigned to a name that the database call passes as its password.

    Catches the fallback the probes do not take (`password = "..."` in the branch for an
    unset variable that `Pulumi.yaml` happens to default): it is still written in the
    source. One hop within the file, by name, is enough for the usual shape.
    """
    where = db.source
    tree = ctx.ast(where.file) if where else None
    if where is None or tree is None:
        return []
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call)
             and c.lineno <= where.line <= (c.end_lineno or c.lineno)
             and any(k.arg in PASSWORD_KEYWORDS for k in c.keywords)]
    if not calls:
        return []
    call = max(calls, key=lambda c: (c.lineno, c.col_offset))
    names = {_identifier(n) for k in call.keywords if k.arg in PASSWORD_KEYWORDS
             for n in ast.walk(k.value)} - {None}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_identifier(t) in names for t in targets):
                out += [Evidence.at(Location(where.file, c.lineno),
                                    f"literal fallback assigned to the master password of "
                                    f"{db.name}: taken when its other sources are unset",
                                    value=c.value) for c in _candidate_literals(node.value)]
    return out


def _identifier(node: ast.AST) -> str | None:
    """A variable: `name` or `self.name` (other attributes are not followed)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "self":
        return f"self.{node.attr}"
    return None


def _candidate_literals(value: ast.expr) -> list[ast.Constant]:
    """The string literals a value can be: itself, either side of `or`/`if`, `secret(...)`."""
    if isinstance(value, ast.Constant):
        ok = isinstance(value.value, str) and len(value.value) >= MIN_LITERAL_PIECE
        return [value] if ok else []
    if isinstance(value, ast.BoolOp):
        return [c for v in value.values for c in _candidate_literals(v)]
    if isinstance(value, ast.IfExp):
        return _candidate_literals(value.body) + _candidate_literals(value.orelse)
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
            and value.func.attr == "secret":
        return [c for a in value.args for c in _candidate_literals(a)]
    return []


def _dependency_origin(db: Resource, path: str, graph: ResourceGraph) -> str | None:
    for urn in db.property_dependencies.get(path, []):
        source = graph.resources.get(urn)
        type_ = source.type if source else urn.split("::")[-2] if "::" in urn else ""
        if type_.startswith(GENERATED_PACKAGES):
            return f"a generated value ({type_})"
        if type_.startswith(SECRET_STORES):
            return f"a stored secret ({type_})"
    return None


def _sentinel_value(db: Resource, path: str, sentinel: ResourceGraph | None) -> bool:
    """The same database in the sentinel probe, matched by URN or else by type and order."""
    if sentinel is None:
        return False
    twin = sentinel.resources.get(db.urn)
    if twin is None:
        same = sentinel.of_type(db.type)
        twin = next((r for r in same if r.name == db.name), same[0] if len(same) == 1 else None)
    value: Any = twin.inputs.get(path) if twin else None
    return isinstance(value, str) and value.startswith(SENTINEL_PREFIX)


class _Literals:
    """Literals of the program's Python sources (strings, and numbers as text), YAML lines."""

    def __init__(self, ctx: CheckContext) -> None:
        self.where: dict[str, list[Location]] = {}
        self.yaml: list[tuple[Location, str]] = []
        for path in sorted(ctx.files):
            if path.endswith(".py"):
                tree = ctx.ast(path)
                for node in ast.walk(tree) if tree else ():
                    text = _literal_text(node)
                    if text is not None and isinstance(node, ast.Constant):
                        self.where.setdefault(text, []).append(Location(path, node.lineno))
            elif path.endswith((".yaml", ".yml")):
                self.yaml += [(Location(path, n), line)
                              for n, line in enumerate(ctx.files[path].splitlines(), 1)]

    def find(self, value: str) -> list[Location]:
        found = sorted(self.where.get(value, []), key=lambda loc: (loc.file, loc.line))
        if not found and len(value) >= MIN_LITERAL_PIECE:
            found = [loc for loc, line in self.yaml if value in line]
        return found

    def cover(self, value: str) -> list[tuple[str, Location]] | None:
        """Literal pieces whose concatenation is `value` (one of them not trivially short)."""
        pieces = [p for p in self.where if p and p in value]
        best: dict[int, list[str]] = {0: []}
        for start in range(len(value)):
            if start not in best:
                continue
            for piece in pieces:
                end = start + len(piece)
                if value.startswith(piece, start) and end not in best:
                    best[end] = [*best[start], piece]
        chosen = best.get(len(value))
        if not chosen or max(len(p) for p in chosen) < MIN_LITERAL_PIECE:
            return None
        return [(p, self.where[p][0]) for p in chosen]


def _literal_text(node: ast.AST) -> str | None:
    """A string literal, or a number literal as the text `str()` would make of it."""
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        return None
    return str(node.value) if isinstance(node.value, str | int) else None


# -- mutation: the managed password becomes a literal -----------------------------------

#: `manage_*` flag → the password keyword of the same resource.
_LITERAL_FOR = {"manage_master_user_password": "master_password",
                "manage_master_password": "master_password",
                "manage_admin_password": "admin_user_password"}
LITERAL_PASSWORD = "Sup3rS3cret!"


@mutation(SLUG)
def literal_master_password(program: Program) -> Program:
    """`manage_master_user_password=True` becomes `password="Sup3rS3cret!"` (or master_password)."""
    return rewrite_python(program, SLUG, _literal_passwords)


def _literal_passwords(tree: ast.Module) -> bool:
    changed = False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in _LITERAL_FOR:
                instance = isinstance(node.func, ast.Attribute) and node.func.attr == "Instance"
                keyword.arg = "password" if instance else _LITERAL_FOR[keyword.arg]
                keyword.value = ast.Constant(LITERAL_PASSWORD)
                changed = True
    return changed
