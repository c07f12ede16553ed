"""Canonical inputs: what two programs mean, not how they spelled it."""

from __future__ import annotations

import json
from typing import Any

from harness.diff.side import Side
from harness.diff.values import canonical_inputs, fingerprint, format_path, leaves

from .factory import GraphBuilder


def canonical(inputs: dict[str, Any], name: str = "thing") -> dict[str, Any]:
    b = GraphBuilder()
    urn = b.add("aws:iam/policy:Policy", name, inputs)
    side = Side(b.build())
    return canonical_inputs(side.nodes[urn], side, lambda u: u.rsplit("::", 1)[-1])


def test_policy_strings_are_parsed_with_iam_lists_and_without_sids() -> None:
    text = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": {
                "Sid": "Read",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "*",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
            },
        }
    )
    assert canonical({"policy": text})["policy"] == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": ["*"],
                "Principal": {"Service": ["lambda.amazonaws.com"]},
                "Condition": {"StringEquals": {"aws:SourceAccount": ["123456789012"]}},
            }
        ],
    }


def test_noise_is_dropped() -> None:
    inputs = {
        "__defaults": ["name"],
        "name": "thing-1a2b3c4",
        "description": None,
        "tags": {},
        "aliases": [],
        "port": 443.0,
        "ratio": 0.5,
        "plain": "[not json",
    }
    assert canonical(inputs) == {"port": 443, "ratio": 0.5, "plain": "[not json"}


def test_a_chosen_name_is_kept() -> None:
    assert canonical({"name": "thing-logs"}) == {"name": "thing-logs"}


def test_references_and_copied_outputs_are_written_with_their_label() -> None:
    b = GraphBuilder()
    bucket = b.add("aws:s3/bucketV2:BucketV2", "logs", {})
    doc = {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": f"{b.arn(bucket)}/*"}]}
    urn = b.add(
        "aws:s3/bucketPolicy:BucketPolicy",
        "logs-policy",
        {"bucket": b.id(bucket), "policy": json.dumps(doc), "owner": {"$ref": bucket}},
        refs={"bucket": [bucket], "policy": [bucket]},
    )
    side = Side(b.build())
    canon = canonical_inputs(side.nodes[urn], side, lambda u: f"<{u.rsplit('::', 1)[-1]}>")
    assert canon["bucket"] == "${<logs>}.id"
    assert canon["owner"] == "${<logs>}"
    assert canon["policy"]["Statement"][0]["Resource"] == ["${<logs>}.arn/*"]


def test_a_literal_equal_to_an_output_stays_literal_without_a_dependency() -> None:
    b = GraphBuilder()
    bucket = b.add("aws:s3/bucketV2:BucketV2", "logs", {})
    urn = b.add("aws:s3/bucketPolicy:BucketPolicy", "p", {"bucket": b.id(bucket)})
    side = Side(b.build())
    assert canonical_inputs(side.nodes[urn], side, str)["bucket"] == b.id(bucket)


def test_fingerprint_ignores_order_except_under_ordered_keys() -> None:
    a = {"cidrBlocks": ["10.0.1.0/24", "10.0.2.0/24"], "command": ["run", "--fast"]}
    b = {"cidrBlocks": ["10.0.2.0/24", "10.0.1.0/24"], "command": ["run", "--fast"]}
    c = {"cidrBlocks": ["10.0.1.0/24", "10.0.2.0/24"], "command": ["--fast", "run"]}
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(c)


def test_leaves_use_a_wildcard_for_unordered_lists() -> None:
    found = leaves({"ingress": [{"fromPort": 80}, {"fromPort": 443}], "command": ["a", "b"]})
    assert found == {
        ("ingress[*].fromPort", "80"): 1,
        ("ingress[*].fromPort", "443"): 1,
        ("command[0]", '"a"'): 1,
        ("command[1]", '"b"'): 1,
    }


def test_paths_use_dots_and_brackets() -> None:
    assert format_path(["ingress", 0, "cidrBlocks"]) == "ingress[0].cidrBlocks"
    assert format_path(["tags", "kubernetes.io/role"]) == 'tags["kubernetes.io/role"]'
