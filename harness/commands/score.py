"""`iac-harness score MODEL REFERENCE`: the twelve verdicts, with evidence."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from harness.capture import Limits
from harness.commands.common import read_program
from harness.probes import default_capture

if TYPE_CHECKING:
    from harness.evaluate import PairResult
    from scoring import Finding

MARK = {"pass": "pass", "fail": "FAIL", "not_applicable": "n/a", "error": "ERROR"}


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "score", help="score a model's program against a reference on the twelve categories",
        description="Run both programs under every probe, score each on the twelve "
                    "categories (absolute verdicts) and the model against the reference "
                    "(relative verdicts), with evidence. --json prints the stable object "
                    "documented in the README.",
    )
    parser.add_argument("model", metavar="MODEL")
    parser.add_argument("reference", metavar="REFERENCE")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="wall-clock limit per program run (default: 60)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from harness.evaluate import evaluate_pair, evaluate_program

    run_capture = default_capture(limits=Limits(timeout_s=args.timeout))
    model = evaluate_program(read_program(args.model), run_capture)
    reference = evaluate_program(read_program(args.reference), run_capture)
    pair = evaluate_pair(model, reference)
    print(json.dumps(pair.to_dict(), indent=2, sort_keys=True, default=str) if args.json
          else render(pair))
    return 0


def render(pair: PairResult) -> str:
    lines = [f"model: {pair.model.graph.status}   reference: {pair.reference.graph.status}   "
             f"similarity: {pair.diff.similarity:.2f}", ""]
    ref_by = {f.category: f for f in pair.reference.findings}
    rel_by = {f.category: f for f in pair.relative}
    lines.append(f"{'category':22} {'model':6} {'ref':6} {'relative':8}")
    for f in pair.model.findings:
        lines.append(f"{f.category:22} {MARK[f.verdict]:6} {MARK[ref_by[f.category].verdict]:6} "
                     f"{MARK[rel_by[f.category].verdict]:8}")
    for f in pair.model.findings:
        if f.verdict in ("fail", "error"):
            lines += ["", f"{f.category}: {MARK[f.verdict]}"] + _evidence(f)
    return "\n".join(lines)


def _evidence(f: Finding, limit: int = 8) -> list[str]:
    out = []
    for e in f.evidence[:limit]:
        where = e.source or (e.urn.split("::")[-1] if e.urn else "")
        what = f" {e.path} = {json.dumps(e.value, default=str)[:80]}" if e.path else ""
        out.append(f"  - {e.note}{what}" + (f"  [{where}]" if where else ""))
    if len(f.evidence) > limit:
        out.append(f"  … and {len(f.evidence) - limit} more")
    return out
