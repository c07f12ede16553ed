"""Corpus report: capture both sides of every corpus task (baseline probe) and tabulate.

Writes `status.csv` (task, side, status, error, location, resources, unanswered
invokes, notes), and prints the status counts per side, the failure causes counted,
and the invokes that went unanswered. Skips with a clear message where the corpus is
not beside the project.

    python benchmarks/corpus_report.py [--out runs/corpus-report] [--workers 2] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.capture import Limits, Worker  # noqa: E402
from harness.cases import Case, find_cases  # noqa: E402
from harness.probes import capture_baseline, default_capture  # noqa: E402
from harness.program import Program, ProgramError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pulumi-py"


def sides(case: Case) -> list[tuple[str, Path]]:
    out = [("ideal", case.reference)]
    out += [("model", a.path) for a in case.answers]
    return out


def capture_side(case: Case, side: str, path: Path, worker: Worker,
                 limits: Limits) -> dict[str, Any]:
    row: dict[str, Any] = {"task": case.task, "side": side}
    try:
        program: Program = case.load(path)
    except ProgramError as exc:
        return {**row, "status": "invalid_case", "error": str(exc)}
    started = time.perf_counter()
    _, graph, _ = capture_baseline(program, default_capture(worker, limits))
    error = graph.error
    return {
        **row,
        "status": graph.status,
        "error": f"{error.type}: {error.message}" if error else "",
        "location": str(error.location) if error and error.location else "",
        "resources": len(graph.custom_resources()),
        "unanswered": ";".join(sorted({i.token for i in graph.invokes if not i.answered})),
        "seconds": round(time.perf_counter() - started, 3),
        "notes": "; ".join(program.notes),
    }


def cause(error: str) -> str:
    """Group messages by their shape: ids, names and numbers replaced."""
    text = re.sub(r"'[^']*'", "'…'", error)
    text = re.sub(r"\d+", "N", text)
    return text[:110]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "runs" / "corpus-report"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: the corpus is not at {CORPUS}")
        return
    cases, errors = find_cases([CORPUS])
    cases = cases[: args.limit] if args.limit else cases
    jobs = [(c, side, path) for c in cases for side, path in sides(c)]
    local = threading.local()
    workers: list[Worker] = []
    limits = Limits(timeout_s=args.timeout)

    def one(job: tuple[Case, str, Path]) -> dict[str, Any]:
        if not hasattr(local, "worker"):
            local.worker = Worker()
            workers.append(local.worker)
        return capture_side(*job, worker=local.worker, limits=limits)

    started = time.perf_counter()
    try:
        with ThreadPoolExecutor(args.workers) as pool:
            rows = list(pool.map(one, jobs))
    finally:
        for w in workers:
            w.close()
    elapsed = time.perf_counter() - started
    frame = pd.DataFrame(rows).sort_values(["task", "side"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    frame.to_csv(out / "status.csv", index=False)
    print(f"{len(cases)} tasks, {len(jobs)} programs in {elapsed:.0f} s; "
          f"case errors: {len(errors)}")
    print(pd.crosstab(frame["status"], frame["side"], margins=True).to_string())
    for side in ("ideal", "model"):
        part = frame[frame["side"] == side]
        ok = (part["status"] == "ok").mean() * 100 if len(part) else 0.0
        print(f"{side}: {ok:.0f}% ok")
    failures = frame[~frame["status"].isin(["ok"])]
    print("\nfailure causes (side, status, cause: count):")
    counts = Counter((r.side, r.status, cause(str(r.error))) for r in failures.itertuples())
    for (side, status, text), n in counts.most_common(40):
        print(f"  {n:3d}  {side:5} {status:15} {text}")
    unanswered = Counter(t for cell in frame["unanswered"].fillna("") for t in cell.split(";") if t)
    print("\nunanswered invokes (programs):")
    for token, n in unanswered.most_common():
        print(f"  {n:3d}  {token}")
    print(f"\ntable: {out / 'status.csv'}")


if __name__ == "__main__":
    main()
