"""The HTML report: one self-contained file a reviewer opens in a browser.

```python
from harness import load_run
from harness.report import build_report, answers, answer_diff
report = build_report([load_run("runs/builtin")])
Path("report.html").write_text(report.html)
```

It reads runs only through `RunData` (like the gate and the notebook) and draws its
charts as inline SVG, so the file opens anywhere, offline, with nothing to install.
Two runs are compared by the gate itself (`harness.gate.gate`), first run as baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pandas as pd

from harness.gate import GateInputError, gate
from harness.report.comparison import comparison
from harness.report.data import (
    Source,
    answer_diff,
    answers,
    fail_cells,
    saved_graph,
    sources,
)
from harness.report.overview import charts, summary, task_table
from harness.report.page import page
from harness.report.tasks import diff_pre, task_section
from harness.runs.folder import RunData

__all__ = ["Report", "Source", "answer_diff", "answers", "build_report", "diff_pre",
           "fail_cells", "saved_graph", "sources"]


@dataclass
class Report:
    """The page, and what a command line should tell its user about it."""

    html: str
    answers: int
    notes: list[str] = field(default_factory=list)


def build_report(runs: list[RunData], *, baseline_model: str | None = None,
                 candidate_model: str | None = None) -> Report:
    """One or two runs as a report; with two, the gate's comparison comes first.

    A comparison the gate refuses (runs of incompatible versions, several models and no
    name) still gives a report: the reason stands where the comparison would be, and in
    `notes`, because the two runs' own views are worth reading all the same.
    """
    if not runs:
        raise ValueError("build_report needs at least one run")
    srcs = sources(runs)
    tables = [answers(s) for s in srcs]
    every = pd.concat(tables, ignore_index=True)
    notes: list[str] = []
    nav = [("summary", "Summary"), ("charts", "Charts"), ("tasks", "Tasks"),
           ("details", "Per task")]
    body = []
    if len(srcs) >= 2:
        nav.insert(0, ("comparison", "Comparison"))
        try:
            result = gate(srcs[0].run, srcs[1].run, baseline_model=baseline_model,
                          candidate_model=candidate_model)
            compared = comparison(result)
        except GateInputError as exc:
            reason = " ".join(str(exc).split())
            notes.append(f"no comparison: {reason}")
            compared = f'<p class="apart" id="gate-verdict">No comparison: {escape(reason)}</p>'
        body.append(f'<h2 id="comparison">Comparison (the gate)</h2>{compared}')
    body.append('<h2 id="summary">Summary</h2>'
                + "".join(summary(s, t) for s, t in zip(srcs, tables, strict=True)))
    body.append(f'<h2 id="charts">Charts</h2>{charts(srcs, every)}')
    body.append(f'<h2 id="tasks">Tasks</h2><p>{len(every)} answer programs. Click a header '
                f"to sort; click a task for its verdicts, evidence and graph diff.</p>"
                f"{task_table(every, len(srcs) >= 2)}")
    body.append('<h2 id="details">Per task</h2>'
                + "".join(task_section(s, row) for s, t in zip(srcs, tables, strict=True)
                          for row in t.itertuples()))
    title = "iac-harness report"
    subtitle = " vs ".join(str(s.run.path) for s in srcs)
    return Report(page(title, subtitle, nav, "".join(body)), len(every), notes)
