"""The check API: a context in, a finding out.

A check is a plain function decorated with `@check(slug, version=...)`. It reads one
program's `CheckContext` (its graph under each probe, its sources, its diff against the
reference) and returns a `Finding`: a verdict and the evidence a person needs to agree
or disagree in a minute. The version is part of every cache key, so changing a check's
logic means bumping it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from harness.graph import Location, Resource, ResourceGraph
from harness.program import Program

Verdict = Literal["pass", "fail", "not_applicable", "error"]
VERDICTS: tuple[Verdict, ...] = ("pass", "fail", "not_applicable", "error")

#: The twelve categories of CATEGORIES.md, in its order.
CATEGORIES = (
    "architecture", "configuration", "kms_key_policy", "hardcoded_secret",
    "deletion_protection", "network_exposure", "security_services", "iam_least_privilege",
    "static_names", "input_validation", "autoscaling_policy", "provider_parent",
)


@dataclass(frozen=True)
class Evidence:
    """One fact behind a verdict: a resource property or a source line, with a note."""

    note: str
    urn: str | None = None
    type: str | None = None
    path: str | None = None
    value: Any = None
    source: str | None = None  # "file:line"

    @classmethod
    def of(cls, resource: Resource, note: str, path: str | None = None,
           value: Any = None) -> Evidence:
        return cls(note=note, urn=resource.urn, type=resource.type, path=path, value=value,
                   source=str(resource.source) if resource.source else None)

    @classmethod
    def at(cls, location: Location | None, note: str, value: Any = None) -> Evidence:
        return cls(note=note, source=str(location) if location else None, value=value)


@dataclass(frozen=True)
class Finding:
    category: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()
    version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "verdict": self.verdict, "version": self.version,
                "evidence": [{k: v for k, v in asdict(e).items() if v is not None}
                             for e in self.evidence]}


@dataclass
class CheckContext:
    """Everything a check may read about one program.

    `graphs` maps probe names to graphs: "baseline" always; "empty_config",
    "second_env", "sentinel" and "bad_args:<Class>" where those probes ran. `reference`
    is the reference program's context where the check runs for a model (absent for the
    reference itself); `matches` maps this program's URNs to the reference's (the diff).
    """

    graphs: Mapping[str, ResourceGraph]
    files: Mapping[str, str]
    reference: CheckContext | None = None
    matches: Mapping[str, str] = field(default_factory=dict)
    _trees: dict[str, ast.Module | None] = field(default_factory=dict, repr=False)

    @property
    def graph(self) -> ResourceGraph:
        return self.graphs["baseline"]

    def probe(self, name: str) -> ResourceGraph | None:
        return self.graphs.get(name)

    def probes(self, prefix: str) -> dict[str, ResourceGraph]:
        return {k: g for k, g in self.graphs.items() if k.startswith(prefix)}

    def ast(self, path: str) -> ast.Module | None:
        """The parsed source of one file (None where it does not parse), parsed once."""
        if path not in self._trees:
            try:
                self._trees[path] = ast.parse(self.files.get(path, ""), filename=path)
            except (SyntaxError, ValueError):
                self._trees[path] = None
        return self._trees[path]

    def python_files(self) -> list[str]:
        return sorted(p for p in self.files if p.endswith(".py"))


CheckFn = Callable[[CheckContext], Finding]
#: (model context with `.reference` set, model finding, reference finding) → relative finding.
RelativeFn = Callable[[CheckContext, Finding, Finding], Finding]
#: Injects one category's defect into a clean program (source-level, usually via `ast`).
Mutation = Callable[[Program], Program]


@dataclass(frozen=True)
class Check:
    slug: str
    version: int
    fn: CheckFn
    #: Probes this check reads besides the baseline (the scorer runs only what is needed).
    probes: tuple[str, ...] = ()
    #: A category whose relative verdict is not derived from the two absolute ones.
    relative: RelativeFn | None = None


REGISTRY: dict[str, Check] = {}
MUTATIONS: dict[str, Mutation] = {}


def check(slug: str, *, version: int = 1, probes: tuple[str, ...] = (),
          relative: RelativeFn | None = None) -> Callable[[CheckFn], CheckFn]:
    """Register a check for one category; adding a thirteenth is adding one module."""

    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[slug] = Check(slug, version, fn, probes, relative)
        return fn

    return register


def mutation(slug: str) -> Callable[[Mutation], Mutation]:
    """Register the mutation that injects `slug`'s defect; the tests apply each one."""

    def register(fn: Mutation) -> Mutation:
        MUTATIONS[slug] = fn
        return fn

    return register


def finding(category: str, verdict: Verdict, evidence: list[Evidence] | tuple[Evidence, ...] = (),
            version: int | None = None) -> Finding:
    """Build a finding with the registered version of its check."""
    registered = REGISTRY.get(category)
    v = version if version is not None else (registered.version if registered else 1)
    return Finding(category, verdict, tuple(evidence), v)
