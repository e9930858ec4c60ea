"""`pmjobs check SOURCE`: read one live results page with the real spider and say whether its selectors
still match (cards found, fields filled), before an operator enables the source. Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from pmjobs.crawl import project_settings
from spiders import stats
from spiders.items import RAW_FIELDS

#: The fields an operator needs on every listing; the others are reported but may be blank on a board.
REQUIRED = ("title", "url")


@dataclass
class CheckReport:
    source: str
    finish_reason: str = ""
    pages: int = 0
    listings: int = 0
    broken_cards: int = 0
    unreadable: int = 0
    failed: int = 0
    blocked: int = 0
    first_problem: str = ""
    filled: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        complete = all(self.filled.get(name, 0) == self.listings for name in REQUIRED)
        return bool(self.listings) and complete and not (self.blocked or self.unreadable or self.failed)

    def lines(self) -> list[str]:
        verdict = "selectors match" if self.ok else "selectors do NOT match"
        if self.blocked:
            verdict = f"blocked ({self.first_problem}): nothing could be checked"
        lines = [
            f"{self.source}: {verdict}",
            f"  {self.pages} pages read, {self.listings} cards read, {self.broken_cards} broken cards, "
            f"{self.unreadable} pages without the expected markup, {self.failed} pages not fetched ({self.finish_reason})",
        ]
        if self.first_problem and not self.blocked:
            lines.append(f"  first problem: {self.first_problem}")
        lines += [f"  {name:16} filled on {count}/{self.listings}" for name, count in self.filled.items()]
        return lines


def check_source(source: str, base_url: str | None = None) -> CheckReport:
    """Run `source`'s spider on its first results page (live, or at `base_url`), storing nothing."""
    settings = {"ITEM_PIPELINES": {}, "HTTPCACHE_ENABLED": False, "LOG_LEVEL": "ERROR"}
    process = CrawlerProcess(project_settings(**settings))  # no pipelines: no database is opened
    crawler = process.create_crawler(source)
    report = CheckReport(source)

    def closed(spider, reason):
        counts = crawler.stats.get_stats()
        report.finish_reason = reason
        report.pages = counts.get(stats.PAGES_READ, 0)
        report.listings = counts.get(stats.LISTINGS_READ, 0)
        report.broken_cards = counts.get(stats.BROKEN_CARD, 0)
        report.unreadable = counts.get(stats.PAGES_UNREADABLE, 0)
        report.failed = counts.get(stats.PAGES_FAILED, 0)
        report.blocked = counts.get(stats.PAGES_BLOCKED, 0)
        report.first_problem = counts.get(stats.FIRST_PROBLEM, "")
        report.filled = {name: counts.get(stats.field_stat(name, "filled"), 0) for name in RAW_FIELDS if name != "source"}

    crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
    process.crawl(crawler, single_page=True, **({"base_url": base_url} if base_url else {}))
    process.start()
    return report
