"""The gate's outputs: markdown for a pull-request comment, JUnit XML for CI systems.

The comment leads with the decision and the table, and folds the per-task detail into
`<details>` blocks, so that a reviewer sees the answer first and can still trace every
number to the tasks behind it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from harness.gate.result import OVERALL, STATUS, Flip, GateResult, RowResult

#: Tasks listed per flip direction; a comment has a size limit, the result has them all.
MAX_LISTED = 50

ROW_LABELS = {OVERALL: "overall (all categories)", STATUS: "status (program ran)"}
VERDICT_TEXT = {"regression": "**regression**", "warning": "warning",
                "improvement": "improvement", "pass": "pass", "no_data": "no data"}


def render_markdown(result: GateResult) -> str:
    """A summary fit for a pull-request comment."""
    level = round(100 * (1 - result.alpha))
    lines = [f"## iac-harness gate: {_headline(result)}", ""]
    lines.append(f"Baseline `{result.baseline.model}` ({result.baseline.path}, harness "
                 f"{result.baseline.harness_version}) against candidate "
                 f"`{result.candidate.model}` ({result.candidate.path}, harness "
                 f"{result.candidate.harness_version}) on {result.tasks} paired tasks. "
                 f"Margin {100 * result.margin:.1f} points, alpha {result.alpha} with Holm's "
                 f"correction; {level}% intervals from a paired bootstrap over tasks "
                 f"({result.resamples:,} resamples, seed {result.seed}).")
    lines += ["", f"| | baseline | candidate | difference ({level}% CI) | p (Holm) | verdict "
              "| flipped (worse / better) |", "|---|---|---|---|---|---|---|"]
    lines += [_table_row(r) for r in result.rows]
    lines += ["", "Pass rates count only tasks judged `pass` or `fail` in both runs; "
              "differences are in percentage points (candidate minus baseline)."]
    flipped = [r for r in result.rows if r.worse or r.better]
    if flipped:
        lines += ["", "### Flipped tasks", ""]
        for r in flipped:
            lines += _flip_block(r)
    lines += _set_apart(result)
    return "\n".join(lines) + "\n"


def render_junit(result: GateResult) -> str:
    """One testcase per row; a regression is a failure, a warning goes to system-out."""
    failures = len(result.regressions)
    skipped = len(result.rows_with("no_data"))
    suites = ET.Element("testsuites", name="iac-harness gate", tests=str(len(result.rows)),
                        failures=str(failures), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="iac-harness gate",
                          tests=str(len(result.rows)), failures=str(failures), errors="0",
                          skipped=str(skipped), time="0")
    props = ET.SubElement(suite, "properties")
    for name, value in (("baseline", f"{result.baseline.path} ({result.baseline.model})"),
                        ("candidate", f"{result.candidate.path} ({result.candidate.model})"),
                        ("margin", str(result.margin)), ("alpha", str(result.alpha)),
                        ("tasks", str(result.tasks))):
        ET.SubElement(props, "property", name=name, value=value)
    for r in result.rows:
        case = ET.SubElement(suite, "testcase", classname="iac-harness.gate", name=r.name,
                             time="0")
        summary = _summary(r)
        if r.verdict == "regression":
            failure = ET.SubElement(case, "failure", type="regression", message=summary)
            failure.text = _flip_text(r)
        elif r.verdict == "no_data":
            ET.SubElement(case, "skipped", message="no task judged in both runs")
        else:
            ET.SubElement(case, "system-out").text = f"{r.verdict}: {summary}"
    ET.SubElement(suite, "system-out").text = "\n".join(_set_apart(result)).strip()
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _headline(result: GateResult) -> str:
    if result.regressions:
        names = ", ".join(f"`{r.name}`" for r in result.regressions)
        return f"regression in {names} (exit 1)"
    if result.warnings:
        names = ", ".join(f"`{r.name}`" for r in result.warnings)
        return f"pass, with warnings on {names} (exit 0)"
    if all(r.verdict == "no_data" for r in result.rows):
        return "nothing compared: no task was judged in both runs (exit 0)"
    return "pass (exit 0)"


def _table_row(r: RowResult) -> str:
    name = ROW_LABELS.get(r.name, f"`{r.name}`")
    flips = "" if r.name == OVERALL else f"{len(r.worse)} / {len(r.better)}"
    return (f"| {name} | {_rate(r.baseline_passes, r.baseline_judged)} | "
            f"{_rate(r.candidate_passes, r.candidate_judged)} | {_difference(r)} | "
            f"{_p(r.p_holm)} | {VERDICT_TEXT[r.verdict]} | {flips} |")


def _summary(r: RowResult) -> str:
    return (f"{_rate(r.baseline_passes, r.baseline_judged)} -> "
            f"{_rate(r.candidate_passes, r.candidate_judged)}, difference {_difference(r)} "
            f"points, p {_p(r.p_value)} ({r.test or 'no test'}), Holm {_p(r.p_holm)}")


def _flip_block(r: RowResult) -> list[str]:
    title = ROW_LABELS.get(r.name, r.name)
    out = [f"<details><summary>{title}: {len(r.worse)} worse, {len(r.better)} better"
           "</summary>", ""]
    for label, flips in (("worse", r.worse), ("better", r.better)):
        if flips:
            out.append(f"- {label}: {_flip_list(flips)}")
    return [*out, "", "</details>", ""]


def _flip_text(r: RowResult) -> str:
    return "\n".join(f"{label}: {_flip_list(flips)}"
                     for label, flips in (("worse", r.worse), ("better", r.better)) if flips)


def _flip_list(flips: tuple[Flip, ...]) -> str:
    shown = ", ".join(f"`{f.task}` ({f.baseline} → {f.candidate})" for f in flips[:MAX_LISTED])
    more = len(flips) - MAX_LISTED
    return shown + (f", and {more} more" if more > 0 else "")


def _set_apart(result: GateResult) -> list[str]:
    s = result.set_apart
    one_run = [(r.name, r.judged_in_one_run) for r in result.rows if r.judged_in_one_run]
    if not (s.harness_errors or s.baseline_only or s.candidate_only or s.unpaired_samples
            or one_run):
        return []
    out = ["", "### Set apart (never counted as a regression)", ""]
    if s.harness_errors:
        sides = Counter(e.side for e in s.harness_errors)
        cats = Counter(e.category for e in s.harness_errors)
        tasks = sorted({e.task for e in s.harness_errors})
        out.append(f"- harness errors: {len(s.harness_errors)} verdicts (baseline "
                   f"{sides['baseline']}, candidate {sides['candidate']}); by category: "
                   + ", ".join(f"{c} {n}" for c, n in sorted(cats.items()))
                   + f"; tasks: {_names(tasks)}")
    if s.baseline_only:
        out.append(f"- tasks only in the baseline ({len(s.baseline_only)}): "
                   f"{_names(s.baseline_only)}")
    if s.candidate_only:
        out.append(f"- tasks only in the candidate ({len(s.candidate_only)}): "
                   f"{_names(s.candidate_only)}")
    if s.unpaired_samples:
        out.append(f"- samples in one run only ({len(s.unpaired_samples)}): "
                   + _names([f"{t}#{n} ({side})" for side, t, n in s.unpaired_samples]))
    if one_run:
        out.append("- judged `pass`/`fail` in one run and `not_applicable` in the other: "
                   + ", ".join(f"{name} {n}" for name, n in one_run))
    return out


def _names(items: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(f"`{t}`" for t in items[:MAX_LISTED])
    more = len(items) - MAX_LISTED
    return shown + (f", and {more} more" if more > 0 else "")


def _rate(passes: int, judged: int) -> str:
    return f"{100 * passes / judged:.1f}% ({passes}/{judged})" if judged else "–"


def _difference(r: RowResult) -> str:
    if r.difference is None or r.ci_low is None or r.ci_high is None:
        return "–"
    return f"{100 * r.difference:+.1f} [{100 * r.ci_low:+.1f}, {100 * r.ci_high:+.1f}]"


def _p(p: float | None) -> str:
    if p is None:
        return "–"
    return "<0.0001" if p < 0.0001 else f"{p:.4f}" if p < 0.01 else f"{p:.3f}"
