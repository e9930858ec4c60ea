"""Dedupe stored listings: each listing's vacancy_id, the vacancy rows and the decision rows, for the store to write."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from dedupe.keys import ListingKeys, is_umbrella_employer, practice_from_location
from dedupe.run import Deduplication, deduplicate

PLACE_FIELDS = ("location", "postcode", "outward_code", "town", "county", "nation", "latitude", "longitude")
SALARY_FIELDS = ("salary_text", "salary_min", "salary_max", "salary_period", "salary_pro_rata", "salary_band",
                 "salary_annual_fte_min", "salary_annual_fte_max", "salary_band_min", "salary_band_max")
@dataclass
class DedupeSummary:
    listings: int = 0
    vacancies: int = 0
    new_vacancies: int = 0

    @property
    def merged(self) -> int:
        return self.listings - self.vacancies

    def __str__(self) -> str:
        return (f"{self.listings} listings -> {self.vacancies} vacancies ({self.merged} merged, "
                f"{self.new_vacancies} new vacancies)")


def _informativeness(row: Mapping[str, object], keys: ListingKeys) -> tuple:
    """Which listing speaks best for its vacancy: a real employer, then a precise place, figures, a date."""
    return (not is_umbrella_employer(str(row.get("employer") or "")), keys.place_precision,
            keys.salary_max is not None, keys.closing_day is not None, len(str(row.get("description") or "")))


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
    named = [practice_from_location(str(row.get("location") or "")) for row in ranked_rows]
    return next((name for name in named if name), None) or ranked_rows[0].get("employer")


def vacancy_row(vacancy: str, rows: list[Mapping[str, object]], keys: list[ListingKeys], repost_of: str | None) -> dict:
    """The canonical record of one vacancy, each field from the listing that knows it best."""
    ranked = sorted(range(len(rows)), key=lambda i: _informativeness(rows[i], keys[i]), reverse=True)
    best = rows[ranked[0]]
    place = rows[max(ranked, key=lambda i: keys[i].place_precision)]
    salary = rows[max(ranked, key=lambda i: (keys[i].salary_max is not None, keys[i].salary_min is not None))]
    closing_date = _extreme(rows, "closing_date", max)
    return {
        "vacancy_id": vacancy,
        "title": best.get("title"),
        "role": best.get("role"),
        "employer": _employer([rows[i] for i in ranked]),
        **{name: place.get(name) for name in PLACE_FIELDS},
        **{name: salary.get(name) for name in SALARY_FIELDS},
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
    }


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 4)


def decision_rows(rows: Sequence[Mapping[str, object]], result: Deduplication) -> list[dict]:
    """One row per scored pair, near misses included, for inspection in Datasette."""
    pairs, out = result.pairs, []
    for index, (a, b) in enumerate(zip(pairs.left, pairs.right)):
        rule = result.decisions.rule(index)
        out.append({
            "listing_a": rows[a]["listing_id"], "listing_b": rows[b]["listing_id"],
            "title_similarity": _number(pairs.title_similarity[index]),
            "employer_similarity": _number(pairs.employer_similarity[index]),
            "place_similarity": _number(pairs.place_similarity[index]),
            "salary_similarity": _number(pairs.salary_similarity[index]),
            "closing_similarity": _number(pairs.closing_similarity[index]),
            "score": _number(pairs.score[index]),
            "method": rule.method, "decision": rule.decision, "rule": rule.name,
        })
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
        vacancy_row(vacancy, [rows[i] for i in indexes], [result.keys[i] for i in indexes], repost_of.get(vacancy))
        for vacancy, indexes in members.items()
    ]
    return DedupeOutcome(
        assignments=[(str(row["listing_id"]), vacancy) for row, vacancy in zip(rows, vacancy_ids)],
        vacancies=vacancies,
        decisions=decision_rows(rows, result),
        summary=DedupeSummary(listings=len(rows), vacancies=len(members),
                              new_vacancies=len(set(members) - {vacancy for vacancy in existing if vacancy})),
    )
