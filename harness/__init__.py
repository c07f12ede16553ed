"""iac-harness: judge LLM-written Pulumi programs against reference programs, under mocks.

The public API, for notebooks and scripts; everything else is internal:

- `load_program(path)` → `Program` (a folder, a `.py` file or a markdown answer)
- `capture(program, settings=None)` → `ResourceGraph`
- `diff(model_graph, reference_graph)` → `GraphDiff`
- `score(model, reference)` → `PairResult` (twelve verdicts each, relative verdicts, diff)
- `run(cases, out, ...)` → `RunData`; `load_run(path)` → `RunData` (pandas DataFrames)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from harness.evaluate import PairResult

__all__ = ["capture", "diff", "load_program", "load_run", "run", "score"]


def __getattr__(name: str) -> Any:
    """Lazy re-exports: `import harness` stays cheap for the CLI and the zygote."""
    if name == "capture":
        from harness.capture import capture
        return capture
    if name == "diff":
        from harness.diff import diff
        return diff
    if name == "load_program":
        from harness.program import load_program
        return load_program
    if name == "run":
        from harness.runs.run import run
        return run
    if name == "load_run":
        from harness.runs.folder import load_run
        return load_run
    if name == "score":
        return score
    raise AttributeError(f"module 'harness' has no attribute {name!r}")


def score(model: Any, reference: Any, *, timeout_s: float = 60.0) -> PairResult:
    """Score `model` against `reference` (paths or `Program`s) under every probe."""
    from harness.capture import Limits
    from harness.evaluate import evaluate_pair, evaluate_program
    from harness.probes import default_capture
    from harness.program import load_program

    run_capture = default_capture(limits=Limits(timeout_s=timeout_s))
    progs = [load_program(p) if isinstance(p, str | Path) else p for p in (model, reference)]
    return evaluate_pair(evaluate_program(progs[0], run_capture),
                         evaluate_program(progs[1], run_capture))
