"""What the report and the notebook show, computed from `RunData` alone.

Counting rules are those of `harness.runs.summary`: harness errors never enter a fail
rate, and `not_applicable` is neither a pass nor a fail. One row of `answers` is one
answer program (task × model × sample), the unit a reader drills into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from harness.diff import GraphDiff, diff
from harness.graph import ResourceGraph
from harness.report.charts import Cell
from harness.runs.folder import RunData
from harness.runs.journal import graph_path
from harness.runs.summary import status_counts
from scoring.api import CATEGORIES

ANSWER_COLUMNS = ["run", "task", "model", "sample", "series", "status", "error",
                  "error_location", "similarity", "resources", "deprecations", "failed",
                  "failed_relative", "passed", "not_applicable", "harness_errors",
                  "program_hash", "reference_hash", "anchor"]


@dataclass(frozen=True)
class Source:
    """A run in the report; `label` tells two runs apart ("" when there is one)."""

    label: str
    run: RunData
    index: int = 0

    def series(self, model: str) -> str:
        return f"{self.label} · {model}" if self.label else model


def sources(runs: list[RunData]) -> list[Source]:
    """Two runs are labelled as the gate sees them: the first is the baseline."""
    if len(runs) == 1:
        return [Source("", runs[0])]
    labels = ["baseline", "candidate"] + [f"run {i + 1}" for i in range(2, len(runs))]
    return [Source(label, run, i) for i, (label, run) in enumerate(zip(labels, runs,
                                                                       strict=False))]


def answers(source: Source) -> pd.DataFrame:
    """One row per answer program: its baseline status, diff figures and verdict counts."""
    run = source.run
    f = run.findings
    judged = ~f["harness_error"].astype(bool)
    counts = f.assign(
        failed=judged & (f["verdict"] == "fail"),
        failed_relative=judged & (f["relative_verdict"] == "fail"),
        passed=judged & (f["verdict"] == "pass"),
        not_applicable=judged & (f["verdict"] == "not_applicable"),
        harness_errors=~judged,
    ).groupby(["task", "model", "sample"], as_index=False)[
        ["failed", "failed_relative", "passed", "not_applicable", "harness_errors"]].sum()
    p = run.programs
    rows = p[(p["role"] == "answer") & ((p["probe"] == "baseline")
                                        | (p["status"] == "invalid_case"))]
    rows = rows[["task", "model", "sample", "status", "error", "error_location",
                 "similarity", "resources", "deprecations", "program_hash"]]
    refs = p[(p["role"] == "reference") & (p["probe"] == "baseline")]
    ref_hash = dict(zip(refs["task"], refs["program_hash"], strict=True))
    out = rows.merge(counts, on=["task", "model", "sample"], how="outer")
    out["status"] = out["status"].fillna("missing")  # verdicts without a program row
    for column in ("failed", "failed_relative", "passed", "not_applicable", "harness_errors"):
        out[column] = out[column].fillna(0).astype(int)
    out["run"] = source.label
    out["series"] = [source.series(m) for m in out["model"]]
    out["reference_hash"] = [ref_hash.get(t, "") for t in out["task"]]
    out["anchor"] = [anchor(source.index, t, m, int(s))
                     for t, m, s in zip(out["task"], out["model"], out["sample"], strict=True)]
    out = out.sort_values(["failed", "similarity", "task", "model", "sample"],
                          ascending=[False, True, True, True, True], na_position="last")
    return out[ANSWER_COLUMNS].reset_index(drop=True)


def anchor(index: int, task: str, model: str, sample: int) -> str:
    """A stable HTML id for an answer's section."""
    return "t-" + re.sub(r"[^A-Za-z0-9_-]+", "_", f"{index}-{task}-{model}-{sample}")


def fail_cells(srcs: list[Source], column: str = "verdict"
               ) -> tuple[list[str], list[str], dict[tuple[str, str], Cell]]:
    """(categories, series, cells) of the fail rate per category and model."""
    cells: dict[tuple[str, str], Cell] = {}
    series: list[str] = []
    present: set[str] = set()
    for src in srcs:
        f = src.run.findings
        judged = f[~f["harness_error"].astype(bool) & f[column].isin(["pass", "fail"])]
        present |= set(f["category"])
        for model in sorted(set(f["model"])):
            series.append(src.series(model))
        for (category, model), group in judged.groupby(["category", "model"]):
            cells[(str(category), src.series(str(model)))] = Cell(
                int((group[column] == "fail").sum()), len(group))
    order = [c for c in CATEGORIES if c in present] + sorted(present - set(CATEGORIES))
    return order, series, cells


def status_rows(srcs: list[Source]) -> dict[str, dict[str, int]]:
    """Baseline status counts per who (reference, answer:model), run label first."""
    out: dict[str, dict[str, int]] = {}
    for src in srcs:
        table = status_counts(src.run.programs)
        for who, row in table.iterrows():
            name = f"{src.label} · {who}" if src.label else str(who)
            out[name] = {str(s): int(n) for s, n in row.items() if int(n)}
    return out


def saved_graph(run: RunData, program_hash: str, probe: str = "baseline"
                ) -> ResourceGraph | None:
    """A graph the run saved, or None where it is not on disk (an unreadable case)."""
    if not program_hash:
        return None
    path: Path = graph_path(run.path, program_hash, probe)
    if not path.is_file():
        return None
    return ResourceGraph.from_json(path.read_text(encoding="utf-8"))


def answer_diff(run: RunData, task: str, model: str, sample: int = 1) -> GraphDiff | None:
    """The graph diff of one answer against its task's reference, from the saved graphs.

    Diffs are not stored in the run folder (they are cheap to recompute and would double
    its size), so this is the one way the report and the notebook get them.
    """
    p = run.programs
    mine = p[(p["task"] == task) & (p["model"] == model) & (p["sample"] == sample)
             & (p["role"] == "answer") & (p["probe"] == "baseline")]
    ref = p[(p["task"] == task) & (p["role"] == "reference") & (p["probe"] == "baseline")]
    if mine.empty or ref.empty:
        return None
    return diff_of(run, str(mine.iloc[0]["program_hash"]), str(ref.iloc[0]["program_hash"]))


def diff_of(run: RunData, model_hash: str, reference_hash: str) -> GraphDiff | None:
    model_graph = saved_graph(run, model_hash)
    reference_graph = saved_graph(run, reference_hash)
    if model_graph is None or reference_graph is None:
        return None
    return diff(model_graph, reference_graph)
