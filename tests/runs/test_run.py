"""`run`: the dataset a user gets, the cache, a malformed case, resume after kill -9, Dask."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from harness.cli import main
from harness.runs.folder import JOURNAL, load_run
from harness.runs.run import run
from scoring import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
VOLATILE = ["duration_s", "cached"]


def stable(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[c for c in VOLATILE if c in frame.columns])


def test_dataset_rows_and_malformed_case(case_set: Path, tmp_path: Path) -> None:
    data = run([case_set], tmp_path / "run", workers=2, cache_dir="")
    f = data.findings
    # 7 answers × 12 categories; the broken case is a row of its own, not a finding.
    assert len(f) == 7 * len(CATEGORIES)
    assert set(f["model"]) == {"model-a", "model-b"}
    row = f[(f.task == "alpha") & (f.model == "model-a") & (f["sample"] == 1)
            & (f.category == "kms_key_policy")].iloc[0]
    assert (row.verdict, row.reference_verdict, row.relative_verdict) == ("fail", "pass", "fail")
    assert "policy" in row.evidence
    bad = data.programs[data.programs.status == "invalid_case"]
    assert len(bad) == 1 and "case.yaml: task: missing" in bad.iloc[0].error
    assert data.manifest["complete"] and data.manifest["checks"]["kms_key_policy"] >= 1


def test_second_run_reuses_the_cache_and_gives_the_same_dataset(case_set: Path,
                                                               tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = run([case_set], tmp_path / "one", workers=2, cache_dir=cache)
    second = run([case_set], tmp_path / "two", workers=2, cache_dir=cache)
    assert not first.programs.query("role != 'case'")["cached"].all()
    assert second.programs.query("role != 'case'")["cached"].all()
    pd.testing.assert_frame_equal(first.findings, second.findings)
    pd.testing.assert_frame_equal(stable(first.programs), stable(second.programs))


def test_kill_9_then_resume_equals_an_uninterrupted_run(case_set: Path, tmp_path: Path) -> None:
    clean = run([case_set], tmp_path / "clean", workers=1, cache_dir="")
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "harness.cli", "run", str(case_set), "--out", str(out),
           "--workers", "1", "--cache", "", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / JOURNAL
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and len(journal.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with pytest.raises(ValueError, match="incomplete"):
        load_run(out)
    resumed = run([case_set], out, workers=1, cache_dir="")
    pd.testing.assert_frame_equal(clean.findings, resumed.findings)
    pd.testing.assert_frame_equal(stable(clean.programs), stable(resumed.programs))


def test_dask_local_cluster_gives_the_same_dataset(case_set: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    local = run([case_set], tmp_path / "local", workers=2, cache_dir="")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        remote = run([case_set], tmp_path / "dask", scheduler=cluster.scheduler_address,
                     cache_dir="")
    pd.testing.assert_frame_equal(local.findings, remote.findings)
    pd.testing.assert_frame_equal(stable(local.programs), stable(remote.programs))


def test_cli_run_prints_a_summary(case_set: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", str(case_set), "--out", str(tmp_path / "r"), "--cache", ""])
    out, err = capsys.readouterr()
    assert code == 0
    assert "Fail rate per category" in out and "model-a" in out
    assert "broken/case.yaml: task: missing" in err
