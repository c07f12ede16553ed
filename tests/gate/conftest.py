"""A 200-task baseline shared by the module's tests (writing it is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.runs.folder import RunData

from .factory import Verdicts, run_of, suite


@pytest.fixture(scope="module")
def verdicts() -> Verdicts:
    return suite(200, seed=1)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory, verdicts: Verdicts) -> RunData:
    return run_of(tmp_path_factory.mktemp("runs") / "baseline", verdicts)


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    return tmp_path
