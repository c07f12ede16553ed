"""The walls around one program run: process group, limits, environment, files, output.

Called in the forked child before any program code runs. Each wall is one small
function so that a reader can see what a program can and cannot reach.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

#: Environment variables a child keeps; everything else (credentials above all) goes.
KEEP_ENV = ("PATH", "LANG", "LC_ALL", "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE")
OUTPUT_LIMIT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-run limits. `memory_mb` is added on top of the zygote's own address space."""

    timeout_s: float = 60.0
    memory_mb: int = 2048
    max_open_files: int = 256
    max_file_bytes: int = OUTPUT_LIMIT_BYTES


@dataclass(frozen=True)
class RunFolders:
    """The temporary folders of one run; `out` holds the result and the captured output."""

    root: Path

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def tmp(self) -> Path:
        return self.root / "tmp"

    def create(self) -> None:
        for p in (self.work, self.home, self.out, self.tmp):
            p.mkdir(parents=True, exist_ok=True)


def enter(folders: RunFolders, limits: Limits, base_address_space: int,
          extra_env: dict[str, str]) -> None:
    """Turn the freshly forked child into a sandboxed run."""
    os.setsid()
    _redirect_output(folders)
    _scrub_environment(folders, extra_env)
    _set_limits(limits, base_address_space)
    os.chdir(folders.work)


def _redirect_output(folders: RunFolders) -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(folders.out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    os.close(devnull)


def _scrub_environment(folders: RunFolders, extra_env: dict[str, str]) -> None:
    kept = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
    os.environ.clear()
    os.environ.update(kept)
    os.environ.update({
        "HOME": str(folders.home),
        "TMPDIR": str(folders.tmp),
        "PULUMI_HOME": str(folders.home / ".pulumi"),
        "AWS_CONFIG_FILE": str(folders.home / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(folders.home / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    })
    os.environ.update(extra_env)


def _set_limits(limits: Limits, base_address_space: int) -> None:
    memory = base_address_space + limits.memory_mb * 1024 * 1024
    cpu = int(limits.timeout_s) + 5
    _limit(resource.RLIMIT_AS, memory)
    _limit(resource.RLIMIT_CPU, cpu)
    _limit(resource.RLIMIT_NOFILE, limits.max_open_files)
    _limit(resource.RLIMIT_FSIZE, limits.max_file_bytes)
    _limit(resource.RLIMIT_CORE, 0)


def _limit(which: int, value: int) -> None:
    soft, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value if hard == resource.RLIM_INFINITY else hard))


def address_space_bytes() -> int:
    """The current process's virtual size: the child starts with all of it already mapped."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def read_tail(path: Path, limit: int = 8192) -> str:
    """The last `limit` bytes of a file: a program that prints gigabytes costs us nothing."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - limit))
            data = f.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return ("…" + text) if size > limit else text
