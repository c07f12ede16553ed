"""The decision rule: from a difference, its interval and a Holm p-value to a verdict.

Significance alone is not enough to fail a build: on a large suite a drop of half a
point can be significant and still not matter, hence the margin. A drop of at least the
margin alone is not enough either: on a small suite it is often chance, hence the test.
Where the suite is too small to tell (the interval reaches below -margin but the test
does not reject), the gate warns instead of passing silently, and does not fail.
"""

from __future__ import annotations

from harness.gate.result import Verdict

#: Differences are fractions of tasks; compare them to the margin with this slack so
#: that 2 fails in 100 tasks counts as a 0.02 drop.
TOLERANCE = 1e-9


def decide(difference: float | None, ci_low: float | None, p_holm: float | None, *,
           margin: float, alpha: float) -> Verdict:
    """`regression` where the drop is significant after Holm and at least the margin.

    `improvement` is the mirror image; `warning` where it is not a regression but the
    interval reaches below -margin (a drop that large cannot be ruled out); `pass`
    otherwise; `no_data` where no task was judged in both runs.
    """
    if difference is None or p_holm is None:
        return "no_data"
    significant = p_holm < alpha
    if significant and difference <= -margin + TOLERANCE:
        return "regression"
    if significant and difference >= margin - TOLERANCE:
        return "improvement"
    if ci_low is not None and ci_low < -margin - TOLERANCE:
        return "warning"
    return "pass"
