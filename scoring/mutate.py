"""The shared frame of every category's mutation: parse, edit, unparse, note.

Each mutation injects its defect by editing the syntax trees of the program's Python
files. Parsing (skipping files that do not parse), rewriting only the files whose tree
changed, and recording the mutation in the notes are the same for all twelve, so they
live here and each category keeps only its own edit.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from harness.program import Program

#: Edits one module's tree in place; True when it changed something.
Edit = Callable[[ast.Module], bool]


def rewrite_python(program: Program, slug: str, edit: Edit, *,
                   trees: Mapping[str, ast.Module | None] | None = None) -> Program:
    """`program` with `edit` applied to every Python file's tree.

    A file is rewritten (`ast.unparse`) only when `edit` returns True for it; the others
    keep their text. `trees` gives trees already parsed (a mutation that must look at all
    files before editing any); by default each `.py` file is parsed in turn and files with
    a syntax error are skipped, as are None entries of `trees`. The result's
    notes end with `mutation: <slug>`.
    """
    files = dict(program.files)
    pairs = _parsed(program) if trees is None else trees.items()
    for path, tree in pairs:
        if tree is not None and edit(tree):
            files[path] = ast.unparse(ast.fix_missing_locations(tree))
    notes = (*program.notes, f"mutation: {slug}")
    return replace(program, files=files, notes=notes)


def _parsed(program: Program) -> Iterator[tuple[str, ast.Module | None]]:
    for path, text in program.files.items():
        if not path.endswith(".py"):
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        yield path, tree
