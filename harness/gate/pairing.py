"""Pair two models' findings task by task, and set apart what cannot be compared.

Both runs answer the same tasks, so a task is judged twice: once per model. Comparing
the two judgements of the same task removes the spread between easy and hard tasks,
which on a few hundred tasks is far larger than the change a model update makes.

Samples are paired by number where both runs have several for a task; otherwise all
samples of a side are pooled for the task (a sample number carries no meaning across
runs when one side drew a single sample). Within a pair, a category counts only where
both runs judged it `pass` or `fail`: `not_applicable` on either side means the
programs are not comparable on that category for that task (the count of such pairs is
reported as `judged_in_one_run`). Harness errors and tasks in one run only never reach
the statistics; they are listed in `SetApart`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from harness.gate.result import OVERALL, STATUS, Flip, HarnessErrorRow, SetApart, Side

KEY = ["category", "task", "key"]
COUNTS = ["p_b", "a_b", "p_c", "a_c"]


@dataclass(frozen=True)
class RowCounts:
    """Per-task counts of one row over `Pairing.tasks`: passes and judged, each side."""

    name: str
    passes_b: NDArray[np.float64]
    judged_b: NDArray[np.float64]
    passes_c: NDArray[np.float64]
    judged_c: NDArray[np.float64]
    single: bool
    worse: tuple[Flip, ...]
    better: tuple[Flip, ...]
    judged_in_one_run: int


@dataclass(frozen=True)
class Pairing:
    tasks: tuple[str, ...]
    rows: tuple[RowCounts, ...]
    set_apart: SetApart


def pair(base: pd.DataFrame, cand: pd.DataFrame, categories: list[str]) -> Pairing:
    """Pair two frames from `inputs.model_findings` over `categories`, `overall`, `status`."""
    tasks_b, tasks_c = set(base["task"]), set(cand["task"])
    common = sorted(tasks_b & tasks_c)
    base, cand = base[base["task"].isin(common)], cand[cand["task"].isin(common)]
    base, cand, unpaired = _keys(base, cand)
    errors = _harness_errors(base, cand, categories)
    status_b, status_c = _status_frame(base), _status_frame(cand)
    cat_b = _category_frame(base, categories)
    cat_c = _category_frame(cand, categories)
    merged = _merge(pd.concat([cat_b, status_b]), pd.concat([cat_c, status_c]))
    one_sided = merged.groupby("category")["one_sided"].sum()
    per_task = _per_task(merged[merged["both"]])
    groups = {str(name): g.droplevel("category")
              for name, g in per_task.groupby(level="category", sort=False)}
    empty = per_task.iloc[:0].droplevel("category")
    index = pd.Index(common, name="task")
    rows = [_row(name, groups.get(name, empty), index, int(one_sided.get(name, 0)))
            for name in [*categories, STATUS]]
    if len(categories) > 1:
        cats = per_task[per_task.index.get_level_values("category") != STATUS]
        overall = cats.groupby(level="task")[COUNTS].sum().assign(single=False)
        rows.insert(len(categories), _row(OVERALL, overall, index,
                                          int(one_sided.drop(STATUS, errors="ignore").sum()),
                                          flips=False))
    set_apart = SetApart(
        harness_errors=errors,
        baseline_only=tuple(sorted(tasks_b - tasks_c)),
        candidate_only=tuple(sorted(tasks_c - tasks_b)),
        unpaired_samples=unpaired,
    )
    return Pairing(tuple(common), tuple(rows), set_apart)


def _keys(base: pd.DataFrame, cand: pd.DataFrame
          ) -> tuple[pd.DataFrame, pd.DataFrame, tuple[tuple[Side, str, int], ...]]:
    """Add the pairing key: the sample where both sides have several, else 0."""
    several_b = base.groupby("task")["sample"].nunique() > 1
    several_c = cand.groupby("task")["sample"].nunique() > 1
    by_sample = set(several_b[several_b].index) & set(several_c[several_c].index)
    out: list[pd.DataFrame] = []
    for frame in (base, cand):
        paired = frame["task"].isin(by_sample)
        out.append(frame.assign(key=np.where(paired, frame["sample"], 0)))
    shared = out[0][["task", "key"]].drop_duplicates().merge(
        out[1][["task", "key"]].drop_duplicates(), on=["task", "key"]).assign(partner=True)
    unpaired: list[tuple[Side, str, int]] = []
    kept: list[pd.DataFrame] = []
    sides: tuple[tuple[Side, pd.DataFrame], ...] = (("baseline", out[0]), ("candidate", out[1]))
    for side, frame in sides:
        marked = frame.merge(shared, on=["task", "key"], how="left")
        has_partner = marked["partner"].eq(True).to_numpy()
        lone = frame.loc[~has_partner, ["task", "sample"]].drop_duplicates()
        unpaired.extend((side, str(t), int(n)) for t, n in lone.itertuples(index=False))
        kept.append(frame[has_partner])
    return kept[0], kept[1], tuple(sorted(unpaired))


def _harness_errors(base: pd.DataFrame, cand: pd.DataFrame,
                    categories: list[str]) -> tuple[HarnessErrorRow, ...]:
    rows: list[HarnessErrorRow] = []
    sides: tuple[tuple[Side, pd.DataFrame], ...] = (("baseline", base), ("candidate", cand))
    for side, frame in sides:
        bad = frame[frame["error"] & frame["category"].isin(categories)]
        rows.extend(HarnessErrorRow(side, str(t), int(s), str(c))
                    for t, s, c in bad[["task", "sample", "category"]].itertuples(index=False))
    return tuple(sorted(rows, key=lambda r: (r.task, r.sample, r.category, r.side)))


def _category_frame(frame: pd.DataFrame, categories: list[str]) -> pd.DataFrame:
    part = frame[frame["category"].isin(categories)]
    return part.assign(label=part["verdict"])[[*KEY, "verdict", "label", "error"]]


def _status_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per program: it ran (`ok`) or it did not, by the model's own doing.

    Without this row a candidate whose programs stop running would look fine: a program
    that does not run is `not_applicable` in every category (CATEGORIES.md).
    """
    runs = frame.drop_duplicates(["task", "sample"])
    return pd.DataFrame({
        "category": STATUS, "task": runs["task"], "key": runs["key"],
        "verdict": np.where(runs["status"] == "ok", "pass", "fail"),
        "label": runs["status"], "error": runs["status"] == "harness_error",
    })


def _judged(frame: pd.DataFrame) -> pd.DataFrame:
    ok = frame[~frame["error"]]
    ok = ok.assign(p=(ok["verdict"] == "pass").astype(int),
                   a=ok["verdict"].isin(("pass", "fail")).astype(int), n=1)
    return ok.groupby(KEY, sort=False).agg(p=("p", "sum"), a=("a", "sum"), n=("n", "sum"),
                                           label=("label", "first")).reset_index()


def _merge(base: pd.DataFrame, cand: pd.DataFrame) -> pd.DataFrame:
    """Pairs judged on both sides, with `one_sided` marking pairs judged on one only."""
    m = _judged(base).merge(_judged(cand), on=KEY, suffixes=("_b", "_c"))
    m["both"] = (m["a_b"] > 0) & (m["a_c"] > 0)
    m["one_sided"] = (m["a_b"] > 0) != (m["a_c"] > 0)
    return m


def _per_task(kept: pd.DataFrame) -> pd.DataFrame:
    """Counts per (category, task); `single` where one verdict stands on each side."""
    per = kept.groupby(["category", "task"], sort=False).agg(
        p_b=("p_b", "sum"), a_b=("a_b", "sum"), p_c=("p_c", "sum"), a_c=("a_c", "sum"),
        pairs=("key", "size"), n_b=("n_b", "max"), n_c=("n_c", "max"),
        label_b=("label_b", "first"), label_c=("label_c", "first"))
    return per.assign(single=(per["pairs"] == 1) & (per["n_b"] == 1) & (per["n_c"] == 1))


def _row(name: str, per_task: pd.DataFrame, index: pd.Index, one_sided: int, *,
         flips: bool = True) -> RowCounts:
    worse, better = _flips(per_task) if flips else ((), ())
    full = per_task[COUNTS].reindex(index, fill_value=0)
    return RowCounts(
        name=name,
        passes_b=full["p_b"].to_numpy(dtype=np.float64),
        judged_b=full["a_b"].to_numpy(dtype=np.float64),
        passes_c=full["p_c"].to_numpy(dtype=np.float64),
        judged_c=full["a_c"].to_numpy(dtype=np.float64),
        single=bool(per_task["single"].all()), worse=worse, better=better,
        judged_in_one_run=one_sided,
    )


def _flips(per_task: pd.DataFrame) -> tuple[tuple[Flip, ...], tuple[Flip, ...]]:
    """Tasks whose pass share moved, most first; a single verdict is shown as itself."""
    change = per_task["p_c"] / per_task["a_c"] - per_task["p_b"] / per_task["a_b"]
    moved = per_task.assign(change=change, size=change.abs())[change != 0]
    moved = moved.rename_axis("task").reset_index().sort_values(["size", "task"],
                                                                ascending=[False, True])
    worse: list[Flip] = []
    better: list[Flip] = []
    for r in moved.itertuples(index=False):
        if r.single:
            flip = Flip(str(r.task), str(r.label_b), str(r.label_c))
        else:
            flip = Flip(str(r.task), f"{int(r.p_b)}/{int(r.a_b)}", f"{int(r.p_c)}/{int(r.a_c)}")
        (worse if r.change < 0 else better).append(flip)
    return tuple(worse), tuple(better)
