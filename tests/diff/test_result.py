"""The diff as data: stable JSON and accessors for scorers."""

from __future__ import annotations

import json

from harness.diff import GraphDiff, diff

from .factory import tap_stack


def sample() -> GraphDiff:
    model = tap_stack(
        lambda n: f"dev-{n}",
        web_cidr="0.0.0.0/0",
        provider_under_component=False,
        program_hash="model",
    ).build()
    return diff(model, tap_stack(program_hash="reference").build())


def test_to_dict_is_json_and_stable() -> None:
    first, second = sample().to_dict(), sample().to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["figures"]["type_f1"] == 1.0
    names = [m["reference"]["name"] for m in first["matches"]]
    types = [m["reference"]["type"] for m in first["matches"]]
    assert types == sorted(types)
    assert "web-sg" in names
    [sg] = [m for m in first["matches"] if m["reference"]["name"] == "web-sg"]
    assert sg["changes"] == [
        {
            "path": "ingress[0].cidrBlocks",
            "model": ["0.0.0.0/0"],
            "reference": ["10.0.3.0/24"],
            "kind": "changed",
        }
    ]


def test_round_trip_through_json() -> None:
    d = sample()
    again = GraphDiff.from_dict(json.loads(d.to_json()))
    assert again.to_dict() == d.to_dict()
    assert again.matched_pairs() == d.matched_pairs()


def test_matched_pairs_map_model_urns_to_reference_urns() -> None:
    d = sample()
    pairs = d.matched_pairs()
    kms = next(u for u in pairs if u.endswith("::dev-primary-kms-key"))
    assert pairs[kms].endswith("::primary-kms-key")
    assert d.reference_to_model()[pairs[kms]] == kms
    assert d.match_for_model(kms) is d.match_for_reference(pairs[kms])
    assert d.match_for_model("urn:nothing") is None
