"""Synthetic run folders where the truth is known, written through the run folder's writers."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from harness.runs.folder import (
    FINDING_COLUMNS,
    FINDINGS,
    PROGRAM_COLUMNS,
    PROGRAMS,
    RunData,
    load_run,
    write_manifest,
    write_table,
)
from scoring.api import CATEGORIES

#: (task, sample, category) -> absolute verdict
Verdicts = dict[tuple[str, int, str], str]


def suite(n_tasks: int, seed: int, *, samples: int = 1, pass_share: float = 0.7,
          na_share: float = 0.1) -> Verdicts:
    """A baseline: each verdict drawn independently, pass / fail / not_applicable."""
    rng = np.random.default_rng(seed)
    out: Verdicts = {}
    for t in range(n_tasks):
        for s in range(1, samples + 1):
            for c in CATEGORIES:
                u = rng.random()
                out[(task(t), s, c)] = ("not_applicable" if u < na_share
                                        else "pass" if u < na_share + pass_share else "fail")
    return out


def task(i: int) -> str:
    return f"task-{i:03d}"


def break_category(verdicts: Verdicts, category: str, share: float, seed: int) -> Verdicts:
    """Turn `share` of the category's passes into fails."""
    rng = np.random.default_rng(seed)
    out = dict(verdicts)
    for key, v in verdicts.items():
        if key[2] == category and v == "pass" and rng.random() < share:
            out[key] = "fail"
    return out


def perturb(verdicts: Verdicts, flips: int, seed: int) -> Verdicts:
    """Noise with no drift: in each category, `flips` passes fail and `flips` fails pass."""
    rng = np.random.default_rng(seed)
    out = dict(verdicts)
    for c in CATEGORIES:
        for old, new in (("pass", "fail"), ("fail", "pass")):
            keys = [k for k, v in verdicts.items() if k[2] == c and v == old]
            for i in rng.choice(len(keys), size=flips, replace=False):
                out[keys[i]] = new
    return out


def rows(verdicts: Verdicts, *, model: str = "model-a",
         statuses: dict[tuple[str, int], str] | None = None,
         errors: Iterable[tuple[str, int, str]] = ()) -> list[dict[str, Any]]:
    """Findings rows; `errors` marks rows the harness could not judge (verdict `error`)."""
    statuses = statuses or {}
    errors = set(errors)
    out = []
    for (t, s, c), v in verdicts.items():
        status = statuses.get((t, s), "ok")
        if status not in ("ok", "harness_error"):
            v = "not_applicable"
        if status == "harness_error" or (t, s, c) in errors:
            v = "error"
        out.append({"task": t, "model": model, "sample": s, "category": c, "verdict": v,
                    "reference_verdict": "pass", "relative_verdict": "not_applicable",
                    "evidence": "[]", "check_version": 1, "status": status,
                    "harness_error": v == "error"})
    return out


def manifest(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "harness_version": "0.1.0", "schema": 1, "python": "3.11", "pulumi": "3.200.0",
        "pulumi_aws": "7.0.0", "checks": {c: 1 for c in CATEGORIES}, "case_set_hash": "x",
        "options": {"workers": 1, "models": ["model-a"], "scheduler": "local",
                    "timeout_s": 60},
        "started": "2025-01-01T00:00:00Z", "ended": "2025-01-01T01:00:00Z",
        "complete": True, "sandbox": "none",
    }
    base.update(overrides)
    return base


def write_run(root: Path, findings: list[dict[str, Any]], **overrides: Any) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_table(root / FINDINGS, findings, FINDING_COLUMNS)
    write_table(root / PROGRAMS, [], PROGRAM_COLUMNS)
    write_manifest(root, manifest(**overrides))
    return root


def run_of(root: Path, verdicts: Verdicts, **kwargs: Any) -> RunData:
    """Write a one-model run and read it back as the gate will."""
    overrides = kwargs.pop("manifest", {})
    return load_run(write_run(root, rows(verdicts, **kwargs), **overrides))
