"""`iac-harness run CASES… --out RUN_DIR`: the main job, cases into a dataset."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from harness.cli import UsageError


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "run", help="evaluate cases (tasks × models × samples) into a run folder",
        description="Capture every program of every case under every probe, diff each "
                    "answer against its reference, score the twelve categories, and write "
                    "the run folder (manifest, journal, findings.parquet, programs.parquet, "
                    "graphs). A folder that holds an interrupted run of the same cases is "
                    "resumed. CASES are case folders (with case.yaml), corpus task folders, "
                    "or folders of either.",
        epilog="examples:\n  iac-harness run cases --out runs/builtin\n"
               "  iac-harness run ../shared/corpus/pulumi-py --out runs/corpus --workers 2\n"
               "  iac-harness run cases --out runs/x --scheduler tcp://127.0.0.1:8786",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("cases", nargs="+", metavar="CASES")
    parser.add_argument("--out", required=True, metavar="RUN_DIR", help="the run folder")
    parser.add_argument("--workers", type=int, default=None,
                        help="parallel zygote workers (default: the number of CPUs)")
    parser.add_argument("--models", nargs="+", default=None, metavar="MODEL",
                        help="only these models' answers")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="run on an existing Dask cluster instead of locally")
    parser.add_argument("--cache", default=None, metavar="DIR",
                        help="capture cache (default: ~/.cache/iac-harness; '' for none)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="wall-clock limit per program run (default: 60)")
    parser.add_argument("--reference-as", default=None, metavar="MODEL",
                        help="also score each case's reference as an answer of MODEL "
                             "(e.g. to gate a model against the ideal answers)")
    parser.add_argument("--quiet", action="store_true", help="no progress line, no summary")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from harness.runs.run import run as run_cases
    from harness.runs.summary import summary_text

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers {args.workers}: must be at least 1")
    if args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout}: must be a positive number of seconds")
    data = run_cases(args.cases, args.out, workers=args.workers, models=args.models,
                     scheduler=args.scheduler, cache_dir=args.cache, timeout_s=args.timeout,
                     reference_as=args.reference_as,
                     say=lambda m: print(m, file=sys.stderr), progress=not args.quiet)
    if data.programs.empty:
        raise UsageError(f"no cases found under {' '.join(args.cases)}")
    if not args.quiet:
        print(summary_text(data.findings, data.programs))
        print(f"\nrun folder: {args.out}")
    return 0
