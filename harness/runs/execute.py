"""Executors: where each program's probes run. Local threads, or a Dask cluster.

The unit of work is one program: all its probes, through the cache. Both executors
return the same plain data (`UnitResult`) to the caller's thread, which alone writes the
journal, so no file is ever written by two hands.

Locally, each thread owns one zygote worker (the capture happens in the zygote's forked
children, so threads only wait). On Dask, each Dask worker process keeps one zygote of
its own for its lifetime.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.capture import Limits, Worker
from harness.graph import ResourceGraph
from harness.probes import default_capture, run_probes
from harness.program import Program
from harness.runs.cache import CachedCapture, CaptureRecord, GraphCache


@dataclass
class UnitResult:
    program_hash: str
    graphs: dict[str, ResourceGraph]
    records: list[CaptureRecord]


def evaluate_unit(program: Program, worker: Worker, cache_dir: Path | None,
                  limits: Limits) -> UnitResult:
    capture = CachedCapture(default_capture(worker, limits),
                            GraphCache(cache_dir) if cache_dir else None)
    graphs = run_probes(program, capture)
    return UnitResult(program.hash, graphs, capture.records)


OnDone = Callable[[UnitResult], None]


def run_local(programs: list[Program], workers: int, cache_dir: Path | None, limits: Limits,
              on_done: OnDone) -> None:
    local = threading.local()
    started: list[Worker] = []
    lock = threading.Lock()

    def unit(program: Program) -> UnitResult:
        if not hasattr(local, "worker"):
            local.worker = Worker()
            with lock:
                started.append(local.worker)
        return evaluate_unit(program, local.worker, cache_dir, limits)

    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = [pool.submit(unit, p) for p in programs]
            for future in as_completed(futures):
                on_done(future.result())
    finally:
        for w in started:
            w.close()


# -- Dask ------------------------------------------------------------------------------

_DASK_WORKER: Worker | None = None


def _dask_unit(program: dict[str, Any], cache_dir: str | None,
               limits: dict[str, Any]) -> dict[str, Any]:
    """Runs on a Dask worker; keeps one zygote per worker process across tasks."""
    global _DASK_WORKER
    if _DASK_WORKER is None:
        _DASK_WORKER = Worker()
    prog = Program(files=program["files"], entry=program["entry"], origin=program["origin"],
                   notes=tuple(program["notes"]))
    result = evaluate_unit(prog, _DASK_WORKER, Path(cache_dir) if cache_dir else None,
                           Limits(**limits))
    return {"program_hash": result.program_hash,
            "graphs": {k: g.to_dict() for k, g in result.graphs.items()},
            "records": [vars(r) for r in result.records]}


def run_dask(programs: list[Program], address: str, cache_dir: Path | None, limits: Limits,
             on_done: OnDone) -> None:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(address) as client:  # type: ignore[no-untyped-call]
        futures = [
            client.submit(_dask_unit, {"files": dict(p.files), "entry": p.entry,
                                       "origin": p.origin, "notes": list(p.notes)},
                          str(cache_dir) if cache_dir else None, vars(limits),
                          key=f"program-{p.hash}", pure=False)
            for p in programs
        ]
        for future in dask_completed(futures):  # type: ignore[no-untyped-call]
            data = future.result()
            on_done(UnitResult(
                data["program_hash"],
                {k: ResourceGraph.from_dict(g) for k, g in data["graphs"].items()},
                [CaptureRecord(**r) for r in data["records"]],
            ))
