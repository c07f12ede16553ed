"""What the gate decided, as plain data: one `RowResult` per category, `overall` and `status`.

The render functions and the command line read only these classes, so a notebook or a
bot can use the same numbers as the pull-request comment.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Verdict = Literal["pass", "warning", "regression", "improvement", "no_data"]
Side = Literal["baseline", "candidate"]

#: Row names beside the category slugs.
OVERALL = "overall"
STATUS = "status"


@dataclass(frozen=True)
class Flip:
    """A task whose result changed: labels are verdicts, statuses, or `passes/judged`."""

    task: str
    baseline: str
    candidate: str


@dataclass(frozen=True)
class HarnessErrorRow:
    """A verdict the harness could not reach: never held against either model."""

    side: Side
    task: str
    sample: int
    category: str


@dataclass(frozen=True)
class RowResult:
    """One category (or `overall`, `status`) compared over the paired tasks.

    `tasks` counts tasks with at least one pair judged pass/fail in both runs; the
    rates are pooled over those pairs (`*_passes` / `*_judged`).
    """

    name: str
    tasks: int
    baseline_passes: int
    baseline_judged: int
    candidate_passes: int
    candidate_judged: int
    difference: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    p_holm: float | None
    test: Literal["mcnemar", "bootstrap", ""]
    verdict: Verdict
    worse: tuple[Flip, ...]
    better: tuple[Flip, ...]
    judged_in_one_run: int

    @property
    def baseline_rate(self) -> float | None:
        return _rate(self.baseline_passes, self.baseline_judged)

    @property
    def candidate_rate(self) -> float | None:
        return _rate(self.candidate_passes, self.candidate_judged)


@dataclass(frozen=True)
class SetApart:
    """Everything left out of the statistics, reported so that nothing vanishes silently."""

    harness_errors: tuple[HarnessErrorRow, ...]
    baseline_only: tuple[str, ...]
    candidate_only: tuple[str, ...]
    unpaired_samples: tuple[tuple[Side, str, int], ...]


@dataclass(frozen=True)
class RunLabel:
    """Which run and model a side of the comparison is."""

    path: str
    model: str
    harness_version: str


@dataclass(frozen=True)
class GateResult:
    """The gate's decision. `exit_code` is 1 where any row is a regression, else 0."""

    baseline: RunLabel
    candidate: RunLabel
    margin: float
    alpha: float
    resamples: int
    seed: int
    tasks: int
    rows: tuple[RowResult, ...]
    set_apart: SetApart

    def rows_with(self, verdict: Verdict) -> list[RowResult]:
        return [r for r in self.rows if r.verdict == verdict]

    @property
    def regressions(self) -> list[RowResult]:
        return self.rows_with("regression")

    @property
    def warnings(self) -> list[RowResult]:
        return self.rows_with("warning")

    @property
    def improvements(self) -> list[RowResult]:
        return self.rows_with("improvement")

    @property
    def verdict(self) -> Literal["pass", "warning", "regression"]:
        if self.regressions:
            return "regression"
        return "warning" if self.warnings else "pass"

    @property
    def exit_code(self) -> int:
        return 1 if self.regressions else 0

    def row(self, name: str) -> RowResult:
        for r in self.rows:
            if r.name == name:
                return r
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, with the derived verdict and exit code alongside the fields."""
        out = asdict(self)
        out["verdict"] = self.verdict
        out["exit_code"] = self.exit_code
        return out


def _rate(passes: int, judged: int) -> float | None:
    return passes / judged if judged else None
