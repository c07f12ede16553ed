"""The journal: one line per finished program, written as results arrive.

Each line is flushed and fsynced after the program's graphs are on disk, so a run killed
at any moment (even `kill -9`) has a journal whose every complete line is true. A torn
last line is ignored on resume and that program simply runs again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from harness.graph import ResourceGraph
from harness.runs.cache import CaptureRecord
from harness.runs.folder import GRAPHS, JOURNAL


def graph_path(root: Path, program_hash: str, probe: str) -> Path:
    return root / GRAPHS / program_hash / f"{probe.replace(':', '-')}.json"


class Journal:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / JOURNAL

    def done(self) -> dict[str, dict[str, Any]]:
        """Finished programs: hash → entry. Lines that do not parse are ignored."""
        entries: dict[str, dict[str, Any]] = {}
        if not self.path.is_file():
            return entries
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
                entries[entry["program"]] = entry
            except (ValueError, KeyError, TypeError):
                continue
        return entries

    def record(self, program_hash: str, graphs: dict[str, ResourceGraph],
               records: list[CaptureRecord]) -> None:
        for probe, graph in graphs.items():
            target = graph_path(self.root, program_hash, probe)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(graph.to_json(indent=None), encoding="utf-8")
        line = json.dumps({"program": program_hash, "probes": sorted(graphs),
                           "records": [asdict(r) for r in records]}, sort_keys=True)
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())

    def load(self, entry: dict[str, Any]) -> tuple[dict[str, ResourceGraph], list[CaptureRecord]]:
        graphs = {probe: ResourceGraph.from_json(
            graph_path(self.root, entry["program"], probe).read_text(encoding="utf-8"))
            for probe in entry["probes"]}
        return graphs, [CaptureRecord(**r) for r in entry["records"]]
