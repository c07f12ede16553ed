"""The report's content: sections, charts, the gate's comparison, and the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from harness.cli import main
from harness.gate import gate
from harness.report import answer_diff, answers, build_report, fail_cells, sources
from harness.runs.folder import MANIFEST, RunData
from harness.runs.summary import fail_rates
from scoring import CATEGORIES

CHART_IDS = ("chart-heatmap", "chart-heatmap-relative", "chart-status", "chart-scatter")


def test_one_run_has_summary_charts_table_and_a_section_per_answer(run_a: RunData) -> None:
    html = build_report([run_a]).html
    for chart in CHART_IDS:
        assert f'<svg id="{chart}"' in html
    assert '<table id="task-table" class="sortable">' in html
    table = answers(sources([run_a])[0])
    assert sorted(table["task"]) == ["alpha", "beta"]
    for anchor in table["anchor"]:
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    section = html[html.index(f'id="{table["anchor"][0]}"'):]
    for category in CATEGORIES:
        assert f"<td>{category}</td>" in section
    # model-a leaves its key without a policy: the evidence says so, with the source line.
    assert "kms_key_policy" in section and "__main__.py:" in section
    assert "Graph diff against the reference" in section
    assert "unreadable case broken" in html  # kept apart, not a model failure


def test_the_page_asks_for_nothing_outside_the_file(run_a: RunData) -> None:
    html = build_report([run_a]).html
    assert 'http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
    urls = set(re.findall(r"(?:src|href)=\"([^\"#][^\"]*)\"", html))
    assert urls == set(), urls
    assert set(re.findall(r"https?://[^\s\"'<]+", html)) <= {"http://www.w3.org/2000/svg"}


def test_heatmap_cells_are_the_summary_fail_rates(run_a: RunData, run_b: RunData) -> None:
    for run in (run_a, run_b):
        rows, columns, cells = fail_cells(sources([run]))
        rates = fail_rates(run.findings)
        assert rows == [c for c in CATEGORIES if c in set(run.findings["category"])]
        for (category, model), cell in cells.items():
            assert cell.rate == pytest.approx(rates.loc[category, model], abs=5e-4)
        judged = {(c, m) for c in rates.index for m in rates.columns
                  if pd.notna(rates.loc[c, m])}
        assert judged == set(cells)


def test_answer_diff_matches_the_similarity_in_the_dataset(run_a: RunData) -> None:
    p = run_a.programs
    row = p[(p.role == "answer") & (p.probe == "baseline") & (p.task == "alpha")].iloc[0]
    d = answer_diff(run_a, "alpha", "model-a", 1)
    assert d is not None
    assert d.figures.similarity == pytest.approx(row.similarity)
    assert answer_diff(run_a, "alpha", "no-such-model", 1) is None


def test_two_runs_show_the_gates_comparison(run_a: RunData, run_b: RunData) -> None:
    report = build_report([run_a, run_b])
    result = gate(run_a, run_b)
    assert report.notes == []
    html = report.html
    assert '<table id="gate-table">' in html
    assert f"Gate: <b>{result.verdict}</b> (exit {result.exit_code})" in html
    for row in result.rows:
        assert f'class="verdict-{row.verdict}">{row.verdict}</td>' in html
    assert "baseline · model-a" in html and "candidate · model-b" in html
    assert html.index('id="comparison"') < html.index('id="summary"')


def test_a_comparison_the_gate_refuses_is_a_note(run_a: RunData, run_b: RunData) -> None:
    report = build_report([run_a, run_b], baseline_model="nobody")
    assert len(report.notes) == 1 and "no comparison" in report.notes[0]
    assert "No comparison:" in report.html and "gate-table" not in report.html


def test_command_writes_the_file(run_a: RunData, run_b: RunData, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(run_a.path), str(run_b.path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"report: {out} (4 answer programs" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["missing", "incomplete", "not_a_run", "three"])
def test_command_bad_input_is_one_line_and_exit_2(case: str, run_a: RunData, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "run"
    argv = ["report", str(target), "-o", str(tmp_path / "r.html")]
    if case == "incomplete":
        target.mkdir()
        manifest = json.loads((run_a.path / MANIFEST).read_text())
        (target / MANIFEST).write_text(json.dumps({**manifest, "complete": False}))
    elif case == "not_a_run":
        target.mkdir()
    elif case == "three":
        argv = ["report", *(str(run_a.path),) * 3]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("iac-harness report: error: ") and err.count("\n") == 1
    expected = {"missing": "no such run folder", "incomplete": "the run is incomplete",
                "not_a_run": "not a run folder", "three": "3 run folders given"}[case]
    assert expected in err
    assert not (tmp_path / "r.html").exists()


def test_command_cannot_write_output(run_a: RunData, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-dir" / "r.html"
    assert main(["report", str(run_a.path), "-o", str(out)]) == 2
    assert "--output" in capsys.readouterr().err
