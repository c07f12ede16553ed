"""`run`: cases in, a run folder out. Cached, resumable, local or on Dask.

The steps, each small: plan (read cases; a case that cannot be read becomes a row, not
an exception), evaluate every distinct program once (resuming from the journal),
score and diff from the graphs, write the tables and mark the manifest complete.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from harness.capture import Limits
from harness.runs.execute import UnitResult, run_dask, run_local
from harness.runs.folder import (
    DATASET_SCHEMA,
    FINDING_COLUMNS,
    FINDINGS,
    PROGRAM_COLUMNS,
    PROGRAMS,
    RunData,
    load_run,
    write_manifest,
    write_table,
)
from harness.runs.journal import Journal
from harness.runs.plan import Plan, make_plan
from harness.runs.progress import Progress
from harness.runs.rows import Evaluated, build_rows
from harness.version import HARNESS_VERSION
from scoring import check_versions

Say = Callable[[str], None]


def run(cases: Iterable[str | Path], out: str | Path, *, workers: int | None = None,
        models: Iterable[str] | None = None, scheduler: str | None = None,
        cache_dir: str | Path | None = None, timeout_s: float = 60.0,
        reference_as: str | None = None, say: Say | None = None,
        progress: bool = False) -> RunData:
    """Evaluate every case under `cases` into the run folder `out` and return its data.

    A folder that already holds a journal of the same case set is resumed: finished
    programs are read back, the rest run. `cache_dir=None` uses the user cache
    (`~/.cache/iac-harness`); pass `""` to run without a cache.
    """
    from harness.runs.cache import default_cache_dir

    say = say or (lambda _msg: None)
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    plan = make_plan(cases, set(models) if models else None, reference_as)
    for _, error in plan.errors:
        say(f"warning: {error}")
    cache = None if cache_dir == "" else Path(cache_dir) if cache_dir else default_cache_dir()
    n_workers = workers or max(1, (os.cpu_count() or 2))
    manifest = _manifest(plan, n_workers, models, scheduler, timeout_s)
    manifest["options"]["reference_as"] = reference_as
    write_manifest(root, manifest)

    done = _resume(root, plan, say)
    todo = [p for p in plan.programs() if p.hash not in done]
    journal = Journal(root)
    bar = Progress(len(plan.programs()), len(done), enabled=progress)

    def on_done(result: UnitResult) -> None:
        journal.record(result.program_hash, result.graphs, result.records)
        done[result.program_hash] = Evaluated(result.graphs, result.records)
        bar.advance(failed=result.graphs["baseline"].status != "ok")

    limits = Limits(timeout_s=timeout_s)
    if scheduler:
        run_dask(todo, scheduler, cache, limits, on_done)
    else:
        run_local(todo, n_workers, cache, limits, on_done)
    bar.close()

    findings, programs = build_rows(plan, done)
    write_table(root / FINDINGS, findings, FINDING_COLUMNS)
    write_table(root / PROGRAMS, programs, PROGRAM_COLUMNS)
    manifest.update(ended=_now(), complete=True, sandbox=_sandbox(done))
    for warning in manifest["sandbox"]["warnings"]:
        say(f"warning: sandbox: {warning}")
    write_manifest(root, manifest)
    return load_run(root)


def _sandbox(done: dict[str, Evaluated]) -> dict[str, Any]:
    """What isolation the runs had: every wall the platform refused is a warning here."""
    warnings = sorted({note.removeprefix("sandbox: ") for e in done.values()
                       for g in e.graphs.values() for note in g.notes
                       if note.startswith("sandbox: ")})
    walls = ["network namespace", "read-only file system outside the run folder",
             "credential folders hidden", "pids cgroup", "rlimits (cpu, memory, files, "
             "file size)", "scrubbed environment", "own process group and session"]
    return {"walls": walls, "warnings": warnings}


def _resume(root: Path, plan: Plan, say: Say) -> dict[str, Evaluated]:
    journal = Journal(root)
    wanted = {p.hash for p in plan.programs()}
    done: dict[str, Evaluated] = {}
    for program_hash, entry in journal.done().items():
        if program_hash not in wanted:
            continue
        try:
            graphs, records = journal.load(entry)
        except (OSError, ValueError, KeyError):
            continue  # its graphs did not all reach the disk: run it again
        done[program_hash] = Evaluated(graphs, records)
    if done:
        say(f"resuming: {len(done)} of {len(wanted)} programs already evaluated")
    return done


def _manifest(plan: Plan, workers: int, models: Iterable[str] | None, scheduler: str | None,
              timeout_s: float) -> dict[str, Any]:
    return {
        "harness_version": HARNESS_VERSION,
        "schema": DATASET_SCHEMA,
        "python": platform.python_version(),
        "pulumi": _version("pulumi"),
        "pulumi_aws": _version("pulumi_aws"),
        "checks": check_versions(),
        "case_set_hash": plan.case_set_hash(),
        "cases": len(plan.cases),
        "programs": len(plan.programs()),
        "options": {"workers": workers, "models": sorted(models) if models else None,
                    "scheduler": scheduler, "timeout_s": timeout_s},
        "started": _now(),
        "ended": None,
        "complete": False,
        "platform": f"{platform.system()} {platform.machine()}",
        "argv": sys.argv[1:],
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
