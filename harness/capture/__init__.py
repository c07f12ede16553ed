"""Capture: run one program under the mocks, in a worker process, and return its graph.

`capture(program)` is the whole stage for a caller: it never raises for anything the
program does; the outcome is the graph's `status`.
"""

from __future__ import annotations

import atexit

from harness.capture.sandbox import Limits
from harness.capture.worker import Worker
from harness.graph import ResourceGraph, RunError, Settings
from harness.program import Program, project_config_defaults, project_name

__all__ = ["Limits", "Worker", "capture", "probe_settings"]

_default_worker: Worker | None = None


def capture(program: Program, settings: Settings | None = None, *,
            limits: Limits | None = None, worker: Worker | None = None) -> ResourceGraph:
    """Run `program` under `settings` (the baseline probe by default)."""
    settings = settings or probe_settings(program)
    if not program.runnable:
        reason = "; ".join(program.notes) or "the answer holds no runnable code"
        return ResourceGraph(program_hash=program.hash, entry=program.entry, settings=settings,
                             status="no_program", error=RunError("NoProgram", reason))
    return (worker or _shared_worker()).capture(program, settings, limits or Limits())


def probe_settings(program: Program, *, stack: str = "dev", environment_suffix: str | None = None,
                   config: dict[str, str] | None = None, name: str = "baseline") -> Settings:
    """Settings for one probe: the project's own config defaults, then the caller's values."""
    suffix = environment_suffix if environment_suffix is not None else stack
    merged = {**project_config_defaults(program), **(config or {})}
    return Settings(stack=stack, project=project_name(program), config=merged,
                    environment_suffix=suffix, name=name)


def _shared_worker() -> Worker:
    """One worker for interactive use (a notebook, the CLI); runs build their own pool."""
    global _default_worker
    if _default_worker is None:
        _default_worker = Worker()
        atexit.register(_default_worker.close)
    return _default_worker
