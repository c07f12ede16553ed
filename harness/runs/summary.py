"""Summaries of a run's dataset: status counts, fail rates, pass@k.

Harness errors are kept apart everywhere: they are counted in their own column and
never enter a model's fail rate.
"""

from __future__ import annotations

from math import comb

import pandas as pd


def status_counts(programs: pd.DataFrame) -> pd.DataFrame:
    """Baseline status per role (and per model for answers); each program run once."""
    base = programs[(programs["probe"] == "baseline") | (programs["status"] == "invalid_case")]
    label = base["role"].where(base["role"] != "answer", "answer:" + base["model"])
    return pd.crosstab(label.rename("who"), base["status"]).sort_index()


def fail_rates(findings: pd.DataFrame, column: str = "verdict") -> pd.DataFrame:
    """Share of `fail` among pass/fail verdicts, per category (rows) and model (columns)."""
    judged = findings[~findings["harness_error"] & findings[column].isin(["pass", "fail"])]
    if judged.empty:
        return pd.DataFrame()
    rates = judged.assign(failed=judged[column] == "fail").pivot_table(
        index="category", columns="model", values="failed", aggfunc="mean")
    return rates.round(3)


def pass_at_k(findings: pd.DataFrame, k: int, column: str = "verdict") -> pd.DataFrame:
    """Unbiased pass@k per category and model, over tasks with at least k judged samples.

    For a task with n judged samples of which c pass, pass@k = 1 - C(n-c, k) / C(n, k)
    (the chance that k samples drawn without replacement include a pass), averaged over
    tasks. Tasks with fewer than k judged samples are left out, not counted as failures.
    """
    judged = findings[~findings["harness_error"] & findings[column].isin(["pass", "fail"])]
    rows = []
    for (model, category, _task), group in judged.groupby(["model", "category", "task"]):
        n, c = len(group), int((group[column] == "pass").sum())
        if n >= k:
            rows.append({"model": model, "category": category,
                         "value": 1.0 - comb(n - c, k) / comb(n, k)})
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows)
    return frame.pivot_table(index="category", columns="model", values="value",
                             aggfunc="mean").round(3)


def summary_text(findings: pd.DataFrame, programs: pd.DataFrame) -> str:
    parts = ["Program status (baseline probe):", status_counts(programs).to_string()]
    rates = fail_rates(findings)
    if not rates.empty:
        parts += ["", "Fail rate per category (absolute verdict; harness errors excluded):",
                  rates.to_string()]
    rel = fail_rates(findings, "relative_verdict")
    if not rel.empty:
        parts += ["", "Fail rate against the reference (relative verdict):", rel.to_string()]
    errors = int(findings["harness_error"].sum()) if not findings.empty else 0
    if errors:
        parts += ["", f"Harness errors (not counted against any model): {errors} verdicts"]
    samples = findings.groupby(["task", "model"])["sample"].nunique()
    if not samples.empty and samples.max() > 1:
        parts += ["", "pass@1:", pass_at_k(findings, 1).to_string()]
    return "\n".join(parts)
