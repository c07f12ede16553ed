"""`iac-harness capture PATH`: run one program under the mocks and show its graph."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from harness.commands import add_probe_options
from harness.commands.common import (
    capture_filled,
    limits_from_args,
    read_program,
    settings_from_args,
)
from harness.graph import STACK_TYPE, Resource, ResourceGraph


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "capture", help="run one program under the mocks and show its resource graph",
        description="Run one program under the mocks and print a summary of what it "
                    "registered: status, resources by type, the parent tree with providers "
                    "and dependencies, warnings. A program that fails is a result (exit 0).",
    )
    parser.add_argument("path", metavar="PATH", help="program folder, .py file or .md answer")
    add_probe_options(parser)
    parser.add_argument("--json", action="store_true", help="print the graph as JSON")
    parser.add_argument("--no-fill", action="store_true",
                        help="do not fill required config keys the program finds unset "
                             "(by default they get a plausible value, as in the baseline probe, "
                             "and the graph notes which)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    program = read_program(args.path)
    graph = capture_filled(program, settings_from_args(program, args), limits_from_args(args),
                           fill=not args.no_fill)
    print(graph.to_json() if args.json else summary(graph))
    return 0


def summary(graph: ResourceGraph) -> str:
    """A readable account of one capture: status first, then what was registered."""
    lines = [f"status: {graph.status}"]
    if graph.error:
        lines.append(f"error:  {graph.error}")
    lines.extend(f"note:   {note}" for note in graph.notes)
    custom = graph.custom_resources()
    lines.append(f"resources: {len(custom)} custom, {len(graph.components())} components, "
                 f"{len(graph.providers())} providers; {len(graph.invokes)} invokes "
                 f"({sum(not i.answered for i in graph.invokes)} unanswered)")
    for type_, n in sorted(Counter(r.type for r in custom).items()):
        lines.append(f"  {n:4d}  {type_}")
    if graph.resources:
        lines.append("tree (parent → children; [provider] {dependencies}):")
        lines.extend(_tree(graph))
    if graph.outputs:
        lines.append("outputs: " + ", ".join(sorted(graph.outputs)))
    unanswered = sorted({i.token for i in graph.invokes if not i.answered})
    if unanswered:
        lines.append("unanswered invokes: " + ", ".join(unanswered))
    for w in graph.warnings:
        where = f" ({w.source})" if w.source else ""
        lines.append(f"warning: {w.category}: {w.message.splitlines()[0][:160]}{where}")
    return "\n".join(lines)


def _tree(graph: ResourceGraph) -> list[str]:
    children: dict[str | None, list[Resource]] = {}
    for r in graph.resources.values():
        parent = r.parent if r.parent in graph.resources else None
        children.setdefault(parent, []).append(r)
    names = {r.urn: r.name for r in graph.resources.values()}
    out: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for r in sorted(children.get(parent, []), key=lambda x: (x.type, x.name)):
            label = "" if r.type == STACK_TYPE else r.type
            extra = f" [{names.get(r.provider, r.provider)}]" if r.provider else ""
            deps = [names.get(d, d) for d in r.dependencies]
            extra += f" {{{', '.join(deps)}}}" if deps else ""
            out.append(f"{'  ' * (depth + 1)}{r.name} {label}{extra}".rstrip())
            walk(r.urn, depth + 1)

    walk(None, 0)
    return out
