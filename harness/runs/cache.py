"""A content-addressed cache of captures, and the capture function that uses it.

A graph depends on the program's content, the probe's settings and the harness version
(the mocks and the monitor are part of the harness), so those three make the key. The
reference of a task is captured once for all its answers, and a rerun after a change to
a check re-scores from here without running any program.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness.graph import ResourceGraph, Settings
from harness.probes import Capture
from harness.program import Program
from harness.version import HARNESS_VERSION


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "iac-harness"


def cache_key(program_hash: str, settings: Settings) -> str:
    payload = json.dumps({"program": program_hash, "settings": asdict(settings),
                          "harness": HARNESS_VERSION}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass
class GraphCache:
    root: Path

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> ResourceGraph | None:
        try:
            return ResourceGraph.from_json(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, or written by another schema: capture again

    def put(self, key: str, graph: ResourceGraph) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(graph.to_json(indent=None), encoding="utf-8")
        tmp.replace(target)


@dataclass
class CaptureRecord:
    """One capture as the programs table reports it."""

    probe: str
    key: str
    duration_s: float
    cached: bool


@dataclass
class CachedCapture:
    """A `Capture` that looks in the cache first and keeps a record of every call.

    Harness errors are never cached: the next run tries them again.
    """

    inner: Capture
    cache: GraphCache | None
    records: list[CaptureRecord] = field(default_factory=list)

    def __call__(self, program: Program, settings: Settings) -> ResourceGraph:
        key = cache_key(program.hash, settings)
        started = time.perf_counter()
        graph = self.cache.get(key) if self.cache else None
        cached = graph is not None
        if graph is None:
            graph = self.inner(program, settings)
            if self.cache and graph.status != "harness_error":
                self.cache.put(key, graph)
        self.records.append(CaptureRecord(settings.name, key,
                                          0.0 if cached else time.perf_counter() - started,
                                          cached))
        return graph
