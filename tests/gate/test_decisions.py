"""The gate on synthetic runs where the truth is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.gate import OVERALL, STATUS, gate
from harness.runs.folder import RunData
from scoring.api import CATEGORIES

from .factory import Verdicts, break_category, perturb, run_of, suite, task


def test_identical_candidate_passes(baseline: RunData, verdicts: Verdicts, runs: Path) -> None:
    result = gate(baseline, run_of(runs / "cand", verdicts, model="model-b"))
    assert result.exit_code == 0 and result.verdict == "pass"
    assert {r.verdict for r in result.rows} == {"pass"}
    assert all(r.difference == 0 and r.ci_low == 0 and r.ci_high == 0 for r in result.rows)
    assert all(not r.worse and not r.better for r in result.rows)


def test_broken_category_regresses_alone(baseline: RunData, verdicts: Verdicts,
                                         runs: Path) -> None:
    broken = break_category(verdicts, "kms_key_policy", share=0.85, seed=2)
    result = gate(baseline, run_of(runs / "cand", broken))
    assert result.exit_code == 1
    kms = result.row("kms_key_policy")
    assert kms.verdict == "regression" and kms.test == "mcnemar"
    assert kms.difference is not None and kms.difference < -0.5
    assert kms.p_holm is not None and kms.p_holm < 1e-6
    others = [r.verdict for r in result.rows if r.name in CATEGORIES and r.name != kms.name]
    assert set(others) == {"pass"}
    assert result.row(STATUS).verdict == "pass"
    # the pooled row sees the same drop, spread over twelve categories
    assert result.row(OVERALL).verdict == "regression"


def test_improvement_is_the_mirror(baseline: RunData, verdicts: Verdicts, runs: Path) -> None:
    broken = run_of(runs / "broken", break_category(verdicts, "static_names", 0.85, seed=3))
    result = gate(broken, baseline)
    assert result.exit_code == 0
    assert result.row("static_names").verdict == "improvement"
    assert not result.regressions


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_small_random_perturbation_passes(baseline: RunData, verdicts: Verdicts, runs: Path,
                                          seed: int) -> None:
    result = gate(baseline, run_of(runs / "cand", perturb(verdicts, flips=3, seed=seed)))
    assert result.exit_code == 0
    assert not result.regressions and not result.improvements
    assert result.row(OVERALL).verdict == "pass"


def test_tiny_suite_with_large_drop_warns(runs: Path) -> None:
    base = {(task(t), 1, "kms_key_policy"): "pass" for t in range(8)}
    cand = {k: ("fail" if int(k[0][-3:]) < 4 else "pass") for k in base}
    result = gate(run_of(runs / "b", base), run_of(runs / "c", cand))
    row = result.row("kms_key_policy")
    assert row.difference == pytest.approx(-0.5)
    assert row.p_value == pytest.approx(0.125)  # McNemar: 4 discordant pairs, all one way
    assert row.verdict == "warning" and result.verdict == "warning"
    assert result.exit_code == 0


def test_programs_that_stop_running_regress_status(baseline: RunData, verdicts: Verdicts,
                                                  runs: Path) -> None:
    crashed = {(task(t), 1): "syntax_error" for t in range(0, 200, 2)}
    result = gate(baseline, run_of(runs / "cand", verdicts, statuses=crashed))
    status = result.row(STATUS)
    assert status.verdict == "regression" and result.exit_code == 1
    assert status.worse[0].baseline == "ok" and status.worse[0].candidate == "syntax_error"
    # the crashed programs are not_applicable everywhere: compared nowhere else
    assert all(result.row(c).verdict == "pass" for c in CATEGORIES)
    assert all(result.row(c).judged_in_one_run > 0 for c in CATEGORIES)


def test_several_samples_are_paired_by_number(runs: Path) -> None:
    base = suite(120, seed=7, samples=3)
    cand = break_category(base, "network_exposure", share=0.8, seed=8)
    result = gate(run_of(runs / "b", base), run_of(runs / "c", cand))
    row = result.row("network_exposure")
    assert row.test == "bootstrap" and row.verdict == "regression"
    assert any("/" in f.baseline for f in row.worse)  # passes/judged over the samples
    assert {r.verdict for r in result.rows if r.name in CATEGORIES} == {"pass", "regression"}


def test_categories_narrow_the_gate(baseline: RunData, verdicts: Verdicts, runs: Path) -> None:
    broken = break_category(verdicts, "kms_key_policy", share=0.85, seed=2)
    result = gate(baseline, run_of(runs / "cand", broken),
                  categories=["architecture", "configuration"])
    assert [r.name for r in result.rows] == ["architecture", "configuration", OVERALL, STATUS]
    assert result.exit_code == 0


def test_margin_spares_a_significant_small_drop(baseline: RunData, verdicts: Verdicts,
                                                runs: Path) -> None:
    broken = break_category(verdicts, "kms_key_policy", share=0.85, seed=2)
    result = gate(baseline, run_of(runs / "cand", broken), margin=0.9)
    kms = result.row("kms_key_policy")
    assert kms.p_holm is not None and kms.p_holm < 0.05
    assert kms.verdict == "pass" and result.exit_code == 0
