"""Helpers every command shares: reading programs and flags into the API's types."""

from __future__ import annotations

import argparse
import sys

from harness.capture import Limits, capture, probe_settings
from harness.cli import UsageError
from harness.graph import ResourceGraph, Settings
from harness.probes import default_capture, fill_required
from harness.program import Program, load_program


def read_program(path: str, *, quiet: bool = False) -> Program:
    """Load a program and say in one line (on stderr) what was inferred."""
    program = load_program(path)
    if not quiet:
        print(program.describe(), file=sys.stderr)
    return program


def parse_config(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--config {pair!r}: expected KEY=VALUE, e.g. environment=prod")
        out[key.strip()] = value
    return out


def settings_from_args(program: Program, args: argparse.Namespace) -> Settings:
    return probe_settings(program, stack=args.stack, environment_suffix=args.environment_suffix,
                          config=parse_config(args.config))


def limits_from_args(args: argparse.Namespace) -> Limits:
    if args.timeout <= 0:
        raise UsageError(f"--timeout {args.timeout}: must be a positive number of seconds")
    return Limits(timeout_s=args.timeout)


def capture_filled(program: Program, settings: Settings, limits: Limits,
                   fill: bool = True) -> ResourceGraph:
    """A capture where required config keys the user left unset get a plausible value
    (noted on the graph), as in the baseline probe; `fill=False` shows the failure."""
    graph = capture(program, settings, limits=limits)
    if fill:
        graph, _ = fill_required(program, graph, default_capture(limits=limits), settings)
    return graph
