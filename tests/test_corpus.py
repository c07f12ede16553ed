"""The real corpus, where it is beside the project: reading every answer, running a sample.

Skips, saying why, where `../shared/corpus` is absent (a user's fresh clone).
"""

from __future__ import annotations

import random
from pathlib import Path

from harness.capture import Worker
from harness.cases import find_cases
from harness.evaluate import evaluate_pair, evaluate_program
from harness.probes import capture_baseline, default_capture
from scoring import CATEGORIES

SAMPLE = 12


def test_every_corpus_answer_is_read_into_a_program(corpus: Path) -> None:
    cases, errors = find_cases([corpus])
    assert len(cases) >= 150 and errors == []
    runnable = 0
    for case in cases:
        for path in [case.reference] + [a.path for a in case.answers]:
            program = case.load(path)
            runnable += program.runnable
            if not program.runnable:
                assert program.notes, f"{path}: not runnable and no note says why"
    assert runnable >= 0.8 * 2 * len(cases)


def test_a_sample_of_ideal_answers_runs_and_scores(corpus: Path, worker: Worker) -> None:
    cases, _ = find_cases([corpus])
    rng = random.Random(20261129)
    run = default_capture(worker)
    statuses = {}
    for case in rng.sample(cases, SAMPLE):
        program = case.load(case.reference)
        _, baseline, _ = capture_baseline(program, run)
        statuses[case.task] = baseline.status
        assert baseline.status != "harness_error", (case.task, baseline.error)
        if baseline.status not in ("ok", "no_program", "empty"):
            # A failure must point into the program's own files.
            assert baseline.error is not None and baseline.error.location is not None, \
                (case.task, baseline.error)
    ok = [t for t, s in statuses.items() if s == "ok"]
    assert len(ok) >= SAMPLE // 2, statuses
    # One ok pair end to end: twelve verdicts on each side, none of them `error`.
    task = ok[0]
    case = next(c for c in cases if c.task == task)
    pair = evaluate_pair(evaluate_program(case.load(case.answers[0].path), run),
                         evaluate_program(case.load(case.reference), run))
    assert [f.category for f in pair.reference.findings] == list(CATEGORIES)
    assert all(f.verdict != "error" for f in pair.reference.findings)
