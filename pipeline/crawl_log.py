"""One summary of a finished crawl, built once from its stats: the `crawls` row and the conductor's report."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from spiders import stats as keys


def crawl_status(finish_reason: str, errors: int, items: int) -> str:
    """A run counts as "ok" only when it finished cleanly and stored something; anything else "failed"."""
    return "ok" if finish_reason == "finished" and not errors and items > 0 else "failed"


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
    #: What the run counted, per field: pmjobs/field/salary/unread, .../closing/missing, ...
    field_stats: dict

    @classmethod
    def from_stats(cls, source: str, stats: Mapping[str, object], finish_reason: str, started: str, finished: str) -> CrawlSummary:
        count = lambda key: int(stats.get(key, 0) or 0)  # noqa: E731
        return cls(
            source=source, started=started, finished=finished, finish_reason=finish_reason,
            items=count(keys.STORED), new_listings=count(keys.NEW_LISTINGS),
            pages=count(keys.RESPONSES) - count(keys.ROBOTS_RESPONSES),
            not_relevant=count(keys.NOT_RELEVANT), invalid=count(keys.INVALID),
            broken_cards=count(keys.BROKEN_CARD), errors=count(keys.ERRORS),
            truncated=bool(stats.get(keys.SEARCH_TRUNCATED)),
            field_stats={key: value for key, value in sorted(stats.items()) if key.startswith(keys.PREFIX)},
        )

    @property
    def status(self) -> str:
        return crawl_status(self.finish_reason, self.errors, self.items)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def crawl_row(self) -> dict:
        """The row of the `crawls` table."""
        row = asdict(self)
        return {**row, "truncated": int(self.truncated), "status": self.status, "field_stats": json.dumps(self.field_stats)}

    def report(self) -> str:
        return (f"  {self.source}: {self.items} adverts kept ({self.new_listings} new listings) from {self.pages} pages, "
                f"{self.not_relevant} not practice/PCN management, {self.broken_cards} broken cards skipped, "
                f"{self.errors} errors ({self.finish_reason})")
