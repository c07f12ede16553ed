"""Dataset rows: turn a plan and its captured graphs into the two tables' rows.

Scoring happens here, from graphs, so a rerun with changed checks re-scores without
running a program. Rows are plain dicts in the columns of `harness.runs.folder`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from harness.evaluate import ProgramResult, evaluate_pair
from harness.graph import ResourceGraph
from harness.runs.cache import CaptureRecord
from harness.runs.plan import AnswerKey, Plan
from scoring import CATEGORIES, score_program


@dataclass
class Evaluated:
    """A program's graphs and capture records, from this run or from the journal."""

    graphs: dict[str, ResourceGraph]
    records: list[CaptureRecord]


def build_rows(plan: Plan, done: dict[str, Evaluated]
               ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(findings rows, programs rows) for everything in the plan."""
    findings: list[dict[str, Any]] = []
    programs: list[dict[str, Any]] = []
    scored: dict[str, ProgramResult] = {}

    def result(program_hash: str, program: Any) -> ProgramResult:
        if program_hash not in scored:
            r = ProgramResult(program, done[program_hash].graphs)
            r.findings = score_program(r.context())
            scored[program_hash] = r
        return scored[program_hash]

    for task, ref in sorted(plan.references.items()):
        programs += _program_rows(task, "", 0, "reference", ref.hash, done[ref.hash], None)
    for key, answer in sorted(plan.answers.items()):
        task, model, sample = key
        ref_prog = plan.references[task]
        pair = evaluate_pair(result(answer.hash, answer), result(ref_prog.hash, ref_prog))
        f = pair.diff.figures
        figures = {"similarity": f.similarity, "type_f1": f.type_f1,
                   "matched_share": f.matched_share, "input_share": f.input_reproduction}
        programs += _program_rows(task, model, sample, "answer", answer.hash,
                                  done[answer.hash], figures)
        findings += _finding_rows(key, pair.model, pair.reference, pair.relative)
    for answer_key, error in plan.errors:
        task, model, sample = answer_key or (_task_of(error.file), "", 0)
        programs.append(_empty_program_row(task, model, sample,
                                           "answer" if answer_key else "case",
                                           "invalid_case", str(error)))
    return findings, programs


def _task_of(path: str) -> str:
    parts = path.replace("\\", "/").rstrip("/").split("/")
    return parts[-2] if parts[-1] in ("case.yaml", "IDEAL_RESPONSE.md") and len(parts) > 1 \
        else parts[-1]


def _finding_rows(key: AnswerKey, model: ProgramResult, reference: ProgramResult,
                  relative: list[Any]) -> list[dict[str, Any]]:
    task, model_name, sample = key
    ref_by = {f.category: f for f in reference.findings}
    rel_by = {f.category: f for f in relative}
    status = model.graph.status
    rows = []
    for f in model.findings:
        rows.append({
            "task": task, "model": model_name, "sample": sample, "category": f.category,
            "verdict": f.verdict, "reference_verdict": ref_by[f.category].verdict,
            "relative_verdict": rel_by[f.category].verdict,
            "evidence": json.dumps(f.to_dict()["evidence"], sort_keys=True, default=str),
            "check_version": f.version, "status": status,
            "harness_error": status == "harness_error" or f.verdict == "error",
        })
    assert [r["category"] for r in rows] == list(CATEGORIES)
    return rows


def _program_rows(task: str, model: str, sample: int, role: str, program_hash: str,
                  evaluated: Evaluated, figures: dict[str, float] | None
                  ) -> list[dict[str, Any]]:
    records = {r.probe: r for r in evaluated.records}
    rows = []
    for probe, graph in sorted(evaluated.graphs.items()):
        record = records.get(probe)
        error = graph.error
        row = {
            "task": task, "model": model, "sample": sample, "role": role,
            "program_hash": program_hash, "probe": probe, "status": graph.status,
            "error": f"{error.type}: {error.message}" if error else "",
            "error_location": str(error.location) if error and error.location else "",
            "duration_s": record.duration_s if record else 0.0,
            "cached": record.cached if record else True,
            "resources": len(graph.custom_resources()),
            "unanswered_invokes": sum(not i.answered for i in graph.invokes),
            "deprecations": sum("Deprecat" in w.category for w in graph.warnings),
            "similarity": None, "type_f1": None, "matched_share": None, "input_share": None,
        }
        if figures and probe == "baseline":
            row.update({k: figures.get(k) for k in
                        ("similarity", "type_f1", "matched_share", "input_share")})
        rows.append(row)
    return rows


def _empty_program_row(task: str, model: str, sample: int, role: str, status: str,
                       error: str) -> dict[str, Any]:
    return {"task": task, "model": model, "sample": sample, "role": role, "program_hash": "",
            "probe": "", "status": status, "error": error, "error_location": "",
            "duration_s": 0.0, "cached": False, "resources": 0, "unanswered_invokes": 0,
            "deprecations": 0, "similarity": None, "type_f1": None, "matched_share": None,
            "input_share": None}
