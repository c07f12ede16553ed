"""Translate Pulumi's wire values (protobuf Structs with signature keys) into plain JSON.

The monitor receives inputs exactly as the SDK serialised them: secrets wrapped in a
signature object, resource references, assets and unknowns as sentinels. Scorers need
the plain values and, separately, which paths were marked secret, so both come out of
one walk.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct

from harness.graph import UNKNOWN, Location

SIG = "4dabf18193072939515e22adb298388d"
SECRET = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE = "5cf8f73096256a8f31e491e813e4eb8e"
ASSET = "c44067f5952c0a294b673a41bacd8c17"
ARCHIVE = "0def7320c3a5731c473e5ecbe6d01bc7"
OUTPUT = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
UNKNOWN_WIRE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


def struct_to_plain(struct: Struct | None) -> tuple[dict[str, Any], list[str]]:
    """Return (plain value, secret property paths) for a protobuf Struct."""
    if struct is None:
        return {}, []
    raw = json_format.MessageToDict(struct)
    secrets: list[str] = []
    value = _plain(raw, "", secrets)
    return (value if isinstance(value, dict) else {}), sorted(secrets)


def plain_value(value: Any) -> Any:
    """Plain JSON for a value already in Python form (the state the mocks returned)."""
    return _plain(value, "", [])


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _plain(value: Any, path: str, secrets: list[str]) -> Any:
    if isinstance(value, str):
        return UNKNOWN if value == UNKNOWN_WIRE else value
    if isinstance(value, list):
        return [_plain(v, _join(path, i), secrets) for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return _number(value)
    sig = value.get(SIG)
    if sig == SECRET:
        secrets.append(path)
        return _plain(value.get("value"), path, secrets)
    if sig == RESOURCE:
        return {"$ref": value.get("urn", ""), "id": _plain(value.get("id"), path, secrets)}
    if sig == ASSET:
        return _asset("asset", value)
    if sig == ARCHIVE:
        return _asset("archive", value)
    if sig == OUTPUT:
        if value.get("secret"):
            secrets.append(path)
        return _plain(value.get("value", UNKNOWN_WIRE), path, secrets)
    return {k: _plain(v, _join(path, k), secrets) for k, v in sorted(value.items())}


def _number(value: Any) -> Any:
    """Protobuf numbers are doubles: give integral ones back as ints (ports, sizes)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _asset(kind: str, value: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"$asset": kind}
    for key in ("path", "uri"):
        if key in value:
            out[key] = value[key]
    if "text" in value:
        out["text"] = str(value["text"])[:2000]
    if isinstance(value.get("assets"), dict):
        out["assets"] = {k: _asset("asset", v) if isinstance(v, dict) else v
                         for k, v in sorted(value["assets"].items())}
    return out


def strip_provider_ref(ref: str) -> str | None:
    """A provider reference is '<urn>::<id>'; the graph keeps the URN."""
    if not ref:
        return None
    urn, _, _ = ref.rpartition("::")
    return urn or ref


def program_location(stack_trace: Any, workdir: str) -> Location | None:
    """The innermost frame of a request's stack trace that lies in the program's files."""
    frames = getattr(stack_trace, "frames", None) or []
    prefix = workdir.rstrip("/") + "/"
    for frame in frames:
        pc = frame.pc
        if not pc.uri:
            continue
        path = unquote(urlparse(pc.uri).path)
        if path.startswith(prefix):
            return Location(file=path[len(prefix):], line=int(pc.line))
    return None
