"""What runs inside the forked child: set up the mocks, run the program, build its graph.

Everything here runs in a process that the harness gives up on if it misbehaves, so it
may change global state freely (config, warnings filters, `sys.path`). It mirrors what
Pulumi's Python language host does: run the entry point inside `run_in_stack` on a
fresh event loop, then wait for every outstanding registration.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import re
import runpy
import sys
import traceback
import warnings
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import settings as pulumi_settings
from pulumi.runtime.config import set_all_config
from pulumi.runtime.mocks import MockEngine, MockSettings
from pulumi.runtime.stack import run_in_stack

from harness.capture.integrity import Guard
from harness.capture.monitor import RecordingMonitor
from harness.capture.origins import Origins
from harness.capture.status import classify
from harness.graph import (
    STACK_TYPE,
    ConfigRead,
    Invoke,
    Location,
    LogLine,
    ResourceGraph,
    RunError,
    Settings,
    Warning_,
    is_provider,
)
from harness.mocks import AwsMocks
from harness.mocks.account import Account


def capture_here(request: dict[str, Any], workdir: Path) -> ResourceGraph:
    """Run the program of `request` in this process and return its graph."""
    settings = Settings(**request["settings"])
    _write_files(request["files"], workdir)
    os.chdir(workdir)
    # As `python <entry>` would: the entry's folder first, then the project root.
    sys.path.insert(0, str(workdir))
    entry_dir = (workdir / request["entry"]).parent
    if entry_dir != workdir:
        sys.path.insert(0, str(entry_dir))
    os.environ["ENVIRONMENT_SUFFIX"] = settings.environment_suffix
    recorder = _Recorder(str(workdir))
    mocks = AwsMocks(account=Account(), default_region=_region(settings))
    monitor = RecordingMonitor(mocks, str(workdir))
    status, error = _run(request["entry"], workdir, settings, mocks, monitor, recorder)
    graph = ResourceGraph(
        program_hash=request.get("program_hash", ""),
        entry=request["entry"],
        settings=settings,
        status=status,
        error=error,
        resources=dict(monitor.recorded),
        invokes=sorted((Invoke(**i) for i in _invokes(mocks)),
                       key=lambda i: (i.token, json.dumps(i.args, sort_keys=True, default=str))),
        outputs=monitor.stack_outputs,
        config_reads=recorder.config_reads,
        logs=recorder.logs,
        warnings=recorder.warnings,
        notes=recorder.notes,
    )
    if graph.status == "ok" and not any(
        r.custom and not is_provider(r.type) for r in graph.resources.values()
    ):
        graph.status = "empty"
        graph.error = RunError("Empty", "the program ran but registered no cloud resource")
    return graph


def _region(settings: Settings) -> str:
    return settings.config.get("aws:region", "us-east-1")


def _write_files(files: dict[str, str], workdir: Path) -> None:
    for rel, text in files.items():
        target = (workdir / rel).resolve()
        if not str(target).startswith(str(workdir.resolve())):
            continue  # a path escaping the working folder is never written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _run(entry: str, workdir: Path, settings: Settings, mocks: AwsMocks,
         monitor: RecordingMonitor, recorder: _Recorder) -> tuple[str, RunError | None]:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    features = monitor.GetDeploymentInfo(None).supportedFeatures  # type: ignore[no-untyped-call]
    pulumi_settings.configure(MockSettings(  # type: ignore[no-untyped-call]
        monitor=monitor,
        monitor_features=set(features),
        engine=MockEngine(recorder.logger()),
        project=settings.project,
        stack=settings.stack,
        dry_run=False,
        organization="organization",
        callbacks=None,
    ))
    set_all_config(_qualified_config(settings), [])
    origins = Origins(str(workdir))
    recorder.install()
    origins.install()
    guard = Guard()
    guard.install()
    entry_path = str(workdir / entry)
    status: str = "ok"
    error: RunError | None = None
    try:
        with _aws_sdk_mock(_region(settings), workdir):
            loop.run_until_complete(run_in_stack(lambda: _run_entry(entry_path)))
    except BaseException as exc:  # noqa: BLE001 - every ending of the program is a result
        status, error = classify(exc, str(workdir), origins.resource)
    problems = guard.problems(monitor, _registered(monitor), count=status == "ok")
    guard.uninstall()
    origins.uninstall()
    recorder.uninstall()
    if problems:
        recorder.notes.extend(f"integrity: {p}" for p in problems)
        return "runtime_error", RunError("IntegrityError", "; ".join(problems))
    return status, error


def _registered(monitor: RecordingMonitor) -> int:
    """Registrations the monitor saw, the stack's own aside (the guard does not count it)."""
    return monitor.registrations - sum(r.type == STACK_TYPE for r in monitor.recorded.values())


AWS_SDK_IMPORT = re.compile(r"^\s*(import|from)\s+(boto3|botocore|aiobotocore)\b", re.MULTILINE)


def _aws_sdk_mock(region: str, workdir: Path) -> contextlib.AbstractContextManager[Any]:
    """Programs that call boto3 while they run get moto's in-memory AWS, never the network.

    moto sets fake credentials of its own inside the context; the child's environment
    holds no real ones. Starting moto costs over half a second, so only programs that
    import an AWS SDK get it.
    """
    if not any(AWS_SDK_IMPORT.search(p.read_text(encoding="utf-8", errors="replace"))
               for p in workdir.rglob("*.py")):
        return contextlib.nullcontext()
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    try:
        from moto import mock_aws
    except ImportError:
        return contextlib.nullcontext()
    return mock_aws()


def _run_entry(path: str) -> None:
    runpy.run_path(path, run_name="__main__")


def _qualified_config(settings: Settings) -> dict[str, str]:
    """Config keys without a namespace belong to the project, as in `Pulumi.<stack>.yaml`."""
    out: dict[str, str] = {}
    for key, value in settings.config.items():
        out[key if ":" in key else f"{settings.project}:{key}"] = value
    return out


def _invokes(mocks: AwsMocks) -> list[dict[str, Any]]:
    calls = [dict(c) if isinstance(c, dict) else vars(c) for c in mocks.invokes]
    keep = ("token", "args", "result", "answered", "provider")
    return [{k: c.get(k) for k in keep} for c in calls]


class _Recorder:
    """Collects engine logs, Python warnings and config reads while the program runs."""

    def __init__(self, workdir: str) -> None:
        self.prefix = workdir.rstrip("/") + "/"
        self.logs: list[LogLine] = []
        self.warnings: list[Warning_] = []
        self.config_reads: list[ConfigRead] = []
        self.notes: list[str] = []
        self._patched: list[tuple[str, Any]] = []
        self._depth = 0

    def logger(self) -> logging.Logger:
        logger = logging.getLogger("harness.program")
        logger.propagate = False
        logger.setLevel(logging.DEBUG)
        recorder = self

        class _Handler(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                # Debug lines are the SDK's own chatter, in thread order: not the program's.
                if record.levelno > logging.DEBUG:
                    recorder.logs.append(LogLine(record.levelname.lower(), record.getMessage()))

        logger.handlers = [_Handler()]
        return logger

    def install(self) -> None:
        warnings.simplefilter("always")
        warnings.showwarning = self._show_warning
        for name in dir(pulumi.Config):
            if name.startswith(("get", "require")) and callable(getattr(pulumi.Config, name)):
                original = getattr(pulumi.Config, name)
                self._patched.append((name, original))
                setattr(pulumi.Config, name, self._wrap_config(name, original))

    def uninstall(self) -> None:
        for name, original in self._patched:
            setattr(pulumi.Config, name, original)
        self._patched.clear()

    def _show_warning(self, message: Any, category: type[Warning], filename: str, lineno: int,
                      file: Any = None, line: str | None = None) -> None:
        warning = Warning_(category.__name__, str(message).strip()[:1000],
                           self._program_location(filename, lineno))
        if warning not in self.warnings:
            self.warnings.append(warning)

    def _program_location(self, filename: str, lineno: int) -> Location | None:
        if filename.startswith(self.prefix):
            return Location(filename[len(self.prefix):], lineno)
        return self._caller()

    def _caller(self) -> Location | None:
        for frame in reversed(traceback.extract_stack()):
            if frame.filename.startswith(self.prefix):
                return Location(frame.filename[len(self.prefix):], int(frame.lineno or 0))
        return None

    def _wrap_config(self, method: str, original: Any) -> Any:
        recorder = self

        @functools.wraps(original)
        def wrapper(config: pulumi.Config, key: str, *args: Any, **kwargs: Any) -> Any:
            # `require` calls `get` inside: only the program's own call is a read.
            if recorder._depth == 0:
                found = pulumi.runtime.get_config(config.full_key(key)) is not None
                recorder.config_reads.append(ConfigRead(
                    key=config.full_key(key), method=method,
                    required=method.startswith("require"), found=found,
                    source=recorder._caller(),
                ))
            recorder._depth += 1
            try:
                return original(config, key, *args, **kwargs)
            finally:
                recorder._depth -= 1

        return wrapper
