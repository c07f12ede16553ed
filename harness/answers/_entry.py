"""Which file runs the program, and whether running it creates anything.

"Creates anything" is read statically: the calls that run when the entry point runs
(its module-level code, the modules it imports, and by name every function or class
those calls reach) must include a Pulumi resource or a stack class. A name-based reach
over-approximates, which is the safe side: it only means a synthesised entry point is
not added where a real one might already work.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from harness.answers._layout import find, found_files, local_imports
from harness.answers._source import (
    base_names,
    calls_in,
    facts,
    is_resource_call,
    is_test_path,
    snake_case,
    sys_path_dirs,
)
from harness.program import ENTRY_CANDIDATES

#: Names that an entry point found by guessing usually has, best first.
ENTRY_NAMES = ("__main__.py", "tap.py", "main.py", "app.py")


@dataclass(frozen=True)
class Defined:
    """Where a class or function is defined in the program."""

    path: str
    node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


def python_files(files: Mapping[str, str]) -> list[str]:
    return [p for p in files if p.endswith(".py") and not is_test_path(p)]


def pulumi_main(files: Mapping[str, str]) -> str | None:
    """The entry point that the answer's own `Pulumi.yaml` names, if the file is there."""
    try:
        data = yaml.safe_load(files.get("Pulumi.yaml", "") or "")
    except yaml.YAMLError:
        return None
    main = data.get("main") if isinstance(data, dict) else None
    if not isinstance(main, str):
        return None
    main = main.strip().removeprefix("./").strip("/")
    for candidate in (main, f"{main}/__main__.py"):
        if candidate in files and candidate.endswith(".py"):
            return candidate
    return None


def classes(files: Mapping[str, str]) -> dict[str, Defined]:
    """Classes by name; of two with one name, the one in the file named after it."""
    out: dict[str, Defined] = {}
    for path in python_files(files):
        f = facts(files[path])
        for n, c in (f.classes if f is not None else {}).items():
            if n not in out or _home(path, n) and not _home(out[n].path, n):
                out[n] = Defined(path, c)
    return out


def _home(path: str, name: str) -> bool:
    return path.rsplit("/", 1)[-1] == f"{snake_case(name)}.py"


def functions(files: Mapping[str, str]) -> dict[str, list[Defined]]:
    """Top-level functions and methods by bare name (reach is followed by name)."""
    out: dict[str, list[Defined]] = {}
    for path in python_files(files):
        f = facts(files[path])
        if f is None:
            continue
        for name, fn in f.functions.items():
            out.setdefault(name, []).append(Defined(path, fn))
        for cls in f.classes.values():
            for node in cls.body:
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    out.setdefault(node.name, []).append(Defined(path, node))
    return out


def stack_classes(files: Mapping[str, str]) -> dict[str, Defined]:
    """`ComponentResource` subclasses, directly or through another class of the program.

    A plain class named `...Stack` that creates resources counts too: answers write
    `class TapStack:` with the same intent and the same calling convention.
    """
    every = classes(files)
    stacks = {n: d for n, d in every.items()
              if isinstance(d.node, ast.ClassDef) and "ComponentResource" in base_names(d.node)}
    grew = True
    while grew:
        grew = False
        for n, d in every.items():
            if n not in stacks and isinstance(d.node, ast.ClassDef) and set(
                base_names(d.node)
            ) & set(stacks):
                stacks[n] = d
                grew = True
    names = _pulumi_names(files)
    for n, d in every.items():
        if n.endswith("Stack") and n not in stacks and any(
            is_resource_call(c, names) for c in calls_in(d.node)
        ):
            stacks[n] = d
    return stacks


def _pulumi_names(files: Mapping[str, str]) -> frozenset[str]:
    out: set[str] = set()
    for path in python_files(files):
        f = facts(files[path])
        if f is not None:
            out |= f.pulumi_names
    return frozenset(out)


def reachable(files: Mapping[str, str], entry: str, roots: tuple[str, ...]) -> list[str]:
    """The entry point and every file of the program that its imports load."""
    seen = [entry]
    for path in seen:
        for module, names in local_imports(path, files[path]):
            for m in (module, *(f"{module}.{n}" for n in names)):
                hit = find(m, files, roots)
                if hit and hit.endswith(".py") and hit not in seen:
                    seen.append(hit)
    return seen


def executed(files: Mapping[str, str], entry: str, roots: tuple[str, ...]) -> list[str]:
    """Callee names that run when `entry` runs, followed through functions by name."""
    callees: list[str] = []
    for path in reachable(files, entry, roots):
        f = facts(files[path])
        if f is not None:
            callees += [_unalias(c, f.aliases) for c in f.top_calls]
    return reach(files, callees)


def reach(files: Mapping[str, str], callees: list[str]) -> list[str]:
    """`callees` and everything they call, following functions, methods and classes by name."""
    defs = functions(files)
    every = classes(files)
    out = list(callees)
    seen: set[str] = set()
    work = [c.rsplit(".", 1)[-1] for c in callees]
    while work:
        name = work.pop()
        if name in seen:
            continue
        seen.add(name)
        nodes: list[ast.AST] = [d.node for d in defs.get(name, [])]
        if name in every:
            nodes.append(every[name].node)
        for node in nodes:
            for c in calls_in(node):
                out.append(c)
                work.append(c.rsplit(".", 1)[-1])
    return out


def _unalias(callee: str, aliases: Mapping[str, str]) -> str:
    head, _, rest = callee.partition(".")
    head = aliases.get(head, head)
    return f"{head}.{rest}" if rest else head


def creates(files: Mapping[str, str], callees: list[str]) -> bool:
    stacks = stack_classes(files)
    names = _pulumi_names(files)
    return any(c.rsplit(".", 1)[-1] in stacks or is_resource_call(c, names) for c in callees)


def roots_for(files: Mapping[str, str], entry: str) -> tuple[str, ...]:
    """Import roots: the project folder, the entry point's folder as Pulumi adds it, and
    the folders that the program adds to `sys.path` itself."""
    roots = ["", entry.rsplit("/", 1)[0] if "/" in entry else ""]
    for path in python_files(files):
        roots += sys_path_dirs(path, files[path])
    return tuple(dict.fromkeys(roots))


def guess_entry(files: Mapping[str, str], skip: str | None) -> str | None:
    """A file that no module imports and that creates resources when run by itself.

    Imports from a package's `__init__.py` do not count: answers re-export their stack
    there, and the file is still the one the author meant to run.
    """
    importers = {p: t for p, t in files.items() if not p.endswith("__init__.py")}
    loaded = found_files(importers, roots_for(files, ""))
    stacks = stack_classes(files)
    names = _pulumi_names(files)
    found = []
    for p in python_files(files):
        if p == skip or p in loaded:
            continue
        run = executed(files, p, roots_for(files, p))
        starts = any(c.rsplit(".", 1)[-1] in stacks for c in run)
        made = {c.rsplit(".", 1)[-1] for c in run if is_resource_call(c, names)}
        if starts or made - {"Provider"}:
            found.append(p)  # a module that only makes a provider is a helper, not the program
    def rank(p: str) -> tuple[int, int, int]:
        base = p.rsplit("/", 1)[-1]
        order = ENTRY_NAMES.index(base) if base in ENTRY_NAMES else len(ENTRY_NAMES)
        return (order, p.count("/"), -len(files[p]))

    return min(found, key=rank) if found else None


def unreadable_entry(files: Mapping[str, str]) -> str | None:
    """The most entry-like file among those that do not parse.

    An answer whose only program file is truncated or mistyped is a program with a
    syntax error, which the capture reports as such, rather than no program at all.
    """
    broken = [p for p in python_files(files) if facts(files[p]) is None]

    def rank(p: str) -> tuple[int, bool, int]:
        base = p.rsplit("/", 1)[-1]
        order = ENTRY_NAMES.index(base) if base in ENTRY_NAMES else len(ENTRY_NAMES)
        return (order, "stack" not in base, -len(files[p]))

    return min(broken, key=rank) if broken else None


def declared_entry(files: Mapping[str, str]) -> str | None:
    """`Pulumi.yaml` `main`, else `__main__.py`, else `tap.py`."""
    main = pulumi_main(files)
    if main:
        return main
    return next((n for n in ENTRY_CANDIDATES if n in files), None)
