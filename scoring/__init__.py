"""Scoring: the twelve category checks, their registry, and the two kinds of verdict.

Importing this package registers every check (one module per category, named by its
slug). `score_program` gives the absolute verdicts on one program; `relative` derives
the verdicts against the reference, as CATEGORIES.md defines them.
"""

from __future__ import annotations

import importlib
import traceback

from scoring.api import (
    CATEGORIES,
    MUTATIONS,
    REGISTRY,
    CheckContext,
    Evidence,
    Finding,
    finding,
)

__all__ = ["CATEGORIES", "MUTATIONS", "REGISTRY", "CheckContext", "Evidence", "Finding",
           "check_versions", "relative", "score_program"]

for _slug in CATEGORIES:
    importlib.import_module(f"scoring.{_slug}")

#: Statuses whose graph is complete enough to judge; any other run is not scored.
SCORED_STATUSES = ("ok",)


def check_versions() -> dict[str, int]:
    """Part of every cache key: a changed check re-scores, nothing else re-runs."""
    return {slug: REGISTRY[slug].version for slug in CATEGORIES}


def score_program(ctx: CheckContext) -> list[Finding]:
    """The twelve absolute verdicts on one program, in the order of CATEGORIES.md."""
    status = ctx.graph.status
    if status not in SCORED_STATUSES:
        note = f"not scored: the program ended '{status}'"
        if ctx.graph.error:
            note += f" ({ctx.graph.error})"
        return [finding(slug, "not_applicable", [Evidence(note=note)]) for slug in CATEGORIES]
    return [_run_check(slug, ctx) for slug in CATEGORIES]


def _run_check(slug: str, ctx: CheckContext) -> Finding:
    """A check that raises is the harness's fault: verdict `error`, never a model failure."""
    try:
        return REGISTRY[slug].fn(ctx)
    except Exception as exc:  # noqa: BLE001 - one broken check must not stop the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        note = f"check failed: {type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"
        return finding(slug, "error", [Evidence(note=note)])


def relative(model_ctx: CheckContext, model: list[Finding], reference: list[Finding]
             ) -> list[Finding]:
    """Verdicts against the reference: the model is not blamed for what the reference does."""
    ref_by = {f.category: f for f in reference}
    out = []
    for m in model:
        r = ref_by[m.category]
        custom = REGISTRY[m.category].relative
        if custom is None or "error" in (m.verdict, r.verdict):
            out.append(_derived(m, r))
            continue
        try:
            out.append(custom(model_ctx, m, r))
        except Exception as exc:  # noqa: BLE001 - as for absolute checks
            out.append(finding(m.category, "error",
                               [Evidence(note=f"relative check failed: {type(exc).__name__}: "
                                              f"{exc}")]))
    return out


def _derived(model: Finding, reference: Finding) -> Finding:
    if "error" in (model.verdict, reference.verdict):
        return finding(model.category, "error",
                       [Evidence(note="an absolute check failed; see its finding")])
    if model.verdict == "not_applicable":
        return finding(model.category, "not_applicable", model.evidence)
    if reference.verdict == "fail":
        return finding(model.category, "not_applicable",
                       [Evidence(note="the reference fails this category too")])
    return finding(model.category, model.verdict, model.evidence)
