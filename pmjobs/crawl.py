"""Run the real spiders through Scrapy into the database, reporting progress per source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from pipeline.store import crawl_status

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

    @property
    def ok(self) -> bool:
        return crawl_status(self.finish_reason, self.errors, self.items) == "ok"


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


def default_sources(spiders: dict[str, type], offline: bool) -> list[str]:
    """What a crawl without named sources runs: every snapshot offline; live, the enabled sources
    (a source whose markup is unverified runs only when named, after `pmjobs check`)."""
    if offline:
        return [name for name, spider in spiders.items() if spider.has_snapshot]
    return [name for name, spider in spiders.items() if spider.live_state()[0] == "enabled"]


def run_spiders(
    sources: Sequence[str],
    db_path: str | Path,
    base_url: str | None = None,
    progress: Callable[[str], None] = print,
    spider_args: dict | None = None,
    **setting_overrides,
) -> list[SourceResult]:
    """Crawl each source (at `base_url` when given, else live) into `db_path`; one Twisted run per process."""
    overrides = {**(OFFLINE_SETTINGS if base_url else {}), **setting_overrides}
    process = CrawlerProcess(project_settings(db_path, **overrides))
    results = []
    for source in sources:
        crawler = process.create_crawler(source)
        result = SourceResult(source)
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

    def spider_closed(spider, reason):
        stats = crawler.stats.get_stats()
        result.finish_reason = reason
        result.not_relevant = stats.get("pmjobs/dropped/not_relevant", 0)
        result.broken_cards = stats.get("pmjobs/broken_card", 0)
        result.errors = stats.get("log_count/ERROR", 0)
        result.truncated = bool(stats.get("pmjobs/search_truncated"))
        pages = stats.get("response_received_count", 0) - stats.get("robotstxt/response_count", 0)
        progress(
            f"  {result.source}: {result.items} adverts kept ({stats.get('pmjobs/store/new', 0)} new listings) from {pages} pages, "
            f"{result.not_relevant} not practice/PCN management, {result.broken_cards} broken cards skipped, "
            f"{result.errors} errors ({reason})"
        )

    crawler.signals.connect(item_scraped, signal=signals.item_scraped, weak=False)
    crawler.signals.connect(spider_closed, signal=signals.spider_closed, weak=False)
