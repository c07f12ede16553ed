"""Facts about Python sources read with `ast`, never by running them.

Answers are untrusted and often broken, so every reader here tolerates a file that does
not parse: it simply contributes no facts.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

TEST_FRAMEWORKS = {"pytest", "unittest"}
BUILTIN_NAMES = frozenset(dir(builtins)) | {"__file__", "__name__", "__doc__", "__spec__"}
TEST_NAME = re.compile(r"(^|/)(tests?/|test_[^/]*\.py$|[^/]*_test\.py$|conftest\.py$)")


@lru_cache(maxsize=512)
def parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError):
        return None


def module_name(path: str, root: str = "") -> str | None:
    """Dotted module name of `path` seen from `root`, or None when it is not importable."""
    if not path.endswith(".py") or (root and not path.startswith(root + "/")):
        return None
    parts = path[len(root) + 1 if root else 0 : -3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() and not keyword.iskeyword(p) for p in parts):
        return None
    return ".".join(parts)


def snake_case(name: str) -> str:
    """`TapStack` → `tap_stack`, `VPCStack` → `vpc_stack`: the module a class lives in."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def is_test_path(path: str) -> bool:
    return bool(TEST_NAME.search(path))


@dataclass(frozen=True)
class ImportRef:
    """One imported module: `module` is absolute, or relative with `level` leading dots."""

    module: str
    level: int
    names: tuple[str, ...]


def imports(code: str) -> list[ImportRef]:
    return list(_imports(code))


@lru_cache(maxsize=4096)
def _imports(code: str) -> tuple[ImportRef, ...]:
    """Cached: placement asks for a file's imports once per candidate location."""
    tree = parse(code)
    if tree is None:
        return ()
    out: list[ImportRef] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(ImportRef(a.name, 0, ()) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            out.append(ImportRef(node.module or "", node.level, tuple(a.name for a in node.names)))
    return tuple(out)


def looks_like_test(code: str) -> bool:
    """Test code by content: a test framework imported at module level, a test class, or
    mostly `test_` functions.

    A program module may import `unittest.mock` inside a function, and a Secrets Manager
    rotation handler defines `test_secret` beside its other steps; neither is a test file.
    """
    tree = parse(code)
    if tree is None:
        return bool(re.search(r"^\s*(import pytest|import unittest|def test_)", code, re.M))
    framework = any(
        isinstance(n, ast.Import | ast.ImportFrom)
        and any(m.split(".")[0] in TEST_FRAMEWORKS for m in _modules(n))
        for n in tree.body
    )
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    defs = [n for n in [*tree.body, *(m for c in classes for m in c.body)]
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    tests = [n for n in defs if n.name.startswith("test_")]
    test_class = any(
        (c.name.startswith("Test") or c.name.endswith(("Test", "Tests"))
         or any("TestCase" in ast.unparse(b) for b in c.bases))
        and any(isinstance(m, ast.FunctionDef) and m.name.startswith("test_") for m in c.body)
        for c in classes
    )
    return framework or test_class or (bool(tests) and 2 * len(tests) >= len(defs))


def _modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [a.name for a in node.names]


def has_imports(code: str) -> bool:
    """Whether the code imports anything; an `import` line inside a string does not count."""
    tree = parse(code)
    if tree is None:
        return re.search(r"^(import|from)\s+[\w.]", code, re.M) is not None
    return any(isinstance(n, ast.Import | ast.ImportFrom) for n in ast.walk(tree))


def unbound_names(code: str) -> list[str]:
    """Names that module-level code reads and that the module never binds, builtins aside.

    Module-level code is what runs on import: statements, class bodies, decorators, and
    the defaults and annotations of functions, but not function bodies. Any binding
    anywhere at module level counts, whatever its order, so a name is only reported when
    nothing in the module could have provided it.
    """
    tree = parse(code)
    if tree is None:
        return []
    bound: set[str] = set()
    read: set[str] = set()
    work: list[ast.AST] = list(tree.body)
    while work:
        node = work.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            bound.add(node.name)
            work += _evaluated_on_def(node)
            continue
        if isinstance(node, ast.Lambda):
            work += [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
            continue
        if isinstance(node, ast.ClassDef):
            bound.add(node.name)
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
            bound.add(node.name)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            bound.update(node.names)
        work.extend(ast.iter_child_nodes(node))
    return sorted(read - bound - BUILTIN_NAMES)


def _evaluated_on_def(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """The parts of a `def` that run when the module runs: decorators, defaults, annotations."""
    a = fn.args
    params = [*a.posonlyargs, *a.args, *a.kwonlyargs, *(p for p in (a.vararg, a.kwarg) if p)]
    out: list[ast.expr] = [*fn.decorator_list, *a.defaults]
    out += [d for d in a.kw_defaults if d is not None]
    out += [p.annotation for p in params if p.annotation is not None]
    return out + ([fn.returns] if fn.returns is not None else [])


def excerpt_reason(code: str) -> str | None:
    """Why a block is an excerpt of a file rather than a whole file, or None.

    A whole module imports what it uses; a block that imports nothing and either does not
    parse or reads names at module level that nothing binds (`self`, `aws`, `pulumi`) was
    cut out of a larger file to show a change. A block without imports that binds all it
    reads (constants, a handler that uses only builtins) is a whole file.
    """
    if has_imports(code):
        return None
    if parse(code) is None:
        return "imports nothing and does not parse"
    names = unbound_names(code)
    if not names:
        return None
    shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
    return f"imports nothing and uses {shown} without defining it"


def imports_pulumi(code: str) -> bool:
    """Whether the code imports Pulumi; read line by line when the file does not parse."""
    if parse(code) is None:
        return re.search(r"^\s*(import|from)\s+pulumi", code, re.M) is not None
    return any(r.module.split(".")[0].startswith("pulumi") for r in imports(code))


def _callee(node: ast.expr) -> str:
    """`aws.s3.Bucket` for `aws.s3.Bucket(...)`; '' for calls on anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return ""


def _top_level_calls(body: list[ast.stmt]) -> Iterator[ast.Call]:
    """Calls that run when the statements run: nested defs and classes are not entered."""
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(node, ast.Call):
            yield node
        stack.extend(ast.iter_child_nodes(node))


NOT_RESOURCES = ("Args", "Options", "Output", "Asset", "Archive", "Config", "Timeouts", "Result")


def is_resource_call(callee: str, pulumi_names: frozenset[str] = frozenset()) -> bool:
    """A class from a Pulumi provider: `aws.s3.Bucket(...)`, `s3.Bucket(...)`, `Bucket(...)`.

    Only names bound by imports count, so `boto3.session.Session()` in a Lambda handler
    shipped with the program is not mistaken for a resource.

    `pulumi_names` are the local names bound to `pulumi_*` modules or their members.
    """
    parts = callee.split(".")
    last = parts[-1]
    if not last[:1].isupper() or last.endswith(NOT_RESOURCES):
        return False
    return parts[0] in pulumi_names


@dataclass(frozen=True)
class ModuleFacts:
    """What a module defines and what runs when it is imported or run."""

    classes: dict[str, ast.ClassDef]
    functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    #: Callee names called by module-level code (outside any def or class).
    top_calls: tuple[str, ...]
    #: Local name → imported original name (`from m import A as B` gives B → A).
    aliases: dict[str, str]
    #: Whether module-level code calls `pulumi.export`.
    exports: bool
    #: Local names bound to `pulumi_*` provider modules or to names imported from them.
    pulumi_names: frozenset[str]


@lru_cache(maxsize=512)
def facts(code: str) -> ModuleFacts | None:
    tree = parse(code)
    if tree is None:
        return None
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    functions = {
        n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    aliases: dict[str, str] = {}
    providers: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                aliases[a.asname or a.name] = a.name
            if (node.module or "").startswith("pulumi_"):
                providers.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            providers.update(
                a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("pulumi_")
            )
    calls = tuple(_callee(c.func) for c in _top_level_calls(tree.body))
    exports = any(c.endswith("export") for c in calls)
    return ModuleFacts(
        classes, functions, tuple(c for c in calls if c), aliases, exports, frozenset(providers)
    )


def calls_in(node: ast.AST) -> list[str]:
    """Every callee named inside `node`, nested functions included."""
    return [c for c in (_callee(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)) if c]


def base_names(cls: ast.ClassDef) -> list[str]:
    return [_callee(b).rsplit(".", 1)[-1] for b in cls.bases]


def sys_path_dirs(path: str, code: str) -> list[str]:
    return list(_sys_path_dirs(path, code))


@lru_cache(maxsize=4096)
def _sys_path_dirs(path: str, code: str) -> tuple[str, ...]:
    """Folders (relative to the project) that the file at `path` adds to `sys.path`.

    Answers often run `sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))`
    and then import `tap_stack` bare; those folders are import roots like the project's.
    """
    tree = parse(code)
    if tree is None:
        return ()
    assigns = {
        t.id: n.value
        for n in ast.walk(tree) if isinstance(n, ast.Assign)
        for t in n.targets if isinstance(t, ast.Name)
    }
    out: list[str] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and _callee(node.func) in ("sys.path.insert",
                                                                   "sys.path.append")
                and node.args):
            folder = _eval_path(node.args[-1], path, assigns, 0)
            if folder is not None and folder != ".." and not folder.startswith("../"):
                out.append("" if folder == "." else folder)
    return tuple(out)


def _eval_path(node: ast.expr, path: str, assigns: dict[str, ast.expr], depth: int) -> str | None:
    """A path expression of the usual `os.path` or `pathlib` shapes, relative to the project."""
    if depth > 8:
        return None

    def again(n: ast.expr) -> str | None:
        return _eval_path(n, path, assigns, depth + 1)

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return posixpath.normpath(node.value)
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return path
        return again(assigns[node.id]) if node.id in assigns else None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        inner = again(node.value)
        return (posixpath.dirname(inner) or ".") if inner is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        left, right = again(node.left), again(node.right)
        return posixpath.normpath(posixpath.join(left, right)) if left and right else None
    if not isinstance(node, ast.Call):
        return None
    name = _callee(node.func).rsplit(".", 1)[-1]
    if name in ("abspath", "realpath", "normpath", "str", "Path", "resolve", "absolute"):
        if node.args:
            return again(node.args[0])
        return again(node.func.value) if isinstance(node.func, ast.Attribute) else None
    if name == "dirname" and node.args:
        inner = again(node.args[0])
        return (posixpath.dirname(inner) or ".") if inner is not None else None
    if name == "join" and node.args:
        parts = [again(a) for a in node.args]
        if any(p is None for p in parts):
            return None
        return posixpath.normpath(posixpath.join(*[p for p in parts if p is not None]))
    return None
