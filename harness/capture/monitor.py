"""A `MockMonitor` that keeps every request whole, so the graph sees what the engine would.

Pulumi's own `MockMonitor` keeps only URN, id and state. The scorers need the rest of
each `RegisterResourceRequest`: parent, provider, dependencies, options and the secret
flags on inputs, so this subclass records them before delegating to the mocks.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from pulumi.runtime.mocks import MockMonitor, Mocks

from harness.capture.origins import CALL_SITE
from harness.capture.status import mark_frames
from harness.capture.wire import (
    plain_value,
    program_location,
    strip_provider_ref,
    struct_to_plain,
)
from harness.graph import STACK_TYPE, Resource


class RecordingMonitor(MockMonitor):
    """Records resources and stack/component outputs; the mocks record invokes."""

    def __init__(self, mocks: Mocks, workdir: str) -> None:
        super().__init__(mocks)
        self.workdir = workdir
        self.recorded: dict[str, Resource] = {}
        self.stack_outputs: dict[str, Any] = {}
        self.registrations = 0
        self._lock = threading.Lock()

    # -- provider functions -----------------------------------------------------------

    def Invoke(self, request: Any) -> Any:  # noqa: N802
        """A call the mocks refuse fails as the engine reports a provider's error, and
        keeps the program line that made the call."""
        try:
            return super().Invoke(request)  # type: ignore[no-untyped-call]
        except Exception as exc:
            failure = Exception(f"invoke of {request.tok} failed: {exc}")
            mark_frames(failure, CALL_SITE.get())
            raise failure from exc

    # -- resources ------------------------------------------------------------------

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (gRPC method name)
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        urn = self.make_urn(request.parent, request.type, request.name)
        state = self.resources.get(urn)
        self._record(request, urn, custom=bool(request.custom), id_=getattr(state, "id", None),
                     outputs=getattr(state, "state", {}), read=False)
        return response

    def ReadResource(self, request: Any) -> Any:  # noqa: N802
        response = super().ReadResource(request)  # type: ignore[no-untyped-call]
        urn = self.make_urn(request.parent, request.type, request.name)
        state = self.resources.get(urn)
        self._record(request, urn, custom=True, id_=request.id,
                     outputs=getattr(state, "state", {}), read=True)
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:  # noqa: N802
        outputs, _ = struct_to_plain(request.outputs)
        with self._lock:
            if request.urn in self.recorded and self.recorded[request.urn].type != STACK_TYPE:
                self.recorded[request.urn].component_outputs = outputs
            else:
                self.stack_outputs = outputs
        return super().RegisterResourceOutputs(request)  # type: ignore[no-untyped-call]

    def _record(self, request: Any, urn: str, *, custom: bool, id_: str | None,
                outputs: Any, read: bool) -> None:
        inputs, secrets = struct_to_plain(request.properties if read else request.object)
        resource = Resource(
            urn=urn,
            type=request.type,
            name=request.name,
            custom=custom,
            parent=request.parent or None,
            provider=strip_provider_ref(request.provider),
            dependencies=sorted(set(getattr(request, "dependencies", []))),
            property_dependencies=_property_dependencies(request),
            options=_options(request, read),
            inputs=inputs,
            secret_paths=secrets,
            outputs=_jsonable(outputs),
            id=id_ or None,
            source=program_location(getattr(request, "stackTrace", None), self.workdir),
        )
        with self._lock:
            self.registrations += 1
            self.recorded[urn] = resource


def _property_dependencies(request: Any) -> dict[str, list[str]]:
    deps = getattr(request, "propertyDependencies", None)
    if not deps:
        return {}
    return {key: sorted(set(value.urns)) for key, value in sorted(deps.items()) if value.urns}


def _options(request: Any, read: bool) -> dict[str, Any]:
    """The resource options that change behaviour; absent ones are left out."""
    if read:
        return {"read": True}
    opts: dict[str, Any] = {}
    if request.HasField("protect"):
        opts["protect"] = request.protect
    if request.HasField("retainOnDelete"):
        opts["retainOnDelete"] = request.retainOnDelete
    if request.deleteBeforeReplaceDefined:
        opts["deleteBeforeReplace"] = request.deleteBeforeReplace
    for name in ("ignoreChanges", "replaceOnChanges", "additionalSecretOutputs", "aliasURNs"):
        values = list(getattr(request, name, []))
        if values:
            opts[name] = sorted(values)
    aliases = [_alias(a) for a in getattr(request, "aliases", [])]
    if aliases:
        opts["aliases"] = aliases
    if request.deletedWith:
        opts["deletedWith"] = request.deletedWith
    if request.importId:
        opts["importId"] = request.importId
    if request.version:
        opts["version"] = request.version
    timeouts = request.customTimeouts
    if timeouts and (timeouts.create or timeouts.update or timeouts.delete):
        opts["customTimeouts"] = {k: getattr(timeouts, k) for k in ("create", "update", "delete")
                                  if getattr(timeouts, k)}
    return opts


def _alias(alias: Any) -> str | dict[str, Any]:
    if alias.urn:
        return str(alias.urn)
    spec = alias.spec
    return {k: getattr(spec, k) for k in ("name", "type", "stack", "project")
            if getattr(spec, k, "")}


def _jsonable(value: Any) -> Any:
    """Mock state holds wire sentinels (secrets) and floats: plain JSON like the inputs."""
    return plain_value(json.loads(json.dumps(value, default=str, sort_keys=True)))
