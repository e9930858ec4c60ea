"""Dedupe stored listings: each listing's vacancy_id, the vacancy rows and the decision rows, for the store to write."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dedupe.keys import ListingColumns
from dedupe.model import DECISIONS, reason_text
from dedupe.run import DedupeSummary, Deduplication, deduplicate
from dedupe.score import COMPARISONS
from pipeline.practices import is_umbrella_employer, named_practices
from spiders.items import PAY_FIELDS, PLACE, fields_of

PLACE_FIELDS = ("location", *fields_of(PLACE))


def _informativeness(row: Mapping[str, object], columns: ListingColumns, i: int) -> tuple:
    """Which listing speaks best for its vacancy: a real employer, then a precise place, figures, a date."""
    return (
        not is_umbrella_employer(str(row.get("employer") or "")),
        int(columns.precision[i]),
        not math.isnan(columns.salary_max[i]),
        not math.isnan(columns.closing_day[i]),
        len(str(row.get("description") or "")),
    )


def _status(statuses: Sequence[object]) -> str:
    return "open" if "open" in statuses else "expired" if "expired" in statuses else "closed"


def _extreme(rows: list[Mapping[str, object]], name: str, pick: Callable[[list[str]], str] = min) -> str | None:
    values = [str(row[name]) for row in rows if row.get(name)]
    return pick(values) if values else None


def _employer(ranked_rows: list[Mapping[str, object]]) -> str | None:
    """The practice's own name if any listing gives it (in its employer or location line), else the advertiser."""
    for row in ranked_rows:
        if not is_umbrella_employer(str(row.get("employer") or "")):
            return str(row["employer"])
    named = [name for row in ranked_rows for name in named_practices(str(row.get("location") or ""))]
    return named[0] if named else ranked_rows[0].get("employer")


def vacancy_row(vacancy: str, rows: list[Mapping[str, object]], indexes: list[int], columns: ListingColumns, repost_of: str | None) -> dict:
    """The canonical record of one vacancy, each field from the listing that knows it best."""
    ranked = sorted(range(len(rows)), key=lambda i: _informativeness(rows[i], columns, indexes[i]), reverse=True)
    best = rows[ranked[0]]
    place = rows[max(ranked, key=lambda i: columns.precision[indexes[i]])]
    salary = rows[
        max(ranked, key=lambda i: (not math.isnan(columns.salary_max[indexes[i]]), not math.isnan(columns.salary_min[indexes[i]])))
    ]
    practice = next((rows[i] for i in ranked if rows[i].get("ods_code")), {})
    closing_date = _extreme(rows, "closing_date", max)
    return {
        "vacancy_id": vacancy,
        "title": best.get("title"),
        "role": best.get("role"),
        "employer": _employer([rows[i] for i in ranked]),
        **{name: place.get(name) for name in PLACE_FIELDS},
        **{name: salary.get(name) for name in PAY_FIELDS},
        "closing_date": closing_date,
        "closing_open_ended": int(not closing_date and any(row.get("closing_open_ended") for row in rows)),
        "posted_date": _extreme(rows, "posted_date"),
        "n_listings": len(rows),
        "sources": ",".join(sorted({str(row.get("source") or "") for row in rows})),
        "listing_ids": json.dumps(sorted(str(row["listing_id"]) for row in rows)),
        "first_seen": _extreme(rows, "first_seen"),
        "last_seen": _extreme(rows, "last_seen", max),
        "status": _status([row.get("status") for row in rows]),
        "repost_of": repost_of,
        "ods_code": practice.get("ods_code"),
        "practice_name": practice.get("practice_name"),
    }


def _bits(value: float) -> float:
    return round(float(value), 2)


def decision_rows(rows: Sequence[Mapping[str, object]], result: Deduplication) -> list[dict]:
    """One row per compared pair, near misses included: each field's level and weight, the total, the decision."""
    pairs, prior, out = result.pairs, result.model.prior_bits, []
    names = [[level.name for level in c.levels] for c in COMPARISONS]
    levels, weights = pairs.levels.T.tolist(), pairs.weights.T.tolist()
    for index, (a, b) in enumerate(zip(pairs.left.tolist(), pairs.right.tolist())):
        total = float(pairs.total[index])
        row = {
            "listing_a": rows[a]["listing_id"],
            "listing_b": rows[b]["listing_id"],
            "decision": DECISIONS[pairs.decision[index]],
            "decided_by": reason_text(int(pairs.reason[index]), pairs.levels[:, index]),
            "total_weight": _bits(total),
            "match_probability": round(1 / (1 + 2 ** -min(max(total, -60), 60)), 4),
            "prior_weight": _bits(prior),
        }
        for c, level_names, level, weight in zip(COMPARISONS, names, levels[index], weights[index]):
            row[f"{c.field}_level"] = level_names[level] if level >= 0 else None
            row[f"{c.field}_weight"] = _bits(weight)
        out.append(row)
    return out


@dataclass
class DedupeOutcome:
    #: (listing_id, vacancy_id) for every listing deduplicated.
    assignments: list[tuple[str, str]]
    vacancies: list[dict]
    decisions: list[dict]
    summary: DedupeSummary


def dedupe_listings(rows: Sequence[Mapping[str, object]]) -> DedupeOutcome:
    """Group stored listings (oldest first) into vacancies incrementally: existing vacancy ids never change."""
    existing = [row.get("vacancy_id") or None for row in rows]
    result = deduplicate(rows, existing)
    vacancy_ids, repost_of = result.clusters.vacancy_ids, result.clusters.repost_of
    members: dict[str, list[int]] = {}
    for index, vacancy in enumerate(vacancy_ids):
        members.setdefault(vacancy, []).append(index)
    vacancies = [
        vacancy_row(vacancy, [rows[i] for i in indexes], indexes, result.columns, repost_of.get(vacancy))
        for vacancy, indexes in members.items()
    ]
    return DedupeOutcome(
        assignments=[(str(row["listing_id"]), vacancy) for row, vacancy in zip(rows, vacancy_ids)],
        vacancies=vacancies,
        decisions=decision_rows(rows, result),
        summary=result.summary(existing),
    )
