"""One summary of a finished crawl, built once from its stats: the `crawls` row and the conductor's report."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from pipeline import health
from spiders import stats as keys


@dataclass
class CrawlSummary:
    source: str
    started: str
    finished: str
    finish_reason: str
    items: int
    new_listings: int
    pages: int
    not_relevant: int
    invalid: int
    broken_cards: int
    errors: int
    truncated: bool
    #: ok, degraded, blocked or failed (pipeline/health.py), and why.
    status: str
    status_reason: str
    #: What the run counted, per field: pmjobs/field/salary/unread, .../closing/missing, ...
    field_stats: dict

    @classmethod
    def from_stats(
        cls,
        source: str,
        stats: Mapping[str, object],
        finish_reason: str,
        started: str,
        finished: str,
        recent_good_items: Sequence[int] = (),
        degraded_below: float = health.DEGRADED_BELOW,
    ) -> CrawlSummary:
        """`recent_good_items`: adverts kept by the source's last good runs, newest first."""
        count = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731
        verdict = health.judge_crawl(stats, finish_reason, count(keys.STORED), recent_good_items, degraded_below)
        return cls(
            source=source,
            started=started,
            finished=finished,
            finish_reason=finish_reason,
            items=count(keys.STORED),
            new_listings=count(keys.NEW_LISTINGS),
            pages=count(keys.RESPONSES) - count(keys.ROBOTS_RESPONSES),
            not_relevant=count(keys.NOT_RELEVANT),
            invalid=count(keys.INVALID),
            broken_cards=count(keys.BROKEN_CARD),
            errors=health.page_errors(stats),
            truncated=bool(stats.get(keys.SEARCH_TRUNCATED)),
            status=verdict.status,
            status_reason=verdict.reason,
            field_stats={key: value for key, value in sorted(stats.items()) if key.startswith(keys.PREFIX)},
        )

    @property
    def ok(self) -> bool:
        return self.status == health.OK

    def crawl_row(self) -> dict:
        """The row of the `crawls` table."""
        row = asdict(self)
        return {**row, "truncated": int(self.truncated), "field_stats": json.dumps(self.field_stats)}

    def report(self) -> str:
        return (
            f"  {self.source}: {self.items} adverts kept ({self.new_listings} new listings) from {self.pages} pages, "
            f"{self.not_relevant} not practice/PCN management, {self.broken_cards} broken cards skipped, "
            f"{self.errors} errors: {self.status} ({self.status_reason})"
        )
