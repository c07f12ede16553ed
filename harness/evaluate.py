"""One case, end to end: capture both programs under every probe, diff, score.

This is the unit of work of a run and the body of `iac-harness score`. It returns plain
data (`PairResult.to_dict()` is the `--json` shape documented in the README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from harness.diff import GraphDiff, diff
from harness.graph import ResourceGraph
from harness.probes import Capture, run_probes
from harness.program import Program
from scoring import CheckContext, Finding, relative, score_program


@dataclass
class ProgramResult:
    """One program's probes and its twelve absolute findings."""

    program: Program
    graphs: dict[str, ResourceGraph]
    findings: list[Finding] = field(default_factory=list)

    @property
    def graph(self) -> ResourceGraph:
        return self.graphs["baseline"]

    def context(self) -> CheckContext:
        return CheckContext(graphs=self.graphs, files=self.program.files)

    def to_dict(self) -> dict[str, Any]:
        g = self.graph
        return {
            "status": g.status,
            "error": str(g.error) if g.error else None,
            "program_hash": self.program.hash,
            "probes": {name: graph.status for name, graph in sorted(self.graphs.items())},
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass
class PairResult:
    model: ProgramResult
    reference: ProgramResult
    relative: list[Finding]
    diff: GraphDiff

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model.to_dict(),
            "reference": self.reference.to_dict(),
            "relative": [{"category": f.category, "verdict": f.verdict,
                          "evidence": f.to_dict()["evidence"]} for f in self.relative],
            "diff": self.diff.to_dict(),
        }


def evaluate_program(program: Program, run: Capture) -> ProgramResult:
    """Capture every probe of one program and score it on its own."""
    result = ProgramResult(program, run_probes(program, run))
    result.findings = score_program(result.context())
    return result


def evaluate_pair(model: ProgramResult, reference: ProgramResult) -> PairResult:
    """Diff two scored programs and derive the relative verdicts."""
    graph_diff = diff(model.graph, reference.graph)
    ctx = model.context()
    ctx.reference = reference.context()
    ctx.matches = graph_diff.matched_pairs()
    return PairResult(model, reference, relative(ctx, model.findings, reference.findings),
                      graph_diff)
