"""Fixtures for the check tests: a small program in, the `CheckContext` a check reads out.

Programs are written in the tests and captured for real by the session `worker`, so a
check is tested against what the monitor actually records, not a hand-made graph.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from harness.capture import Worker, capture
from harness.probes import default_capture, run_probes
from harness.program import Program, load_program
from scoring.api import CheckContext

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "reference" / "seed_multiregion"
FLAWED_ANSWER = ROOT / "cases" / "seed_multiregion" / "answers" / "flawed-model" / "1.md"

Source = str | Mapping[str, str] | Program
ContextOf = Callable[..., CheckContext]


def as_program(source: Source) -> Program:
    """A program from one `__main__.py` source, a files mapping, or a `Program` as is."""
    if isinstance(source, Program):
        return source
    if isinstance(source, str):
        return Program(files={"__main__.py": textwrap.dedent(source)}, entry="__main__.py",
                       origin="test")
    files = {path: textwrap.dedent(text) for path, text in source.items()}
    return Program(files=files, entry="__main__.py", origin="test")


@pytest.fixture
def context_of(worker: Worker) -> ContextOf:
    """`context_of(source)` captures the baseline only (fast); `probes=` runs the probes.

    `probes=None` means the baseline alone; a set names the probes to run besides
    `empty_config` and `baseline` (which `run_probes` always runs).
    """

    def make(source: Source, probes: set[str] | None = None) -> CheckContext:
        program = as_program(source)
        if probes is None:
            graphs = {"baseline": capture(program, worker=worker)}
        else:
            graphs = run_probes(program, default_capture(worker), probes)
        return CheckContext(graphs=graphs, files=program.files)

    return make


@pytest.fixture(scope="session")
def probed(worker: Worker) -> Callable[[Program], CheckContext]:
    """`probed(program)`: every probe but `bad_args`, captured once per program a session."""
    cache: dict[str, CheckContext] = {}

    def make(program: Program) -> CheckContext:
        if program.hash not in cache:
            graphs = run_probes(program, default_capture(worker), {"second_env", "sentinel"})
            cache[program.hash] = CheckContext(graphs=graphs, files=program.files)
        return cache[program.hash]

    return make


@pytest.fixture(scope="session")
def reference() -> Program:
    if not (REFERENCE / "__main__.py").is_file():
        pytest.skip(f"the reference program is not at {REFERENCE}")
    return load_program(REFERENCE)


@pytest.fixture(scope="session")
def flawed_answer() -> Program:
    if not FLAWED_ANSWER.is_file():
        pytest.skip(f"the flawed answer is not at {FLAWED_ANSWER}")
    return load_program(FLAWED_ANSWER)
