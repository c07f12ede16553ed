"""The command line: bad input is one line and exit 2; a failing program is a result."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "capture", str(tmp_path / "nope"))
    assert code == 2
    assert err.strip().count("\n") == 0 and "nope: no such file or folder" in err


def test_folder_without_program(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text("hi")
    code, _, err = run(capsys, "capture", str(tmp_path))
    assert code == 2 and "holds no Python program" in err


def test_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "prog.py"
    bad.write_bytes(b"\xff\xfe\x00 not utf-8 \x80")
    code, _, err = run(capsys, "capture", str(bad))
    assert code == 2 and "prog.py: not UTF-8 text" in err


def test_malformed_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prog = tmp_path / "p.py"
    prog.write_text("import pulumi\n")
    code, _, err = run(capsys, "capture", str(prog), "--config", "novalue")
    assert code == 2 and "--config 'novalue': expected KEY=VALUE" in err


def test_failing_program_is_a_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    prog = tmp_path / "p.py"
    prog.write_text("import pulumi\nraise RuntimeError('model bug')\n")
    code, out, err = run(capsys, "capture", str(prog))
    assert code == 0
    assert "status: runtime_error" in out and "p.py:2" in out
    assert "entry point p.py" in err


def test_markdown_answer_with_a_stray_byte_is_read(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    answer = tmp_path / "answer.md"
    answer.write_bytes(b"Sizes t3.micro \x92 t3.small.\n\n## File: __main__.py\n\n```python\n"
                       b"import pulumi\nimport pulumi_aws as aws\naws.s3.Bucket('b')\n```\n")
    code, out, err = run(capsys, "capture", str(answer))
    assert code == 0 and "status: ok" in out
    assert "replaced 1 byte(s) that are not UTF-8" in err
