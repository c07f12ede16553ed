"""What the diff returns: plain dataclasses that serialise to stable, sorted JSON.

The shape is documented in `docs/diff.md`; scorers read it through the accessors on
`GraphDiff` (`matched_pairs`, `match_for_reference`, ...) rather than re-deriving a
matching of their own.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ChangeKind = Literal["changed", "added", "removed"]
StructureKind = Literal["parent", "parent_type", "provider", "dependency"]


@dataclass(frozen=True)
class ResourceRef:
    """A resource named the way a reader recognises it."""

    urn: str
    type: str
    name: str
    #: `custom`, `provider` or `component`.
    kind: str


@dataclass(frozen=True)
class PropertyChange:
    """One input that differs in a matched pair.

    `added`: only the model sets it (`reference` is None); `removed`: only the reference
    sets it (`model` is None). Values are canonical inputs (see `docs/diff.md`).
    """

    path: str
    model: Any
    reference: Any
    kind: ChangeKind


@dataclass(frozen=True)
class StructureDifference:
    """Where a matched pair sits differently in the resource tree.

    `parent`: under the stack on one side (None) and under a resource on the other, or
    under parents that are not each other's match; `parent_type`: under components of
    different classes; `provider`: an explicit provider on one side only (None), or
    providers that are not each other's match; `dependency`: a dependency on one side
    only. Values are URNs (types for `parent_type`), each in its own program's terms.
    """

    kind: StructureKind
    model: str | None
    reference: str | None


@dataclass(frozen=True)
class Match:
    """A model resource paired with a reference resource, and how they differ."""

    model: ResourceRef
    reference: ResourceRef
    #: Assignment cost in [0, 1]; pairs above the threshold are never matched.
    cost: float
    name_similarity: float
    input_similarity: float
    changes: tuple[PropertyChange, ...] = ()
    structure: tuple[StructureDifference, ...] = ()

    @property
    def differs(self) -> bool:
        return bool(self.changes or self.structure)


@dataclass(frozen=True)
class Figures:
    """Whole-graph figures over custom resources (providers and components excluded).

    `similarity` is the mean of `type_f1`, `matched_share` and `input_reproduction`;
    each is 1.0 for identical graphs, so the mean is exactly 1.0 there.
    """

    type_precision: float
    type_recall: float
    type_f1: float
    #: Share of reference custom resources that a model resource matched.
    matched_share: float
    #: Share of reference input leaves that matched model resources reproduced exactly,
    #: counted over all reference custom resources (unmatched ones reproduce nothing).
    input_reproduction: float
    similarity: float
    model_resources: int
    reference_resources: int
    matched_resources: int
    reference_input_leaves: int
    reproduced_input_leaves: int


@dataclass(frozen=True)
class GraphDiff:
    """The model's graph against the reference's: matches, missing, extra, figures."""

    matches: tuple[Match, ...]
    #: In the reference and not matched by any model resource.
    missing: tuple[ResourceRef, ...]
    #: In the model and not matched to any reference resource.
    extra: tuple[ResourceRef, ...]
    figures: Figures
    model_hash: str = ""
    reference_hash: str = ""
    _by_model: dict[str, Match] = field(init=False, repr=False, compare=False)
    _by_reference: dict[str, Match] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_model", {m.model.urn: m for m in self.matches})
        object.__setattr__(self, "_by_reference", {m.reference.urn: m for m in self.matches})

    # -- accessors for scorers ------------------------------------------------------

    @property
    def similarity(self) -> float:
        return self.figures.similarity

    @property
    def has_differences(self) -> bool:
        """Any missing, extra, changed or moved resource (logical names do not count)."""
        return bool(self.missing or self.extra or any(m.differs for m in self.matches))

    def matched_pairs(self) -> dict[str, str]:
        """Model URN → reference URN for every matched pair (all kinds)."""
        return {m.model.urn: m.reference.urn for m in self.matches}

    def reference_to_model(self) -> dict[str, str]:
        """Reference URN → model URN for every matched pair (all kinds)."""
        return {m.reference.urn: m.model.urn for m in self.matches}

    def match_for_model(self, urn: str) -> Match | None:
        return self._by_model.get(urn)

    def match_for_reference(self, urn: str) -> Match | None:
        return self._by_reference.get(urn)

    def changed(self) -> list[Match]:
        """Matched pairs with at least one property change."""
        return [m for m in self.matches if m.changes]

    # -- serialisation --------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable and stable: every list is sorted, floats are rounded."""
        return {
            "model_hash": self.model_hash,
            "reference_hash": self.reference_hash,
            "figures": {k: _round(v) for k, v in asdict(self.figures).items()},
            "missing": [asdict(r) for r in self.missing],
            "extra": [asdict(r) for r in self.extra],
            "matches": [_match_dict(m) for m in self.matches],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GraphDiff:
        return cls(
            matches=tuple(_match_from(m) for m in data["matches"]),
            missing=tuple(ResourceRef(**r) for r in data["missing"]),
            extra=tuple(ResourceRef(**r) for r in data["extra"]),
            figures=Figures(**data["figures"]),
            model_hash=data.get("model_hash", ""),
            reference_hash=data.get("reference_hash", ""),
        )


def _round(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def _match_dict(m: Match) -> dict[str, Any]:
    return {
        "model": asdict(m.model),
        "reference": asdict(m.reference),
        "cost": _round(m.cost),
        "name_similarity": _round(m.name_similarity),
        "input_similarity": _round(m.input_similarity),
        "changes": [asdict(c) for c in m.changes],
        "structure": [asdict(s) for s in m.structure],
    }


def _match_from(data: dict[str, Any]) -> Match:
    return Match(
        model=ResourceRef(**data["model"]),
        reference=ResourceRef(**data["reference"]),
        cost=data["cost"],
        name_similarity=data["name_similarity"],
        input_similarity=data["input_similarity"],
        changes=tuple(PropertyChange(**c) for c in data["changes"]),
        structure=tuple(StructureDifference(**s) for s in data["structure"]),
    )
