"""Dedupe the store: give every relevant listing a vacancy_id, rebuild `vacancies` and `dedupe_decisions`."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from dedupe.keys import ListingKeys, is_umbrella_employer, practice_from_location
from dedupe.run import Deduplication, deduplicate

PLACE_FIELDS = ("location", "postcode", "outward_code", "town", "county", "nation", "latitude", "longitude")
SALARY_FIELDS = ("salary_text", "salary_min", "salary_max", "salary_period", "salary_pro_rata", "salary_band",
                 "salary_annual_fte_min", "salary_annual_fte_max", "salary_band_min", "salary_band_max")
# What a job seeker scans first comes first: the job, where, pay, closing date, where advertised.
VACANCY_COLUMNS: dict[str, type] = {
    "vacancy_id": str, "title": str, "employer": str, "town": str, "county": str,
    "salary_text": str, "salary_annual_fte_min": float, "salary_annual_fte_max": float,
    "closing_date": str, "sources": str, "n_listings": int, "status": str, "role": str,
    "location": str, "postcode": str, "outward_code": str, "nation": str, "latitude": float, "longitude": float,
    "salary_min": float, "salary_max": float, "salary_period": str, "salary_pro_rata": int, "salary_band": str,
    "salary_band_min": float, "salary_band_max": float, "closing_open_ended": int, "posted_date": str,
    "listing_ids": str, "first_seen": str, "last_seen": str, "repost_of": str,
}
DECISION_FOREIGN_KEYS = [("listing_a", "listings", "listing_id"), ("listing_b", "listings", "listing_id")]
VACANCY_INDEXES = ("role", "county", "nation", "closing_date", "status")
DECISION_COLUMNS: dict[str, type] = {
    "listing_a": str, "listing_b": str, "title_similarity": float, "employer_similarity": float,
    "place_similarity": float, "salary_similarity": float, "closing_similarity": float, "score": float,
    "method": str, "decision": str, "rule": str,
}


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


def dedupe_database(db: sqlite_utils.Database) -> DedupeSummary:
    """Assign vacancies to relevant listings incrementally: existing vacancy ids never change."""
    rows = list(db.query(
        "select * from listings where coalesce(role, '') != 'not_relevant' order by first_seen, listing_id"))
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
    with db.conn:
        db.conn.executemany("update listings set vacancy_id = ? where listing_id = ?",
                            [(vacancy, row["listing_id"]) for vacancy, row in zip(vacancy_ids, rows)])
        db.execute("update listings set vacancy_id = null where role = 'not_relevant'")
        for name, columns, pk, foreign_keys in (
            ("vacancies", VACANCY_COLUMNS, "vacancy_id", None),
            ("dedupe_decisions", DECISION_COLUMNS, None, DECISION_FOREIGN_KEYS),
        ):
            db[name].drop(ignore=True)
            db[name].create(columns, pk=pk, foreign_keys=foreign_keys)
        db["vacancies"].insert_all(vacancies)
        db["dedupe_decisions"].insert_all(decision_rows(rows, result))
    for column in VACANCY_INDEXES:
        db["vacancies"].create_index([column], if_not_exists=True)
    db["dedupe_decisions"].create_index(["listing_a"], if_not_exists=True)
    db["dedupe_decisions"].create_index(["listing_b"], if_not_exists=True)
    return DedupeSummary(listings=len(rows), vacancies=len(members),
                         new_vacancies=len(set(members) - {vacancy for vacancy in existing if vacancy}))
