"""Turn an LLM's markdown answer into a runnable `Program`.

The stages, each in its own module: `_blocks` finds the fenced code blocks, `_paths`
reads the file paths written around them, `_files` decides which block is which file,
`_layout` moves files to where the program's imports look for them, `_entry` finds the
entry point, and `_synth` writes one when the answer never starts its stack. Blocks
cut out of a larger file to show a change (excerpts: they import nothing and use names
they never define) stay for whatever imports them but are never run as the program.
Every guess on the way is kept in `Program.notes`, so a score can be traced to the
reading of the answer as well as to the answer itself.
"""

from __future__ import annotations

from harness.answers._blocks import PYTHON_LANGS, Block, split_blocks, whole_text_block
from harness.answers._entry import (
    creates,
    declared_entry,
    executed,
    guess_entry,
    python_files,
    roots_for,
    stack_classes,
    unreadable_entry,
)
from harness.answers._files import collect, is_python, pieces
from harness.answers._layout import (
    add_inits,
    place,
    place_unnamed,
    root_as_package,
    settle_alternates,
)
from harness.answers._source import (
    excerpt_reason,
    facts,
    has_imports,
    imports_pulumi,
    is_resource_call,
    snake_case,
)
from harness.answers._synth import synthesise
from harness.program import Program

__all__ = ["program_from_markdown"]

#: Where a synthesised entry point goes, first free name wins.
SYNTH_PATHS = ("__main__.py", "tap.py", "harness_main.py")


def program_from_markdown(text: str, origin: str = "") -> Program:
    """Read the files of an answer, place them, and find or write its entry point."""
    notes: list[str] = []
    blocks = split_blocks(text)
    if not blocks:
        whole = whole_text_block(text)
        if whole is not None:
            blocks = [whole]
            notes.append("read the whole answer as one Python file (it has no code fences)")
    got = collect(blocks)
    notes += got.notes
    files = got.files
    files = root_as_package(files, notes)
    entry = declared_entry(files)
    roots = roots_for(files, entry or "")
    files = place(files, roots, notes)
    others = settle_alternates(files, got.alternates, roots, notes)
    unnamed = place_unnamed(files, [*others, *got.unnamed], roots, notes)
    _settle_unnamed(files, unnamed, notes)
    entry = _settle_entry(files, notes)
    files = add_inits(files, roots_for(files, entry), notes)
    if not any(p.endswith(".py") for p in files):
        notes.append(f"no program: {_why_empty(blocks)}")
    return Program(files=files, entry=entry, origin=origin, notes=tuple(notes))


def _why_empty(blocks: list[Block]) -> str:
    if not blocks:
        return "the answer has no code blocks"
    if not any(b.lang in PYTHON_LANGS or is_python(p) for b in blocks for p in pieces(b)):
        return "the answer has no Python code blocks"
    return "its Python blocks are tests or snippets, not a program"


def _settle_unnamed(files: dict[str, str], unnamed: list[str], notes: list[str]) -> None:
    """Decide what the blocks without a path are: the program, a module, or a snippet.

    A lone unnamed block that imports something, in an answer that names no Python file,
    is the program (a lone fragment without imports is an illustration). Among
    several, a block that runs resources at module level is a draft of the program (the
    last one wins, and only if the answer has no entry point of its own); one that
    defines a stack class is the stack's module; the rest are illustrations.
    """
    named = [p for p in files if p.endswith(".py")]
    if not unnamed:
        return
    if not named and len(unnamed) == 1 and has_imports(unnamed[0]):
        module = _stack_module(unnamed[0])
        path = module or "__main__.py"
        files[path] = unnamed[0]
        notes.append(f"guessed path {path} for an unnamed block")
        return
    programs = [c for c in unnamed if _runs_resources(c)]
    dropped = len(unnamed) - len(programs)
    for code in unnamed:
        module = _stack_module(code)
        if code not in programs and module and module not in files:
            files[module] = code
            notes.append(f"guessed path {module} for an unnamed block defining a stack class")
            dropped -= 1
    if programs and declared_entry(files) is None:
        files["__main__.py"] = programs[-1]
        many = f"the last of {len(programs)} unnamed program blocks" if len(programs) > 1 else (
            "an unnamed program block")
        notes.append(f"guessed path __main__.py for {many}")
        dropped += len(programs) - 1
    else:
        dropped += len(programs)
    if dropped:
        notes.append(f"dropped {dropped} unnamed snippet(s)")


def _runs_resources(code: str) -> bool:
    f = facts(code)
    if f is None:
        return False
    return any(is_resource_call(c, f.pulumi_names) or c in f.classes for c in f.top_calls)


def _stack_module(code: str) -> str | None:
    """`lib/tap_stack.py` for a block that defines `TapStack` and does not start it."""
    f = facts(code)
    if f is None or _runs_resources(code):
        return None
    stacks = stack_classes({"block.py": code})
    if not stacks:
        return None
    name = "TapStack" if "TapStack" in stacks else next(iter(stacks))
    return f"lib/{snake_case(name)}.py"


def _settle_entry(files: dict[str, str], notes: list[str]) -> str:
    """The entry point: the declared one if it creates resources, else a guess, else one
    synthesised from the stack class, else the declared one as it is.

    Excerpts (see `excerpt_reason`) stay in the program for whatever imports them, but
    are never run as the program: neither as the entry point, nor as the stack that a
    synthesised entry point starts. An answer made of excerpts holds no program.
    """
    excerpts = {p: why for p in python_files(files) if (why := excerpt_reason(files[p]))}
    whole = {p: t for p, t in files.items() if p not in excerpts}
    if excerpts:
        shown = ", ".join(f"{p} ({why})" for p, why in list(excerpts.items())[:3])
        more = f" and {len(excerpts) - 3} more" if len(excerpts) > 3 else ""
        notes.append(f"excerpts, never run as the program: {shown}{more}")
    entry = declared_entry(whole)
    if entry and creates(files, executed(files, entry, roots_for(files, entry))):
        return entry
    guess = guess_entry(whole, skip=entry)
    if guess is not None:
        why = f"{entry} creates no resource" if entry else "no __main__.py or tap.py"
        notes.append(f"guessed entry point {guess} ({why})")
        return guess
    code, said = synthesise(whole)
    if code is not None:
        path = next(p for p in SYNTH_PATHS if p not in files)
        files[path] = code
        notes.append(f"synthesised entry point {path} {said[0]}")
        notes += said[1:]
        return path
    notes += said
    if entry and not any(imports_pulumi(files[p]) for p in python_files(files)):
        notes.append(f"no program: {entry} creates no resource and no file imports pulumi")
        return ""
    if entry:
        notes.append(f"entry point {entry} creates no resource when run")
        return entry
    broken = unreadable_entry(whole)
    if broken is not None:
        notes.append(f"guessed entry point {broken} (it does not parse; nothing else runs)")
        return broken
    if excerpts and not python_files(whole):
        notes.append("no program: every Python file of the answer is an excerpt")
    elif any(p.endswith(".py") for p in files):
        notes.append("no entry point: no __main__.py or tap.py and no stack class to start")
    return ""
