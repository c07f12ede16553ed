"""The zygote: a worker process that imports Pulumi once and forks one child per run.

Importing `pulumi_aws` modules costs seconds and a fork costs milliseconds, so the
worker pays the import once (`preload`) and every run starts from a copy of it. The
protocol is one JSON object per line: a request on stdin, the graph on stdout.
Nothing a child does can reach the zygote's stdout: the child's descriptors 0-2 are
replaced before any program code runs.

Run as `python -m harness.capture.zygote`.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import pwd
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from harness.capture import sandbox
from harness.capture.isolation import ProcessGroup, isolate, sweep_stale
from harness.graph import ResourceGraph, RunError, Settings

#: The `pulumi_aws` modules real programs use (those used by three or more programs of
#: a corpus of 332 LLM answers, plus neighbours); `pulumi_aws` loads them lazily, so each
#: is touched (an attribute read) to import it for real.
PRELOAD_AWS = (
    "acm", "alb", "apigateway", "apigatewayv2", "appautoscaling", "appsync", "autoscaling",
    "backup", "cfg", "cloudfront", "cloudtrail", "cloudwatch", "codebuild", "codedeploy",
    "codepipeline", "cognito", "dms", "dynamodb", "ebs", "ec2", "ec2transitgateway", "ecr",
    "ecs", "efs", "eks", "elasticache", "glue", "guardduty", "iam", "iot", "kinesis", "kms",
    "lambda_", "lb", "pinpoint", "rds", "route53", "s3", "secretsmanager", "ses", "sfn",
    "sns", "sqs", "ssm", "wafv2", "xray",
)
PRELOAD_OTHER = ("pulumi_random", "pulumi_tls", "boto3", "moto")
RESULT_FILE = "result.json"


def preload() -> float:
    """Import everything a child would otherwise import on its own; returns seconds."""
    started = time.monotonic()
    import pulumi  # noqa: F401
    import pulumi_aws

    for name in PRELOAD_AWS:
        module = getattr(pulumi_aws, name, None)
        if module is not None:
            getattr(module, "_utilities", None)  # a plain attribute read loads a lazy module
    for name in PRELOAD_OTHER:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    importlib.import_module("harness.capture.child")
    return time.monotonic() - started


def run_one(request: dict[str, Any], base_address_space: int) -> dict[str, Any]:
    """Fork a child for one request, wait for it within its limits, return the graph."""
    limits = sandbox.Limits(**request.get("limits", {}))
    folders = sandbox.RunFolders(Path(tempfile.mkdtemp(prefix="iac-run-")))
    group = ProcessGroup.create(folders.root.name)
    try:
        folders.create()
        pid = os.fork()
        if pid == 0:
            group.join()
            _child(request, folders, limits, base_address_space)
        ending = _wait(pid, limits.timeout_s)
        group.kill_all()
        graph = _result(request, folders, ending)
        if group.path is None:
            graph.notes.append(f"sandbox: {group.reason}")
        graph.stdout = sandbox.read_tail(folders.out / "stdout")
        graph.stderr = sandbox.read_tail(folders.out / "stderr")
        return graph.to_dict()
    finally:
        shutil.rmtree(folders.root, ignore_errors=True)


def _child(request: dict[str, Any], folders: sandbox.RunFolders, limits: sandbox.Limits,
           base_address_space: int) -> None:
    """Never returns: the child ends with `os._exit` whatever the program does."""
    code = 0
    me = os.getpid()
    try:
        settings = request["settings"]
        homes = sorted({h for h in (os.environ.get("IAC_HARNESS_HOME"), _passwd_home()) if h})
        sandbox.enter(folders, limits, base_address_space,
                      {"ENVIRONMENT_SUFFIX": settings.get("environment_suffix", "dev")})
        walls = isolate(folders.root, homes)
        from harness.capture.child import capture_here

        graph = capture_here(request, folders.work)
        if os.getpid() != me:
            os._exit(0)  # a process the program forked: only the child reports
        graph.notes.extend(f"sandbox: {m}" for m in walls.missing)
        data = graph.to_json()
        sys.stdout.flush()
        sys.stderr.flush()
        tmp = folders.out / (RESULT_FILE + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.rename(folders.out / RESULT_FILE)
    except MemoryError:
        code = 75
    except BaseException:  # noqa: BLE001 - report anything, then leave
        if os.getpid() == me:
            traceback.print_exc()
        code = 70
    finally:
        os._exit(code if os.getpid() == me else 0)


def _passwd_home() -> str:
    try:
        return pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:
        return ""


def _wait(pid: int, timeout_s: float) -> dict[str, Any]:
    """Wait for the child; kill its whole process group at the deadline."""
    deadline = time.monotonic() + timeout_s
    timed_out = False
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([pidfd], [], [], left)
            if ready:
                break
    finally:
        os.close(pidfd)
    _kill_group(pid)
    _, status = os.waitpid(pid, 0)
    return {"timed_out": timed_out, "status": status}


def _kill_group(pid: int) -> None:
    """Whatever the child started (a fork bomb, a background sleeper) goes with it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _result(request: dict[str, Any], folders: sandbox.RunFolders,
            ending: dict[str, Any]) -> ResourceGraph:
    result = folders.out / RESULT_FILE
    if result.exists() and not ending["timed_out"]:
        return ResourceGraph.from_json(result.read_text(encoding="utf-8"))
    status, error = _ending_status(ending, folders)
    return ResourceGraph(
        program_hash=request.get("program_hash", ""),
        entry=request.get("entry", ""),
        settings=Settings(**request["settings"]),
        status=status,
        error=error,
    )


def _ending_status(ending: dict[str, Any], folders: sandbox.RunFolders) -> tuple[str, RunError]:
    if ending["timed_out"]:
        return "timeout", RunError("Timeout", "the program did not finish within its time limit")
    status = ending["status"]
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "timeout", RunError("Timeout", "the program used up its CPU time limit")
        if sig == signal.SIGXFSZ:
            return "crashed", RunError("Crashed", "the program wrote more than its file-size "
                                                  "limit (output or files)")
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return "crashed", RunError("Crashed", f"the process was killed by {name}")
    code = os.WEXITSTATUS(status)
    if code == 75:
        return "memory", RunError("MemoryError", "the program ran out of its memory limit")
    if code == 70:
        tail = sandbox.read_tail(folders.out / "stderr", 600).strip().splitlines()
        reason = tail[-1] if tail else "no result was written"
        return "harness_error", RunError("HarnessError", f"the capture failed: {reason}")
    return "crashed", RunError("Crashed", f"the process exited with code {code} before it finished")


def main() -> None:
    """Serve requests from stdin until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload_s = preload()
    sweep_stale()
    base = sandbox.address_space_bytes()
    out = sys.stdout
    out.write(json.dumps({"ready": True, "preload_s": round(preload_s, 3), "pid": os.getpid()}))
    out.write("\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        reply: dict[str, Any]
        try:
            request = json.loads(line)
            reply = {"id": request.get("id"), "graph": run_one(request, base)}
        except Exception as exc:  # noqa: BLE001 - the zygote outlives any bad request
            reply = {"id": None, "error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(reply))
        out.write("\n")
        out.flush()


if __name__ == "__main__":
    main()
