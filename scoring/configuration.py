"""configuration: a config value read with `require*`, so the program fails when it is unset.

Rule (CATEGORIES.md, 2): a config value read with `require*` (no default), so the
program fails when the value is unset. Applies always.

The `empty_config` probe is the test: the program runs with nothing but its own
`Pulumi.yaml` defaults (a default there counts as a default; a value in one stack's
`Pulumi.<stack>.yaml` does not). If it ends `config_missing`, the `require*` reads that
found nothing are the evidence. A `require` that is never reached on the default path,
or whose error the program catches, makes nothing fail and is no finding.
"""

from __future__ import annotations

import ast

from harness.graph import ConfigRead, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "configuration"
MISSING = "config_missing"


@check(SLUG, version=1, probes=("empty_config",))
def configuration(ctx: CheckContext) -> Finding:
    graph = ctx.probe("empty_config") or ctx.graph
    if graph.status == "no_program":
        return finding(SLUG, "not_applicable", [Evidence(note="no runnable program")])
    missing = [r for r in graph.config_reads if r.required and not r.found]
    if graph.status == MISSING:
        evidence = [_missing(read) for read in missing] or [_from_error(graph)]
        return finding(SLUG, "fail", evidence)
    required = [r for r in graph.config_reads if r.required]
    if missing:
        note = (f"require* of {', '.join(sorted({r.key for r in missing}))} found no value "
                f"but the run still ended '{graph.status}' (the error is handled)")
        return finding(SLUG, "pass", [Evidence.at(missing[0].source, note)])
    if required:
        keys = ", ".join(sorted({r.key for r in required}))
        return finding(SLUG, "pass", [Evidence.at(
            required[0].source, f"require* reads ({keys}) are all satisfied by Pulumi.yaml "
                                "defaults")])
    return finding(SLUG, "pass", [Evidence(
        note=f"no require* read on the default path ({len(graph.config_reads)} config reads, "
             f"run '{graph.status}' with empty config)")])


def _missing(read: ConfigRead) -> Evidence:
    return Evidence.at(read.source, f"config.{read.method}('{read.key}') has no default: with "
                                    "the key unset the program stops with ConfigMissingError",
                       value=read.key)


def _from_error(graph: ResourceGraph) -> Evidence:
    error = graph.error
    location = error.location if error else None
    message = error.message if error else "missing configuration"
    return Evidence.at(location, f"the run with empty config ended config_missing: {message}")


# -- mutation: `config.get("x") or default` → `config.require("x")` --------------------

_GETTERS = {"get": "require", "get_int": "require_int", "get_bool": "require_bool",
            "get_float": "require_float", "get_object": "require_object",
            "get_secret": "require_secret", "get_secret_int": "require_secret_int",
            "get_secret_bool": "require_secret_bool", "get_secret_float": "require_secret_float",
            "get_secret_object": "require_secret_object"}


@mutation(SLUG)
def require_defaulted_config(program: Program) -> Program:
    """Every config read that has a default (`or x` or a second argument) loses it."""
    return rewrite_python(program, SLUG, _require_defaults)


def _require_defaults(tree: ast.Module) -> bool:
    rewriter = _RequireDefaults(_config_names(tree))
    rewriter.visit(tree)
    return rewriter.changed


def _config_names(tree: ast.Module) -> set[str]:
    """Names and attributes bound to `pulumi.Config(...)` (`config`, `self.config`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and _is_config_call(node.value):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names.add(target.id)
                elif isinstance(target, ast.Attribute):
                    names.add(target.attr)
    return names


def _is_config_call(node: ast.expr | None) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "Config") or (
        isinstance(func, ast.Name) and func.id == "Config")


class _RequireDefaults(ast.NodeTransformer):
    def __init__(self, config_names: set[str]) -> None:
        self.config_names = config_names
        self.changed = False

    def _config_get(self, node: ast.expr) -> ast.Call | None:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in _GETTERS and node.args):
            return None
        receiver = node.func.value
        if _is_config_call(receiver) or (
            isinstance(receiver, ast.Name) and receiver.id in self.config_names) or (
            isinstance(receiver, ast.Attribute) and receiver.attr in self.config_names):
            return node
        return None

    def _require(self, call: ast.Call) -> ast.Call:
        assert isinstance(call.func, ast.Attribute)
        self.changed = True
        return ast.Call(ast.Attribute(call.func.value, _GETTERS[call.func.attr], ast.Load()),
                        [call.args[0]], [])

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.expr:  # noqa: N802 (visitor name)
        self.generic_visit(node)
        first = self._config_get(node.values[0])
        if isinstance(node.op, ast.Or) and first is not None:
            return self._require(first)
        return node

    def visit_Call(self, node: ast.Call) -> ast.expr:  # noqa: N802 (visitor name)
        self.generic_visit(node)
        call = self._config_get(node)
        if call is not None and (len(call.args) > 1 or any(k.arg == "default"
                                                           for k in call.keywords)):
            return self._require(call)
        return node
