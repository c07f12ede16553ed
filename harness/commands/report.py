"""`iac-harness report RUN_DIR [RUN_DIR2] [-o report.html]`: a run as one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from harness.cli import UsageError
from harness.runs.folder import RunData, RunFolderError, load_run

DESCRIPTION = """\
Write one self-contained HTML file (no network needed to open it) with each run's
summary, charts of fail rates and statuses, a sortable table of tasks, and a section
per task with the twelve verdicts, their evidence and the graph diff against the
reference.

Given two run folders, the report also shows the gate's comparison, the first run as
the baseline and the second as the candidate (see `iac-harness gate --help`).
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "report", help="write a run (or two, compared) as one self-contained HTML file",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("runs", nargs="+", metavar="RUN_DIR",
                        help="a run folder; give two to compare them (baseline first)")
    parser.add_argument("-o", "--output", default="report.html", metavar="FILE",
                        help="where to write the report (default: report.html)")
    parser.add_argument("--model", metavar="NAME",
                        help="with two runs holding several models: the model to compare")
    parser.add_argument("--baseline-model", metavar="NAME",
                        help="the model of the first run to compare (overrides --model)")
    parser.add_argument("--candidate-model", metavar="NAME",
                        help="the model of the second run to compare (overrides --model)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from harness.report import build_report

    if len(args.runs) > 2:
        raise UsageError(f"{len(args.runs)} run folders given: a report shows one run, or "
                         "two to compare")
    runs = [_load(path) for path in args.runs]
    report = build_report(runs, baseline_model=args.baseline_model or args.model,
                          candidate_model=args.candidate_model or args.model)
    out = Path(args.output)
    try:
        out.write_text(report.html, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output {out}: cannot write ({exc.strerror or exc})") from exc
    for note in report.notes:
        print(f"warning: {note}", file=sys.stderr)
    print(f"report: {out} ({report.answers} answer programs, "
          f"{len(report.html.encode()) // 1024} KB)")
    return 0


def _load(path: str) -> RunData:
    try:
        return load_run(path)
    except RunFolderError as exc:
        raise UsageError(" ".join(str(exc).split())) from exc
