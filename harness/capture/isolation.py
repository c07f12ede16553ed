"""Kernel walls for a child: no network, a read-only file system, a process budget.

Each wall is tried and, where the platform refuses it (not root, no namespaces, no
cgroup), the run goes on without it and says so: `Isolation.missing` lists what was not
available and why, and the run's manifest and graphs carry that warning.

- network: a new, empty network namespace (`unshare(CLONE_NEWNET)`): no interface but a
  loopback that is down, so nothing on this machine or beyond can be reached;
- files: a new mount namespace where every mount is read-only except the run's own
  folder, and the user's credential folders (`~/.aws`, ...) are hidden under empty ones;
- processes: a `pids` cgroup per run caps processes and threads (a fork bomb stops
  there) and lets the zygote kill every process the run started, even ones that left
  its process group.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18

PIDS_ROOT = Path("/sys/fs/cgroup/pids")
GROUP_PREFIX = "iac-harness-"
PIDS_MAX = 512
#: Folders under a home that hold credentials; hidden from programs.
CREDENTIAL_DIRS = (".aws", ".pulumi", ".azure", ".config/gcloud", ".ssh", ".docker", ".kube",
                   ".netrc", ".git-credentials")
#: Mounts left writable: device nodes (/dev/null) that the child writes to.
KEEP_MOUNTS = ("/dev",)


def _libc() -> ctypes.CDLL:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                           ctypes.c_void_p]
    return libc


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


@dataclass
class Isolation:
    """What a child got; `missing` holds one line per wall that was not available."""

    missing: list[str] = field(default_factory=list)


def isolate(writable: Path, homes: list[str]) -> Isolation:
    """In the child, before any program code: network and file-system walls."""
    result = Isolation()
    libc = _libc()
    try:
        _check(libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")
    except (OSError, AttributeError) as exc:
        result.missing.append(f"no network isolation ({exc}); programs can reach the network")
    try:
        _read_only_except(libc, writable, homes)
    except (OSError, AttributeError) as exc:
        result.missing.append(f"no file-system isolation ({exc}); programs can write outside "
                              "their working folder")
    return result


def _read_only_except(libc: ctypes.CDLL, writable: Path, homes: list[str]) -> None:
    _check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    target = str(writable).encode()
    _check(libc.mount(target, target, None, MS_BIND | MS_REC, None), "bind the run folder")
    for home in homes:
        _hide_credentials(libc, Path(home))
    for mount_point in _mount_points():
        if mount_point == str(writable) or mount_point.startswith(KEEP_MOUNTS) and \
                mount_point != "/dev/shm":
            continue
        # Some mounts (already read-only ones among them) refuse a remount: that is fine.
        libc.mount(None, mount_point.encode(), None,
                   MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, None)
    probe = writable.parent / ".iac-ro-probe"
    try:
        probe.write_text("")
    except OSError:
        return
    probe.unlink()
    raise OSError(0, "the file system stayed writable after the read-only remount")


def _hide_credentials(libc: ctypes.CDLL, home: Path) -> None:
    for name in CREDENTIAL_DIRS:
        path = home / name
        if path.is_dir():
            _check(libc.mount(b"tmpfs", str(path).encode(), b"tmpfs", MS_RDONLY, b"size=4k"),
                   f"hide {path}")
        elif path.is_file():
            _check(libc.mount(b"/dev/null", str(path).encode(), None, MS_BIND, None),
                   f"hide {path}")


def _mount_points() -> list[str]:
    with open("/proc/self/mountinfo") as f:
        points = [line.split()[4] for line in f]
    return sorted(set(points), key=len)


# -- processes: one pids cgroup per run ------------------------------------------------


@dataclass
class ProcessGroup:
    """A `pids` cgroup for one run, or nothing where cgroups cannot be made."""

    path: Path | None
    reason: str = ""

    @classmethod
    def create(cls, name: str) -> ProcessGroup:
        """A cgroup named after the zygote that owns it, so a later zygote can tell
        which groups were left behind by one that died (`sweep_stale`)."""
        path = PIDS_ROOT / f"{GROUP_PREFIX}{os.getpid()}-{name}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(PIDS_MAX))
        except OSError as exc:
            return cls(None, f"no process cap ({exc.strerror or exc}); a fork bomb is stopped "
                             "only by the time limit and the process-group kill")
        return cls(path)

    def join(self) -> None:
        """Called by the child itself, first thing after fork."""
        if self.path is not None:
            (self.path / "cgroup.procs").write_text(str(os.getpid()))

    def kill_all(self) -> None:
        """Kill every process of the run, including any that left its process group."""
        if self.path is None:
            return
        for _ in range(50):
            pids = self._pids()
            if not pids:
                break
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.01)
        for _ in range(50):
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.01)  # the last processes are still being reaped

    def _pids(self) -> list[int]:
        assert self.path is not None
        try:
            return [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
        except OSError:
            return []


def sweep_stale() -> None:
    """Remove the groups of zygotes that are gone (killed before they could clean up)."""
    try:
        entries = list(PIDS_ROOT.glob(f"{GROUP_PREFIX}*"))
    except OSError:
        return
    for path in entries:
        owner = path.name.removeprefix(GROUP_PREFIX).split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            ProcessGroup(path).kill_all()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
