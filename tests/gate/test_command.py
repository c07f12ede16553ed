"""`iac-harness gate` end to end: exit codes, one-line errors, output files."""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import harness.commands
from harness.cli import main
from harness.commands import gate as gate_command
from harness.runs.folder import MANIFEST

from .factory import Verdicts, break_category, rows, write_run


@pytest.fixture(autouse=True)
def gate_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(harness.commands, "register_all", gate_command.register)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["gate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folders(tmp_path: Path, verdicts: Verdicts) -> tuple[Path, Path, Path]:
    base = write_run(tmp_path / "base", rows(verdicts))
    same = write_run(tmp_path / "same", rows(verdicts, model="model-b"))
    broken = break_category(verdicts, "deletion_protection", share=0.85, seed=2)
    worse = write_run(tmp_path / "worse", rows(broken, model="model-b"))
    return base, same, worse


def test_pass_prints_markdown(capsys: pytest.CaptureFixture[str],
                              folders: tuple[Path, Path, Path]) -> None:
    base, same, _ = folders
    code, out, _ = run(capsys, str(base), str(same))
    assert code == 0 and out.startswith("## iac-harness gate: pass")


def test_regression_writes_files(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 folders: tuple[Path, Path, Path]) -> None:
    base, _, worse = folders
    md, xml = tmp_path / "gate.md", tmp_path / "gate.xml"
    code, out, _ = run(capsys, str(base), str(worse), "--markdown", str(md), "--junit", str(xml),
                       "--margin", "0.05", "--categories", "deletion_protection,architecture")
    assert code == 1
    assert out.strip() == "gate: regression (regression: deletion_protection, overall); exit 1"
    assert "| `deletion_protection` |" in md.read_text()
    failures = [c.get("name") for c in ET.parse(xml).iter("testcase")
                if c.find("failure") is not None]
    assert "deletion_protection" in failures and "architecture" not in failures


def _incomplete(path: Path) -> None:
    text = (path / MANIFEST).read_text().replace('"complete": true', '"complete": false')
    (path / MANIFEST).write_text(text)


def _schema_2(path: Path) -> None:
    text = (path / MANIFEST).read_text().replace('"schema": 1', '"schema": 2')
    (path / MANIFEST).write_text(text)


def _old_harness(path: Path) -> None:
    text = (path / MANIFEST).read_text().replace('"0.1.0"', '"0.0.9"')
    (path / MANIFEST).write_text(text)


def _no_findings(path: Path) -> None:
    (path / "findings.parquet").unlink()


@pytest.mark.parametrize(("spoil", "reason"), [
    (None, "no such run folder"),
    (_incomplete, "the run is incomplete"),
    (_schema_2, "dataset schema 2 is not supported"),
    (_old_harness, "harness versions 0.1.0"),
    (_no_findings, "findings.parquet: missing"),
])
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         folders: tuple[Path, Path, Path], spoil: Any,
                                         reason: str) -> None:
    base, same, _ = folders
    candidate = tmp_path / "missing" if spoil is None else same
    if spoil is not None:
        spoil(same)
    code, out, err = run(capsys, str(base), str(candidate))
    assert code == 2 and out == ""
    assert err.startswith("iac-harness gate: error: ") and reason in err
    assert err.count("\n") == 1


def test_unknown_category_exits_2(capsys: pytest.CaptureFixture[str],
                                  folders: tuple[Path, Path, Path]) -> None:
    base, same, _ = folders
    code, _, err = run(capsys, str(base), str(same), "--categories", "nope")
    assert code == 2 and "unknown category 'nope'" in err


def test_register_on_a_bare_parser(capsys: pytest.CaptureFixture[str],
                                   folders: tuple[Path, Path, Path]) -> None:
    base, same, _ = folders
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    gate_command.register(sub)
    args = parser.parse_args(["gate", str(base), str(same), "--model", "model-a",
                              "--candidate-model", "model-b"])
    assert args.handler(args) == 0
    assert "`model-a`" in capsys.readouterr().out
