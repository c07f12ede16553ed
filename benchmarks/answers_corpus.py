"""How well `program_from_markdown` reads the answers of the shared corpus.

For each side (model answers, ideal answers) it counts the answers that give a runnable
program, the ones whose entry point was synthesised or guessed, the Python files that
do not compile, and the programs with an import of a module that is neither installed
nor a file of the program. The corpus is read, never copied.

    .venv/bin/python benchmarks/answers_corpus.py [--corpus PATH] [-v]
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.answers import program_from_markdown  # noqa: E402
from harness.answers._source import sys_path_dirs  # noqa: E402
from harness.program import Program  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pulumi-py"
SIDES = ("MODEL_RESPONSE", "IDEAL_RESPONSE")


@dataclass
class Tally:
    answers: int = 0
    runnable: int = 0
    synthesised: int = 0
    guessed_entry: int = 0
    compile_failures: int = 0
    programs_not_compiling: int = 0
    unresolved: int = 0
    external: int = 0
    notes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def read(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def compile_failures(program: Program) -> list[str]:
    out = []
    for path, text in program.files.items():
        if path.endswith(".py"):
            try:
                compile(text, path, "exec")
            except (SyntaxError, ValueError) as exc:
                out.append(f"{path}:{getattr(exc, 'lineno', '?')}: {exc.__class__.__name__}")
    return out


def _installed(top: str) -> bool:
    if top in sys.stdlib_module_names:
        return True
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def unresolved_imports(program: Program, external_ok: bool = True) -> list[str]:
    """Imports that find neither a file of the program (written to disk) nor a package.

    Checked on the file system only: the program's code is never imported. With
    `external_ok`, a module that is not installed here and whose name matches nothing in
    the program (`PIL` in a Lambda handler) counts as a dependency, not a misplaced file.
    """
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for path, text in program.files.items():
            target = base / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        entry_dir = str(Path(program.entry).parent) if program.entry else "."
        roots = [base] + ([base / entry_dir] if entry_dir != "." else [])
        for path, text in program.files.items():
            if path.endswith(".py"):
                roots += [base / d for d in sys_path_dirs(path, text)]
        for path, text in program.files.items():
            if not path.endswith(".py") or re.search(r"(^|/)tests?/|test_", path):
                continue
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    mods = [(a.name, 0) for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    mods = [(node.module or "", node.level)]
                else:
                    continue
                for mod, level in mods:
                    if level:
                        folder = (base / path).parent
                        for _ in range(level - 1):
                            folder = folder.parent
                        candidates = [folder / Path(*mod.split(".")) if mod else folder]
                    else:
                        if _installed(mod.split(".")[0]) and not any(
                            (r / mod.split(".")[0]).exists()
                            or (r / f"{mod.split('.')[0]}.py").exists()
                            for r in roots
                        ):
                            continue
                        candidates = [r / Path(*mod.split(".")) for r in roots]
                    if any(c.with_suffix(".py").exists() or c.is_dir() for c in candidates):
                        continue
                    top = mod.split(".")[0]
                    local = level > 0 or any(
                        part == top or part == f"{top}.py"
                        for p in program.files for part in p.split("/")
                    )
                    if local or not external_ok:
                        out.append(f"{path}: {'.' * level}{mod}")
    return out


def measure(corpus: Path, verbose: bool) -> dict[str, Tally]:
    tallies = {side: Tally() for side in SIDES}
    for task in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for side in SIDES:
            answer = task / f"{side}.md"
            if not answer.exists():
                continue
            t = tallies[side]
            t.answers += 1
            program = program_from_markdown(read(answer), origin=str(answer))
            for note in program.notes:
                t.notes[re.sub(r"\S+\.py|\d+", "_", note)] += 1
            if not program.runnable:
                t.problems.append(f"{task.name} {side}: not runnable: {'; '.join(program.notes)}")
                continue
            t.runnable += 1
            t.synthesised += any(n.startswith("synthesised entry") for n in program.notes)
            t.guessed_entry += any(n.startswith("guessed entry") for n in program.notes)
            bad = compile_failures(program)
            t.compile_failures += len(bad)
            t.programs_not_compiling += bool(bad)
            if bad:
                t.problems.append(f"{task.name} {side}: does not compile: {', '.join(bad)}")
            missing = unresolved_imports(program)
            t.unresolved += bool(missing)
            if missing:
                t.problems.append(f"{task.name} {side}: unresolved {', '.join(missing[:4])}")
            t.external += len(unresolved_imports(program, external_ok=False)) > len(missing)
            if verbose:
                print(f"{task.name} {side}: {program.describe()}")
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus} (pass --corpus PATH)")
        return 0
    tallies = measure(args.corpus, args.verbose)
    for side, t in tallies.items():
        print(
            f"{side}: {t.runnable}/{t.answers} runnable, {t.synthesised} synthesised entry, "
            f"{t.guessed_entry} guessed entry, {t.compile_failures} py_compile failure(s) "
            f"in {t.programs_not_compiling} program(s), {t.unresolved} with unresolved local "
            f"imports, {t.external} with imports found nowhere (not installed here, or a "
            f"module the answer never gives)"
        )
    if args.verbose:
        for side, t in tallies.items():
            print(f"\n{side} notes:")
            for note, n in t.notes.most_common():
                print(f"  {n:4d}  {note}")
            print(f"\n{side} problems:")
            for line in t.problems:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
