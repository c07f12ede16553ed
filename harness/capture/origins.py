"""Where in the program each resource and each `apply` was created.

The SDK does its work in tasks: it serialises a resource's inputs, resolves its outputs,
calls provider functions and runs `apply` callbacks long after the program line that
asked for them has returned. An exception raised there carries only SDK frames, so its
traceback cannot say which line of the program is at fault. These records can: the line
that constructed the resource the SDK names in its message, the line that called
`apply` (explicitly, or through an attribute of an `Output` such as `bucket.bucket.id`),
and the line that called a provider function (`CALL_SITE`: the SDK's invoke task copies
the caller's context, so the monitor still sees it when the call fails).

Finding the line walks the live frames (`sys._getframe`), which costs far less than
formatting a stack, because programs create many outputs.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from types import FrameType
from typing import Any

import pulumi
import pulumi.resource as sdk_resource
import pulumi.runtime as sdk_runtime

from harness.capture.status import mark_frames
from harness.graph import Location

#: The program line that called the provider function being invoked.
CALL_SITE: ContextVar[Location | None] = ContextVar("harness_call_site", default=None)

#: The SDK's entry points for provider functions that generated code calls.
INVOKE_ENTRY_POINTS = ("invoke", "invoke_output", "invoke_output_single", "invoke_single")


class Origins:
    """Records creation sites while installed; `resource(name)` answers afterwards."""

    def __init__(self, workdir: str) -> None:
        self.prefix = workdir.rstrip("/") + "/"
        self.resources: dict[str, Location] = {}
        self._patched: list[tuple[Any, str, Any, Any]] = []

    def resource(self, name: str) -> Location | None:
        return self.resources.get(name)

    def program_line(self, frame: FrameType | None) -> Location | None:
        """The innermost frame, from `frame` outwards, that lies in the program's files."""
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(self.prefix):
                return Location(filename[len(self.prefix):], frame.f_lineno)
            frame = frame.f_back
        return None

    def install(self) -> None:
        for name in ("register_resource", "read_resource"):
            self._patch(sdk_resource, name, self._recording(getattr(sdk_resource, name)))
        self._patch(pulumi.Output, "apply", self._marking(pulumi.Output.apply))
        for name in INVOKE_ENTRY_POINTS:
            self._patch(sdk_runtime, name, self._calling(getattr(sdk_runtime, name)))

    def uninstall(self) -> None:
        """Restore what was patched, unless the program replaced it in turn: what the
        program did to the runtime stays visible to the checks that run after it."""
        for owner, name, original, replacement in reversed(self._patched):
            if getattr(owner, name) is replacement:
                setattr(owner, name, original)
        self._patched.clear()

    def _patch(self, owner: Any, name: str, replacement: Any) -> None:
        self._patched.append((owner, name, getattr(owner, name), replacement))
        setattr(owner, name, replacement)

    def _recording(self, original: Any) -> Any:
        """`register_resource(res, type, name, ...)`: keep the first program line per name."""
        origins = self

        def register(res: Any, ty: str, name: str, *args: Any, **kwargs: Any) -> Any:
            where = origins.program_line(sys._getframe(1))
            if where is not None:
                origins.resources.setdefault(name, where)
            return original(res, ty, name, *args, **kwargs)

        return register

    def _calling(self, original: Any) -> Any:
        origins = self

        def invoke(*args: Any, **kwargs: Any) -> Any:
            token = CALL_SITE.set(origins.program_line(sys._getframe(1)))
            try:
                return original(*args, **kwargs)
            finally:
                CALL_SITE.reset(token)

        return invoke

    def _marking(self, original: Any) -> Any:
        """Exceptions in `apply` callbacks keep the program line that raised them, and the
        line that created the `apply` for when the callback is the SDK's own (a lifted
        attribute such as `output.id`)."""
        origins = self

        def apply(output: Any, func: Any, *args: Any, **kwargs: Any) -> Any:
            created = origins.program_line(sys._getframe(1))

            def marked(*a: Any, **k: Any) -> Any:
                try:
                    return func(*a, **k)
                except BaseException as exc:
                    mark_frames(exc, created)
                    raise

            return original(output, marked, *args, **kwargs)

        return apply

