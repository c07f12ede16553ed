"""`iac-harness gate BASELINE_RUN CANDIDATE_RUN`: fail CI where a model update regressed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from harness.cli import UsageError
from harness.gate import GateInputError, GateResult, gate, render_junit, render_markdown
from harness.runs.folder import RunData, RunFolderError, load_run

DESCRIPTION = """\
Compare a candidate run with a baseline run, task by task, and decide per category
(and overall, and whether programs still run) whether the candidate regressed.

A category regresses where the drop in pass rate is significant after Holm's
correction (McNemar's exact test with one sample per task, else a paired bootstrap
over tasks) and at least --margin. Where it is not a regression but the interval
reaches below -margin (the suite is too small to tell), the gate warns (exit 0).
Harness errors and tasks in one run only are reported apart and never counted.
See docs/gate.md.

models: where each run holds one model, those two are compared (their names may
differ). A run holding several models needs a name: --model NAME for both runs, or
--baseline-model / --candidate-model (the two may be the same run folder).

exit codes: 0 pass (warnings included), 1 regression, 2 bad input (a run folder
missing, incomplete, or of an incompatible harness or check version; runs with no
task in common).
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "gate", help="compare a candidate run with a baseline run; exit 1 on a regression",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("baseline", metavar="BASELINE_RUN", help="the baseline's run folder")
    parser.add_argument("candidate", metavar="CANDIDATE_RUN", help="the candidate's run folder")
    parser.add_argument("--margin", type=float, default=0.02,
                        help="smallest drop in pass rate (a fraction) that fails the gate "
                             "(default: 0.02, two points)")
    parser.add_argument("--alpha", type=float, default=0.05,
                        help="significance level after Holm's correction; intervals are "
                             "at 1 - alpha (default: 0.05)")
    parser.add_argument("--categories", nargs="+", metavar="SLUG",
                        help="only these categories: slugs separated by spaces or commas, "
                             "after the run folders (default: all in the runs)")
    parser.add_argument("--model", metavar="NAME", help="the model to compare in both runs")
    parser.add_argument("--baseline-model", metavar="NAME",
                        help="the model in BASELINE_RUN (overrides --model)")
    parser.add_argument("--candidate-model", metavar="NAME",
                        help="the model in CANDIDATE_RUN (overrides --model)")
    parser.add_argument("--markdown", metavar="FILE",
                        help="write the markdown summary here instead of to stdout")
    parser.add_argument("--junit", metavar="FILE", help="also write JUnit XML here")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    baseline, candidate = _load(args.baseline), _load(args.candidate)
    try:
        result = gate(baseline, candidate, margin=args.margin, alpha=args.alpha,
                      categories=_categories(args.categories),
                      baseline_model=args.baseline_model or args.model,
                      candidate_model=args.candidate_model or args.model)
    except GateInputError as exc:
        raise UsageError(_one_line(str(exc))) from exc
    markdown = render_markdown(result)
    if args.markdown:
        _write(args.markdown, markdown, "--markdown")
        print(_headline(result))
    else:
        print(markdown, end="")
    if args.junit:
        _write(args.junit, render_junit(result), "--junit")
    return result.exit_code


def _load(path: str) -> RunData:
    try:
        return load_run(path)
    except RunFolderError as exc:
        raise UsageError(_one_line(str(exc))) from exc


def _categories(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [slug for value in values for slug in value.replace(",", " ").split()]


def _write(path: str, text: str, flag: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{flag} {path}: cannot write ({exc.strerror or exc})") from exc


def _headline(result: GateResult) -> str:
    names = ", ".join(r.name for r in result.regressions or result.warnings)
    detail = f" ({'regression' if result.regressions else 'warning'}: {names})" if names else ""
    return f"gate: {result.verdict}{detail}; exit {result.exit_code}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
