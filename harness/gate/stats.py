"""The statistics: a paired bootstrap over tasks, McNemar's exact test, Holm's correction.

Why the task is the resampling unit: the verdicts of one task are not independent of
each other (its samples answer the same prompt; its categories judge the same program),
so resampling verdicts would treat correlated results as separate evidence and give
intervals that are too narrow. Resampling whole tasks keeps each task's results together
and keeps each task's baseline and candidate together (the pairing), so the interval
reflects how much the difference would move on another draw of tasks like these.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import binomtest

RESAMPLES = 10_000
SEED = 20_240_601

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Estimate:
    """The difference in pass rate (candidate minus baseline) with its interval."""

    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_bootstrap: float | None


def resample_counts(n_tasks: int, resamples: int = RESAMPLES, seed: int = SEED) -> FloatArray:
    """How often each task is drawn in each resample: shape (resamples, n_tasks).

    Counts rather than indices let every row's sums come from one matrix product, so
    10,000 resamples of every category cost a few milliseconds.
    """
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_tasks, size=(resamples, n_tasks))
    flat = (draws + np.arange(resamples)[:, None] * n_tasks).ravel()
    counts = np.bincount(flat, minlength=resamples * n_tasks)
    return counts.reshape(resamples, n_tasks).astype(np.float64)


def paired_bootstrap(passes_b: FloatArray, judged_b: FloatArray, passes_c: FloatArray,
                     judged_c: FloatArray, *, level: float = 0.95,
                     resamples: int = RESAMPLES, seed: int = SEED) -> list[Estimate]:
    """Percentile intervals for several rows at once; inputs are (rows, tasks) arrays.

    Each rate is pooled (passes over judged, summed over the drawn tasks), so a task with
    more judged samples weighs more, as it does in the point estimate. The same draws
    serve every row, which keeps the rows of one gate consistent with each other.

    `p_bootstrap` is the two-sided p-value of the centred bootstrap: the share of
    resampled differences at least as far from the estimate as the estimate is from 0.
    """
    n_rows, n_tasks = passes_b.shape
    if n_tasks == 0:
        return [Estimate(None, None, None, None)] * n_rows
    weights = resample_counts(n_tasks, resamples, seed)
    stacked = np.concatenate([passes_b, judged_b, passes_c, judged_c]).T
    sums = weights @ stacked
    sb, jb, sc, jc = (sums[:, i * n_rows:(i + 1) * n_rows] for i in range(4))
    with np.errstate(divide="ignore", invalid="ignore"):
        boot = sc / jc - sb / jb
    tail = (1.0 - level) / 2.0
    out: list[Estimate] = []
    for i in range(n_rows):
        jb_i, jc_i = judged_b[i].sum(), judged_c[i].sum()
        if jb_i == 0 or jc_i == 0:
            out.append(Estimate(None, None, None, None))
            continue
        diff = float(passes_c[i].sum() / jc_i - passes_b[i].sum() / jb_i)
        draws = boot[:, i][np.isfinite(boot[:, i])]
        low, high = np.quantile(draws, [tail, 1.0 - tail])
        far = np.count_nonzero(np.abs(draws - diff) >= abs(diff) - 1e-12)
        out.append(Estimate(diff, float(low), float(high), (far + 1) / (draws.size + 1)))
    return out


def mcnemar_exact(fail_to_pass: int, pass_to_fail: int) -> float:
    """Two-sided exact McNemar p-value: the discordant pairs against a fair coin.

    Concordant pairs say nothing about which model is better, so only tasks whose
    verdict changed enter the test; with one sample per task these are independent.
    """
    n = fail_to_pass + pass_to_fail
    if n == 0:
        return 1.0
    return float(binomtest(pass_to_fail, n, 0.5).pvalue)


def holm(p_values: list[float | None]) -> list[float | None]:
    """Holm's step-down adjustment; `None` (no data) stays `None` and is not counted.

    A gate tests a dozen categories at once, so at alpha 0.05 an unchanged model would
    fail one of them by chance about every second update. Holm bounds the chance of
    any false regression at alpha without assuming the categories are independent
    (they are not: they judge the same programs), and rejects at least as much as
    Bonferroni.
    """
    present = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(present)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(present):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return adjusted
