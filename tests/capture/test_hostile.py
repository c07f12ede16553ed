"""Hostile programs, run as one batch: each gets its status, and the walls hold.

The batch runs on one worker, in order, so a program that breaks the worker would show
up as `harness_error` on the programs after it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.capture import Limits, Worker, capture
from harness.graph import ResourceGraph
from harness.program import Program

HEAD = "import pulumi\nimport pulumi_aws as aws\n"
SECRET = "hunter2-do-not-leak"


def hostile(outside: Path, home: Path, port: int) -> dict[str, tuple[str, set[str]]]:
    """name → (program body, acceptable statuses)."""
    return {
        "infinite_loop": ("while True:\n    pass\n", {"timeout"}),
        "sleep_forever": ("import time\ntime.sleep(10**6)\n", {"timeout"}),
        "memory_bomb": ("x = []\nwhile True:\n    x.append(bytearray(64 * 2**20))\n",
                        {"memory"}),
        # Capped by the run's process budget: the program's fork fails (runtime_error), or
        # the runtime cannot start a thread it waits on and the clock stops it (timeout).
        "fork_bomb": ("import os\nwhile True:\n    os.fork()\n", {"runtime_error", "timeout"}),
        # Output goes to a file capped by RLIMIT_FSIZE: the write past it fails (EFBIG).
        "stdout_flood": ("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n",
                         {"runtime_error"}),
        "stderr_flood": ("import sys\nwhile True:\n    sys.stderr.write('y' * 65536)\n",
                         {"runtime_error"}),
        "os_exit": ("aws.s3.Bucket('b')\nimport os\nos._exit(3)\n", {"crashed"}),
        "segfault": ("import ctypes\nctypes.string_at(0)\n", {"crashed"}),
        "sys_exit_half_way": ("aws.s3.Bucket('b')\nimport sys\nsys.exit(0)\n"
                              "aws.s3.Bucket('never')\n", {"runtime_error"}),
        "write_outside": (f"open({str(outside / 'escaped.txt')!r}, 'w').write('x')\n",
                          {"runtime_error"}),
        "read_secrets": (
            "import os, pathlib\n"
            f"paths = [pathlib.Path.home() / '.aws/credentials', "
            f"pathlib.Path({str(home / '.aws' / 'credentials')!r})]\n"
            "found = [p.read_text() for p in paths if p.exists()]\n"
            "env = {k: v for k, v in os.environ.items()}\n"
            "print(found, env)\n"
            "aws.s3.Bucket('b', tags={'found': str(found)[:200], 'env': str(env)[:2000]})\n",
            {"ok"}),
        "network": (f"import socket\nsocket.create_connection(('127.0.0.1', {port}), 2)\n",
                    {"runtime_error"}),
        "delete_own_files": ("import os\nfor f in os.listdir('.'):\n    os.remove(f)\n"
                             "aws.s3.Bucket('b')\n", {"ok"}),
        "deep_recursion": ("def f(n):\n    return f(n + 1)\nf(0)\n", {"runtime_error"}),
        "missing_package": ("import package_that_is_not_installed\n", {"import_error"}),
        "fake_runtime": (
            "import pulumi.resource as r\n"
            "r.register_resource = lambda *a, **k: None\n"
            "aws.s3.Bucket('b')\n", {"runtime_error"}),
    }


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A loopback listener that records every connection it accepts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            accepted.append(conn)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


def test_hostile_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                       listener: tuple[int, list[object]]) -> None:
    port, accepted = listener
    outside = tmp_path / "outside"
    outside.mkdir()
    home = tmp_path / "home"
    (home / ".aws").mkdir(parents=True)
    (home / ".aws" / "credentials").write_text(f"[default]\naws_secret_access_key={SECRET}\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("PULUMI_ACCESS_TOKEN", SECRET)
    before = sorted(p.name for p in outside.iterdir())

    results: dict[str, ResourceGraph] = {}
    with Worker() as worker:
        for name, (body, _) in hostile(outside, home, port).items():
            program = Program(files={"__main__.py": HEAD + body}, entry="__main__.py",
                              origin=name)
            results[name] = capture(program, worker=worker,
                                    limits=Limits(timeout_s=5, memory_mb=400))

    for name, (_, statuses) in hostile(outside, home, port).items():
        assert results[name].status in statuses, (name, results[name].error)
    assert sorted(p.name for p in outside.iterdir()) == before
    isolated = not any("network" in n for n in results["network"].notes)
    if isolated:
        assert accepted == []
    leaked = results["read_secrets"].to_json() + results["read_secrets"].stdout
    assert SECRET not in leaked
    assert "IntegrityError" in str(results["fake_runtime"].error)
    assert "file-size limit" in str(results["stdout_flood"].error)
