"""The subcommands of `iac-harness`, one module each, registered in the order of `--help`."""

from __future__ import annotations

import argparse
from typing import Any


def register_all(sub: Any) -> None:
    """Add every subcommand to the parser's subparsers action."""
    import importlib

    for name in ("run", "capture", "diff", "score", "gate", "report"):
        try:
            module = importlib.import_module(f"harness.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"harness.commands.{name}":
                raise
            continue  # a subcommand not installed in this build
        module.register(sub)


def add_probe_options(parser: argparse.ArgumentParser) -> None:
    """The settings a capture runs under: shared by every command that runs programs."""
    parser.add_argument("--config", action="append", default=[], metavar="KEY=VALUE",
                        help="a config value (repeatable); keys without a namespace "
                             "belong to the project, e.g. environment=prod or aws:region=eu-west-1")
    parser.add_argument("--stack", default="dev", help="stack name (default: dev)")
    parser.add_argument("--env", dest="environment_suffix", default=None, metavar="SUFFIX",
                        help="environment suffix, also set as ENVIRONMENT_SUFFIX "
                             "(default: the stack name)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="wall-clock limit per program run (default: 60)")
