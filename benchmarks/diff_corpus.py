"""Diff every answer against its reference where both ran `ok`, from a run folder.

Reports how many pairs were diffed, any that raised, and the time per pair. Build the
run first, e.g. `iac-harness run ../shared/corpus/pulumi-py --out runs/corpus`.

    python benchmarks/diff_corpus.py runs/corpus
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.diff import diff  # noqa: E402
from harness.graph import ResourceGraph  # noqa: E402
from harness.runs.folder import RunFolderError, load_run  # noqa: E402
from harness.runs.journal import graph_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir")
    args = parser.parse_args()
    try:
        data = load_run(args.run_dir)
    except RunFolderError as exc:
        sys.exit(f"skipped: {exc}")
    base = data.programs[data.programs["probe"] == "baseline"]
    refs = base[base["role"] == "reference"].set_index("task")
    answers = base[(base["role"] == "answer") & (base["status"] == "ok")]
    times: list[float] = []
    failures: list[str] = []
    for row in answers.itertuples():
        if row.task not in refs.index or refs.loc[row.task, "status"] != "ok":
            continue
        model = _graph(data.path, row.program_hash)
        reference = _graph(data.path, refs.loc[row.task, "program_hash"])
        started = time.perf_counter()
        try:
            result = diff(model, reference)
            result.to_dict()
        except Exception:  # noqa: BLE001 - a benchmark reports, it does not stop
            failures.append(f"{row.task} {row.model}: {traceback.format_exc(limit=1)}")
            continue
        times.append(time.perf_counter() - started)
    print(f"pairs diffed: {len(times)}; raised: {len(failures)}")
    if times:
        print(f"time per pair: median {statistics.median(times) * 1000:.1f} ms, "
              f"mean {statistics.mean(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms, "
              f"total {sum(times):.2f} s")
    for failure in failures:
        print(failure)


def _graph(root: Path, program_hash: str) -> ResourceGraph:
    return ResourceGraph.from_json(graph_path(root, program_hash, "baseline").read_text())


if __name__ == "__main__":
    main()
