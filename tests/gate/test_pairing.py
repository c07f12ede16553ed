"""What is compared and what is set apart: harness errors, lone tasks, models, versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.gate import STATUS, GateInputError, gate
from harness.gate.inputs import compatible_versions
from harness.runs.folder import RunData, load_run
from scoring.api import CATEGORIES

from .factory import Verdicts, rows, run_of, suite, task, write_run


def test_harness_errors_are_set_apart(baseline: RunData, verdicts: Verdicts,
                                      runs: Path) -> None:
    passing = [k for k, v in verdicts.items() if k[2] == "iam_least_privilege" and v == "pass"]
    broken_harness = {(task(t), 1): "harness_error" for t in range(150, 200)}
    cand = run_of(runs / "cand", verdicts, errors=passing, statuses=broken_harness)
    result = gate(baseline, cand)
    assert result.exit_code == 0 and not result.regressions
    iam = result.row("iam_least_privilege")
    assert iam.verdict == "pass" and iam.candidate_passes == 0 == iam.baseline_passes
    errors = result.set_apart.harness_errors
    assert {e.side for e in errors} == {"candidate"}
    assert sum(e.category == "iam_least_privilege" for e in errors) >= len(passing)
    assert {e.task for e in errors} >= {task(t) for t in range(150, 200)}
    status = result.row(STATUS)
    assert status.verdict == "pass" and status.baseline_judged == 150


def test_harness_errors_in_the_baseline_too(verdicts: Verdicts, runs: Path) -> None:
    errors = [(task(t), 1, c) for t in range(100) for c in CATEGORIES]
    base = run_of(runs / "b", verdicts, errors=errors)
    result = gate(base, run_of(runs / "c", verdicts))
    assert result.exit_code == 0
    assert len(result.set_apart.harness_errors) == len(errors)
    assert all(r.tasks <= 100 for r in result.rows if r.name in CATEGORIES)


def test_tasks_in_one_run_only_are_listed(verdicts: Verdicts, runs: Path) -> None:
    base = {k: v for k, v in verdicts.items() if k[0] != task(0)}
    cand = {k: "fail" for k in verdicts if k[0] in (task(0), task(1))} | {
        k: v for k, v in verdicts.items() if k[0] not in (task(0), task(1))}
    cand = {k: v for k, v in cand.items() if k[0] != task(199)} | {
        (task(500), 1, c): "fail" for c in CATEGORIES}
    result = gate(run_of(runs / "b", base), run_of(runs / "c", cand))
    assert result.set_apart.baseline_only == (task(199),)
    assert result.set_apart.candidate_only == (task(0), task(500))
    assert result.tasks == 198
    assert all(r.verdict != "regression" for r in result.rows)


def test_samples_in_one_run_only_are_listed(runs: Path) -> None:
    base = suite(30, seed=9, samples=3)
    cand = base | {(t, 4, c): v for (t, s, c), v in base.items() if s == 1}
    result = gate(run_of(runs / "b", base), run_of(runs / "c", cand))
    assert len(result.set_apart.unpaired_samples) == 30
    assert {s[0] for s in result.set_apart.unpaired_samples} == {"candidate"}
    assert all(r.difference == 0 for r in result.rows)


def test_one_sample_against_several_pools_the_task(runs: Path) -> None:
    base = suite(40, seed=10, samples=1)
    cand = {(t, s, c): v for (t, _, c), v in base.items() for s in (1, 2, 3)}
    result = gate(run_of(runs / "b", base), run_of(runs / "c", cand))
    assert not result.set_apart.unpaired_samples
    row = result.row("architecture")
    assert row.test == "bootstrap" and row.difference == pytest.approx(0)
    assert row.candidate_judged == 3 * row.baseline_judged


def _two_models(root: Path, verdicts: Verdicts) -> RunData:
    return load_run(write_run(root, rows(verdicts, model="alpha") + rows(verdicts, model="beta")))


def test_several_models_need_a_name(verdicts: Verdicts, runs: Path) -> None:
    both = _two_models(runs / "both", verdicts)
    with pytest.raises(GateInputError, match="several models .*alpha, beta.*--baseline-model"):
        gate(both, both)
    result = gate(both, both, baseline_model="alpha", candidate_model="beta")
    assert (result.baseline.model, result.candidate.model) == ("alpha", "beta")
    with pytest.raises(GateInputError, match="no findings for model 'gamma'"):
        gate(both, both, baseline_model="alpha", candidate_model="gamma")


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("0.1.0", "0.1.7", True), ("0.1.0", "0.2.0", False), ("1.2.0", "1.9.1", True),
    ("1.0.0", "2.0.0", False), ("0.1.0", "dev", False), ("v1.3", "1.4.0rc1", True),
])
def test_compatible_versions(a: str, b: str, ok: bool) -> None:
    assert compatible_versions(a, b) is ok


@pytest.mark.parametrize(("manifest", "message"), [
    ({"harness_version": "0.2.0"}, "harness versions 0.1.0 .* and 0.2.0 .* are incompatible"),
    ({"harness_version": None}, "no usable harness_version"),
    ({"checks": {c: 2 for c in CATEGORIES}}, r"check versions differ .*architecture 1→2"),
])
def test_incompatible_runs_are_refused(baseline: RunData, verdicts: Verdicts, runs: Path,
                                       manifest: dict[str, object], message: str) -> None:
    cand = run_of(runs / "cand", verdicts, manifest=manifest)
    with pytest.raises(GateInputError, match=message):
        gate(baseline, cand)


def test_changed_check_can_be_left_out(baseline: RunData, verdicts: Verdicts,
                                       runs: Path) -> None:
    checks = {c: 1 for c in CATEGORIES} | {"architecture": 2}
    cand = run_of(runs / "cand", verdicts, manifest={"checks": checks})
    kept = [c for c in CATEGORIES if c != "architecture"]
    assert gate(baseline, cand, categories=kept).exit_code == 0


def test_unknown_category_and_bad_parameters(baseline: RunData) -> None:
    with pytest.raises(GateInputError, match="unknown category 'kms'"):
        gate(baseline, baseline, categories=["kms"])
    with pytest.raises(GateInputError, match="margin"):
        gate(baseline, baseline, margin=-0.1)
    with pytest.raises(GateInputError, match="alpha"):
        gate(baseline, baseline, alpha=0)


def test_runs_without_a_common_task_are_refused(runs: Path) -> None:
    base = run_of(runs / "b", suite(5, seed=13))
    other = {(f"other-{t}", s, c): v for (t, s, c), v in suite(5, seed=13).items()}
    with pytest.raises(GateInputError, match="share no task"):
        gate(base, run_of(runs / "c", other))
