"""The gate's comparison of two runs, as HTML: the same numbers as its markdown comment.

The report calls `harness.gate.gate` rather than comparing on its own, so that a
reviewer reading the report and CI reading the gate see one decision.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from harness.gate import OVERALL, STATUS, Flip, GateResult, RowResult
from harness.report.page import table, td

ROW_LABELS = {OVERALL: "overall (all categories)", STATUS: "status (program ran)"}
MAX_LISTED = 50


def comparison(result: GateResult) -> str:
    """Decision, table of rows, flipped tasks, and what was set apart."""
    level = round(100 * (1 - result.alpha))
    b, c = result.baseline, result.candidate
    head = (f'<p class="verdict-{escape(result.verdict)}" id="gate-verdict">Gate: '
            f"<b>{escape(result.verdict)}</b> (exit {result.exit_code})</p>"
            f"<p>Baseline <code>{escape(b.model)}</code> ({escape(b.path)}, harness "
            f"{escape(b.harness_version)}) against candidate <code>{escape(c.model)}</code> "
            f"({escape(c.path)}, harness {escape(c.harness_version)}) on {result.tasks} "
            f"paired tasks. Margin {100 * result.margin:.1f} points, alpha {result.alpha} "
            f"with Holm's correction; {level}% intervals from a paired bootstrap over tasks "
            f"({result.resamples:,} resamples, seed {result.seed}).</p>")
    rows = [[escape(ROW_LABELS.get(r.name, r.name)), _rate(r.baseline_passes, r.baseline_judged),
             _rate(r.candidate_passes, r.candidate_judged), _difference(r), _p(r.p_holm),
             td(escape(r.verdict), cls=f"verdict-{escape(r.verdict)}"),
             "" if r.name == OVERALL else f"{len(r.worse)} / {len(r.better)}"]
            for r in result.rows]
    body = table(["", "baseline pass rate", "candidate pass rate",
                  f"difference, points ({level}% CI)", "p (Holm)", "verdict",
                  "flipped (worse / better)"], rows, table_id="gate-table")
    flips = "".join(_flips(r) for r in result.rows if r.worse or r.better)
    return head + body + (f"<h3>Flipped tasks</h3>{flips}" if flips else "") + _apart(result)


def _flips(r: RowResult) -> str:
    items = "".join(f"<li>{label}: {_flip_list(flips)}</li>"
                    for label, flips in (("worse", r.worse), ("better", r.better)) if flips)
    return (f"<details><summary>{escape(ROW_LABELS.get(r.name, r.name))}: {len(r.worse)} "
            f"worse, {len(r.better)} better</summary><ul>{items}</ul></details>")


def _flip_list(flips: tuple[Flip, ...]) -> str:
    shown = ", ".join(f"<code>{escape(f.task)}</code> ({escape(f.baseline)} → "
                      f"{escape(f.candidate)})" for f in flips[:MAX_LISTED])
    more = len(flips) - MAX_LISTED
    return shown + (f", and {more} more" if more > 0 else "")


def _apart(result: GateResult) -> str:
    s = result.set_apart
    items = []
    if s.harness_errors:
        sides = Counter(e.side for e in s.harness_errors)
        items.append(f"harness errors: {len(s.harness_errors)} verdicts (baseline "
                     f"{sides['baseline']}, candidate {sides['candidate']})")
    if s.baseline_only:
        items.append(f"tasks only in the baseline: {len(s.baseline_only)}")
    if s.candidate_only:
        items.append(f"tasks only in the candidate: {len(s.candidate_only)}")
    if s.unpaired_samples:
        items.append(f"samples in one run only: {len(s.unpaired_samples)}")
    one_run = [f"{r.name} {r.judged_in_one_run}" for r in result.rows if r.judged_in_one_run]
    if one_run:
        items.append("judged in one run, not_applicable in the other: " + ", ".join(one_run))
    if not items:
        return ""
    return ('<div class="apart"><b>Set apart by the gate</b> (never counted as a '
            "regression)<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items)
            + "</ul></div>")


def _rate(passes: int, judged: int) -> str:
    if not judged:
        return td("–", cls="num")
    return td(f"{100 * passes / judged:.1f}% ({passes}/{judged})", cls="num")


def _difference(r: RowResult) -> str:
    if r.difference is None or r.ci_low is None or r.ci_high is None:
        return td("–", cls="num")
    return td(f"{100 * r.difference:+.1f} [{100 * r.ci_low:+.1f}, {100 * r.ci_high:+.1f}]",
              cls="num")


def _p(p: float | None) -> str:
    text = "–" if p is None else "<0.0001" if p < 0.0001 else f"{p:.4f}" if p < 0.01 \
        else f"{p:.3f}"
    return td(escape(text), cls="num")
