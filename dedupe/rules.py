"""The decision rules, as data: an ordered list; the first rule whose condition holds decides a pair.

A missing field (NaN similarity) never satisfies a "differs" condition: what a board leaves out is no
evidence against a match, but every merge rule asks for positive evidence of identity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dedupe.score import CLOSING_SPAN_DAYS, PairScores

#: Closing dates further apart than this are different adverts (a re-advert when more than 45).
REPOST_AFTER_DAYS = 45


@dataclass(frozen=True)
class Rule:
    name: str
    decision: str  # merge | distinct | repost
    method: str  # exact | reference | fuzzy
    applies: Callable[[PairScores], np.ndarray]


def _closing_within(days: int) -> Callable[[PairScores], np.ndarray]:
    return lambda p: p.closing_similarity >= 1 - days / CLOSING_SPAN_DAYS


RULES: tuple[Rule, ...] = (
    Rule("same advert reference", "merge", "reference", lambda p: p.same_reference),
    Rule("identical advert text", "merge", "exact", lambda p: p.same_signature),
    Rule("different seniority", "distinct", "fuzzy", lambda p: ~p.same_seniority),
    Rule("different places", "distinct", "fuzzy", lambda p: p.place_similarity < 0.4),
    Rule("different employers", "distinct", "fuzzy", lambda p: p.employer_similarity < 0.6),
    Rule("different titles", "distinct", "fuzzy", lambda p: p.title_similarity < 0.8),
    Rule("different salaries", "distinct", "fuzzy", lambda p: p.salary_similarity < 0.4),
    Rule(
        "re-advertised more than 45 days later",
        "repost",
        "fuzzy",
        lambda p: (p.days_apart > REPOST_AFTER_DAYS) & ((p.employer_similarity >= 0.85) | (p.place_similarity >= 0.9)),
    ),
    Rule("more than 45 days apart", "distinct", "fuzzy", lambda p: p.days_apart > REPOST_AFTER_DAYS),
    Rule("closing dates more than 14 days apart", "distinct", "fuzzy", lambda p: p.closing_similarity < 1 - 14 / CLOSING_SPAN_DAYS),
    Rule("same employer and place", "merge", "fuzzy", lambda p: (p.employer_similarity >= 0.85) & (p.place_similarity >= 0.5)),
    Rule(
        "same employer and title, no place on one side",
        "merge",
        "fuzzy",
        lambda p: (p.employer_similarity >= 0.85) & np.isnan(p.place_similarity) & (p.title_similarity >= 0.9),
    ),
    Rule(
        "same postcode district and title, no employer on one side",
        "merge",
        "fuzzy",
        lambda p: np.isnan(p.employer_similarity) & (p.place_similarity >= 0.9) & (p.title_similarity >= 0.9),
    ),
    Rule(
        "same town, title and closing date, no employer on one side",
        "merge",
        "fuzzy",
        lambda p: np.isnan(p.employer_similarity) & (p.place_similarity >= 0.6) & (p.title_similarity >= 0.9) & _closing_within(3)(p),
    ),
)
FALLBACK = Rule("not enough in common", "distinct", "fuzzy", lambda p: np.ones(len(p.left), dtype=bool))


@dataclass(frozen=True)
class Decisions:
    """Per pair: index into RULES (len(RULES) for the fallback), and the decision it gives."""

    rule_index: np.ndarray

    def rule(self, row: int) -> Rule:
        return (RULES + (FALLBACK,))[self.rule_index[row]]

    @property
    def decision(self) -> np.ndarray:
        return np.array([rule.decision for rule in RULES + (FALLBACK,)])[self.rule_index]


def decide(pairs: PairScores) -> Decisions:
    """Apply RULES in order to every pair at once."""
    with np.errstate(invalid="ignore"):
        conditions = [np.asarray(rule.applies(pairs), dtype=bool) for rule in RULES]
    return Decisions(np.select(conditions, list(range(len(RULES))), default=len(RULES)).astype(np.int64))
