"""From code blocks to named files: which block is which file, and which to keep.

A block's path can be written in several places at once (a heading, the line just
before the fence, a first-line comment); they usually agree, and when they disagree
the more explicit one wins. Blocks that are not program files (shell commands, config
fragments, tests) are dropped, and every guess is said in a note.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import yaml

from harness.answers._blocks import PYTHON_LANGS, Block
from harness.answers._paths import (
    LABEL,
    from_first_line,
    from_info,
    is_heading,
    path_alone,
    paths_in,
)
from harness.answers._source import facts, has_imports, is_test_path, looks_like_test, parse

PLAIN_LANGS = {"", "text", "txt", "plain", "plaintext", "none"}
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][\w.\-\[\], ]*\s*([<>=!~]=?.*)?|-r .*|#.*|)\s*$")


@dataclass
class Piece:
    """A stretch of one block that holds one file (most blocks hold exactly one)."""

    path: str | None
    code: str
    lang: str
    draft: bool


@dataclass
class Collected:
    files: dict[str, str] = field(default_factory=dict)
    #: Python blocks that named no file, in answer order.
    unnamed: list[str] = field(default_factory=list)
    #: Earlier blocks labelled with a kept file's path that define none of its names:
    #: a label copied from the block above, not an earlier draft.
    alternates: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _line_is_label(line: str) -> bool:
    """A line that labels the next block, as opposed to a sentence that mentions a file."""
    s = line.strip()
    return (
        is_heading(s)
        or path_alone(s) is not None
        or LABEL.search(s) is not None
        or re.match(r"^(\d+[.)]|[-*+])\s", s) is not None
        or len(s.split()) <= 6
    )


def _same_file_longest(best: str, others: list[str]) -> str:
    base = best.rsplit("/", 1)[-1]
    for p in others:
        if p.rsplit("/", 1)[-1] == base and p.count("/") > best.count("/"):
            best = p
    return best


def _outer_path(block: Block) -> str | None:
    """The path a block is labelled with, from the strongest hint available."""
    lines = [ln for ln in block.context if ln.strip()]
    last = paths_in(lines[-1]) if lines else []
    heading: list[str] = []
    for ln in reversed(lines[:-1]):
        if is_heading(ln) and paths_in(ln):
            heading = paths_in(ln)
            break
    strong = last if lines and _line_is_label(lines[-1]) else []
    weak = last if not strong else []
    comment = from_first_line(block.code)
    ranked = [from_info(block.info), comment, *strong[:1], *weak[:1], *heading[:1]]
    found = [p for p in ranked if p]
    return _same_file_longest(found[0], found[1:]) if found else None


def _separator(line: str, first: bool, following: str) -> str | None:
    """A line inside a block that starts another file: `=== x.py ===`, `# lib/x.py`.

    A bare `# x.py` comment only counts when a module starts under it (a docstring or an
    import), since a comment naming a file is otherwise just a comment.
    """
    if line[:1].isspace():
        return None
    path = path_alone(line)
    if path is None:
        return None
    s = line.strip()
    if first or "===" in s or "---" in s or LABEL.search(s) or not s.startswith(("#", "//")):
        return path
    starts_module = following.startswith(('"""', "'''", "import ", "from "))
    return path if "/" in path or starts_module else None


def _docstring_label(line: str, following: str) -> str | None:
    """A top-level docstring opening whose next line is a file name names its module."""
    if line.rstrip() not in ('"""', "'''"):
        return None
    return path_alone(following) if following.endswith(".py") else None


def _next_text(lines: list[str], i: int) -> str:
    return next((ln.strip() for ln in lines[i + 1 : i + 20] if ln.strip()), "")


def _only_comments(rows: list[str]) -> bool:
    return all(not r.strip() or r.lstrip().startswith(("#", "//")) for r in rows)


def _before_code(rows: list[str]) -> bool:
    """Nothing but comments and docstrings so far: a file label here names this file.

    A docstring quote doubled by mistake closes an empty docstring, and the file name
    written on the next line of the intended docstring still names this block's file.
    """
    if _only_comments(rows):
        return True
    tree = parse("\n".join(r for r in rows if not r.lstrip().startswith(("#", "//"))))
    return tree is not None and all(
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
        and isinstance(s.value.value, str) for s in tree.body
    )


def pieces(block: Block) -> list[Piece]:
    """Split a block at file separators; the first stretch takes the block's own label.

    A separator met before any code (only comments or a docstring so far) relabels the file
    instead of starting a new one; path comments and docstrings stay in the file, while
    `=== x.py ===` and `File: x.py` lines, which are not Python, are dropped.
    """
    out: list[Piece] = []
    path = _outer_path(block)
    rows: list[str] = []
    quote: str | None = None
    lines = block.code.splitlines()
    for i, line in enumerate(lines):
        in_string = quote is not None
        quote = _string_state(line, quote)
        sep = None
        if not in_string and (path_alone(line) or line.rstrip() in ('"""', "'''")):
            following = _next_text(lines, i)
            head = _before_code(rows)
            sep = _separator(line, head, following)
            before = next((r.rstrip() for r in reversed(rows) if r.strip()), "")
            if sep is None and not before.endswith(("=", "(", ",", "[", "{", "+", "\\")):
                sep = _docstring_label(line, following)
        if sep is not None:
            if not head:
                while not rows[-1].strip():
                    rows.pop()
                out.append(Piece(path, "\n".join(rows) + "\n", block.lang, block.draft))
                rows = []
                path = sep
            else:
                path = _same_file_longest(sep, [path]) if path else sep
            python = line.lstrip().startswith(("#", "//", '"""', "'''")) and "===" not in line
            if not python:
                continue
        rows.append(line)
    out.append(Piece(path, "\n".join(rows) + ("\n" if rows else ""), block.lang, block.draft))
    return [p for p in out if p.code.strip()]


def _string_state(line: str, quote: str | None) -> str | None:
    """The triple quote still open after `line`, given the one open before it."""
    for m in re.finditer(r'"""|\'\'\'', line):
        if quote is None:
            quote = m.group()
        elif m.group() == quote:
            quote = None
    return quote


def is_python(piece: Piece) -> bool:
    if piece.path is not None and not piece.path.endswith(".py"):
        return False
    if piece.lang in PYTHON_LANGS:
        return True
    tree = parse(piece.code)
    if tree is None or not tree.body:
        return False
    if piece.path is not None:
        return True
    code_like = re.search(r"^(import|from|def|class) ", piece.code, re.M)
    return piece.lang in PLAIN_LANGS and code_like is not None


def _project_file(piece: Piece) -> str | None:
    """The project-file name a piece stands for, if it is a well-formed one."""
    if piece.path is None:
        return None
    name = piece.path.rsplit("/", 1)[-1]
    if name.lower() in ("pulumi.yaml", "pulumi.yml"):
        try:
            data = yaml.safe_load(piece.code)
        except yaml.YAMLError:
            return None
        if isinstance(data, dict) and ({"name", "runtime", "main"} & set(data)):
            return piece.path[: -len(name)] + "Pulumi.yaml"
        return None
    if name == "requirements.txt" and all(REQUIREMENT.match(ln) for ln in piece.code.splitlines()):
        return piece.path
    return None


def _names(code: str) -> set[str]:
    f = facts(code)
    return set(f.classes) | set(f.functions) if f is not None else set()


def collect(blocks: list[Block]) -> Collected:
    out = Collected()
    all_pieces = [p for b in blocks for p in pieces(b)]
    if any(not p.draft and is_python(p) for p in all_pieces):
        drafts = sum(1 for b in blocks if b.draft)
        if drafts:
            out.notes.append(f"ignored {drafts} code block(s) of the reasoning trace")
        all_pieces = [p for p in all_pieces if not p.draft]
    versions: dict[str, list[str]] = {}
    tests = 0
    for piece in all_pieces:
        if is_python(piece):
            if (piece.path and is_test_path(piece.path)) or looks_like_test(piece.code):
                tests += 1
            elif piece.path is None:
                out.unnamed.append(piece.code)
            else:
                versions.setdefault(piece.path, []).append(piece.code)
            continue
        name = _project_file(piece)
        if name is not None:
            versions.setdefault(name, []).append(piece.code)
    for path, codes in versions.items():
        whole = [c for c in codes if has_imports(c)] if path.endswith(".py") else codes
        whole = whole or codes
        kept = whole[-1]
        out.files[path] = kept
        if kept is not codes[-1]:
            out.notes.append(f"kept an earlier {path}: a later block is a fragment of it")
        names = _names(kept)
        others = [c for c in whole[:-1] if names and _names(c) and not (_names(c) & names)]
        out.alternates += [(path, c) for c in others]
        drafts = len(whole) - len(others)
        if drafts > 1:
            out.notes.append(f"kept last of {drafts} versions of {path}")
        if others:
            out.notes.append(f"{path} labels {len(others) + 1} blocks with different contents")
    if tests:
        out.notes.append(f"dropped {tests} test file(s)")
    return out
