"""Fenced code blocks of a markdown answer, with the prose that precedes each.

The scanner is more forgiving than CommonMark because answers are: a fence may be
indented under a list item, a block may never be closed, a README block may hold
fences of its own, and a new ```` ```python ```` line inside an open code block almost
always means the writer forgot to close the previous one.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from harness.answers._paths import is_heading, path_alone

OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)\s*$")
PYTHON_LANGS = {"python", "py", "python3", "py3", "pycon", "ipython"}
#: Blocks whose content is itself markdown and may nest fences.
NESTING_LANGS = {"markdown", "md"}
REASONING = re.compile(r"^\s*#{1,6}\s*\**\s*(reasoning|thinking|thought process)\b", re.I)
ANSWER = re.compile(r"^\s*#{1,6}\s*\**\s*(final\s+)?answer\b", re.I)


@dataclass(frozen=True)
class Block:
    """One code block: its language, text, and the prose lines since the previous block."""

    lang: str
    info: str
    code: str
    context: tuple[str, ...]
    line: int
    closed: bool = True
    #: Written in a reasoning trace that a later `Answer` section supersedes.
    draft: bool = False


def _fence(line: str) -> re.Match[str] | None:
    m = OPEN.match(line)
    if m is None or (m["fence"][0] == "`" and "`" in m["info"]):
        return None
    return m


def _closes(line: str, char: str, length: int, indent: int = 0) -> bool:
    """A closing fence: only fence characters, indented at most three columns more than
    the opening one (deeper ones belong to text inside the block, such as a docstring)."""
    s = line.strip()
    depth = len(line) - len(line.lstrip())
    return len(s) >= length and s == char * len(s) and depth <= indent + 3


def _block_end(lines: list[str], start: int, char: str, length: int, indent: int,
               lang: str) -> tuple[int, bool]:
    """Index of the line that ends the block opened at `start`, and whether it is a fence."""
    depth = 0
    for i in range(start + 1, len(lines)):
        line = lines[i]
        inner = _fence(line)
        if inner is not None and inner["fence"][0] == char and inner["info"]:
            if lang in NESTING_LANGS:
                depth += 1
            elif len(inner["indent"]) <= indent and len(inner["fence"]) == length:
                return i, False  # an unclosed block followed by the next one
        elif _closes(line, char, length, indent):
            if depth == 0:
                return i, True
            depth -= 1
    return len(lines), False


def split_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    prose: list[tuple[int, str]] = []
    context: list[str] = []
    i = 0
    while i < len(lines):
        m = _fence(lines[i])
        if m is None:
            context.append(lines[i])
            prose.append((i, lines[i]))
            i += 1
            continue
        char, length, indent = m["fence"][0], len(m["fence"]), len(m["indent"])
        lang, _, info = m["info"].partition(" ")
        lang = lang.lower().strip("{}.")
        start = i
        end, closed = _block_end(lines, start, char, length, indent, lang)
        if not closed and length > 3:
            # A long fence closed by a short one: the writer's fence lengths disagree.
            short = next(
                (j for j in range(start + 1, end) if _closes(lines[j], char, 3, indent)), None)
            if short is not None:
                end, closed = short, True
        body = [ln[indent:] if ln[:indent].strip() == "" else ln.lstrip()
                for ln in lines[start + 1 : end]]
        while body and (not body[-1].strip() or _closes(body[-1], char, 3, indent)):
            body.pop()  # stray closing fences left over from a nested or doubled fence
        i = end + 1 if closed else end
        carried = _trailing_labels(body) if not closed and end < len(lines) else []
        code = "\n".join(body) + ("\n" if body else "")
        ctx = tuple(context)
        if lang in PYTHON_LANGS or not lang:
            code, ctx = _absorb_docstring(code, ctx)
        blocks.append(Block(lang, info.strip(), code, ctx, start + 1, closed))
        context = carried
    return _mark_drafts(blocks, prose)


def _trailing_labels(body: list[str]) -> list[str]:
    """Take the heading that labels the next block off the end of an unclosed one."""
    out: list[str] = []
    while body and (not body[-1].strip() or is_heading(body[-1]) or path_alone(body[-1])):
        out.insert(0, body.pop())
    while out and not out[0].strip():
        out.pop(0)
    return out if any(ln.strip() for ln in out) else []


def _absorb_docstring(code: str, context: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A module docstring written just above the fence belongs to the file below it."""
    rows = list(context)
    while rows and not rows[-1].strip():
        rows.pop()
    if not rows or not rows[-1].rstrip().endswith(('"""', "'''")):
        return code, context
    quote = rows[-1].rstrip()[-3:]
    for j in range(len(rows) - 1, -1, -1):
        if rows[j].lstrip().startswith(quote) and (j < len(rows) - 1 or rows[j].count(quote) > 1):
            doc = "\n".join(rows[j:])
            try:
                tree = ast.parse(doc)
            except SyntaxError:
                return code, context
            if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
                return doc + "\n" + code, tuple(rows[:j])
            return code, context
    return code, context


def _mark_drafts(blocks: list[Block], prose: list[tuple[int, str]]) -> list[Block]:
    """Blocks above an `Answer` heading that follows a `Reasoning` heading are drafts."""
    reasoning = next((n for n, ln in prose if REASONING.match(ln)), None)
    if reasoning is None:
        return blocks
    answer = next((n for n, ln in prose if n > reasoning and ANSWER.match(ln)), None)
    if answer is None:
        return blocks
    return [
        Block(b.lang, b.info, b.code, b.context, b.line, b.closed, draft=b.line - 1 < answer)
        for b in blocks
    ]


def whole_text_block(text: str) -> Block | None:
    """An answer with no fences that is itself a Python module (it parses and imports)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    if not any(isinstance(n, ast.Import | ast.ImportFrom) for n in tree.body):
        return None
    return Block("python", "", text, (), 1)
