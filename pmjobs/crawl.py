"""Run the real spiders through Scrapy into the database, reporting progress per source."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from pipeline.crawl_log import CrawlSummary
from pipeline.pipelines import crawl_summarised
from pipeline.store import utc_now

#: Offline runs hit a loopback server: no need to wait between requests, and progress lines say enough.
OFFLINE_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "WARNING"}


def project_settings(db_path: str | Path | None = None, **overrides) -> Settings:
    """The project's Scrapy settings, writing to `db_path` (default: PMJOBS_DB in spiders/settings.py)."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    if db_path is not None:
        settings.set("PMJOBS_DB", str(db_path), priority="cmdline")
    settings.update(overrides, priority="cmdline")
    return settings


def available_spiders() -> dict[str, type]:
    """Every spider of the project by name, as Scrapy's own loader finds them."""
    loader = SpiderLoader.from_settings(project_settings())
    return {name: loader.load(name) for name in sorted(loader.list())}


def default_sources(spiders: dict[str, type], offline: bool) -> list[str]:
    """What a crawl without named sources runs: every snapshot offline; live, the enabled sources
    (a source whose markup is unverified runs only when named, after `pmjobs check`)."""
    if offline:
        return [name for name, spider in spiders.items() if spider.has_snapshot]
    return [name for name, spider in spiders.items() if spider.live_state()[0] == "enabled"]


def run_spiders(
    sources: Sequence[str | type],
    db_path: str | Path,
    base_url: str | None = None,
    progress: Callable[[str], None] = print,
    spider_args: dict | None = None,
    **setting_overrides,
) -> list[CrawlSummary]:
    """Crawl each source, a spider name or class (at `base_url` when given, else live) into `db_path`;
    one Twisted run per process."""
    overrides = {**(OFFLINE_SETTINGS if base_url else {}), **setting_overrides}
    process = CrawlerProcess(project_settings(db_path, **overrides))
    summaries: dict[str, CrawlSummary] = {}
    started = utc_now()
    names = []
    for source in sources:
        crawler = process.create_crawler(source)
        names.append(crawler.spidercls.name)
        _report_progress(crawler, names[-1], summaries, progress)
        process.crawl(crawler, **({"base_url": base_url} if base_url else {}), **(spider_args or {}))
    process.start()
    # A crawl that never reached the store (it failed to start) has no summary: it failed.
    return [summaries.get(name) or CrawlSummary.from_stats(name, {}, "not started", started, utc_now()) for name in names]


def _report_progress(crawler, source: str, summaries: dict[str, CrawlSummary], progress: Callable[[str], None]) -> None:
    scraped = 0

    def item_scraped(item, response, spider):
        nonlocal scraped
        scraped += 1
        if scraped % 10 == 0:
            progress(f"  {source}: {scraped} listings so far")

    def summarised(summary: CrawlSummary):
        summaries[source] = summary
        progress(summary.report())

    crawler.signals.connect(item_scraped, signal=signals.item_scraped, weak=False)
    crawler.signals.connect(summarised, signal=crawl_summarised, weak=False)
