"""The statistics on their own: known values, reproducibility, speed."""

from __future__ import annotations

import time

import numpy as np
import pytest

from harness.gate.decide import decide
from harness.gate.stats import RESAMPLES, holm, mcnemar_exact, paired_bootstrap, resample_counts


def test_mcnemar_exact_known_values() -> None:
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(0, 4) == pytest.approx(0.125)
    assert mcnemar_exact(2, 10) == pytest.approx(0.0386, abs=1e-4)
    assert mcnemar_exact(10, 2) == mcnemar_exact(2, 10)


def test_holm_known_values() -> None:
    # sorted 0.01, 0.02, 0.03, 0.04 → ×4, ×3, ×2, ×1, made monotone
    assert holm([0.04, 0.01, None, 0.03, 0.02]) == pytest.approx(
        [0.06, 0.04, None, 0.06, 0.06])
    assert holm([0.5, 0.9]) == [1.0, 1.0]
    assert holm([None]) == [None]


def test_resample_counts_draw_every_task_n_times() -> None:
    w = resample_counts(50, resamples=1000, seed=1)
    assert w.shape == (1000, 50) and (w.sum(axis=1) == 50).all()
    assert np.array_equal(w, resample_counts(50, resamples=1000, seed=1))


def test_bootstrap_interval_covers_the_difference() -> None:
    rng = np.random.default_rng(11)
    base = (rng.random((1, 300)) < 0.8).astype(float)
    cand = np.where(rng.random((1, 300)) < 0.1, 0.0, base)
    ones = np.ones((1, 300))
    (est,) = paired_bootstrap(base, ones, cand, ones)
    assert est.difference == pytest.approx(cand.mean() - base.mean())
    assert est.ci_low is not None and est.ci_high is not None
    assert est.ci_low < est.difference < est.ci_high < 0
    assert est.p_bootstrap is not None and est.p_bootstrap < 0.001
    assert paired_bootstrap(base, ones, cand, ones) == [est]  # fixed seed


def test_bootstrap_without_judged_tasks() -> None:
    zeros = np.zeros((2, 5))
    assert all(e.difference is None for e in paired_bootstrap(zeros, zeros, zeros, zeros))
    empty = np.zeros((2, 0))
    assert all(e.difference is None for e in paired_bootstrap(empty, empty, empty, empty))


def test_bootstrap_is_fast() -> None:
    rng = np.random.default_rng(12)
    passes = (rng.random((14, 200)) < 0.7).astype(float)
    judged = np.ones((14, 200))
    start = time.perf_counter()
    paired_bootstrap(passes, judged, passes[::-1].copy(), judged, resamples=RESAMPLES)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(("difference", "ci_low", "p", "verdict"), [
    (-0.10, -0.15, 0.001, "regression"),
    (-0.02, -0.04, 0.001, "regression"),   # exactly the margin
    (-0.01, -0.019, 0.001, "pass"),        # significant, smaller than the margin
    (-0.01, -0.03, 0.001, "warning"),      # significant, a larger drop not ruled out
    (-0.10, -0.30, 0.20, "warning"),       # large but not significant
    (0.10, 0.05, 0.001, "improvement"),
    (0.10, -0.05, 0.20, "warning"),
    (0.0, 0.0, 1.0, "pass"),
    (None, None, None, "no_data"),
])
def test_decision_rule(difference: float | None, ci_low: float | None, p: float | None,
                       verdict: str) -> None:
    assert decide(difference, ci_low, p, margin=0.02, alpha=0.05) == verdict
