"""The regression gate: does a candidate model do worse than the baseline, beyond noise?

```python
from harness.gate import gate, render_markdown, render_junit
result = gate(load_run("runs/base"), load_run("runs/cand"))
result.exit_code            # 0 pass (warnings included), 1 regression
print(render_markdown(result))
```

See docs/gate.md for the statistics and the decision rule.
"""

from __future__ import annotations

import numpy as np

from harness.gate.decide import decide
from harness.gate.inputs import GateInputError, check_runs, choose_model, model_findings
from harness.gate.pairing import pair
from harness.gate.render import render_junit, render_markdown
from harness.gate.result import (
    OVERALL,
    STATUS,
    Flip,
    GateResult,
    HarnessErrorRow,
    RowResult,
    RunLabel,
    SetApart,
)
from harness.gate.stats import RESAMPLES, SEED, holm, mcnemar_exact, paired_bootstrap
from harness.runs.folder import RunData
from scoring.api import CATEGORIES

__all__ = ["OVERALL", "STATUS", "Flip", "GateInputError", "GateResult", "HarnessErrorRow",
           "RowResult", "RunLabel", "SetApart", "gate", "render_junit", "render_markdown"]


def gate(baseline: RunData, candidate: RunData, margin: float = 0.02, alpha: float = 0.05,
         categories: list[str] | None = None, *, baseline_model: str | None = None,
         candidate_model: str | None = None) -> GateResult:
    """Compare the candidate's model with the baseline's, category by category.

    The verdict compared is the absolute `verdict` of each model's own program, not the
    `relative_verdict`: both runs answer the same tasks against the same references, so
    the reference cancels out of the comparison, and the absolute verdict keeps the
    failures the reference shares (which the relative verdict turns into
    `not_applicable`) instead of comparing on a smaller, model-dependent subset.

    Each run's only model is used unless a model is named; a run holding several models
    needs `baseline_model` / `candidate_model`. Raises `GateInputError` for runs that
    cannot be compared (incomplete, another schema, incompatible harness or check
    versions, an unknown model or category, no task in common).
    """
    if not 0.0 <= margin < 1.0:
        raise GateInputError(f"margin {margin}: expected a fraction in [0, 1), e.g. 0.02")
    if not 0.0 < alpha < 1.0:
        raise GateInputError(f"alpha {alpha}: expected a probability in (0, 1), e.g. 0.05")
    base_model = choose_model(baseline, baseline_model, "--baseline-model")
    cand_model = choose_model(candidate, candidate_model, "--candidate-model")
    base, cand = model_findings(baseline, base_model), model_findings(candidate, cand_model)
    chosen = _categories(categories, set(base["category"]) | set(cand["category"]))
    check_runs(baseline, candidate, chosen)
    if not set(base["task"]) & set(cand["task"]):
        raise GateInputError(f"{baseline.path} and {candidate.path} share no task; a gate "
                             "needs both models to answer the same tasks")
    pairing = pair(base, cand, chosen)
    rows = pairing.rows
    estimates = paired_bootstrap(
        *(np.stack([getattr(r, a) for r in rows])
          for a in ("passes_b", "judged_b", "passes_c", "judged_c")),
        level=1.0 - alpha)
    p_values: list[float | None] = []
    for r, e in zip(rows, estimates, strict=True):
        if e.difference is None:
            p_values.append(None)
        elif r.single:
            p_values.append(mcnemar_exact(len(r.better), len(r.worse)))
        else:
            p_values.append(e.p_bootstrap)
    adjusted = holm(p_values)
    results = tuple(
        RowResult(
            name=r.name, tasks=int(np.count_nonzero(r.judged_b)),
            baseline_passes=int(r.passes_b.sum()), baseline_judged=int(r.judged_b.sum()),
            candidate_passes=int(r.passes_c.sum()), candidate_judged=int(r.judged_c.sum()),
            difference=e.difference, ci_low=e.ci_low, ci_high=e.ci_high, p_value=p,
            p_holm=ph, test=("" if p is None else "mcnemar" if r.single else "bootstrap"),
            verdict=decide(e.difference, e.ci_low, ph, margin=margin, alpha=alpha),
            worse=r.worse, better=r.better, judged_in_one_run=r.judged_in_one_run)
        for r, e, p, ph in zip(rows, estimates, p_values, adjusted, strict=True))
    return GateResult(
        baseline=_label(baseline, base_model), candidate=_label(candidate, cand_model),
        margin=margin, alpha=alpha, resamples=RESAMPLES, seed=SEED,
        tasks=len(pairing.tasks), rows=results, set_apart=pairing.set_apart)


def _categories(requested: list[str] | None, present: set[str]) -> list[str]:
    """The requested categories in CATEGORIES.md order, each present in a run."""
    order = {slug: i for i, slug in enumerate(CATEGORIES)}
    if requested is None:
        return sorted(present, key=lambda c: (order.get(c, len(order)), c))
    unknown = [c for c in requested if c not in present]
    if unknown:
        known = ", ".join(sorted(present, key=lambda c: (order.get(c, len(order)), c)))
        raise GateInputError(f"unknown category {unknown[0]!r} (the runs have: "
                             f"{known or 'none'})")
    if not requested:
        raise GateInputError("no categories selected")
    return sorted(set(requested), key=lambda c: (order.get(c, len(order)), c))


def _label(run: RunData, model: str) -> RunLabel:
    return RunLabel(str(run.path), model, str(run.manifest.get("harness_version", "")))
