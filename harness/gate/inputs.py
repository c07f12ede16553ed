"""Which runs may be compared, and which model of each run is compared.

A gate that compares verdicts made by different rules would report the rule change as a
model change, so runs of incompatible harness or check versions are refused outright
(exit 2) rather than compared with a caveat nobody reads in CI.
"""

from __future__ import annotations

import re

import pandas as pd

from harness.runs.folder import DATASET_SCHEMA, RunData

VERDICTS = ("pass", "fail", "not_applicable", "error")


class GateInputError(ValueError):
    """Runs that cannot be compared: one line, naming the run and what is wrong."""


def check_runs(baseline: RunData, candidate: RunData, categories: list[str]) -> None:
    """Refuse incomplete runs, other schemas, incompatible harness or check versions."""
    for run in (baseline, candidate):
        schema = run.manifest.get("schema")
        if schema != DATASET_SCHEMA:
            raise GateInputError(f"{run.path}: dataset schema {schema!r} is not supported "
                                 f"(expected {DATASET_SCHEMA})")
        if not run.complete:
            raise GateInputError(f"{run.path}: the run is incomplete; finish it before "
                                 "gating on it")
    base_v, cand_v = (_version(r) for r in (baseline, candidate))
    if not compatible_versions(base_v, cand_v):
        raise GateInputError(f"harness versions {base_v} ({baseline.path}) and {cand_v} "
                             f"({candidate.path}) are incompatible; re-run the baseline "
                             f"with harness {cand_v}")
    base_checks = baseline.manifest.get("checks") or {}
    cand_checks = candidate.manifest.get("checks") or {}
    changed = [c for c in categories
               if c in base_checks and c in cand_checks and base_checks[c] != cand_checks[c]]
    if changed:
        detail = ", ".join(f"{c} {base_checks[c]}→{cand_checks[c]}" for c in changed)
        raise GateInputError(f"check versions differ between the runs ({detail}); re-run the "
                             "baseline or leave these out with --categories")


def compatible_versions(a: str, b: str) -> bool:
    """Same major version; under 1.0, the same minor too (semantic versioning's rule)."""
    pa, pb = _major_minor(a), _major_minor(b)
    if pa is None or pb is None:
        return False
    return pa[0] == pb[0] and (pa[0] != 0 or pa[1] == pb[1])


def _major_minor(version: str) -> tuple[int, int] | None:
    m = re.match(r"^\s*v?(\d+)\.(\d+)", version)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _version(run: RunData) -> str:
    version = run.manifest.get("harness_version")
    if not isinstance(version, str) or _major_minor(version) is None:
        raise GateInputError(f"{run.path}: manifest.json has no usable harness_version "
                             f"({version!r}; expected e.g. \"0.1.0\")")
    return version


def choose_model(run: RunData, name: str | None, flag: str) -> str:
    """The model named, or the run's only model; several without a name is an error."""
    models = sorted(str(m) for m in run.findings["model"].dropna().unique())
    if name is not None:
        if name not in models:
            raise GateInputError(f"{run.path}: no findings for model {name!r} "
                                 f"(the run has: {', '.join(models) or 'none'})")
        return name
    if len(models) == 1:
        return models[0]
    if not models:
        raise GateInputError(f"{run.path}: findings.parquet holds no rows")
    raise GateInputError(f"{run.path}: the run holds several models ({', '.join(models)}); "
                         f"choose one with {flag} or --model")


def model_findings(run: RunData, model: str) -> pd.DataFrame:
    """One model's findings, typed and checked, with `error` marking harness errors.

    A row is a harness error where the harness said so, where the program's status is
    `harness_error`, or where the verdict is `error`: all three mean the harness, not
    the model, failed (CATEGORIES.md).
    """
    f = run.findings.loc[run.findings["model"] == model,
                         ["task", "sample", "category", "verdict", "status",
                          "harness_error"]].copy()
    unknown = sorted(set(f["verdict"].astype(str)) - set(VERDICTS))
    if unknown:
        raise GateInputError(f"{run.path}: findings.parquet: unexpected verdict "
                             f"{unknown[0]!r} (expected {', '.join(VERDICTS)})")
    f["task"] = f["task"].astype(str)
    f["sample"] = f["sample"].astype(int)
    f["category"] = f["category"].astype(str)
    f["status"] = f["status"].fillna("").astype(str)
    flagged = f["harness_error"].astype("boolean").fillna(False).astype(bool)
    f["error"] = flagged | (f["status"] == "harness_error") | (f["verdict"] == "error")
    return f.drop(columns=["harness_error"]).reset_index(drop=True)
