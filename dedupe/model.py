"""Fellegi–Sunter match weights: every field's level adds evidence for or against, and the total decides.

For each comparison level, m = P(level | same vacancy) and u = P(level | different vacancies); its
weight is log2(m / u) bits. A pair's total is the prior (log2 odds that two listings close enough in
time for blocking to compare them are one vacancy) plus its levels' weights; it is merged when the
total reaches MATCH_THRESHOLD_BITS, unless a deciding level says otherwise (two seniorities, two ODS
practices, closing dates far apart).

m, u and the prior are estimated on the listings being deduplicated, as splink does: u from random
pairs of the listings blocking may compare (almost all different vacancies), m and the prior by
expectation–maximisation over the compared pairs, grouped by their combination of levels. Prior and u
are both taken over pairs no further apart in time than blocking compares, not over every pair, so
they do not drift as the history grows (every pair of a ten-year history is mostly years apart). The
defaults declared with each level act as a prior of PRIOR_PAIRS pairs, so a handful of listings still
gets sensible weights; a level whose m is declared (Level.declared) keeps it. A same-title or same-name level is term-frequency adjusted: agreeing on a
common value ("Practice Manager", "Park Surgery", "London", a copy naming only "Greater London") counts for less
than agreeing on a rare one, relative to the level's own u (rarity).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from dedupe.blocking import BLOCKS, MAX_DAYS_APART, neighbour_pairs
from dedupe.keys import ListingColumns
from dedupe.score import COMPARISONS, compare

#: Pairs merge when the prior plus the weights reach this many bits (0 = even odds; 2 = 4 to 1, chosen on the dev set).
MATCH_THRESHOLD_BITS = 2.0
#: Weight of the declared defaults in the estimates, in pairs.
PRIOR_PAIRS = 50.0
#: Default share of compared pairs that are one vacancy.
PRIOR_MATCH_SHARE = 0.3
#: Random pairs drawn to estimate u.
U_SAMPLE_PAIRS = 300_000
EM_ITERATIONS = 20
#: A term-frequency adjustment moves a level's weight by at most this many bits either way.
TF_LIMIT_BITS = 4.0
#: Smallest probability a level is given, so that no weight is infinite.
FLOOR = 1e-6

DISTINCT, MERGE, REPOST = 0, 1, 2
_DESCRIPTION = [c.field for c in COMPARISONS].index("description")
_OTHER_TEXT = [level.name for level in COMPARISONS[_DESCRIPTION].levels].index("different advert text")
DECISIONS = ("distinct", "merge", "repost")
#: Reasons a pair was decided: by the total, by identical advert text, by the ambiguity rule, joined with a small group
#: on average (dedupe/cluster.py), or by a comparison's deciding level.
BY_TOTAL, BY_IDENTICAL_TEXT, BY_AMBIGUITY, BY_AVERAGE = -1, -2, -3, -4
#: Why a pair short of the threshold was merged.
AVERAGED = "its small group reaches the threshold on average"


@dataclass(frozen=True)
class Model:
    match_share: float
    m: tuple[np.ndarray, ...]
    u: tuple[np.ndarray, ...]
    #: per comparison, per term frequency it declares: bits agreeing on each value adds to its level (rarity()),
    #: by value code, and 0 after the last for a side without a value
    rarities: tuple[tuple[np.ndarray, ...], ...]

    @property
    def prior_bits(self) -> float:
        return float(np.log2(self.match_share / (1 - self.match_share)))

    def level_bits(self, index: int) -> np.ndarray:
        return np.log2(self.m[index] / self.u[index])


def default_model() -> Model:
    return Model(
        PRIOR_MATCH_SHARE,
        tuple(np.array([level.m for level in c.levels]) for c in COMPARISONS),
        tuple(np.array([level.u for level in c.levels]) for c in COMPARISONS),
        tuple(() for _ in COMPARISONS),
    )


def comparable_pairs(time_day: np.ndarray, draws: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
    """Random pairs (with replacement; `draws`, or fewer if there are fewer) of the pairs blocking may compare,
    and how many such pairs there are.

    Blocking never compares listings more than MAX_DAYS_APART days apart (a listing with no date may meet
    any), so these are the pairs the model decides among. Their number grows with the listings per
    day, not with the square of the history kept, so the prior and u taken over them stay the same
    whether the input spans one year or ten.
    """
    n = len(time_day)
    dated = np.flatnonzero(~np.isnan(time_day))
    undated = np.flatnonzero(np.isnan(time_day))
    order = dated[np.argsort(time_day[dated], kind="stable")]
    day = time_day[order]
    low = np.searchsorted(day, day - MAX_DAYS_APART, side="left")
    others = np.searchsorted(day, day + MAX_DAYS_APART, side="right") - low - 1  # dated listings within reach of each
    dated_pairs = int(others.sum()) // 2
    undated_pairs = len(undated) * (n - len(undated)) + len(undated) * (len(undated) - 1) // 2
    total = dated_pairs + undated_pairs
    draws = min(draws, total)
    if draws == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), total
    from_dated = int(rng.binomial(draws, dated_pairs / total))
    first = rng.choice(len(order), from_dated, p=others / others.sum()) if from_dated else np.zeros(0, np.int64)
    second = low[first] + rng.integers(0, np.maximum(others[first], 1))
    second += second >= first  # skip the listing itself
    left = rng.choice(undated, draws - from_dated) if draws > from_dated else np.zeros(0, np.int64)
    right = (left + rng.integers(1, n, len(left))) % n
    return np.concatenate([order[first], left]), np.concatenate([order[second], right]), total


def histogram(levels: np.ndarray, blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (levels, blocks) combinations of compared pairs: their levels (comparisons x combinations),
    block bits, and how many pairs share each. EM runs on these few thousand rows, not on every pair."""
    base = max(len(c.levels) for c in COMPARISONS) + 1
    packed = np.zeros(levels.shape[1], dtype=np.int64)
    for row in levels:
        packed = packed * base + row.astype(np.int64) + 1
    packed = packed * (1 << len(BLOCKS)) + blocks
    unique, counts = np.unique(packed, return_counts=True)
    combination_blocks = unique % (1 << len(BLOCKS))
    rest, rows = unique >> len(BLOCKS), []
    for _ in range(len(levels)):
        rows.append(rest % base - 1)
        rest = rest // base
    return np.array(rows[::-1], dtype=np.int8).reshape(len(levels), -1), combination_blocks, counts.astype(float)


def _shares(levels: np.ndarray, weights: np.ndarray, sizes: list[int], defaults: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    """Per comparison, the weighted share of pairs at each level, with the defaults as PRIOR_PAIRS pseudo-pairs."""
    out = []
    for row, size, default in zip(levels, sizes, defaults):
        counts = np.bincount(row.astype(np.int64) + 1, weights=weights, minlength=size + 1)[1:]
        out.append(np.maximum((counts + PRIOR_PAIRS * default) / (counts.sum() + PRIOR_PAIRS), FLOOR))
    return tuple(out)


def _log_likelihood(levels: np.ndarray, probabilities: tuple[np.ndarray, ...]) -> np.ndarray:
    """Sum over comparisons of log P(level); a level not known (-1) picks the appended 0."""
    total = np.zeros(levels.shape[1])
    for row, p in zip(levels, probabilities):
        total += np.append(np.log(p), 0.0)[row]
    return total


def _em_m(
    levels: np.ndarray, counts: np.ndarray, u: tuple[np.ndarray, ...], defaults: tuple[np.ndarray, ...], used: list[bool]
) -> list[np.ndarray]:
    """m of the comparisons `used`, by EM over level combinations (`counts` pairs each) with u fixed. A combination
    that a deciding level settles apart (two seniorities, closing dates far apart) is two vacancies whatever its
    other levels say, so it is never counted in the one-vacancy class: counting it there spreads m over the levels
    of look-alike adverts and weakens the evidence of real copies."""
    sizes = [len(c.levels) for c in COMPARISONS]
    rows = [index for index, use in enumerate(used) if use]
    m, share = list(defaults), PRIOR_MATCH_SHARE
    log_u = _log_likelihood(levels[rows], tuple(u[i] for i in rows))
    possible = deciding_levels(levels)[0] < 0
    for _ in range(EM_ITERATIONS):
        log_match = np.log(share) + _log_likelihood(levels[rows], tuple(m[i] for i in rows))
        probability = possible / (1 + np.exp(np.clip(np.log(1 - share) + log_u - log_match, -50, 50)))
        estimated = _shares(levels[rows], probability * counts, [sizes[i] for i in rows], tuple(defaults[i] for i in rows))
        for i, values in zip(rows, estimated):
            m[i] = _declared(i, values, defaults[i])
        matches = float((probability * counts).sum())
        share = float(np.clip((matches + PRIOR_PAIRS * PRIOR_MATCH_SHARE) / (counts.sum() + PRIOR_PAIRS), 0.001, 0.999))
    return m


def _declared(index: int, values: np.ndarray, default: np.ndarray) -> np.ndarray:
    """Comparison `index`'s estimated m with each declared level (Level.declared) at its default m and the other
    levels scaled so that all still sum to 1."""
    declared = np.array([level.declared for level in COMPARISONS[index].levels])
    if not declared.any():
        return values
    scaled = values * (1 - default[declared].sum()) / max(values[~declared].sum(), FLOOR)
    return np.where(declared, default, scaled)


def _match_share(levels: np.ndarray, counts: np.ndarray, m: tuple[np.ndarray, ...], u: tuple[np.ndarray, ...], pairs: int) -> float:
    """The prior over the pairs blocking may compare: compared pairs' match probabilities summed, as a share
    of those pairs (by fixed-point iteration; pairs it did not compare are taken as different vacancies)."""
    ratio = _log_likelihood(levels, m) - _log_likelihood(levels, u)
    share = min(PRIOR_MATCH_SHARE, max(counts.sum(), 1) / max(pairs, 1))
    for _ in range(EM_ITERATIONS):
        odds = np.log(share / (1 - share)) + ratio
        matches = (counts / (1 + np.exp(-np.clip(odds, -50, 50)))).sum()
        share = float(np.clip(matches / max(pairs, 1), 1e-9, 0.999))
    return share


def estimate(columns: ListingColumns, levels: np.ndarray, blocks: np.ndarray, seed: int = 0) -> Model:
    """m, u and the prior for these listings, from the compared pairs' `levels` and the blocks that brought them.

    u comes from random pairs of those blocking may compare (comparable_pairs), the prior is a share of
    those pairs too. As in splink, m of a field is estimated only from pairs of blocks that do not fix
    that field (the members of a town block agree on place by construction), and averaged over those blocks.
    """
    rng = np.random.default_rng(seed)
    defaults = default_model()
    sizes = [len(c.levels) for c in COMPARISONS]
    left, right, comparable = comparable_pairs(columns.time_day, U_SAMPLE_PAIRS, rng)
    u = _shares(compare(columns, left, right), np.ones(len(left)), sizes, defaults.u) if len(left) else defaults.u
    combinations, combination_blocks, counts = histogram(levels, blocks)
    fields = [c.field for c in COMPARISONS]
    sums = [np.zeros(size) for size in sizes]
    weights = [0.0] * len(COMPARISONS)
    for number, block in enumerate(BLOCKS):
        members = np.flatnonzero(combination_blocks & (1 << number))
        if not len(members):
            continue
        used = [field != block.fixes for field in fields]
        pairs = float(counts[members].sum())
        for index, values in enumerate(_em_m(combinations[:, members], counts[members], u, defaults.m, used)):
            if used[index]:
                sums[index] += values * pairs
                weights[index] += pairs
    m = tuple(total / weight if weight else default for total, weight, default in zip(sums, weights, defaults.m))
    share = _match_share(combinations, counts, m, u, comparable)
    rarities = tuple(tuple(rarity(tf.key(columns).frequency(columns.signature)) for tf in c.term_frequencies) for c in COMPARISONS)
    return Model(share, m, u, rarities)


def rarity(share: np.ndarray) -> np.ndarray:
    """Term frequency: for a pair agreeing on a value of share f, log2(E / f) bits within TF_LIMIT_BITS, added to its
    level's weight log2(m / u), where E (the sum of the squared shares) is the share an agreed value has on average;
    a trailing 0 for a side without a value. So u keeps the level's own scale: a level that only some pairs can reach
    ("same county, one names only the county") is adjusted by how common its county is, not weighed as if it were an
    exact match on the county (splink's log2(m / f) takes the level's u to be E)."""
    bits = np.log2(float((share**2).sum()) / np.maximum(share, FLOOR))
    return np.append(np.clip(bits, -TF_LIMIT_BITS, TF_LIMIT_BITS), 0.0)


@dataclass(frozen=True)
class ScoredPairs:
    """One column per pair (left[i], right[i]): each comparison's level and weight, the total, the decision."""

    left: np.ndarray
    right: np.ndarray
    levels: np.ndarray  # comparisons x pairs, int8, -1 = not known
    weights: np.ndarray  # comparisons x pairs, bits
    total: np.ndarray  # prior + weights, bits
    decision: np.ndarray  # DISTINCT / MERGE / REPOST
    reason: np.ndarray  # BY_TOTAL, BY_IDENTICAL_TEXT, or the index of the comparison whose level decided

    def __len__(self) -> int:
        return len(self.left)

    def decided(self, index: np.ndarray, decision: int, reason: int) -> ScoredPairs:
        """These pairs with the pairs at `index` given `decision`, for `reason` (a rule over more than the pair)."""
        decisions, reasons = self.decision.copy(), self.reason.copy()
        decisions[index], reasons[index] = decision, reason
        return replace(self, decision=decisions, reason=reasons)

    @classmethod
    def concatenate(cls, first: ScoredPairs, second: ScoredPairs) -> ScoredPairs:
        return cls(
            *(
                np.concatenate([a, b], axis=-1)
                for a, b in zip(
                    (first.left, first.right, first.levels, first.weights, first.total, first.decision, first.reason),
                    (second.left, second.right, second.levels, second.weights, second.total, second.decision, second.reason),
                )
            )
        )


def level_weights(model: Model, columns: ListingColumns, left: np.ndarray, right: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Bits each comparison adds per pair (0 where not known), term-frequency adjusted where declared (rarity())."""
    weights = np.zeros(levels.shape, dtype=np.float32)
    for index, comparison in enumerate(COMPARISONS):
        row, bits = levels[index], model.level_bits(index)
        weights[index] = np.where(row >= 0, bits[np.maximum(row, 0)], 0.0)
        for tf, rarities in zip(comparison.term_frequencies, model.rarities[index]):
            agreed = np.flatnonzero(row == tf.level)
            codes = tf.key(columns).codes
            weights[index, agreed] = (
                bits[tf.level] + rarities[np.where(codes[left[agreed]] >= 0, codes[left[agreed]], codes[right[agreed]])]
            )
    return weights


def deciding_levels(levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair (a column of `levels`): the comparison whose deciding level settles it, the first in COMPARISONS order
    (-1 where none does), and whether that level makes it a repost. A level that overrules (one advert's own
    reference) keeps every "distinct" level from settling the pair."""
    overruled = np.zeros(levels.shape[1], dtype=bool)
    for index, comparison in enumerate(COMPARISONS):
        for number, level in enumerate(comparison.levels):
            if level.overrules:
                overruled |= levels[index] == number
    decider, repost = np.full(levels.shape[1], -1, dtype=np.int8), np.zeros(levels.shape[1], dtype=bool)
    for index, comparison in reversed(list(enumerate(COMPARISONS))):
        for number, level in enumerate(comparison.levels):
            if level.decides:
                hit = (levels[index] == number) & (~overruled if level.decides == "distinct" else True)
                decider[hit], repost[hit] = index, level.decides == "repost"
    return decider, repost


def score(model: Model, columns: ListingColumns, left: np.ndarray, right: np.ndarray, levels: np.ndarray | None = None) -> ScoredPairs:
    """Weigh and decide pairs of listings (compared here unless their `levels` are given)."""
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    levels = compare(columns, left, right) if levels is None else levels
    weights = level_weights(model, columns, left, right, levels)
    total = (model.prior_bits + weights.sum(axis=0)).astype(np.float32)
    decision = np.where(total >= MATCH_THRESHOLD_BITS, MERGE, DISTINCT).astype(np.int8)
    reason = np.full(len(left), BY_TOTAL, dtype=np.int8)
    decider, repost = deciding_levels(levels)
    hit = decider >= 0
    rest = total - weights[np.maximum(decider, 0), np.arange(len(left))]
    decision[hit] = np.where(repost & (rest >= MATCH_THRESHOLD_BITS), REPOST, DISTINCT)[hit]
    reason[hit] = decider[hit]
    # Identical but for the advert text is not identical: one title's adverts for two wards at one address.
    identical = columns.signature.same(left, right) & (levels[_DESCRIPTION] != _OTHER_TEXT)
    decision[identical], reason[identical] = MERGE, BY_IDENTICAL_TEXT
    return ScoredPairs(left, right, levels, weights, total, decision, reason)


#: An ambiguous listing joins the vacancy it matches best only by this margin over another it could be (bits).
AMBIGUITY_MARGIN_BITS = 2.0
#: Of a listing's merges, this many of its best are checked against each other for two that cannot be one vacancy.
AMBIGUITY_PARTNERS = 12
#: Why a listing that could be either of two adverts was kept from both.
AMBIGUOUS = "could be either of two vacancies' adverts"


def without_ambiguous(pairs: ScoredPairs) -> ScoredPairs:
    """The pairs with the merges of an ambiguous listing made distinct. A listing that would merge with two listings
    a deciding level keeps apart (an aggregator's "Practice Nurse, Chingford" beside two practices' Chingford
    adverts; a trust's "Administration Assistant, Worcestershire" beside its adverts at two sites) could be either
    vacancy when it matches its best by less than AMBIGUITY_MARGIN_BITS more than the other: it then joins neither
    of them (exact repeats of it still merge; a vacancy it matches clearly best it joins, by complete linkage).
    `pairs` must be sorted by (left, right), as blocking gives them."""
    n = int(max(pairs.left.max(initial=-1), pairs.right.max(initial=-1))) + 1
    merged = np.flatnonzero((pairs.decision == MERGE) & (pairs.reason != BY_IDENTICAL_TEXT))
    listing = np.concatenate([pairs.left[merged], pairs.right[merged]])
    partner = np.concatenate([pairs.right[merged], pairs.left[merged]])
    edge = np.concatenate([merged, merged])
    first, second = neighbour_pairs(np.lexsort((-pairs.total[edge], listing)), listing, AMBIGUITY_PARTNERS)
    a, b = partner[first], partner[second]  # two listings one listing would merge with, the better first
    codes, scored = np.minimum(a, b) * n + np.maximum(a, b), pairs.left * n + pairs.right
    position = np.minimum(np.searchsorted(scored, codes), max(len(scored) - 1, 0))
    found = (scored[position] == codes) if len(scored) else np.zeros(len(codes), dtype=bool)
    apart = found & (pairs.decision[position] != MERGE) & (pairs.reason[position] >= 0)  # kept apart by a deciding level
    best = np.full(n, -np.inf)
    np.maximum.at(best, listing, pairs.total[edge].astype(float))
    torn = (
        apart
        & (pairs.total[edge[first]] >= best[listing[first]])
        & (pairs.total[edge[first]] - pairs.total[edge[second]] < AMBIGUITY_MARGIN_BITS)
    )
    ambiguous = np.zeros(n, dtype=bool)
    ambiguous[listing[first[torn]]] = True
    involved = np.zeros(len(edge), dtype=bool)
    involved[first[apart]] = involved[second[apart]] = True
    return pairs.decided(edge[involved & ambiguous[listing]], DISTINCT, BY_AMBIGUITY)


def reason_text(reason: int, levels_of_pair: np.ndarray) -> str:
    """What decided a pair, in words."""
    if reason == BY_TOTAL:
        return "total weight"
    if reason == BY_IDENTICAL_TEXT:
        return "identical advert text"
    if reason == BY_AMBIGUITY:
        return AMBIGUOUS
    if reason == BY_AVERAGE:
        return AVERAGED
    return COMPARISONS[reason].levels[levels_of_pair[reason]].name
