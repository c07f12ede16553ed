"""Whole-graph figures and the similarity definition."""

from __future__ import annotations

import pytest

from harness.diff import diff

from .factory import GraphBuilder

BUCKET = "aws:s3/bucketV2:BucketV2"
QUEUE = "aws:sqs/queue:Queue"
TOPIC = "aws:sns/topic:Topic"


def test_type_precision_recall_and_f1_over_custom_types() -> None:
    model, reference = GraphBuilder(), GraphBuilder()
    for b in (model, reference):
        b.add(BUCKET, "data", {"forceDestroy": True})
        b.provider("east", {"region": "us-east-1"})
        b.component("tap:stack:TapStack", "stack")
    model.add(QUEUE, "jobs", {"delaySeconds": 5})
    reference.add(TOPIC, "alerts", {"displayName": "alerts"})
    reference.add(TOPIC, "errors", {"displayName": "errors"})
    d = diff(model.build(), reference.build())
    f = d.figures
    assert (f.model_resources, f.reference_resources) == (2, 3)
    assert f.type_precision == pytest.approx(1 / 2)
    assert f.type_recall == pytest.approx(1 / 3)
    assert f.type_f1 == pytest.approx(2 * (1 / 2) * (1 / 3) / (1 / 2 + 1 / 3))
    assert [(r.type, r.name) for r in d.missing] == [(TOPIC, "alerts"), (TOPIC, "errors")]
    assert [(r.type, r.name) for r in d.extra] == [(QUEUE, "jobs")]


def test_matched_share_and_input_reproduction() -> None:
    model, reference = GraphBuilder(), GraphBuilder()
    model.add(BUCKET, "data", {"forceDestroy": True, "tags": {"Env": "dev", "Team": "a"}})
    reference.add(BUCKET, "data", {"forceDestroy": False, "tags": {"Env": "dev", "Team": "a"}})
    reference.add(TOPIC, "alerts", {"displayName": "alerts"})
    f = diff(model.build(), reference.build()).figures
    assert f.matched_share == 1 / 2
    assert (f.reproduced_input_leaves, f.reference_input_leaves) == (2, 4)
    assert f.input_reproduction == 2 / 4
    assert f.similarity == pytest.approx((f.type_f1 + 1 / 2 + 2 / 4) / 3)


def test_empty_model_scores_zero_and_empty_graphs_score_one() -> None:
    reference = GraphBuilder()
    reference.add(BUCKET, "data", {"forceDestroy": True})
    assert diff(GraphBuilder().build(), reference.build()).similarity == 0.0
    assert diff(GraphBuilder().build(), GraphBuilder().build()).similarity == 1.0


def test_a_model_that_builds_where_the_reference_built_nothing_scores_zero() -> None:
    model = GraphBuilder()
    model.add(BUCKET, "data", {"forceDestroy": True})
    d = diff(model.build(), GraphBuilder().build())
    assert (d.figures.type_f1, d.figures.matched_share, d.similarity) == (0.0, 0.0, 0.0)
