"""The harness version: part of every cache key and of every run's manifest.

Bump `HARNESS_VERSION` when the mocks, the monitor or the graph schema change what a
capture records; the gate refuses to compare runs of different major versions.
"""

from __future__ import annotations

HARNESS_VERSION = "0.1.0"


def major(version: str) -> str:
    return version.split(".")[0]
