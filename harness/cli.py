"""`iac-harness`: the command line. Each subcommand is a thin layer over the public API.

Exit codes: 0 when the command did its job (a program that fails is a result, not an
error), 2 for bad input (a path, a flag), 1 where a subcommand says so (the gate).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from harness.program import ProgramError

EPILOG = """\
PATH arguments accept a program folder (entry point from Pulumi.yaml 'main', else
__main__.py, else tap.py), a single .py file, or an LLM answer in markdown (.md).

examples:
  iac-harness capture reference/seed_multiregion
  iac-harness capture answer.md --config environment=prod --json
"""


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iac-harness",
        description="Judge LLM-written Pulumi (Python, AWS) programs against reference "
                    "programs, under mocks: no cloud, no Pulumi CLI, no credentials.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    from harness.commands import register_all

    register_all(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (UsageError, ProgramError) as exc:
        print(f"iac-harness {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
