"""The run folder on disk: its files, and reading one back as DataFrames.

Everything downstream of a run (the gate, the report, the notebook) reads a run through
`load_run`, so the layout lives here and nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

DATASET_SCHEMA = 1
MANIFEST = "manifest.json"
JOURNAL = "journal.jsonl"
FINDINGS = "findings.parquet"
PROGRAMS = "programs.parquet"
GRAPHS = "graphs"

FINDING_COLUMNS = ["task", "model", "sample", "category", "verdict", "reference_verdict",
                   "relative_verdict", "evidence", "check_version", "status", "harness_error"]
PROGRAM_COLUMNS = ["task", "model", "sample", "role", "program_hash", "probe", "status",
                   "error", "error_location", "duration_s", "cached", "resources",
                   "unanswered_invokes", "similarity", "type_f1", "matched_share",
                   "input_share", "deprecations"]


class RunFolderError(ValueError):
    """A run folder that is missing, incomplete or of another schema: one line, why."""


@dataclass
class RunData:
    """A run as DataFrames, with its manifest and where it lives."""

    path: Path
    manifest: dict[str, Any]
    findings: pd.DataFrame
    programs: pd.DataFrame

    @property
    def complete(self) -> bool:
        return bool(self.manifest.get("complete"))


def load_run(path: str | Path, *, require_complete: bool = True) -> RunData:
    """Read a run folder; raises `RunFolderError` naming what is wrong."""
    root = Path(path)
    if not root.is_dir():
        raise RunFolderError(f"{root}: no such run folder")
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise RunFolderError(f"{root}: not a run folder (no {MANIFEST})")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunFolderError(f"{manifest_path}: not valid JSON ({exc})") from exc
    if manifest.get("schema") != DATASET_SCHEMA:
        raise RunFolderError(f"{manifest_path}: dataset schema {manifest.get('schema')!r} "
                             f"is not supported (expected {DATASET_SCHEMA})")
    if require_complete and not manifest.get("complete"):
        raise RunFolderError(f"{root}: the run is incomplete (resume it with the same "
                             "`iac-harness run` command)")
    return RunData(root, manifest, _read_table(root / FINDINGS, FINDING_COLUMNS),
                   _read_table(root / PROGRAMS, PROGRAM_COLUMNS))


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise RunFolderError(f"{path}: missing")
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds
        raise RunFolderError(f"{path}: cannot be read as Parquet ({exc})") from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise RunFolderError(f"{path}: missing columns {', '.join(missing)}")
    return frame


def write_table(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    """Write rows in a fixed column order and row order, atomically."""
    frame = pd.DataFrame(rows, columns=columns)
    key = [c for c in ("task", "model", "sample", "role", "category", "probe") if c in columns]
    frame = frame.sort_values(key, kind="stable").reset_index(drop=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(path)


def write_manifest(root: Path, manifest: dict[str, Any]) -> None:
    tmp = root / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(root / MANIFEST)
