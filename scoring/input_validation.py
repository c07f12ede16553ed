"""input_validation: a component that accepts invalid arguments instead of rejecting them.

Rule (CATEGORIES.md, 10): a component class that accepts invalid arguments (empty
environment name, missing tags, wrong types) and goes on to create resources or fails
deep inside with an unrelated error, instead of raising a clear error before creating
anything. Applies when the program defines component classes that take arguments.

The evidence is counterfactual: the `bad_args:<Class>` probe builds each component alone
with empty strings and `None`. A class passes when that run stopped at a `raise` (or
`assert`) in the program's own files before any cloud resource was registered; it fails
when the run went on (a silent fallback such as `environment or 'dev'`), when resources
were registered before the error, or when the error came from somewhere else (an
`AttributeError` on `None`, the SDK rejecting a property, a library call). The probe's
own entry file only calls the class, so an error located there did not come from the
component; a pydantic-style `ValidationError` raised while building the args is the one
exception. Classes in the entry point cannot be imported without running the program,
so they are judged from source: a reachable `raise` passes, a silent fallback fails.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from harness.graph import Location, ResourceGraph
from harness.probes import BAD_ARGS, PROBE_ENTRY
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, Verdict, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "input_validation"
OPTION_NAMES = ("opts", "options", "resource_options")
Judgement = tuple[Verdict, list[Evidence]]


@dataclass(frozen=True)
class ComponentClass:
    name: str
    path: str
    node: ast.ClassDef
    arguments: tuple[str, ...]

    @property
    def location(self) -> Location:
        return Location(self.path, self.node.lineno)


@check(SLUG, version=1, probes=(BAD_ARGS,))
def input_validation(ctx: CheckContext) -> Finding:
    classes = component_classes(ctx)
    if not classes:
        return finding(SLUG, "not_applicable", [Evidence(
            note="the program defines no component class that takes arguments")])
    judged = [_judge(ctx, cls) for cls in classes]
    for verdict in ("fail", "pass", "error"):
        evidence = [e for v, found in judged if v == verdict for e in found]
        if evidence:
            return finding(SLUG, verdict, evidence)
    return finding(SLUG, "error", [Evidence(note="no class could be judged")])


def component_classes(ctx: CheckContext) -> list[ComponentClass]:
    """Top-level `ComponentResource` subclasses whose `__init__` takes more than a name."""
    found = []
    for path in ctx.python_files():
        tree = ctx.ast(path)
        if tree is None or path == PROBE_ENTRY:
            continue
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(
                    ast.unparse(b).split(".")[-1] == "ComponentResource" for b in node.bases):
                init = _method(node, "__init__")
                if init is None:
                    continue
                params = [a for a in [*init.args.args, *init.args.kwonlyargs][1:]
                          if a.arg not in OPTION_NAMES
                          and "ResourceOptions" not in ast.unparse(a.annotation or ast.Pass())]
                if len(params) > 1:  # the first is the name, which the probe sets
                    found.append(ComponentClass(node.name, path, node,
                                                tuple(a.arg for a in params[1:])))
    return found


def _judge(ctx: CheckContext, cls: ComponentClass) -> Judgement:
    graph = ctx.probe(BAD_ARGS + cls.name)
    if graph is not None:
        return judge_probe(ctx, cls, graph)
    if cls.path == ctx.graph.entry or cls.path == "__main__.py":
        return judge_source(ctx, cls)
    return "error", [Evidence.at(cls.location, f"{cls.name}: the bad_args probe did not run")]


def judge_probe(ctx: CheckContext, cls: ComponentClass, graph: ResourceGraph) -> Judgement:
    """The verdict on one class from its run with empty strings and `None`."""
    called = f"{cls.name}({', '.join(cls.arguments)}) with empty strings / None"
    created = graph.custom_resources()
    error = graph.error
    fallbacks = list(_fallbacks(ctx, cls))
    if graph.status in ("ok", "empty") or error is None:
        return "fail", [Evidence.at(cls.location, f"{called} raised nothing and registered "
                                    f"{len(created)} cloud resource(s)"),
                        *(Evidence.of(r, "registered for invalid arguments") for r in
                          created[:3]), *fallbacks]
    if created:
        return "fail", [Evidence.at(error.location, f"{called}: {error.type} raised only after "
                                    f"{len(created)} resource(s) were registered", str(error)),
                        Evidence.of(created[0], "registered before the error")]
    where = error.location
    if where is None or graph.status == "type_error":
        return "fail", [Evidence.at(where or cls.location, f"{called} failed outside the "
                                    "component's own checks (the SDK or a library rejected a "
                                    "value)", str(error)), *fallbacks]
    if where.file == PROBE_ENTRY:
        if "ValidationError" in error.type:
            return "pass", [Evidence.at(cls.location, f"{called}: the args model rejected "
                                        "them before anything was created", str(error))]
        if error.type == "TypeError" and "argument" in error.message:
            return "error", [Evidence.at(cls.location, f"the probe could not call {cls.name}",
                                         str(error))]
        return "fail", [Evidence.at(cls.location, f"{called} failed in library code, not in "
                                    "a check of the component", str(error))]
    if _raises_at(ctx, where):
        return "pass", [Evidence.at(where, f"{called}: raised {error.type} before creating "
                                    "anything", error.message)]
    return "fail", [Evidence.at(where, f"{called} failed deep inside with an unrelated "
                                f"{error.type}, not a check of its arguments", error.message),
                    *fallbacks]


def judge_source(ctx: CheckContext, cls: ComponentClass) -> Judgement:
    """For classes the probe cannot import: a reachable `raise` passes, a fallback fails."""
    fallbacks = list(_fallbacks(ctx, cls))
    if fallbacks:
        return "fail", fallbacks
    for path, node in _reachable(ctx, cls):
        for stmt in ast.walk(node):
            if isinstance(stmt, ast.Raise | ast.Assert):
                return "pass", [Evidence.at(Location(path, stmt.lineno), f"{cls.name} checks "
                                            "its arguments (judged from source: the class is "
                                            "in the entry point, which the probe cannot import)")]
    return "fail", [Evidence.at(cls.location, f"{cls.name} never raises on its arguments "
                                "(judged from source: the class is in the entry point)")]


def _raises_at(ctx: CheckContext, where: Location) -> bool:
    """The line is a `raise X` (not a bare re-raise) or an `assert` in the program."""
    tree = ctx.ast(where.file)
    return tree is not None and any(
        isinstance(n, ast.Raise | ast.Assert) and n.lineno <= where.line <= (n.end_lineno or 0)
        and not (isinstance(n, ast.Raise) and n.exc is None) for n in ast.walk(tree))


def _fallbacks(ctx: CheckContext, cls: ComponentClass) -> Iterator[Evidence]:
    """`value or 'default'` on an argument in code the constructor reaches."""
    for path, node in _reachable(ctx, cls):
        for op in ast.walk(node):
            if (isinstance(op, ast.BoolOp) and isinstance(op.op, ast.Or)
                    and isinstance(op.values[-1], ast.Constant)
                    and any(_mentions(v, cls.arguments) for v in op.values[:-1])):
                yield Evidence.at(Location(path, op.lineno), "silent fallback for an invalid "
                                  "argument", ast.unparse(op))


def _mentions(node: ast.expr, names: tuple[str, ...]) -> bool:
    return any((isinstance(n, ast.Name) and n.id in names)
               or (isinstance(n, ast.Attribute) and n.attr in names) for n in ast.walk(node))


def _reachable(ctx: CheckContext, cls: ComponentClass) -> list[tuple[str, ast.AST]]:
    """The constructor, its args classes' constructors and the program functions they call."""
    functions = _functions(ctx)
    init = _method(cls.node, "__init__")
    todo: list[tuple[str, ast.AST]] = [(cls.path, init)] if init else []
    names = {_annotation_name(n) for a in (init.args.args if init else []) if a.annotation
             for n in ast.walk(a.annotation)}
    todo += [f for n in names for f in functions.get(f"{n}.__init__", [])
             + functions.get(f"{n}.__post_init__", [])]
    seen: list[tuple[str, ast.AST]] = []
    while todo:
        path, node = todo.pop()
        if any(node is s for _, s in seen) or len(seen) > 50:
            continue
        seen.append((path, node))
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            callee = call.func
            name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            todo += functions.get(name, [])
    return seen


def _annotation_name(node: ast.AST) -> str:
    """`Args`, or `"Args"` in a string annotation."""
    if isinstance(node, ast.Name):
        return node.id
    return node.value.strip() if isinstance(node, ast.Constant) and isinstance(
        node.value, str) else ""


def _functions(ctx: CheckContext) -> dict[str, list[tuple[str, ast.AST]]]:
    """Program functions by name; methods also as `Class.method`."""
    out: dict[str, list[tuple[str, ast.AST]]] = {}
    for path in ctx.python_files():
        tree = ctx.ast(path)
        for node in tree.body if tree else []:
            if isinstance(node, ast.FunctionDef):
                out.setdefault(node.name, []).append((path, node))
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        out.setdefault(item.name, []).append((path, item))
                        out.setdefault(f"{node.name}.{item.name}", []).append((path, item))
    return out


def _method(cls: ast.ClassDef, name: str) -> ast.FunctionDef | None:
    return next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == name), None)


# -- mutation ---------------------------------------------------------------------------


@mutation(SLUG)
def drop_validation(program: Program) -> Program:
    """Remove `raise`/`assert` from constructors and from the program functions they call."""
    ctx = CheckContext(graphs={}, files=program.files)
    trees = {p: ctx.ast(p) for p in ctx.python_files()}
    functions = _functions(ctx)
    todo = [node for path in trees for cls in _classes(trees[path]) if _validating(cls)
            for name in ("__init__", "__post_init__") if (node := _method(cls, name))]
    seen: list[ast.AST] = []
    while todo:
        node = todo.pop()
        if any(node is s for s in seen):
            continue
        seen.append(node)
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            name = str(getattr(call.func, "attr", None) or getattr(call.func, "id", ""))
            todo += [f for _, f in functions.get(name, []) if isinstance(f, ast.FunctionDef)]
    return rewrite_python(program, SLUG, lambda tree: _Stripper(seen).strip(tree),
                          trees=trees)


def _classes(tree: ast.Module | None) -> list[ast.ClassDef]:
    return [n for n in (tree.body if tree else []) if isinstance(n, ast.ClassDef)]


def _validating(cls: ast.ClassDef) -> bool:
    """A component class or what carries its arguments (an `...Args` class, a dataclass)."""
    bases = [ast.unparse(b).split(".")[-1] for b in cls.bases]
    decorators = [ast.unparse(d) for d in cls.decorator_list]
    return ("ComponentResource" in bases or cls.name.endswith("Args")
            or any("dataclass" in d for d in decorators))


class _Stripper(ast.NodeTransformer):
    def __init__(self, functions: list[ast.AST]) -> None:
        self.functions = functions
        self.inside = 0
        self.changed = False

    def strip(self, tree: ast.Module) -> bool:
        self.visit(tree)
        return self.changed

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:  # noqa: N802
        mine = any(node is f for f in self.functions)
        self.inside += mine
        self.generic_visit(node)
        self.inside -= mine
        return node

    def _drop(self, node: ast.stmt) -> ast.AST:
        if self.inside:
            self.changed = True
            return ast.Pass()
        return node

    visit_Raise = _drop  # noqa: N815
    visit_Assert = _drop  # noqa: N815
