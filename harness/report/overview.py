"""The top of the report: each run's summary, the charts, the sortable table of tasks.

Harness errors get a box of their own in the summary: they are the harness's failures,
not the model's, and a reader must see them without finding them inside a fail rate.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from typing import Any

import pandas as pd

from harness.report.charts import Point, heatmap, scatter, stacked_bars
from harness.report.data import Source, fail_cells, status_rows
from harness.report.page import table, td
from harness.runs.summary import status_counts
from scoring.api import CATEGORIES

MANIFEST_ORDER = ("harness_version", "schema", "complete", "started", "ended", "cases",
                  "programs", "case_set_hash", "python", "pulumi", "pulumi_aws", "platform",
                  "options", "sandbox", "argv")


def summary(src: Source, answers: pd.DataFrame) -> str:
    """Headline counts, manifest, status counts and what was set apart, for one run."""
    run = src.run
    title = f"{src.label}: {run.path}" if src.label else str(run.path)
    m = run.manifest
    keys = [k for k in MANIFEST_ORDER if k in m] + sorted(
        k for k in m if k not in MANIFEST_ORDER and k != "checks")
    items = [f"<dt>{escape(k)}</dt><dd><code>{escape(_value(m[k]))}</code></dd>" for k in keys]
    checks = m.get("checks") or {}
    versions = ", ".join(f"{c} v{v}" for c, v in sorted(checks.items()))
    counts = status_counts(run.programs)
    status_html = table(["who", *map(str, counts.columns)],
                        [[escape(str(who)), *(str(int(n)) for n in row)]
                         for who, row in counts.iterrows()],
                        numeric=range(1, len(counts.columns) + 1))
    models = sorted(set(run.findings["model"]))
    ran = int((answers["status"] == "ok").sum())
    errors = int(answers["harness_errors"].sum())
    tiles = [(str(answers["task"].nunique()), "tasks"), (str(len(answers)), "answer programs"),
             (str(len(models)), "models: " + ", ".join(models)),
             (f"{ran}/{len(answers)}", "answers ran (status ok)"),
             (str(errors), "harness errors (apart)")]
    tile_html = "".join(f'<div class="tile"><b>{escape(n)}</b><span>{escape(t)}</span></div>'
                        for n, t in tiles)
    return (f'<h3 id="summary-{src.index}">{escape(title)}</h3>'
            f'<div class="tiles">{tile_html}</div>'
            f'<dl class="manifest">{"".join(items)}</dl>'
            f'<p class="muted small">checks: {escape(versions or "none recorded")}</p>'
            f'<div class="charts"><div><b>Program status</b> (baseline probe; each program '
            f"run once){status_html}</div><div>{set_apart(src)}</div></div>")


def set_apart(src: Source) -> str:
    """Harness errors and unreadable cases: listed, never counted against a model."""
    f, p = src.run.findings, src.run.programs
    errors = f[f["harness_error"].astype(bool)]
    broken = p[p["status"] == "harness_error"]
    invalid = p[p["status"] == "invalid_case"]
    items = []
    if errors.empty and broken.empty:
        items.append("<li>harness errors: none</li>")
    if not errors.empty:
        by_cat = Counter(errors["category"])
        tasks = sorted(set(errors["task"]))
        items.append(f"<li>harness errors: {len(errors)} verdicts not judged, by category "
                     + escape(", ".join(f"{c} {n}" for c, n in sorted(by_cat.items())))
                     + f"; tasks: {escape(', '.join(tasks[:40]))}"
                     + (f" and {len(tasks) - 40} more" if len(tasks) > 40 else "") + "</li>")
    for _, r in broken.head(40).iterrows():
        who = f"{r['model']} #{r['sample']}" if r["role"] == "answer" else r["role"]
        items.append(f"<li>harness error in {escape(str(r['task']))} ({escape(str(who))}, "
                     f"probe {escape(str(r['probe']))}): {escape(str(r['error']))}</li>")
    for _, r in invalid.head(40).iterrows():
        items.append(f"<li>unreadable {escape(str(r['role']))} {escape(str(r['task']))}: "
                     f"{escape(str(r['error']))}</li>")
    return ('<div class="apart" id="set-apart-' + str(src.index) + '"><b>Kept apart</b> '
            "(never counted as a model failure)<ul>" + "".join(items) + "</ul></div>")


def charts(srcs: list[Source], answers: pd.DataFrame) -> str:
    """Fail-rate heatmaps (absolute and relative), similarity scatter, status bars."""
    figures = []
    for column, chart_id, caption in (
            ("verdict", "chart-heatmap", "Fail rate per category and model, absolute verdict: "
             "failed / (passed + failed); not_applicable and harness errors left out."),
            ("relative_verdict", "chart-heatmap-relative", "The same, relative to the "
             "reference: a failure the reference shares is not counted. Hover a cell for "
             "its counts.")):
        rows, cols, cells = fail_cells(srcs, column)
        title = f"Fail rate per category and model ({column.replace('_', ' ')})"
        figures.append(_figure(heatmap(chart_id, rows or list(CATEGORIES), cols, cells, title),
                               caption))
    ran = answers[answers["status"] == "ok"]
    points = [Point(float(r.failed), float(r.similarity) if pd.notna(r.similarity) else 0.0,
                    str(r.series), _point_label(r), f"#{r.anchor}")
              for r in ran.itertuples()]
    figures.append(_figure(
        scatter("chart-scatter", points, "failed categories (absolute verdict)",
                "similarity to the reference", len(CATEGORIES),
                "Similarity against failed categories"),
        f"One dot per answer program that ran (status ok; {len(answers) - len(ran)} that did "
        "not run have no verdicts and are left out). Click a dot to open its task."))
    figures.append(_figure(stacked_bars("chart-status", status_rows(srcs),
                                        "Program status counts"),
                           "Baseline status of every program, references included; "
                           "harness_error (purple) is the harness's failure, not the "
                           "model's."))
    return '<div class="charts">' + "".join(figures) + "</div>"


def task_table(answers: pd.DataFrame, two_runs: bool) -> str:
    """Every answer program, sortable by clicking a header (worst first to start with)."""
    headers = ["task", "model", "sample", "status", "similarity", "failed",
               "failed vs reference", "passed", "n/a", "harness errors", "resources",
               "deprecations"]
    keys = ["task", "model", "sample", "status", "similarity", "failed", "failed_relative",
            "passed", "not_applicable", "harness_errors", "resources", "deprecations"]
    if two_runs:
        headers.insert(0, "run")
        keys.insert(0, "run")
    rows = []
    for r in answers.itertuples():
        sim = "" if pd.isna(r.similarity) else f"{r.similarity:.3f}"
        row = [f'<a href="#{escape(r.anchor)}">{escape(str(r.task))}</a>',
               escape(str(r.model)), str(r.sample), _status(str(r.status)),
               td(sim, sort=sim, cls="num"), str(r.failed), str(r.failed_relative),
               str(r.passed), str(r.not_applicable), str(r.harness_errors),
               "" if pd.isna(r.resources) else str(int(r.resources)),
               "" if pd.isna(r.deprecations) else str(int(r.deprecations))]
        if two_runs:
            row.insert(0, escape(str(r.run)))
        rows.append(row)
    first_num = 3 if two_runs else 2
    numeric = [first_num] + list(range(first_num + 2, len(headers)))
    return table(headers, rows, table_id="task-table", sortable=True, keys=keys,
                 numeric=numeric)


def _status(status: str) -> str:
    cls = "s-ok" if status == "ok" else "s-harness" if status == "harness_error" else "s-bad"
    return f'<span class="{cls}">{escape(status)}</span>'


def _point_label(r: Any) -> str:
    sim = "n/a" if pd.isna(r.similarity) else f"{r.similarity:.3f}"
    return (f"{r.task} · {r.series} #{r.sample}: {r.failed} failed, similarity {sim}, "
            f"status {r.status}")


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(caption)}</figcaption></figure>"


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, default=str)
