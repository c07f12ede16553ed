"""What a run has to do: the cases, their programs (each once), and what could not be read."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from harness.cases import Answer, Case, CaseError, find_cases, load_answer
from harness.program import Program, ProgramError

AnswerKey = tuple[str, str, int]  # (task, model, sample)


@dataclass
class Plan:
    cases: list[Case]
    errors: list[tuple[AnswerKey | None, CaseError]] = field(default_factory=list)
    references: dict[str, Program] = field(default_factory=dict)
    answers: dict[AnswerKey, Program] = field(default_factory=dict)

    def programs(self) -> list[Program]:
        """Every distinct program, references first: a task's reference runs once."""
        unique: dict[str, Program] = {}
        for p in list(self.references.values()) + list(self.answers.values()):
            unique.setdefault(p.hash, p)
        return list(unique.values())

    def case_set_hash(self) -> str:
        parts = sorted(f"{t}:{p.hash}" for t, p in self.references.items())
        parts += sorted(f"{k}:{p.hash}" for k, p in self.answers.items())
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def make_plan(paths: Iterable[str | Path], models: set[str] | None = None,
              reference_as: str | None = None) -> Plan:
    """Read every case. `reference_as` also scores each reference as an answer of that
    model name, so a reference can stand as a candidate (or baseline) in the gate."""
    cases, errors = find_cases(paths)
    plan = Plan(cases=cases, errors=[(None, e) for e in errors])
    for case in cases:
        try:
            plan.references[case.task] = case.load(case.reference)
        except ProgramError as exc:
            plan.errors.append((None, CaseError(str(case.reference), "reference", str(exc))))
            continue
        if reference_as:
            plan.answers[(case.task, reference_as, 1)] = plan.references[case.task]
        for answer in case.answers:
            if models and answer.model not in models:
                continue
            _add_answer(plan, case, answer)
    return plan


def _add_answer(plan: Plan, case: Case, answer: Answer) -> None:
    key = (case.task, answer.model, answer.sample)
    loaded = load_answer(case, answer)
    if isinstance(loaded, CaseError):
        plan.errors.append((key, loaded))
    else:
        plan.answers[key] = loaded
