"""Pairing resources: cost, threshold and assignment."""

from __future__ import annotations

from collections import Counter

import numpy as np

from harness.diff.match import THRESHOLD, assign, input_similarity, name_similarity
from harness.diff.names import NameCleaner
from harness.graph import Settings

KEY = "aws:kms/key:Key"


def names(*values: str, type_: str = KEY) -> list:  # type: ignore[type-arg]
    cleaner = NameCleaner([Settings()])
    return [cleaner.name(v, type_) for v in values]


def test_env_prefixed_name_costs_almost_nothing() -> None:
    sim = name_similarity(names("primary-kms-key"), names("dev-primary-kms-key", "backup-kms-key"))
    assert sim[0, 0] > 0.95
    assert sim[0, 1] < 0.3


def test_raw_names_break_ties_between_equal_cleaned_names() -> None:
    sim = name_similarity(names("subnet-0", "subnet-1"), names("subnet-0", "subnet-1"))
    assert sim[0, 0] == sim[1, 1] == 1.0
    assert 0.9 < sim[0, 1] < 1.0


def test_input_similarity_is_equal_leaves_over_the_union_of_paths() -> None:
    a = Counter({("cidrBlock", '"10.0.0.0/16"'): 1, ("enableDnsSupport", "true"): 1})
    b = Counter({("cidrBlock", '"10.0.0.0/16"'): 1, ("tags.Name", '"main"'): 1})
    assert input_similarity([a], [b])[0, 0] == 1 / 3
    assert input_similarity([Counter()], [Counter()])[0, 0] == 1.0


def test_assignment_minimises_total_cost() -> None:
    cost = np.array([[0.1, 0.2], [0.15, 0.5]])
    assert sorted(assign(cost, THRESHOLD)) == [(0, 1), (1, 0)]


def test_pairs_above_the_threshold_stay_unmatched() -> None:
    cost = np.array([[0.9, 0.3], [0.2, 0.7]])
    assert sorted(assign(cost, 0.65)) == [(0, 1), (1, 0)]
    assert assign(np.array([[0.66]]), 0.65) == []
    assert assign(np.array([[0.64]]), 0.65) == [(0, 0)]


def test_rectangular_costs_leave_the_surplus_unmatched() -> None:
    cost = np.array([[0.6, 0.05, 0.6]])
    assert assign(cost, THRESHOLD) == [(0, 1)]
    assert assign(cost.T, THRESHOLD) == [(1, 0)]
