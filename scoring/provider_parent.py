"""provider_parent: an explicit provider left at the stack root while its users live in a component.

Rule (CATEGORIES.md, 12): an explicit provider (`pulumi:providers:aws`) registered at
the stack root while the resources that use it live inside a component, instead of
being parented to that component. Applies when the program creates explicit providers.

Why it matters: a component's subtree should hold everything it needs, so it can be
read, moved or deleted as a unit; a root provider handed into a component splits that
subtree. A program with no components at all passes (providers and their users both sit
at the root; `architecture` reports the flat layout). Every explicit provider type is
judged, AWS's above all; Pulumi's default providers are not the program's and are skipped.
"""

from __future__ import annotations

import ast

from harness.graph import STACK_TYPE, Resource, ResourceGraph
from harness.program import Program
from scoring.api import CheckContext, Evidence, Finding, check, finding, mutation
from scoring.mutate import rewrite_python

SLUG = "provider_parent"
MAX_EXAMPLES = 3


@check(SLUG, version=1)
def provider_parent(ctx: CheckContext) -> Finding:
    graph = ctx.graph
    providers = [p for p in graph.providers() if not p.name.startswith("default")]
    if not providers:
        return finding(SLUG, "not_applicable", [Evidence(
            note="the program creates no explicit provider")])
    if not graph.components():
        return finding(SLUG, "pass", [Evidence.of(
            p, "no component in the program: provider and its resources share the stack root",
            "parent", p.parent) for p in providers])
    failures: list[Evidence] = []
    passes: list[Evidence] = []
    for provider in providers:
        users = [r for r in graph.resources.values() if r.provider == provider.urn]
        inside = [r for r in users if _in_component(graph, r)]
        if _at_root(graph, provider) and inside:
            components = sorted({_owner(graph, r) for r in inside})
            shown = ", ".join(components[:MAX_EXAMPLES])
            more = f" and {len(components) - MAX_EXAMPLES} more" if len(
                components) > MAX_EXAMPLES else ""
            examples = ", ".join(r.name for r in inside[:MAX_EXAMPLES])
            failures.append(Evidence.of(
                provider,
                f"registered at the stack root but used by {len(inside)} resource(s) inside "
                f"component(s) {shown}{more} (e.g. {examples})",
                "parent", provider.parent))
        else:
            where = ("parented to component " + _name(graph, provider.parent)
                     if not _at_root(graph, provider) else "at the root, used only at the root")
            passes.append(Evidence.of(provider, where, "parent", provider.parent))
    if failures:
        return finding(SLUG, "fail", failures)
    return finding(SLUG, "pass", passes)


def _at_root(graph: ResourceGraph, resource: Resource) -> bool:
    parent = graph.resources.get(resource.parent or "")
    return parent is None or parent.type == STACK_TYPE


def _in_component(graph: ResourceGraph, resource: Resource) -> bool:
    parent = graph.resources.get(resource.parent or "")
    return parent is not None and parent.type != STACK_TYPE and not parent.custom


def _owner(graph: ResourceGraph, resource: Resource) -> str:
    return _name(graph, resource.parent)


def _name(graph: ResourceGraph, urn: str | None) -> str:
    parent = graph.resources.get(urn or "")
    return f"{parent.name} ({parent.type})" if parent else str(urn)


# -- mutation ---------------------------------------------------------------------------


@mutation(SLUG)
def provider_at_root(program: Program) -> Program:
    """Drop `parent=` from the options of providers made inside component classes.

    The provider then lands at the stack root while the component's resources, which
    still receive it explicitly, stay inside the component.
    """
    return rewrite_python(program, SLUG, _unparent_providers)


def _unparent_providers(tree: ast.Module) -> bool:
    changed = False
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
            if not ast.unparse(call.func).endswith("Provider"):
                continue
            for kw in call.keywords:
                options = kw.value
                if kw.arg == "opts" and isinstance(options, ast.Call):
                    kept = [k for k in options.keywords if k.arg != "parent"]
                    changed |= len(kept) != len(options.keywords)
                    options.keywords = kept
    return changed
