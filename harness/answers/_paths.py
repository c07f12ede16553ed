"""File paths as answers write them: in headings, bold labels, comments and separators.

Answers pass through markdown renderers and Windows editors before we see them, so a
path may arrive as `lib\\tap_stack.py`, `\\_\\_init\\_\\_.py` or `**init**.py` (a dunder name
that a renderer took for bold). Everything is normalised to a relative posix path.
"""

from __future__ import annotations

import re

EXTENSIONS = "py|yaml|yml|txt|json|toml|cfg|ini|md|sh|js|ts|mjs|zip|conf|env|j2|tpl|html"
PATH = re.compile(
    rf"(?<![\w.\\/-])((?:\.{{1,2}}[\\/]+)?[\\/]?(?:[\w.-]+[\\/]+)*[\w.-]*\w\.(?:{EXTENSIONS}))"
    r"(?![\w\\/-])"
)
#: `**init**.py`, `\_\_init\_\_.py`, `lib\*\*init\*\*.py`: an escaped or rendered dunder.
#: When a word character precedes it, the escape swallowed the path separator.
DUNDER = re.compile(r"(?P<pre>\w|\\)?(?:\\?[*_]){2}(?P<name>init|main)(?:\\?[*_]){2}")
#: `lib_main__.py`: `lib\\__main__.py` after a renderer ate a separator and an underscore.
SWALLOWED = re.compile(r"(^|/)([A-Za-z0-9][\w.-]*?[A-Za-z0-9])_(init|main)__\.py$")
ESCAPE = re.compile(r"\\([_*`\[\]()#+!<>{}|.-])")
URL = re.compile(r"\w+://\S+")
LABEL = re.compile(r"\b(?:file(?:name)?|path)\s*:\s*", re.I)
#: Words that look like file names but name products (`Node.js`).
NOT_FILES = {"node.js", "vue.js", "next.js", "react.js", "express.js", "chart.js", "d3.js"}
#: A comment or separator line that holds nothing but a path.
ALONE = re.compile(
    r"^\s*(?:(?:#|//)+\s*)?(?:={3,}|-{3,})?\s*(?:(?:file(?:name)?|path)\s*:\s*)?"
    r"[`*'\"]*(?P<path>[^\s`*'\"]+)[`*'\"]*\s*(?:={3,}|-{3,})?\s*(?P<rest>.*)$",
    re.I,
)


def _dunder(pre: str, name: str) -> str:
    """`__init__` with the separator that an escape may have taken from before it."""
    if pre == "\\":
        return f"/__{name}__"
    return f"{pre}/__{name}__" if pre else f"__{name}__"


def clean(line: str) -> str:
    """Undo markdown escapes and rendered dunders so that path characters are literal.

    `s3,py` is read as `s3.py`: a comma typed for the dot is a typo seen in headings.
    """
    line = URL.sub(" ", line)
    line = re.sub(r"(\w),(py)\b", r"\1.\2", line)
    line = DUNDER.sub(lambda m: _dunder(m["pre"] or "", m["name"]), line)
    return ESCAPE.sub(r"\1", line)


def normalise(path: str) -> str:
    path = re.sub(r"[\\/]+", "/", path.strip())
    while path.startswith(("./", "../", "/")):
        path = path.split("/", 1)[1] if "/" in path else path
    path = re.sub(r"(\.py)+$", ".py", path)
    return SWALLOWED.sub(r"\1\2/__\3__.py", path)


def paths_in(line: str) -> list[str]:
    """Candidate paths in one line of prose; one after `File:` comes first."""
    text = clean(line)
    found = [normalise(m) for m in PATH.findall(text)]
    found = [p for p in found if p and p.lower() not in NOT_FILES]
    label = LABEL.search(text)
    if label:
        after = [normalise(m) for m in PATH.findall(text[label.end() :])]
        found = [p for p in after if p] + [p for p in found if p not in after]
    return found


def path_alone(line: str) -> str | None:
    """The path of a line that is only a path: `# lib/x.py`, `=== x.py ===`, `File: x.py`.

    A short trailing description (`# tap.py - entry point`) is allowed; a sentence is not.
    """
    m = ALONE.match(clean(line))
    if not m or not PATH.fullmatch(m["path"]):
        return None
    rest = m["rest"].strip()
    if rest and not re.match(r"^(?:[-–—:(|]|={3,}|-{3,})", rest):
        return None
    path = normalise(m["path"])
    return path if path.lower() not in NOT_FILES else None


def is_heading(line: str) -> bool:
    s = line.strip()
    return s.startswith("#") or (s.startswith("**") and s.rstrip(":").endswith("**"))


def from_context(context: tuple[str, ...]) -> str | None:
    """The path named by the prose before a block: its last line, else the nearest heading."""
    lines = [ln for ln in context if ln.strip()]
    if not lines:
        return None
    found = paths_in(lines[-1])
    if found:
        return found[0]
    for ln in reversed(lines[:-1]):
        if is_heading(ln):
            found = paths_in(ln)
            return found[0] if found else None
    return None


def from_first_line(code: str) -> str | None:
    """A path in the first line of a block: a comment, or a module docstring's first line."""
    lines = [ln for ln in code.splitlines() if ln.strip()]
    if not lines:
        return None
    first = lines[0].strip()
    if first.startswith(("#", "//")):
        return path_alone(first)
    quote = first[:3]
    if quote in ('"""', "'''"):
        head = first[3:].strip() or (lines[1].strip() if len(lines) > 1 else "")
        head = head.replace(quote, "")
        alone = path_alone(head)
        if alone:
            return alone
        head = clean(head)
        label = LABEL.search(head)
        if label:
            found = paths_in(head[label.start() :])
            return found[0] if found else None
    return None


def from_info(info: str) -> str | None:
    """`````python lib/x.py`` or ``python title="lib/x.py"``: a path after the language."""
    found = paths_in(info)
    return found[0] if found else None
