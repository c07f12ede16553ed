"""`iac-harness diff MODEL REFERENCE`: what differs between two programs' graphs."""

from __future__ import annotations

import argparse
import json
from typing import Any

from harness.commands import add_probe_options
from harness.commands.common import (
    capture_filled,
    limits_from_args,
    read_program,
    settings_from_args,
)
from harness.diff import diff, render_text


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "diff", help="match two programs' resources and show what differs",
        description="Capture both programs (baseline probe) and match the model's resources "
                    "to the reference's by type, name and inputs; print missing, extra and "
                    "changed resources with property paths and both values, structure "
                    "differences, and similarity figures (docs/diff.md). Required config "
                    "keys left unset get a plausible value, as in the baseline probe.",
    )
    parser.add_argument("model", metavar="MODEL")
    parser.add_argument("reference", metavar="REFERENCE")
    add_probe_options(parser)
    parser.add_argument("--json", action="store_true", help="print the diff as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    model = read_program(args.model)
    reference = read_program(args.reference)
    limits = limits_from_args(args)
    model_graph = capture_filled(model, settings_from_args(model, args), limits)
    ref_graph = capture_filled(reference, settings_from_args(reference, args), limits)
    result = diff(model_graph, ref_graph)
    if args.json:
        print(json.dumps({"model_status": model_graph.status,
                          "reference_status": ref_graph.status, **result.to_dict()},
                         indent=2, sort_keys=True, default=str))
    else:
        print(f"model: {model_graph.status}; reference: {ref_graph.status}")
        print(render_text(result))
    return 0
