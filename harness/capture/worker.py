"""The harness's side of a zygote: start it, send runs to it, survive whatever happens.

A `Worker` owns one zygote process. If the zygote dies or stops answering, the run in
flight becomes a `harness_error` graph (never the model's fault) and the next run
starts a fresh zygote.
"""

from __future__ import annotations

import itertools
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from harness.capture.sandbox import KEEP_ENV, Limits
from harness.graph import ResourceGraph, RunError, Settings
from harness.program import Program

START_TIMEOUT_S = 120.0
#: Time the zygote may take beyond the run's own limit (forking, reading the result).
REPLY_GRACE_S = 30.0


class Worker:
    """One zygote process and a blocking `capture` call on it."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._ids = itertools.count(1)
        self.preload_s: float | None = None

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
        env["PYTHONHASHSEED"] = "0"
        # The zygote hides the credential folders of this home from every program.
        env["IAC_HARNESS_HOME"] = os.environ.get("HOME", "")
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "harness.capture.zygote"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=env, start_new_session=True,
        )
        ready = self._read_line(START_TIMEOUT_S)
        if not ready or not ready.get("ready"):
            self.close()
            raise RuntimeError("the capture worker did not start (is pulumi installed?)")
        self.preload_s = float(ready.get("preload_s", 0.0))

    def close(self) -> None:
        if self._proc is None:
            return
        try:
            if self._proc.stdin:
                self._proc.stdin.close()
            self._proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        self._proc = None

    def capture(self, program: Program, settings: Settings, limits: Limits) -> ResourceGraph:
        """Run `program` under `settings`; every outcome, including ours, is a graph."""
        request = {
            "id": next(self._ids),
            "files": dict(program.files),
            "entry": program.entry,
            "program_hash": program.hash,
            "settings": vars(settings),
            "limits": vars(limits),
        }
        try:
            self.start()
            assert self._proc is not None and self._proc.stdin is not None
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            reply = self._read_line(limits.timeout_s + REPLY_GRACE_S)
        except (OSError, RuntimeError, ValueError) as exc:
            self.close()
            return harness_error(program, settings, f"capture worker failed: {exc}")
        if reply is None:
            self.close()
            return harness_error(program, settings, "capture worker stopped answering")
        if "graph" not in reply:
            return harness_error(program, settings, str(reply.get("error", "no graph")))
        return ResourceGraph.from_dict(reply["graph"])

    def _read_line(self, timeout_s: float) -> dict[str, Any] | None:
        assert self._proc is not None and self._proc.stdout is not None
        deadline = time.monotonic() + timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self._proc.stdout], [], [], left)
            if ready:
                line = self._proc.stdout.readline()
                if not line:
                    return None
                parsed: dict[str, Any] = json.loads(line)
                return parsed


def harness_error(program: Program, settings: Settings, message: str) -> ResourceGraph:
    return ResourceGraph(
        program_hash=program.hash, entry=program.entry, settings=settings,
        status="harness_error", error=RunError("HarnessError", message),
    )
