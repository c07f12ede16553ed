"""The resource graph: what one program registered under the mocks, as plain data.

This is the one place where Pulumi's wire format is translated into our terms. The diff,
the scorers, the cache and the dataset all read a `ResourceGraph` and nothing else, so
its shape is versioned (`SCHEMA_VERSION`) and documented in `docs/graph-schema.md`.

Values in `inputs` and `outputs` are JSON: secrets are unwrapped (their property paths
are listed in `secret_paths`), resource references become `{"$ref": urn}`, assets and
archives become `{"$asset": kind, ...}`, unknown values become the string `"<unknown>"`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1

UNKNOWN = "<unknown>"

#: Statuses a run can end with; see CATEGORIES.md "Beyond the twelve".
STATUSES = (
    "ok",
    "no_program",
    "empty",
    "syntax_error",
    "import_error",
    "type_error",
    "config_missing",
    "runtime_error",
    "timeout",
    "memory",
    "crashed",
    "harness_error",
)


@dataclass
class Location:
    """A place in the program's own files (path relative to the program root)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Resource:
    """One registered resource, custom or component, as the monitor saw it."""

    urn: str
    type: str
    name: str
    custom: bool
    parent: str | None
    provider: str | None
    dependencies: list[str]
    property_dependencies: dict[str, list[str]]
    options: dict[str, Any]
    inputs: dict[str, Any]
    secret_paths: list[str]
    outputs: dict[str, Any]
    id: str | None = None
    source: Location | None = None
    #: Outputs a component registered with `register_outputs`.
    component_outputs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Invoke:
    """A data-source call and what the mocks answered."""

    token: str
    args: dict[str, Any]
    result: dict[str, Any]
    answered: bool
    provider: str | None = None


@dataclass
class ConfigRead:
    """A read of a config value: `require*` reads fail when the key is unset."""

    key: str
    method: str
    required: bool
    found: bool
    source: Location | None = None


@dataclass
class LogLine:
    severity: str
    message: str


@dataclass
class Warning_:
    """A Python warning raised while the program ran (deprecations above all)."""

    category: str
    message: str
    source: Location | None = None


@dataclass
class RunError:
    """Why a run did not end `ok`: the exception and where in the program it arose."""

    type: str
    message: str
    location: Location | None = None

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"{self.type}: {self.message}{where}"


@dataclass
class Settings:
    """The probe a graph was captured under."""

    stack: str = "dev"
    project: str = "tap"
    config: dict[str, str] = field(default_factory=dict)
    environment_suffix: str = "dev"
    name: str = "baseline"


@dataclass
class ResourceGraph:
    program_hash: str
    entry: str
    settings: Settings
    status: str
    error: RunError | None = None
    resources: dict[str, Resource] = field(default_factory=dict)
    invokes: list[Invoke] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    config_reads: list[ConfigRead] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    #: Marks from the harness about the run itself (sandbox fallbacks, integrity checks).
    notes: list[str] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    # -- views the diff and scorers share -------------------------------------------

    def custom_resources(self) -> list[Resource]:
        return [r for r in self.resources.values() if r.custom and not is_provider(r.type)]

    def of_type(self, *types: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.type in types]

    def providers(self) -> list[Resource]:
        return [r for r in self.resources.values() if is_provider(r.type)]

    def components(self) -> list[Resource]:
        return [r for r in self.resources.values() if not r.custom and r.type != STACK_TYPE]

    def edges(self) -> list[tuple[str, str, str]]:
        """(from, to, kind) for parent, provider and dependency edges, sorted."""
        out: set[tuple[str, str, str]] = set()
        for r in self.resources.values():
            if r.parent:
                out.add((r.urn, r.parent, "parent"))
            if r.provider:
                out.add((r.urn, r.provider, "provider"))
            for dep in r.dependencies:
                out.add((r.urn, dep, "dependency"))
        return sorted(out)

    # -- serialisation ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["resources"] = {k: data["resources"][k] for k in sorted(data["resources"])}
        data["edges"] = [list(e) for e in self.edges()]
        return data

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, sort_keys=True, default=str)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResourceGraph:
        if data.get("schema") != SCHEMA_VERSION:
            raise ValueError(
                f"graph schema {data.get('schema')!r} is not supported (expected {SCHEMA_VERSION})"
            )
        return cls(
            program_hash=data["program_hash"],
            entry=data["entry"],
            settings=Settings(**data["settings"]),
            status=data["status"],
            error=_error(data.get("error")),
            resources={k: _resource(v) for k, v in data.get("resources", {}).items()},
            invokes=[Invoke(**i) for i in data.get("invokes", [])],
            outputs=data.get("outputs", {}),
            config_reads=[
                ConfigRead(**{**c, "source": _loc(c.get("source"))})
                for c in data.get("config_reads", [])
            ],
            logs=[LogLine(**x) for x in data.get("logs", [])],
            warnings=[
                Warning_(**{**w, "source": _loc(w.get("source"))}) for w in data.get("warnings", [])
            ],
            stdout=data.get("stdout", ""),
            stderr=data.get("stderr", ""),
            notes=data.get("notes", []),
        )

    @classmethod
    def from_json(cls, text: str) -> ResourceGraph:
        return cls.from_dict(json.loads(text))


STACK_TYPE = "pulumi:pulumi:Stack"


def is_provider(type_: str) -> bool:
    return type_.startswith("pulumi:providers:")


def _loc(data: dict[str, Any] | None) -> Location | None:
    return Location(**data) if data else None


def _error(data: dict[str, Any] | None) -> RunError | None:
    if not data:
        return None
    return RunError(type=data["type"], message=data["message"], location=_loc(data.get("location")))


def _resource(data: dict[str, Any]) -> Resource:
    return Resource(**{**data, "source": _loc(data.get("source"))})
