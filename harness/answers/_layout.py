"""Where files must sit for the program's own imports to find them.

Answers often give paths relative to the folder they think in (`tap_stack.py` when
`tap.py` imports `lib.tap_stack`). A file moves only to a path that extends the one it
was given (`tap_stack.py` → `lib/tap_stack.py`, never `lib/x.py` → `x.py`) and only
when no import already finds it where it is: placing files is reading the answer, not
repairing it, so an import that is wrong in every reading stays wrong.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping

from harness.answers._source import ImportRef, facts, imports, is_test_path

Files = dict[str, str]


def _python(files: Mapping[str, str]) -> list[str]:
    return [p for p in files if p.endswith(".py") and not is_test_path(p)]


def absolute(ref: ImportRef, importer: str) -> str:
    """The absolute dotted name of `ref` as written in the file at `importer`."""
    if ref.level == 0:
        return ref.module
    base = importer.split("/")[:-1]
    base = base[: len(base) - (ref.level - 1)] if ref.level > 1 else base
    return ".".join([*base, *([ref.module] if ref.module else [])])


def find(module: str, files: Mapping[str, str], roots: Iterable[str] = ("",)) -> str | None:
    """The file (or namespace folder, with a trailing `/`) that `import module` loads."""
    for root in roots:
        stem = (f"{root}/" if root else "") + module.replace(".", "/")
        for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
            if candidate in files:
                return candidate
        if module and any(p.startswith(stem + "/") for p in files):
            return stem + "/"
    return None


def local_imports(path: str, code: str) -> list[tuple[str, tuple[str, ...]]]:
    """(module, imported names) for every import that could name a file of the program."""
    out = []
    for ref in imports(code):
        name = absolute(ref, path)
        top = name.split(".")[0]
        if not name or top in sys.stdlib_module_names or top.startswith("pulumi"):
            continue
        out.append((name, ref.names))
    return out


def missing(files: Mapping[str, str], roots: Iterable[str] = ("",)) -> list[tuple[str, str]]:
    """(importer, module) for local-looking imports that find no file of the program."""
    roots = tuple(roots)
    out: list[tuple[str, str]] = []
    for path in _python(files):
        for module, names in local_imports(path, files[path]):
            found = find(module, files, roots)
            if found is None:
                out.append((path, module))
            elif found.endswith(("/", "__init__.py")):
                init = files.get(found, "")
                defined = _defined(init)
                for n in names:
                    sub = f"{module}.{n}"
                    if n != "*" and n not in defined and find(sub, files, roots) is None:
                        out.append((path, sub))
    return out


def _defined(code: str, imported: bool = True) -> set[str]:
    """Names a module provides: its classes, functions and assignments, and unless
    `imported` is false, the names it imports (a package re-exports them)."""
    f = facts(code)
    if f is None:
        return set()
    own = set(f.classes) | set(f.functions) | set(re.findall(r"^(\w+)\s*[:=]", code, re.M))
    return own | set(f.aliases) if imported else own


def found_files(files: Mapping[str, str], roots: Iterable[str] = ("",)) -> set[str]:
    """Files that some import of the program loads where they are now."""
    roots = tuple(roots)
    out: set[str] = set()
    for path in _python(files):
        for module, names in local_imports(path, files[path]):
            for m in (module, *(f"{module}.{n}" for n in names)):
                hit = find(m, files, roots)
                if hit and not hit.endswith("/"):
                    out.add(hit)
    return out


def target_path(module: str, files: Mapping[str, str], roots: tuple[str, ...]) -> str:
    """Where a missing module belongs: under the root that holds its package, if any."""
    parent = module.rpartition(".")[0]
    for root in roots:
        if parent and find(parent, files, (root,)) is not None:
            return (f"{root}/" if root else "") + module.replace(".", "/") + ".py"
    return module.replace(".", "/") + ".py"


ENTRY_FILES = ("__main__.py", "tap.py")
PROJECT_FILES = ("Pulumi.yaml", "requirements.txt")


def root_as_package(files: Files, notes: list[str]) -> Files:
    """Answers that give a package's files without its folder go under `lib/`.

    A `__init__.py` or a relative import at the top of the answer's tree only makes
    sense inside a package; `lib` is where the task's entry point imports it from.
    """
    top = [p for p in files if "/" not in p and p.endswith(".py") and p not in ENTRY_FILES]
    if not ("__init__.py" in files or any(
        ref.level for p in top for ref in imports(files[p])
    )) or any(p.startswith("lib/") for p in files):
        return files
    moved = {
        (p if p in ENTRY_FILES or p in PROJECT_FILES else f"lib/{p}"): t for p, t in files.items()
    }
    notes.append("placed the answer's files under lib/ (they import each other as a package)")
    return moved


def place(files: Files, roots: tuple[str, ...], notes: list[str]) -> Files:
    """Move files given relative to a package folder to where the imports expect them.

    Moving a file changes what its own relative imports mean, so this repeats until
    nothing moves.
    """
    files = dict(files)
    for _ in range(20):
        keep = found_files(files, roots)
        moved = any([_move_into(files, module, roots, keep, notes)
                     for _importer, module in missing(files, roots)])
        if not moved and not _rename_misspelt(files, roots, keep, notes):
            break
    return files


def _move_into(files: Files, module: str, roots: tuple[str, ...], keep: set[str],
               notes: list[str]) -> bool:
    """Move the file whose path is the longest tail of `module`'s path to that path."""
    target = target_path(module, files, roots)
    if find(module, files, roots) is not None or target in files:
        return False
    parts = module.split(".")
    for k in range(1, len(parts)):
        tail = "/".join(parts[k:])
        for src, dst in ((f"{tail}.py", target), (f"{tail}/__init__.py",
                                                  target[:-3] + "/__init__.py")):
            if src in files and src not in keep and dst not in files:
                files[dst] = files.pop(src)
                notes.append(f"moved {src} to {dst} to match `import {module}`")
                _follow_init(files, src, dst)
                return True
    return False


def _distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _rename_misspelt(files: Files, roots: tuple[str, ...], keep: set[str],
                     notes: list[str]) -> bool:
    """`lamba_functions.py` is `lambda_functions.py` when that is what the imports load.

    Only a file beside the expected one, that nothing imports, with a name of at least
    five letters that is at most two edits away, and only when it is the sole such file.
    """
    for _importer, module in missing(files, roots):
        *folder, stem = module.split(".")
        if len(stem) < 5:
            continue
        for root in roots:
            base = "/".join(([root] if root else []) + folder)
            prefix = f"{base}/" if base else ""
            near = [
                p for p in files
                if p.startswith(prefix) and "/" not in p[len(prefix):] and p.endswith(".py")
                and p not in keep and 0 < _distance(p[len(prefix):-3], stem) <= 2
            ]
            target = f"{prefix}{stem}.py"
            if len(near) == 1 and target not in files:
                files[target] = files.pop(near[0])
                notes.append(f"renamed {near[0]} to {target} to match `import {module}`")
                return True
    return False


def _follow_init(files: Files, src: str, dst: str) -> None:
    """A package's `__init__.py` goes along when the package's last module leaves."""
    folder = src.rsplit("/", 1)[0] if "/" in src else ""
    init = f"{folder}/__init__.py" if folder else ""
    if init and init in files and not any(
        p.startswith(folder + "/") and p != init for p in files
    ):
        new = dst.rsplit("/", 1)[0] + "/__init__.py"
        if new not in files:
            files[new] = files.pop(init)


def settle_alternates(files: Files, alternates: list[tuple[str, str]],
                      roots: tuple[str, ...], notes: list[str]) -> list[str]:
    """Of blocks sharing one label, keep at the path the one that defines what is imported
    from it; the others are returned to be placed like unnamed blocks."""
    rest: list[str] = []
    for path, code in alternates:
        wanted = _wanted_from(files, path, roots)
        if wanted and not wanted & _defined(files[path]) and wanted & _defined(code):
            rest.append(files[path])
            files[path] = code
            notes.append(f"kept the block labelled {path} that defines what its importers use")
        else:
            rest.append(code)
    return rest


def _wanted_from(files: Mapping[str, str], path: str, roots: tuple[str, ...]) -> set[str]:
    """Names that the program's files import from the module at `path`."""
    out: set[str] = set()
    for importer in _python(files):
        for ref in imports(files[importer]):
            if find(absolute(ref, importer), files, roots) == path:
                out |= {n for n in ref.names if n != "*"}
    return out


def place_unnamed(files: Files, unnamed: list[str], roots: tuple[str, ...],
                  notes: list[str]) -> list[str]:
    """Give an unnamed block the path of a missing module whose names it defines.

    Names the block only imports do not count: a snippet showing how the program imports
    its modules is not one of them. Returns the blocks that no import asked for.
    """
    rest: list[str] = []
    for code in unnamed:
        defined = _defined(code, imported=False)
        target = None
        for importer, module in missing(files, roots):
            names = _imported_names(files[importer], importer, module)
            if names and names <= defined:
                target = target_path(module, files, roots)
                break
        if target is not None and target not in files:
            files[target] = code
            notes.append(f"guessed path {target} for an unnamed block that defines what it imports")
        else:
            rest.append(code)
    return rest


def _imported_names(code: str, importer: str, module: str) -> set[str]:
    out: set[str] = set()
    for ref in imports(code):
        if absolute(ref, importer) == module:
            out |= {n for n in ref.names if n != "*"}
    return out


def add_inits(files: Files, roots: tuple[str, ...], notes: list[str]) -> Files:
    """Create the `__init__.py` files that the program's package imports pass through.

    Python 3 would import them as namespace packages anyway; the files make the layout
    the one a reader of the answer (and a folder-based loader) expects.
    """
    files = dict(files)
    created: list[str] = []
    for path in _python(files):
        for module, _names in local_imports(path, files[path]):
            for root in roots:
                hit = find(module, files, (root,))
                if hit is None:
                    continue
                parts = module.split(".")
                packages = parts if hit.endswith(("/", "__init__.py")) else parts[:-1]
                prefix = f"{root}/" if root else ""
                for i in range(1, len(packages) + 1):
                    init = prefix + "/".join(packages[:i]) + "/__init__.py"
                    if init not in files:
                        files[init] = ""
                        created.append(init)
                break
    if created:
        notes.append(f"created {', '.join(sorted(created))}")
    return files
