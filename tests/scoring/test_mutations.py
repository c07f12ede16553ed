"""Checks that check themselves: each mutation injects one defect into our reference, and
exactly that category must fail, among all twelve; the reference itself passes all twelve.
"""

from __future__ import annotations

import pytest

from harness.capture import Worker
from harness.probes import default_capture, run_probes
from harness.program import Program
from scoring import CATEGORIES, MUTATIONS, CheckContext, score_program


def verdicts(program: Program, worker: Worker) -> dict[str, str]:
    """All twelve absolute verdicts, with every probe (bad arguments included)."""
    ctx = CheckContext(graphs=run_probes(program, default_capture(worker)), files=program.files)
    return {f.category: f.verdict for f in score_program(ctx)}


def test_every_category_has_a_mutation() -> None:
    assert sorted(MUTATIONS) == sorted(CATEGORIES)


def test_reference_passes_all_twelve(reference: Program, worker: Worker) -> None:
    result = verdicts(reference, worker)
    assert result == {slug: "pass" for slug in CATEGORIES}, result


@pytest.mark.parametrize("slug", CATEGORIES)
def test_mutation_fails_its_category_and_only_it(slug: str, reference: Program,
                                                 worker: Worker) -> None:
    mutated = MUTATIONS[slug](reference)
    assert mutated.files != reference.files, f"the {slug} mutation changed nothing"
    result = verdicts(mutated, worker)
    assert [s for s, v in result.items() if v == "fail"] == [slug], result
    assert "error" not in result.values(), result
