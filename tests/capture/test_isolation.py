"""Process groups: a zygote's groups go with its runs, and a dead zygote's are swept."""

from __future__ import annotations

import os

import pytest

from harness.capture.isolation import GROUP_PREFIX, PIDS_ROOT, ProcessGroup, sweep_stale


def test_groups_left_by_a_dead_zygote_are_swept() -> None:
    group = ProcessGroup.create("sweep-test")
    if group.path is None:
        pytest.skip(f"no pids cgroup here: {group.reason}")
    dead_pid = 2**22 + 12345  # above the kernel's pid range: never a live process
    stale = PIDS_ROOT / f"{GROUP_PREFIX}{dead_pid}-leftover"
    group.path.rename(stale)
    live = ProcessGroup.create("still-running")
    assert live.path is not None
    sweep_stale()
    assert not stale.exists()
    assert live.path.exists(), "a live zygote's group must be left alone"
    live.kill_all()
    assert not live.path.exists()
    assert str(os.getpid()) in live.path.name
