"""Every way a program can end gets its own status, and the worker survives each one."""

from __future__ import annotations

import textwrap

import pytest

from harness.capture import Limits, Worker, capture, probe_settings
from harness.program import Program

PREAMBLE = "import pulumi\nimport pulumi_aws as aws\n"


def program(body: str, extra: dict[str, str] | None = None) -> Program:
    files = {"__main__.py": PREAMBLE + textwrap.dedent(body)}
    files.update(extra or {})
    return Program(files=files, entry="__main__.py", origin="test")


CASES = {
    "ok": ('aws.s3.Bucket("logs")\n', "ok", None),
    "syntax_error": ('aws.s3.Bucket("logs")\nx = = 1\n', "syntax_error", 4),
    "import_error": ("import pulumi_nonexistent\n", "import_error", 3),
    "type_error": ('aws.s3.Bucket("logs", no_such_argument=1)\n', "type_error", 3),
    "config_missing": ('pulumi.Config().require("dbPassword")\n', "config_missing", 3),
    "runtime_error_in_apply": (
        'b = aws.s3.Bucket("logs")\n'
        "def boom(arn):\n"
        "    raise ValueError('bad arn ' + arn)\n"
        "pulumi.export('x', b.arn.apply(boom))\n",
        "runtime_error", 5,
    ),
    "empty": ("class Stack(pulumi.ComponentResource):\n    pass\n", "empty", None),
    "crashed": ('import os\naws.s3.Bucket("logs")\nos._exit(3)\n', "crashed", None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_status(worker: Worker, name: str) -> None:
    body, status, line = CASES[name]
    graph = capture(program(body), worker=worker)
    assert graph.status == status, graph.error
    if line is not None:
        assert graph.error is not None and graph.error.location is not None
        assert (graph.error.location.file, graph.error.location.line) == ("__main__.py", line)


def test_timeout_kills_the_run_and_the_worker_goes_on(worker: Worker) -> None:
    graph = capture(program("while True:\n    pass\n"), worker=worker,
                    limits=Limits(timeout_s=2))
    assert graph.status == "timeout"
    assert capture(program('aws.s3.Bucket("after")\n'), worker=worker).status == "ok"


def test_memory_hog_is_stopped(worker: Worker) -> None:
    hog = "chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))\n"
    graph = capture(program(hog), worker=worker, limits=Limits(timeout_s=30, memory_mb=300))
    assert graph.status == "memory"


def test_no_program_is_not_run() -> None:
    empty = Program(files={}, entry="", origin="answer.md", notes=("no code blocks",))
    graph = capture(empty)
    assert graph.status == "no_program"
    assert graph.error is not None and "no code blocks" in graph.error.message


def test_missing_config_is_found_with_the_probe_value(worker: Worker) -> None:
    prog = program('aws.s3.Bucket(pulumi.Config().require("bucketName"))\n')
    settings = probe_settings(prog, config={"bucketName": "given"})
    graph = capture(prog, settings, worker=worker)
    assert graph.status == "ok"
    read = graph.config_reads[0]
    assert (read.key, read.required, read.found) == ("tap:bucketName", True, True)


def test_program_output_is_kept(worker: Worker) -> None:
    graph = capture(program('print("hello from the program")\naws.s3.Bucket("b")\n'),
                    worker=worker)
    assert "hello from the program" in graph.stdout
