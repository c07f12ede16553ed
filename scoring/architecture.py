"""architecture: cloud resources declared flat, not grouped in `pulumi.ComponentResource`s.

Rule (CATEGORIES.md, 1): cloud resources declared flat (module level or plain functions),
not grouped in `pulumi.ComponentResource` classes. Applies when the program registers
any custom resource.

The graph decides: a cloud resource whose parent chain reaches the stack without passing
through a component is flat, wherever its constructor was written. A resource built
inside a component class but without `parent=self` sits at the stack root too, so it
counts. The source only explains each one (module level, plain function, plain class,
or a component method that forgot the parent). Utility resources (`random`, `tls`, ...)
are not cloud resources: a `RandomPassword` at the root is no finding.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from harness.graph import STACK_TYPE, Location, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "architecture"
#: Packages whose resources live only in the state, not in the cloud account.
UTILITY_PACKAGES = frozenset({"random", "tls", "time", "command", "null", "local", "std",
                              "archive", "pulumi"})
MAX_RESOURCE_EVIDENCE = 10


@check(SLUG, version=1)
def architecture(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    if graph.status == "no_program":
        return finding(SLUG, "not_applicable", [Evidence(note="no runnable program")])
    custom = graph.custom_resources()
    if not custom:
        return finding(SLUG, "not_applicable",
                       [Evidence(note="the program registers no custom resource")])
    cloud = [r for r in custom if _package(r.type) not in UTILITY_PACKAGES]
    flat = sorted((r for r in cloud if not _in_component(r, graph)), key=_source_order)
    if not flat:
        components = sorted({c.type for c in graph.components()})
        note = (f"all {len(cloud)} cloud resources sit inside components ({', '.join(components)})"
                if cloud else "only utility resources (no cloud resource) were registered")
        return finding(SLUG, "pass", [Evidence(note=note)])
    scopes = _Scopes(ctx)
    evidence = [Evidence(note=f"{len(flat)} of {len(cloud)} cloud resources are registered at "
                              "the stack root, outside any ComponentResource")]
    for resource in flat[:MAX_RESOURCE_EVIDENCE]:
        where = scopes.describe(resource.source)
        evidence.append(Evidence.of(resource, f"{resource.type} '{resource.name}' has no "
                                              f"component ancestor; created {where}",
                                    path="parent", value=resource.parent))
    if len(flat) > MAX_RESOURCE_EVIDENCE:
        evidence.append(Evidence(note=f"... and {len(flat) - MAX_RESOURCE_EVIDENCE} more"))
    return finding(SLUG, "fail", evidence)


def _source_order(resource: Resource) -> tuple[str, int, str]:
    """Evidence in the order a reader meets it in the source; unknown places last."""
    where = resource.source
    return (where.file, where.line, resource.urn) if where else ("\uffff", 0, resource.urn)


def _package(type_: str) -> str:
    return type_.split(":", 1)[0]


def _in_component(resource: Resource, graph: ResourceGraph) -> bool:
    """True where some ancestor is a component (custom parents such as a VPC are walked)."""
    seen: set[str] = set()
    parent = resource.parent
    while parent and parent not in seen:
        seen.add(parent)
        node = graph.resources.get(parent)
        if node is None or node.type == STACK_TYPE:
            return False
        if not node.custom:
            return True
        parent = node.parent
    return False


# -- where a line of the source sits ---------------------------------------------------


class _Scopes:
    """Enclosing classes and functions of source lines, and which classes are components."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.components = component_class_names(ctx.ast(p) for p in ctx.python_files())

    def describe(self, location: Location | None) -> str:
        """Where a resource was created: module level, plain function, plain class, component."""
        tree = self.ctx.ast(location.file) if location else None
        if location is None or tree is None:
            return "(source location unknown)"
        chain = _enclosing(tree, location.line)
        classes = [d for d in chain if isinstance(d, ast.ClassDef)]
        functions = [d.name for d in chain if not isinstance(d, ast.ClassDef)]
        if classes:
            cls = classes[-1]
            if cls.name in self.components:
                return (f"in {cls.name} (a ComponentResource) at {location} but not "
                        "parented to it (no parent=self)")
            return f"in plain class {cls.name} (not a ComponentResource) at {location}"
        if functions:
            return f"in plain function {functions[-1]}() at {location}"
        return f"at module level at {location}"


_Def = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _enclosing(tree: ast.Module, line: int) -> list[_Def]:
    """The classes and functions (outermost first) whose body spans `line`."""
    spanning = [n for n in ast.walk(tree) if isinstance(n, _Def)
                and n.lineno <= line <= (n.end_lineno or n.lineno)]
    return sorted(spanning, key=lambda n: n.lineno)


def component_class_names(trees: Iterable[ast.Module | None]) -> set[str]:
    """Classes deriving from ComponentResource, directly or through another program class."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(_name(b) for b in node.bases)
    found = {"ComponentResource"}
    changed = True
    while changed:
        changed = False
        for cls, names in bases.items():
            if cls not in found and names & found:
                found.add(cls)
                changed = True
    return found - {"ComponentResource"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


# -- cloud resource constructors in the source -----------------------------------------


def _cloud_aliases(tree: ast.Module) -> tuple[set[str], set[str]]:
    """(names bound to cloud provider modules, names bound to their classes)."""
    modules: set[str] = set()
    classes: set[str] = set()

    def cloud(module: str) -> bool:
        root = module.split(".")[0]
        return root.startswith("pulumi_") and root[len("pulumi_"):] not in UTILITY_PACKAGES

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if cloud(alias.name):
                    modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and cloud(node.module):
            for alias in node.names:
                target = alias.asname or alias.name
                (classes if alias.name[:1].isupper() else modules).add(target)
    return modules, classes


def _dotted(node: ast.expr) -> list[str]:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return []


def cloud_constructor_calls(tree: ast.Module) -> list[ast.Call]:
    """Calls that construct a cloud resource: `aws.s3.Bucket("name", ...)`, not `...Args`."""
    modules, classes = _cloud_aliases(tree)
    out: list[ast.Call] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        parts = _dotted(node.func)
        if not parts:
            continue
        direct = len(parts) == 1 and parts[0] in classes
        via_module = len(parts) > 1 and parts[0] in modules
        last = parts[-1]
        if not (direct or via_module) or not last[:1].isupper() or last == "Provider":
            continue
        if last.endswith(("Args", "ArgsDict")):
            continue
        if node.args or any(k.arg == "resource_name" for k in node.keywords):
            out.append(node)
    return sorted(out, key=lambda c: (c.lineno, c.col_offset))


# -- mutation: take every cloud resource out of its component --------------------------

_HELPER = "_resource_options_without_parent"
_HELPER_SOURCE = f'''
def {_HELPER}(opts):
    import copy as _copy
    if opts is None:
        return None
    opts = _copy.copy(opts)
    opts.parent = None
    return opts
'''


@mutation(SLUG)
def flatten_resources(program: Program) -> Program:
    """Every cloud resource's options lose their parent, so the resource lands at the root.

    Components and explicit providers keep theirs: only the flat layout is injected, not
    a provider at the root (that is `provider_parent`).
    """
    return rewrite_python(program, SLUG, _flatten)


def _flatten(tree: ast.Module) -> bool:
    changed = False
    for call in cloud_constructor_calls(tree):
        for keyword in call.keywords:
            if keyword.arg == "opts":
                keyword.value = ast.Call(ast.Name(_HELPER, ast.Load()), [keyword.value], [])
                changed = True
        parents = [k for k in call.keywords if k.arg == "parent"]
        for keyword in parents:
            call.keywords.remove(keyword)
            changed = True
    if changed:
        _with_helper(tree)
    return changed


def _with_helper(tree: ast.Module) -> ast.Module:
    """Insert the helper after the module docstring and `from __future__` imports."""
    index = 0
    for index, node in enumerate(tree.body):  # noqa: B007 - the index is the result
        future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        docstring = (index == 0 and isinstance(node, ast.Expr)
                     and isinstance(node.value, ast.Constant))
        if not (future or docstring):
            break
    else:
        index = len(tree.body)
    tree.body[index:index] = ast.parse(_HELPER_SOURCE).body
    return ast.fix_missing_locations(tree)
