"""The pull-request comment and the JUnit XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from harness.gate import GateResult, gate, render_junit, render_markdown
from harness.runs.folder import RunData

from .factory import Verdicts, break_category, run_of, task


def _regressed(baseline: RunData, verdicts: Verdicts, runs: Path) -> GateResult:
    broken = break_category(verdicts, "kms_key_policy", share=0.85, seed=2)
    return gate(baseline, run_of(runs / "cand", broken, model="model-b"))


def test_junit_has_a_failure_for_the_regressed_category(baseline: RunData, verdicts: Verdicts,
                                                        runs: Path) -> None:
    result = _regressed(baseline, verdicts, runs)
    root = ET.fromstring(render_junit(result))
    suite = root.find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {r.name for r in result.rows}
    failed = {name for name, c in cases.items() if c.find("failure") is not None}
    assert failed == {r.name for r in result.regressions} >= {"kms_key_policy"}
    failure = cases["kms_key_policy"].find("failure")
    assert failure is not None and "-> " in (failure.get("message") or "")
    assert failure.text is not None and "worse: `task-" in failure.text
    assert suite.get("failures") == str(len(failed))


def test_markdown_lists_the_flipped_tasks(baseline: RunData, verdicts: Verdicts,
                                          runs: Path) -> None:
    result = _regressed(baseline, verdicts, runs)
    text = render_markdown(result)
    assert text.startswith("## iac-harness gate: regression in `kms_key_policy`")
    line = next(x for x in text.splitlines() if x.startswith("| `kms_key_policy`"))
    assert "**regression**" in line and "<0.0001" in line
    kms = result.row("kms_key_policy")
    assert f"`{kms.worse[0].task}` (pass → fail)" in text
    assert f"and {len(kms.worse) - 50} more" in text


def test_markdown_reports_what_was_set_apart(verdicts: Verdicts, runs: Path) -> None:
    base = {k: v for k, v in verdicts.items() if k[0] != task(7)}
    cand = run_of(runs / "c", verdicts, errors=[(task(3), 1, "static_names")])
    text = render_markdown(gate(run_of(runs / "b", base), cand))
    assert "### Set apart" in text
    assert "harness errors: 1 verdicts (baseline 0, candidate 1)" in text
    assert "tasks only in the candidate (1): `task-007`" in text


def test_identical_runs_render_a_short_pass(baseline: RunData) -> None:
    result = gate(baseline, baseline)
    text = render_markdown(result)
    assert text.startswith("## iac-harness gate: pass (exit 0)")
    assert "### Flipped tasks" not in text and "### Set apart" not in text
    root = ET.fromstring(render_junit(result))
    assert root.get("failures") == "0"


def test_nothing_compared_says_so(verdicts: Verdicts, runs: Path) -> None:
    broken = {(task(t), 1): "harness_error" for t in range(200)}
    result = gate(run_of(runs / "b", verdicts), run_of(runs / "c", verdicts, statuses=broken))
    assert result.exit_code == 0
    assert {r.verdict for r in result.rows} == {"no_data"}
    assert "nothing compared" in render_markdown(result).splitlines()[0]
    assert ET.fromstring(render_junit(result)).find("testsuite/testcase/skipped") is not None
