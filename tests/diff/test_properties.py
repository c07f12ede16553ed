"""Input changes of one matched pair, at the paths a reader looks for."""

from __future__ import annotations

from harness.diff.properties import property_changes
from harness.diff.result import PropertyChange


def rule(port: int, *cidrs: str) -> dict:  # type: ignore[type-arg]
    return {"protocol": "tcp", "fromPort": port, "toPort": port, "cidrBlocks": list(cidrs)}


def test_widened_cidr_is_reported_at_the_list_path() -> None:
    reference = {"ingress": [rule(443, "10.0.3.0/24"), rule(80, "10.0.1.0/24")]}
    model = {"ingress": [rule(443, "10.0.0.0/16"), rule(80, "10.0.1.0/24")]}
    assert property_changes(model, reference) == (
        PropertyChange("ingress[0].cidrBlocks", ["10.0.0.0/16"], ["10.0.3.0/24"], "changed"),
    )


def test_the_path_uses_the_model_index_when_the_model_reorders() -> None:
    reference = {"ingress": [rule(443, "10.0.3.0/24"), rule(80, "10.0.1.0/24")]}
    model = {"ingress": [rule(80, "10.0.1.0/24"), rule(443, "10.0.0.0/16")]}
    [change] = property_changes(model, reference)
    assert change.path == "ingress[1].cidrBlocks"


def test_reordered_tags_lists_and_rules_are_not_changes() -> None:
    reference = {
        "tags": {"Env": "dev", "Owner": "platform"},
        "subnetIds": ["subnet-a", "subnet-b"],
        "ingress": [rule(443, "10.0.1.0/24", "10.0.2.0/24"), rule(80, "10.0.1.0/24")],
    }
    model = {
        "tags": {"Owner": "platform", "Env": "dev"},
        "subnetIds": ["subnet-b", "subnet-a"],
        "ingress": [rule(80, "10.0.1.0/24"), rule(443, "10.0.2.0/24", "10.0.1.0/24")],
    }
    assert property_changes(model, reference) == ()


def test_order_counts_under_ordered_keys() -> None:
    [change] = property_changes({"command": ["--fast", "run"]}, {"command": ["run", "--fast"]})
    assert change == PropertyChange("command", ["--fast", "run"], ["run", "--fast"], "changed")


def test_added_removed_and_type_changes() -> None:
    reference = {"tags": {"Env": "dev"}, "port": 80, "description": "web"}
    model = {"tags": {"Env": "dev", "Owner": "me"}, "port": "80"}
    assert property_changes(model, reference) == (
        PropertyChange("description", None, "web", "removed"),
        PropertyChange("port", "80", 80, "changed"),
        PropertyChange("tags.Owner", "me", None, "added"),
    )


def test_an_action_change_inside_a_policy_statement() -> None:
    def doc(*actions: str) -> dict:  # type: ignore[type-arg]
        statements = [
            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": list(actions), "Resource": ["arn:aws:s3:::b/*"]},
        ]
        return {"policy": {"Version": "2012-10-17", "Statement": statements}}

    changes = property_changes(doc("s3:GetObject", "s3:DeleteObject"), doc("s3:GetObject"))
    assert changes == (
        PropertyChange(
            "policy.Statement[1].Action",
            ["s3:GetObject", "s3:DeleteObject"],
            ["s3:GetObject"],
            "changed",
        ),
    )


def test_a_rule_only_in_the_model_is_added_whole() -> None:
    reference = {"ingress": [rule(443, "10.0.1.0/24")]}
    model = {"ingress": [rule(443, "10.0.1.0/24"), rule(22, "0.0.0.0/0")]}
    assert property_changes(model, reference) == (
        PropertyChange("ingress[1]", rule(22, "0.0.0.0/0"), None, "added"),
    )
