"""Our own cases score as their authors intended.

For every `cases/*/case.yaml`: the reference passes every category that applies to it,
and each answer fails (relative verdict) exactly the categories its case's `EXPECTED.md`
lists. A category under a "Known wrong verdict" line is one the harness fails today
although the answer lacks the defect: the test expects it until the check is fixed and
then asks for the note to go.

Every program runs through one capture worker (the session's), and each reference is
evaluated once for all of its answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.capture import Worker
from harness.cases import Case, load_case
from harness.evaluate import ProgramResult, evaluate_pair, evaluate_program
from harness.probes import Capture, default_capture
from scoring import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
CASE_FILES = sorted(ROOT.glob("cases/*/case.yaml"))
EXPECTED_FILE = "EXPECTED.md"
SECTION = re.compile(r"^##\s+(answers/\S+)\s*$")
BULLET = re.compile(r"^[-*]\s+`?([a-z_]+)`?")
KNOWN_WRONG = re.compile(r"^known wrong verdict", re.IGNORECASE)


@dataclass
class Expected:
    """One answer's intended failing categories, and the known wrong verdicts."""

    fails: set[str] = field(default_factory=set)
    known_wrong: set[str] = field(default_factory=set)


def parse_expected(text: str) -> dict[str, Expected]:
    """`## answers/<model>/<sample>` sections; their bullets name categories."""
    out: dict[str, Expected] = {}
    current: Expected | None = None
    wrong = False
    for line in text.splitlines():
        if match := SECTION.match(line.strip()):
            current, wrong = out.setdefault(match.group(1), Expected()), False
        elif current is not None and KNOWN_WRONG.match(line.strip()):
            wrong = True
        elif current is not None and (match := BULLET.match(line.strip())):
            (current.known_wrong if wrong else current.fails).add(match.group(1))
    return out


def _case(path: Path) -> Case:
    case = load_case(path.parent)
    assert isinstance(case, Case), f"{path}: {case}"
    return case


def _answer_key(case: Case, path: Path) -> str:
    return path.relative_to(case.source.parent).as_posix()


CASES = [_case(path) for path in CASE_FILES]
ANSWERS = [(case, answer.path) for case in CASES for answer in case.answers]


@pytest.fixture(scope="module")
def capture(worker: Worker) -> Capture:
    return default_capture(worker)


@pytest.fixture(scope="module")
def reference_of(capture: Capture) -> Callable[[Case], ProgramResult]:
    """Each case's reference, evaluated once for all its tests."""
    cache: dict[str, ProgramResult] = {}

    def get(case: Case) -> ProgramResult:
        if case.task not in cache:
            cache[case.task] = evaluate_program(case.load(case.reference), capture)
        return cache[case.task]

    return get


def test_builtin_cases_exist() -> None:
    assert {c.task for c in CASES} >= {"seed_multiregion", "serverless_api", "static_site_cdn"}


@pytest.mark.parametrize("case", CASES, ids=[c.task for c in CASES])
def test_expected_lists_every_answer(case: Case) -> None:
    path = case.source.parent / EXPECTED_FILE
    assert path.is_file(), f"{case.task}: no {EXPECTED_FILE}"
    expected = parse_expected(path.read_text(encoding="utf-8"))
    answers = {_answer_key(case, a.path) for a in case.answers}
    assert answers, f"{case.task}: no answers"
    assert set(expected) == answers, f"{EXPECTED_FILE} sections differ from the answers"
    for key, item in expected.items():
        unknown = (item.fails | item.known_wrong) - set(CATEGORIES)
        assert not unknown, f"{key}: unknown categories {sorted(unknown)}"
        assert item.fails, f"{key}: lists no failing category"


@pytest.mark.parametrize("case", CASES, ids=[c.task for c in CASES])
def test_reference_passes_every_applicable_category(
    case: Case, reference_of: Callable[[Case], ProgramResult]
) -> None:
    result = reference_of(case)
    assert result.graph.status == "ok", result.graph.error
    verdicts = {f.category: f.verdict for f in result.findings}
    assert set(verdicts) == set(CATEGORIES)
    bad = {slug: v for slug, v in verdicts.items() if v not in ("pass", "not_applicable")}
    assert not bad, f"{case.task}: reference verdicts {bad}"
    assert "pass" in verdicts.values()


@pytest.mark.parametrize(
    ("case", "path"), ANSWERS,
    ids=[f"{c.task}/{_answer_key(c, p).removeprefix('answers/')}" for c, p in ANSWERS],
)
def test_answer_fails_exactly_the_expected_categories(
    case: Case, path: Path, capture: Capture, reference_of: Callable[[Case], ProgramResult]
) -> None:
    expected = parse_expected((case.source.parent / EXPECTED_FILE).read_text(encoding="utf-8"))
    item = expected[_answer_key(case, path)]
    reference = reference_of(case)
    model = evaluate_program(case.load(path), capture)
    assert model.graph.status == "ok", f"the answer must run: {model.graph.error}"

    relative = evaluate_pair(model, reference).relative
    errors = {f.category for f in relative if f.verdict == "error"}
    assert not errors, f"checks ended in error: {sorted(errors)}"
    failed = {f.category for f in relative if f.verdict == "fail"}
    assert failed - item.known_wrong == item.fails, (
        f"failed {sorted(failed)}, expected {sorted(item.fails)}"
    )
    if failed & item.known_wrong:
        pytest.xfail(f"known wrong verdict(s) {sorted(failed & item.known_wrong)}: see "
                     f"{case.task}/{EXPECTED_FILE}")
    assert not item.known_wrong, (
        f"{sorted(item.known_wrong)} no longer fail: remove the note from {EXPECTED_FILE}"
    )
