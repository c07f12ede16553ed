"""Integrity checks: a program that tampers with the runtime is marked, not trusted.

The monitor runs in the program's own process (that is how Pulumi's mocks work), so a
program can replace the functions that record it. Two checks catch that after the run:
the runtime's recording functions must still be the ones installed before the program
started, and every resource the program constructed must have reached the monitor.
"""

from __future__ import annotations

import importlib
import inspect
import threading
from collections.abc import Callable
from typing import Any

import pulumi

#: (module, attribute path) of every function a forged graph would have to replace.
WATCHED = (
    ("pulumi.runtime.resource", "register_resource"),
    ("pulumi.resource", "register_resource"),
    ("pulumi.resource", "read_resource"),
    ("pulumi.runtime.resource", "read_resource"),
    ("pulumi.runtime.resource", "register_resource_outputs"),
    ("pulumi.runtime.settings", "get_monitor"),
    ("pulumi.runtime.settings", "configure"),
    ("pulumi.runtime.mocks", "MockMonitor.RegisterResource"),
    ("pulumi.runtime.mocks", "MockMonitor.ReadResource"),
    ("pulumi.runtime.stack", "run_in_stack"),
    ("pulumi.resource", "Resource.__init__"),
    ("harness.capture.monitor", "RecordingMonitor.RegisterResource"),
    ("harness.capture.monitor", "RecordingMonitor.ReadResource"),
    ("harness.capture.monitor", "RecordingMonitor.RegisterResourceOutputs"),
    ("harness.capture.monitor", "RecordingMonitor._record"),
    ("harness.graph", "ResourceGraph.to_json"),
    ("harness.graph", "ResourceGraph.to_dict"),
)


def _resolve(module: str, path: str) -> Any:
    obj: Any = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return obj


def _registers(signature: inspect.Signature, resource: Any, t: str, args: tuple[Any, ...],
               kwargs: dict[str, Any]) -> bool:
    """Whether constructing this resource sends a registration to the monitor.

    Not for the stack itself, a resource rebuilt from a reference the engine returned
    (`opts.urn`: the SDK looks it up instead), or an internal dependency placeholder.
    """
    if t == "pulumi:pulumi:Stack":
        return False
    try:
        bound = signature.bind(resource, t, *args, **kwargs).arguments
    except TypeError:
        return True
    opts = bound.get("opts")
    return not (getattr(opts, "urn", None) or bound.get("dependency"))


class Guard:
    """Counts constructed resources and remembers the watched functions' identities."""

    def __init__(self) -> None:
        self.constructed = 0
        self._lock = threading.Lock()
        self._original_init: Callable[..., None] | None = None
        self._identities: dict[tuple[str, str], int] = {}

    def install(self) -> None:
        original = pulumi.resource.Resource.__init__
        self._original_init = original
        guard = self

        signature = inspect.signature(original)

        def counting_init(resource: Any, t: str, *args: Any, **kwargs: Any) -> None:
            if _registers(signature, resource, t, args, kwargs):
                with guard._lock:
                    guard.constructed += 1
            original(resource, t, *args, **kwargs)

        pulumi.resource.Resource.__init__ = counting_init  # type: ignore[method-assign,assignment]
        self._identities = {(m, p): id(_resolve(m, p)) for m, p in WATCHED}

    def uninstall(self) -> None:
        if self._original_init is not None:
            pulumi.resource.Resource.__init__ = self._original_init  # type: ignore[method-assign]

    def problems(self, monitor: Any, registered: int, *, count: bool = True) -> list[str]:
        """What the program changed or hid; empty when the graph can be trusted.

        `count=False` skips the construction count: a run that failed may have
        constructed a resource whose registration the failure stopped."""
        found = [f"the program replaced {module}.{path}"
                 for (module, path), ident in self._identities.items()
                 if id(_resolve(module, path)) != ident]
        from pulumi.runtime.settings import get_monitor

        if get_monitor() is not monitor:
            found.append("the program replaced the resource monitor")
        if count and registered != self.constructed:
            found.append(f"the program constructed {self.constructed} resources but "
                         f"{registered} reached the monitor")
        return found
