"""Entry points written for answers that define a stack but never start it.

The synthesised file calls the stack the way the task's own `tap.py` does: a name built
from the environment suffix and an args object, adapted to the signatures the answer
actually wrote. Anything it has to invent (a `None` for a required parameter) is said
in a note, so the program's later failure is traced to the guess and not to the model.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from harness.answers._entry import Defined, classes, creates, functions, reach, stack_classes
from harness.answers._layout import missing
from harness.answers._source import calls_in, facts, imports_pulumi, module_name, parse

SUFFIX_NAMES = ("environment_suffix", "env_suffix", "environment", "env", "stage", "suffix")
NAME_NAMES = ("name", "resource_name", "stack_name", "construct_id", "id", "stack_id")
ARGS_NAMES = ("args", "props", "config", "stack_args", "settings")
SUFFIX_LINE = (
    'environment_suffix = os.getenv("ENVIRONMENT_SUFFIX") or pulumi.Config().get("env") or "dev"'
)
CALLABLE_PREFIXES = ("main", "run", "create", "deploy", "build", "setup", "provision")


@dataclass
class Call:
    """One call to write, and the imports and notes it needs."""

    text: str
    needs: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Param:
    name: str
    annotation: str
    required: bool
    keyword_only: bool = False


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None,
            skip_self: bool = True) -> list[Param] | None:
    if fn is None or isinstance(fn, ast.ClassDef):
        return None
    a = fn.args
    positional = [*a.posonlyargs, *a.args][1 if skip_self else 0 :]
    defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    out = [Param(p.arg, ast.unparse(p.annotation) if p.annotation else "", d is None)
           for p, d in zip(positional, defaults, strict=True)]
    out += [Param(p.arg, ast.unparse(p.annotation) if p.annotation else "", d is None, True)
            for p, d in zip(a.kwonlyargs, a.kw_defaults, strict=True)]
    return out


def _init(name: str, every: Mapping[str, Defined]) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """`__init__` of a class, looked up through bases the program defines."""
    seen: set[str] = set()
    while name in every and name not in seen:
        seen.add(name)
        node = every[name].node
        if not isinstance(node, ast.ClassDef):
            return None
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name == "__init__":
                return item
        bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
        name = bases[0] if bases else ""
    return None


def _fields(cls: ast.ClassDef) -> list[Param]:
    """Dataclass-style fields: annotated class attributes."""
    return [
        Param(s.target.id, ast.unparse(s.annotation), s.value is None)
        for s in cls.body
        if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        and "ClassVar" not in ast.unparse(s.annotation)
    ]


def _construct(cls: str, every: Mapping[str, Defined], stacks: set[str], call: Call,
               first_is_name: bool) -> str:
    """Source for `cls(...)`, filling the parameters it needs from the environment suffix."""
    node = every[cls].node
    params = _params(_init(cls, every))
    if params is None and isinstance(node, ast.ClassDef):
        params = _fields(node)
    params = params or []
    call.needs.setdefault(every[cls].path, []).append(cls)
    return f"{cls}({_arguments(cls, params, first_is_name, every, stacks, call)})"


def _arguments(owner: str, params: list[Param], stack: bool, every: Mapping[str, Defined],
               stacks: set[str], call: Call) -> str:
    """A stack gets its name and args object by position, as `tap.py` passes them;
    everything else is passed by keyword, which survives reordered signatures."""
    args: list[str] = []
    positional = stack
    for i, p in enumerate(params):
        value = _value(owner, p, i == 0 and stack, every, stacks, call)
        if value is None or p.keyword_only or i > 1:
            positional = False
        if value is not None:
            args.append(value if positional else f"{p.name}={value}")
    return ", ".join(args)


def _value(owner: str, p: Param, name_slot: bool, every: Mapping[str, Defined],
           stacks: set[str], call: Call) -> str | None:
    if p.name in SUFFIX_NAMES:
        return "environment_suffix" if p.required or p.name == "environment_suffix" else None
    if name_slot and (p.name in NAME_NAMES or p.annotation in ("", "str")):
        return f'f"{owner}{{environment_suffix}}"'
    args_cls = _args_class(owner, p, every, stacks)
    if args_cls is not None:
        return _construct(args_cls, every, stacks, call, first_is_name=False)
    if p.required:
        call.notes.append(f"passed None for required parameter {p.name} of {owner}")
        return "None"
    return None


def _args_class(owner: str, p: Param, every: Mapping[str, Defined],
                stacks: set[str]) -> str | None:
    words: list[str] = re.findall(r"\w+", p.annotation)
    named = [n for n in words if n in every and n not in stacks]
    if named:
        return named[0]
    if p.name in ARGS_NAMES or p.name.endswith("_args"):
        guess = f"{owner}Args"
        if guess in every:
            return guess
    return None


def _import_lines(needs: Mapping[str, list[str]]) -> list[str]:
    """Imports for the names used; a file that cannot be imported by name is run instead."""
    out: list[str] = []
    for path, names in sorted(needs.items()):
        unique = sorted(set(names))
        module = module_name(path)
        if module and path != "__main__.py" and not path.endswith("/__main__.py"):
            out.append(f"from {module} import {', '.join(unique)}")
        else:
            here = "os.path.dirname(os.path.abspath(__file__))"
            out.append(f'_answer = runpy.run_path(os.path.join({here}, "{path}"), '
                       'run_name="answer")')
            out += [f'{n} = _answer["{n}"]' for n in unique]
    return out


def _path_folders(files: Mapping[str, str], needs: Mapping[str, list[str]]) -> list[str]:
    """Folders of the started modules that their own absolute imports need on `sys.path`.

    Answers written for a `tap.py` that appends `lib` to `sys.path` import their
    siblings bare (`from infrastructure.vpc import ...`); the entry point does the same.
    """
    before = len(missing(files, ("",)))
    out: list[str] = []
    for path in needs:
        folder = path.rpartition("/")[0]
        if folder and folder not in out and len(missing(files, ("", folder))) < before:
            out.append(folder)
    return out


def _render(call: Call, what: str, files: Mapping[str, str]) -> str:
    imports = _import_lines(call.needs)
    folders = _path_folders(files, call.needs)
    head = ["import os", *(["import runpy"] if any("runpy" in i for i in imports) else []),
            *(["import sys"] if folders else [])]
    here = "os.path.dirname(os.path.abspath(__file__))"
    paths = [f'sys.path.insert(0, os.path.join({here}, "{f}"))' for f in folders]
    return "\n".join([
        f'"""Entry point added by the harness: the answer never starts {what}."""',
        "",
        *head,
        "",
        "import pulumi",
        "",
        *paths,
        *imports,
        "",
        SUFFIX_LINE,
        call.text,
        "",
    ])


def _uncalled_function(files: Mapping[str, str]) -> Defined | None:
    """A top-level function that creates resources and that nothing calls: the answer's
    own `main()` or `create_infrastructure(environment_suffix)` that it forgot to call."""
    called: set[str] = set()
    for path in files:
        tree = parse(files[path]) if path.endswith(".py") else None
        if tree is not None:
            called |= {c.rsplit(".", 1)[-1] for c in calls_in(tree)}
    found: list[Defined] = []
    for name, defs in functions(files).items():
        for d in defs:
            f = facts(files[d.path])
            if f is None or f.functions.get(name) is not d.node or name in called:
                continue
            params = _params(d.node, skip_self=False) or []
            if any(p.required and p.name not in SUFFIX_NAMES for p in params):
                continue
            if imports_pulumi(files[d.path]) and creates(files, reach(files, calls_in(d.node))):
                found.append(d)

    def rank(d: Defined) -> tuple[bool, int]:
        return (not d.node.name.startswith(CALLABLE_PREFIXES), d.path.count("/"))

    return min(found, key=rank) if found else None


def _call_function(fn: Defined, every: Mapping[str, Defined], stacks: set[str]) -> Call:
    assert isinstance(fn.node, ast.FunctionDef | ast.AsyncFunctionDef)
    call = Call("", {fn.path: [fn.node.name]})
    params = _params(fn.node, skip_self=False) or []
    call.text = f"{fn.node.name}({_arguments(fn.node.name, params, False, every, stacks, call)})"
    return call


def synthesise(files: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """Source of an entry point that starts the answer's stack, and what was guessed.

    Without source, the notes say why no call could be written. A stack other than
    the conventional `TapStack` is only started when every required parameter can be
    given a real value: inventing `None` for another class's inputs would make the
    harness, not the answer, the cause of the failure that follows.
    """
    stacks = stack_classes(files)
    every = classes(files)
    fn = _uncalled_function(files)
    if fn is not None:
        call = _call_function(fn, every, set(stacks))
        return _render(call, f"{fn.node.name}()", files), [
            f"calling {fn.node.name}() of {fn.path}", *call.notes]
    if not stacks:
        return None, []
    used = {c.rsplit(".", 1)[-1] for d in every.values() for c in calls_in(d.node)}
    top = [n for n in stacks if n not in used] or list(stacks)

    def rank(n: str) -> tuple[bool, bool, int, int]:
        inner = sum(1 for c in calls_in(stacks[n].node) if c.rsplit(".", 1)[-1] in stacks)
        return (n != "TapStack", not stacks[n].path.endswith("tap_stack.py"), -inner,
                -len(ast.unparse(stacks[n].node)))

    chosen = min(top, key=rank)
    call = Call("")
    call.text = f"stack = {_construct(chosen, every, set(stacks), call, first_is_name=True)}"
    if call.notes and chosen != "TapStack":
        missing = ", ".join(n.split()[4] for n in call.notes)
        return None, [f"did not start {chosen}: no value for its required {missing}"]
    return _render(call, chosen, files), [f"calling {chosen}", *call.notes]
