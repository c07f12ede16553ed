"""Cases: one task (prompt, reference, metadata) and the answers of models and samples.

Two layouts load the same way:

- our own case folder, with a `case.yaml` (see `docs/cases.md`) and answers under
  `answers/<model>/<sample>.md` or `answers/<model>/<sample>/` (a program folder);
- a corpus task folder read in place (`PROMPT.md`, `MODEL_RESPONSE.md`,
  `IDEAL_RESPONSE.md`, `metadata.json`, `Pulumi.yaml`): the ideal answer is the
  reference and the model answer is model `corpus`, sample 1.

A case that cannot be read is a `CaseError` naming the file and the field: the run
records it and goes on with the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from harness.program import Program, ProgramError, load_program

CASE_FILE = "case.yaml"
CASE_VERSION = 1
CORPUS_MODEL = "corpus"


@dataclass(frozen=True)
class Answer:
    model: str
    sample: int
    path: Path


@dataclass(frozen=True)
class Case:
    task: str
    source: Path
    reference: Path
    answers: tuple[Answer, ...]
    prompt: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    #: A project file given with the task (the corpus's `Pulumi.yaml`), added to programs
    #: that do not bring their own.
    scaffold: dict[str, str] = field(default_factory=dict)

    def load(self, path: Path) -> Program:
        """Load the reference or an answer, with the task's scaffold where it lacks one."""
        program = load_program(path)
        missing = {k: v for k, v in self.scaffold.items() if k not in program.files}
        if not missing or not program.files:
            return program
        files = {**program.files, **missing}
        return Program(files=files, entry=program.entry, origin=program.origin,
                       notes=program.notes + (f"added the task's {', '.join(missing)}",))


@dataclass(frozen=True)
class CaseError:
    """A case or answer that could not be read: one line naming the file and the field."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


def find_cases(paths: Iterable[str | Path]) -> tuple[list[Case], list[CaseError]]:
    """Every case under the given paths (a case folder, or a folder of case folders)."""
    cases: list[Case] = []
    errors: list[CaseError] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            errors.append(CaseError(str(path), "path", "no such file or folder"))
            continue
        for folder in _case_folders(path):
            result = load_case(folder)
            if isinstance(result, CaseError):
                errors.append(result)
            else:
                cases.append(result)
    cases.sort(key=lambda c: c.task)
    return cases, errors


def _case_folders(path: Path) -> list[Path]:
    if path.is_file() and path.name == CASE_FILE:
        return [path.parent]
    if _is_case(path):
        return [path]
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_dir() and _is_case(p))
    return []


def _is_case(folder: Path) -> bool:
    return (folder / CASE_FILE).is_file() or (folder / "IDEAL_RESPONSE.md").is_file()


def load_case(folder: Path) -> Case | CaseError:
    if (folder / CASE_FILE).is_file():
        return _load_case_file(folder / CASE_FILE)
    return _load_corpus_task(folder)


def _load_case_file(path: Path) -> Case | CaseError:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return CaseError(str(path), "file", f"cannot be read as YAML ({_first_line(exc)})")
    if not isinstance(data, dict):
        return CaseError(str(path), "file", "expected a mapping at the top level")
    for key, kind in (("version", int), ("task", str), ("reference", str)):
        if key not in data:
            return CaseError(str(path), key, "missing")
        if not isinstance(data[key], kind):
            return CaseError(str(path), key, f"expected {kind.__name__}, got {data[key]!r}")
    if data["version"] != CASE_VERSION:
        return CaseError(str(path), "version", f"unsupported version {data['version']} "
                                               f"(expected {CASE_VERSION})")
    folder = path.parent
    reference = (folder / data["reference"]).resolve()
    if not reference.exists():
        return CaseError(str(path), "reference", f"{data['reference']} does not exist")
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        return CaseError(str(path), "metadata", "expected a mapping")
    return Case(task=data["task"], source=path, reference=reference,
                answers=tuple(_discover_answers(folder / "answers")),
                prompt=_read_optional(folder / str(data.get("prompt", "PROMPT.md"))),
                metadata=metadata)


def _discover_answers(folder: Path) -> list[Answer]:
    answers: list[Answer] = []
    if not folder.is_dir():
        return answers
    for model in sorted(p for p in folder.iterdir() if p.is_dir()):
        for index, entry in enumerate(sorted(model.iterdir()), start=1):
            if entry.name.startswith("."):
                continue
            answers.append(Answer(model.name, _sample_number(entry, index), entry))
    return answers


def _sample_number(entry: Path, fallback: int) -> int:
    stem = entry.stem if entry.is_file() else entry.name
    return int(stem) if stem.isdigit() else fallback


def _load_corpus_task(folder: Path) -> Case | CaseError:
    metadata: dict[str, Any] = {}
    meta_path = folder / "metadata.json"
    if meta_path.is_file():
        try:
            metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return CaseError(str(meta_path), "file", f"not valid JSON ({_first_line(exc)})")
    scaffold = {}
    if (folder / "Pulumi.yaml").is_file():
        scaffold["Pulumi.yaml"] = _read_optional(folder / "Pulumi.yaml")
    answers: tuple[Answer, ...] = ()
    if (folder / "MODEL_RESPONSE.md").is_file():
        answers = (Answer(CORPUS_MODEL, 1, folder / "MODEL_RESPONSE.md"),)
    return Case(task=folder.name, source=folder, reference=folder / "IDEAL_RESPONSE.md",
                answers=answers, prompt=_read_optional(folder / "PROMPT.md"),
                metadata=metadata, scaffold=scaffold)


def _read_optional(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def load_answer(case: Case, answer: Answer) -> Program | CaseError:
    """An answer that cannot be read is a `CaseError`, not an exception."""
    try:
        return case.load(answer.path)
    except ProgramError as exc:
        return CaseError(str(answer.path), "answer", str(exc))
