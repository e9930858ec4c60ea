"""Run the real spiders through Scrapy into the database, reporting progress per source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from pipeline import health
from pipeline.pipelines import CRAWL_STATUS, CRAWL_STATUS_REASON

#: Offline runs hit a loopback server: no need to wait between requests, and progress lines say enough.
OFFLINE_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "WARNING"}


@dataclass
class SourceResult:
    source: str
    items: int = 0
    not_relevant: int = 0
    broken_cards: int = 0
    errors: int = 0
    finish_reason: str = ""
    truncated: bool = False
    #: The verdict of pipeline/health.py; a source that never closed its spider has failed.
    status: str = health.FAILED
    status_reason: str = "the crawl did not finish"

    @property
    def ok(self) -> bool:
        return self.status == health.OK


def project_settings(db_path: str | Path, **overrides) -> Settings:
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.set("PMJOBS_DB", str(db_path), priority="cmdline")
    settings.update(overrides, priority="cmdline")
    return settings


def available_spiders() -> dict[str, type]:
    """Every spider of the project by name, as Scrapy's own loader finds them."""
    loader = SpiderLoader.from_settings(project_settings("data/pmjobs.db"))
    return {name: loader.load(name) for name in sorted(loader.list())}


def run_spiders(
    sources: Sequence[str | type],
    db_path: str | Path,
    base_url: str | None = None,
    progress: Callable[[str], None] = print,
    spider_args: dict | None = None,
    **setting_overrides,
) -> list[SourceResult]:
    """Crawl each source, a spider name or class (at `base_url` when given, else live) into `db_path`;
    one Twisted run per process."""
    overrides = {**(OFFLINE_SETTINGS if base_url else {}), **setting_overrides}
    process = CrawlerProcess(project_settings(db_path, **overrides))
    results = []
    for source in sources:
        crawler = process.create_crawler(source)
        result = SourceResult(crawler.spidercls.name)
        results.append(result)
        _report_progress(crawler, result, progress)
        process.crawl(crawler, **({"base_url": base_url} if base_url else {}), **(spider_args or {}))
    process.start()
    return results


def _report_progress(crawler, result: SourceResult, progress: Callable[[str], None]) -> None:
    def item_scraped(item, response, spider):
        result.items += 1
        if result.items % 10 == 0:
            progress(f"  {result.source}: {result.items} listings so far")

    def engine_stopped():
        # After spider_closed, once the store pipeline has judged and logged the crawl.
        stats = crawler.stats.get_stats()
        result.finish_reason = stats.get("finish_reason", "")
        result.not_relevant = stats.get("pmjobs/dropped/not_relevant", 0)
        result.broken_cards = stats.get("pmjobs/broken_card", 0)
        result.errors = health.page_errors(stats)
        result.truncated = bool(stats.get("pmjobs/search_truncated"))
        result.status = stats.get(CRAWL_STATUS, health.FAILED)
        result.status_reason = stats.get(CRAWL_STATUS_REASON, f"the crawl was not logged ({result.finish_reason})")
        pages = stats.get("response_received_count", 0) - stats.get("robotstxt/response_count", 0)
        progress(
            f"  {result.source}: {result.items} adverts kept ({stats.get('pmjobs/store/new', 0)} new listings) from {pages} pages, "
            f"{result.not_relevant} not practice/PCN management, {result.broken_cards} broken cards skipped, "
            f"{result.errors} errors: {result.status} ({result.status_reason})"
        )

    crawler.signals.connect(item_scraped, signal=signals.item_scraped, weak=False)
    crawler.signals.connect(engine_stopped, signal=signals.engine_stopped, weak=False)
