"""The diff stage: a model program's resource graph against the reference program's.

    from harness.diff import diff, render_text
    d = diff(model_graph, reference_graph)
    d.figures.similarity, d.matched_pairs(), d.to_dict(), render_text(d)

How resources are matched, what is normalised before comparing and how the figures are
defined is in `docs/diff.md`.
"""

from harness.diff.compare import diff
from harness.diff.render import render_text
from harness.diff.result import (
    Figures,
    GraphDiff,
    Match,
    PropertyChange,
    ResourceRef,
    StructureDifference,
)

__all__ = [
    "Figures",
    "GraphDiff",
    "Match",
    "PropertyChange",
    "ResourceRef",
    "StructureDifference",
    "diff",
    "render_text",
]
