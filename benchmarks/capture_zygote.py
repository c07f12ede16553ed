"""Capture throughput: forking from a preloaded zygote against a fresh interpreter per run.

Both modes run the same programs in the same process, one after the other, and the
result is a ratio, so the machine's speed cancels out. Programs: our own references and
answers, plus the corpus's ideal answers when `../shared/corpus` is beside the project.

    python benchmarks/capture_zygote.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.capture import Limits, Worker, probe_settings  # noqa: E402
from harness.program import Program, ProgramError, load_program  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pulumi-py"
FRESH = (
    "import json, sys\n"
    "from harness.capture.zygote import run_one\n"
    "from harness.capture.sandbox import address_space_bytes\n"
    "req = json.loads(sys.stdin.read())\n"
    "print(json.dumps(run_one(req, address_space_bytes())['status']))\n"
)


def programs(limit: int) -> list[Program]:
    found: list[Program] = []
    ours = sorted((ROOT / "reference").glob("*")) + sorted((ROOT / "cases").glob("*/answers/*/*"))
    for path in ours:
        try:
            found.append(load_program(path))
        except ProgramError:
            continue
    if CORPUS.is_dir():
        for task in sorted(CORPUS.iterdir()):
            try:
                found.append(load_program(task / "IDEAL_RESPONSE.md"))
            except (ProgramError, OSError):
                continue
    return [p for p in found if p.runnable][:limit]


def request(program: Program) -> dict[str, object]:
    return {"files": dict(program.files), "entry": program.entry, "program_hash": program.hash,
            "settings": vars(probe_settings(program)), "limits": vars(Limits())}


def time_zygote(progs: list[Program]) -> tuple[list[float], float]:
    times = []
    with Worker() as worker:
        worker.start()
        for p in progs:
            started = time.perf_counter()
            worker.capture(p, probe_settings(p), Limits())
            times.append(time.perf_counter() - started)
        return times, worker.preload_s or 0.0


def time_fresh(progs: list[Program]) -> list[float]:
    times = []
    for p in progs:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", FRESH], input=json.dumps(request(p)), text=True,
                       capture_output=True, cwd=ROOT, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=40, help="programs to run (default 40)")
    args = parser.parse_args()
    progs = programs(args.limit)
    if not progs:
        sys.exit("no programs found to benchmark")
    zygote, preload_s = time_zygote(progs)
    fresh = time_fresh(progs)
    zm, fm = statistics.median(zygote), statistics.median(fresh)
    print(f"programs: {len(progs)}")
    print(f"zygote: preload {preload_s:.2f} s once, then median {zm:.3f} s per program")
    print(f"fresh interpreter: median {fm:.3f} s per program")
    zt, ft = len(progs) / (sum(zygote) + preload_s), len(progs) / sum(fresh)
    print(f"throughput: zygote {zt:.2f} program runs/s (preload included), "
          f"fresh interpreter {ft:.2f} program runs/s")
    print(f"speed-up (median): {fm / zm:.1f}x; total incl. preload: {zt / ft:.1f}x")


if __name__ == "__main__":
    main()
