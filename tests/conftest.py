"""Fixtures shared by the whole suite: one capture worker, paths to our own cases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.capture import Worker

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pulumi-py"


@pytest.fixture(scope="session")
def worker() -> Iterator[Worker]:
    """One zygote for the session: it imports Pulumi once, as a real run's workers do."""
    with Worker() as w:
        w.start()
        yield w


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS} (it lives in ../shared beside the project)")
    return CORPUS
