"""Pairing model resources with reference resources, one bucket (type) at a time.

Logical names differ between programs, so no single signal decides a pair. The cost of
pairing model resource m with reference resource r is

    cost = 0.40 * (1 - name) + 0.45 * (1 - inputs) + 0.15 * (best parent - parent)
           + 0.25 * (region reachable - region)

- name: similarity of the cleaned names (`names.py`), words and character trigrams;
- inputs: equal (path, value) leaves of the canonical inputs over the union of paths;
- parent: 1 when both sit under the stack or under parents already paired, 0 when
  only one sits under the stack, else the mean of "same component class" and parent
  name similarity. It is measured from the best parent similarity in the bucket: a
  difference every pair shares (one program uses components, the other does not)
  says nothing about which resource is which, and is reported as a structure
  difference instead of keeping resources apart.
- region: 1 when both resources live in the same AWS region (their own `region`, their
  provider's, else the stack's), else 0. "Reachable" is 1 where either resource has a
  partner of its own region in the bucket: a pair across regions costs more only when
  one of them could have stayed in its region. Names often carry the region and are
  cleaned of it, so without this a two-region program could pair its primary key with
  the other's secondary one; a single-region program against one in another region
  pays nothing.

The assignment minimising total cost is solved with `linear_sum_assignment`, with a
way out for every resource: leaving a resource unmatched costs THRESHOLD / 2, so a pair
costing more than THRESHOLD is never chosen and becomes one missing plus one extra.
A renamed resource with the same inputs costs at most 0.40 + 0.15, under the threshold.
Similarities are computed as sparse matrix products rather than pair by pair, so even a
single bucket of 300 resources per side is matched in a fraction of a second.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from harness.diff.names import NameCleaner, NameWords, class_name, trigrams
from harness.diff.side import Node, Side
from harness.diff.values import Leaves

NAME_WEIGHT = 0.40
INPUT_WEIGHT = 0.45
PARENT_WEIGHT = 0.15
REGION_WEIGHT = 0.25
THRESHOLD = 0.65

Matrix = NDArray[np.float64]
Words = tuple[str, ...]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Pair:
    model: str
    reference: str
    cost: float
    name: float
    inputs: float


def match(
    model: Side,
    reference: Side,
    model_leaves: Mapping[str, Leaves],
    reference_leaves: Mapping[str, Leaves],
    cleaner: NameCleaner,
    partner: Mapping[str, str] | None = None,
) -> list[Pair]:
    """The minimum-cost pairing, bucket by bucket; `partner` is an earlier pairing."""
    buckets_m = _buckets(model)
    buckets_r = _buckets(reference)
    parents = _ParentSimilarity(model, reference, cleaner, partner or {})
    pairs: list[Pair] = []
    for bucket in sorted(buckets_m.keys() & buckets_r.keys()):
        ms, rs = buckets_m[bucket], buckets_r[bucket]
        names = name_similarity(
            [cleaner.name(n.name, n.type) for n in ms],
            [cleaner.name(n.name, n.type) for n in rs],
        )
        inputs = input_similarity(
            [model_leaves[n.urn] for n in ms], [reference_leaves[n.urn] for n in rs]
        )
        parent = np.array([[parents(m.parent, r.parent) for r in rs] for m in ms])
        region = np.array([[float(model.region(m) == reference.region(r)) for r in rs]
                           for m in ms])
        cost = (
            NAME_WEIGHT * (1 - names)
            + INPUT_WEIGHT * (1 - inputs)
            + PARENT_WEIGHT * (parent.max() - parent)
            + REGION_WEIGHT * (_reachable(region) - region)
        )
        cost = np.clip(cost, 0.0, 1.0)
        for i, j in assign(cost, THRESHOLD):
            pairs.append(
                Pair(
                    ms[i].urn,
                    rs[j].urn,
                    float(cost[i, j]),
                    float(names[i, j]),
                    float(inputs[i, j]),
                )
            )
    return pairs


def _reachable(same: Matrix) -> Matrix:
    """1 where the row's or the column's resource has a same-region partner at all."""
    reachable: Matrix = np.maximum(same.max(axis=1, keepdims=True),
                                   same.max(axis=0, keepdims=True))
    return reachable


#: Share of shared matched dependencies from which two leftovers are paired anyway.
ANCHOR_THRESHOLD = 0.5


def match_anchored(
    model: Side,
    reference: Side,
    model_leaves: Mapping[str, Leaves],
    reference_leaves: Mapping[str, Leaves],
    cleaner: NameCleaner,
    partner: Mapping[str, str],
) -> list[Pair]:
    """Pair resources left over by `match` through what they hang on.

    Two resources of one type that differ in name and in most inputs (a scale-up
    policy in place of a target-tracking one) still do the same job when they depend on
    resources already paired (the same autoscaling group): pairing them shows *how*
    the model did that job differently instead of one missing and one extra resource.
    """
    taken = set(partner.values())
    left_m = [n for n in model.nodes.values() if n.urn not in partner]
    left_r = [n for n in reference.nodes.values() if n.urn not in taken]
    pairs: list[Pair] = []
    for bucket in sorted({n.bucket for n in left_m} & {n.bucket for n in left_r}):
        ms = [n for n in left_m if n.bucket == bucket]
        rs = [n for n in left_r if n.bucket == bucket]
        anchors = np.array([[_anchor(m, r, partner) for r in rs] for m in ms])
        cost = 1.0 - anchors
        names = name_similarity([cleaner.name(n.name, n.type) for n in ms],
                                [cleaner.name(n.name, n.type) for n in rs])
        inputs = input_similarity([model_leaves[n.urn] for n in ms],
                                  [reference_leaves[n.urn] for n in rs])
        for i, j in assign(cost, 1.0 - ANCHOR_THRESHOLD):
            pairs.append(Pair(ms[i].urn, rs[j].urn, float(cost[i, j]), float(names[i, j]),
                              float(inputs[i, j])))
    return pairs


def _anchor(m: Node, r: Node, partner: Mapping[str, str]) -> float:
    """Jaccard share of the two resources' dependencies, on paired resources only."""
    paired = set(partner.values())
    ours = {partner[d] for d in m.dependencies if d in partner}
    theirs = {d for d in r.dependencies if d in paired}
    if not ours or not theirs:
        return 0.0
    return len(ours & theirs) / len(ours | theirs)


def assign(cost: Matrix, threshold: float) -> list[tuple[int, int]]:
    """Rows paired with columns at minimum total cost, each allowed to stay unpaired."""
    n, m = cost.shape
    if n == 0 or m == 0:
        return []
    blocked = 1e6
    full = np.full((n + m, m + n), blocked)
    full[:n, :m] = cost
    full[:n, m:][np.eye(n, dtype=bool)] = threshold / 2
    full[n:, :m][np.eye(m, dtype=bool)] = threshold / 2
    full[n:, m:] = 0.0
    rows, cols = linear_sum_assignment(full)
    return [
        (int(i), int(j))
        for i, j in zip(rows, cols, strict=True)
        if i < n and j < m and cost[i, j] <= threshold
    ]


def _buckets(side: Side) -> dict[str, list[Node]]:
    out: dict[str, list[Node]] = defaultdict(list)
    for urn in sorted(side.nodes):
        node = side.nodes[urn]
        out[node.bucket].append(node)
    return out


# -- similarities ------------------------------------------------------------------------


def overlap(a: Sequence[Mapping[K, int]], b: Sequence[Mapping[K, int]]) -> Matrix:
    """|A ∩ B| (with multiplicity) for every pair of multisets, as one sparse product.

    The k-th copy of an item is its own feature, so a product of 0/1 matrices counts
    min(count in A, count in B) for every item.
    """
    vocab: dict[tuple[Hashable, int], int] = {}
    ra, ca = _coordinates(a, vocab)
    rb, cb = _coordinates(b, vocab)
    size = max(len(vocab), 1)
    ma = csr_matrix((np.ones(len(ra)), (ra, ca)), shape=(len(a), size))
    mb = csr_matrix((np.ones(len(rb)), (rb, cb)), shape=(len(b), size))
    return np.asarray((ma @ mb.T).toarray(), dtype=np.float64)


def _coordinates(
    bags: Sequence[Mapping[K, int]], vocab: dict[tuple[Hashable, int], int]
) -> tuple[list[int], list[int]]:
    rows: list[int] = []
    cols: list[int] = []
    for i, bag in enumerate(bags):
        for item, count in bag.items():
            for k in range(count):
                rows.append(i)
                cols.append(vocab.setdefault((item, k), len(vocab)))
    return rows, cols


def _sizes(bags: Sequence[Mapping[K, int]]) -> NDArray[np.float64]:
    return np.array([sum(bag.values()) for bag in bags], dtype=np.float64)


def dice(a: Sequence[Mapping[K, int]], b: Sequence[Mapping[K, int]]) -> Matrix:
    """2|A ∩ B| / (|A| + |B|), 1.0 when both are empty."""
    total = _sizes(a)[:, None] + _sizes(b)[None, :]
    return np.where(total > 0, 2 * overlap(a, b) / np.maximum(total, 1), 1.0)


def name_similarity(a: Sequence[NameWords], b: Sequence[NameWords]) -> Matrix:
    """0.9 × similarity of the cleaned words + 0.1 × similarity of the raw names.

    The cleaned words (type words removed, unless nothing else is left on either side)
    carry the meaning; the raw part only breaks ties, so that in identical graphs
    `subnet-0` pairs with `subnet-0` rather than with an otherwise equal `subnet-1`.
    """

    def words_and_grams(words: Sequence[Words], other: Sequence[Words]) -> Matrix:
        by_word = dice([Counter(w) for w in words], [Counter(w) for w in other])
        by_gram = dice([Counter(trigrams(w)) for w in words], [Counter(trigrams(w)) for w in other])
        return 0.5 * by_word + 0.5 * by_gram

    core = words_and_grams([n.core for n in a], [n.core for n in b])
    full = words_and_grams([n.words for n in a], [n.words for n in b])
    empty_a = np.array([not n.core for n in a])
    empty_b = np.array([not n.core for n in b])
    no_core = empty_a[:, None] | empty_b[None, :]
    cleaned = np.where(no_core, full, core)
    ids: dict[str, int] = {}
    raw_a = np.array([ids.setdefault(n.raw, len(ids)) for n in a])
    raw_b = np.array([ids.setdefault(n.raw, len(ids)) for n in b])
    raw_words = dice([Counter(n.raw_words) for n in a], [Counter(n.raw_words) for n in b])
    raw = np.where(raw_a[:, None] == raw_b[None, :], 1.0, 0.9 * raw_words)
    return np.asarray(0.9 * cleaned + 0.1 * raw, dtype=np.float64)


def input_similarity(a: Sequence[Leaves], b: Sequence[Leaves]) -> Matrix:
    """Equal leaves over the union of leaf paths; 1.0 when neither side has inputs."""
    paths_a = [_paths(x) for x in a]
    paths_b = [_paths(x) for x in b]
    union = _sizes(paths_a)[:, None] + _sizes(paths_b)[None, :] - overlap(paths_a, paths_b)
    equal = overlap(a, b)
    return np.where(union > 0, equal / np.maximum(union, 1), 1.0)


def _paths(leaves: Leaves) -> Counter[str]:
    out: Counter[str] = Counter()
    for (path, _), count in leaves.items():
        out[path] += count
    return out


class _ParentSimilarity:
    """Similarity of two resources' places in their parent trees, cached per parent pair."""

    def __init__(
        self, model: Side, reference: Side, cleaner: NameCleaner, partner: Mapping[str, str]
    ) -> None:
        self.model = model
        self.reference = reference
        self.cleaner = cleaner
        self.partner = partner
        self.cache: dict[tuple[str | None, str | None], float] = {}

    def __call__(self, m: str | None, r: str | None) -> float:
        key = (m, r)
        if key not in self.cache:
            self.cache[key] = self._compute(m, r)
        return self.cache[key]

    def _compute(self, m: str | None, r: str | None) -> float:
        if m is None or r is None:
            return 1.0 if m is None and r is None else 0.0
        if self.partner.get(m) == r:
            return 1.0
        type_m, type_r = self.model.type_of(m), self.reference.type_of(r)
        same_class = 1.0 if class_name(type_m) == class_name(type_r) else 0.0
        words_m = self.cleaner.name(_name(self.model, m), type_m).words
        words_r = self.cleaner.name(_name(self.reference, r), type_r).words
        names = dice([Counter(words_m)], [Counter(words_r)])[0, 0]
        return 0.5 * same_class + 0.5 * float(names)


def _name(side: Side, urn: str) -> str:
    r = side.graph.resources.get(urn)
    return r.name if r else urn.rsplit("::", 1)[-1]
