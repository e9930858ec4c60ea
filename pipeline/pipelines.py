"""Scrapy item pipelines: normalise (300) -> relevance (400) -> validate (700) -> store (900), one concern each."""

from __future__ import annotations

import asyncio
from datetime import date

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipeline import health
from pipeline.crawl_log import CrawlSummary
from pipeline.normalise import normalise_listing, unread_fields
from pipeline.roles import is_relevant
from pipeline.safety import web_url, xml_safe
from pipeline.store import open_database, recent_good_items, record_crawl, upsert_listing, upsert_listings, utc_now
from spiders import stats as keys
from spiders.items import Listing

#: Sent with the CrawlSummary once the store has logged a finished crawl, for the conductor's report.
crawl_summarised = object()


class _CrawlerAware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)


class NormalisePipeline(_CrawlerAware):
    """Parse salary, dates, place and role from the raw strings; count what could not be read."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        today = crawler.settings.get("PMJOBS_TODAY")
        self.today = date.fromisoformat(today) if today else date.today()

    def process_item(self, item, spider=None):
        raw = dict(item)  # read from a plain dict: an Item's every read and write is a Python call
        for name, value in raw.items():
            if isinstance(value, str) and (safe := xml_safe(value)) != value:
                raw[name] = item[name] = safe
        parsed = normalise_listing(raw, reference=self.today)
        item.update(parsed)
        for name in unread_fields(raw, parsed):
            self.stats.inc_value(keys.field_stat(name, "unread"))
        if not raw.get("closing_text"):
            self.stats.inc_value(keys.field_stat("closing", "missing"))
        if parsed["closing_from"] == "advert text":
            self.stats.inc_value(keys.field_stat("closing", "from_advert_text"))
        if not parsed["outward_code"] and not parsed["county"]:
            self.stats.inc_value(keys.field_stat("place", "unresolved"))
        return item


class RelevancePipeline(_CrawlerAware):
    """Drop (and count) adverts that are not practice or PCN management, by the role the normaliser gave."""

    def process_item(self, item, spider=None):
        if not is_relevant(item.get("role")):
            self.stats.inc_value(keys.NOT_RELEVANT)
            raise DropItem(
                f"not practice/PCN management: {item.get('title')!r} ({item.get('employer') or 'no employer'}): "
                f"{item.get('relevance_reason')}",
                log_level="DEBUG",
            )
        return item


class ValidatePipeline(_CrawlerAware):
    """Drop items without identity or a web link; count (but keep) items whose parsed fields disagree."""

    def process_item(self, item, spider=None):
        if item.get("url"):
            url = web_url(item["url"])
            if url is None:
                self.stats.inc_value(keys.INVALID)
                self.stats.inc_value(keys.URL_NOT_WEB)
                raise DropItem(f"advert link is not an http(s) URL: {item['url'][:80]!r} ({item.get('title')!r})")
            item["url"] = url
        missing = [name for name in ("source", "source_id", "url", "title") if not item.get(name)]
        if missing:
            self.stats.inc_value(keys.INVALID)
            raise DropItem(f"advert without {', '.join(missing)}: {item.get('url') or item.get('title')!r}")
        if item.get("salary_min") and item.get("salary_max") and item["salary_min"] > item["salary_max"]:
            self.stats.inc_value(keys.SALARY_MIN_ABOVE_MAX)
        if item.get("closing_date") and item.get("posted_date") and item["closing_date"] < item["posted_date"]:
            self.stats.inc_value(keys.CLOSING_BEFORE_POSTED)
        return item


class StorePipeline(_CrawlerAware):
    """Upsert items into `listings` a batch at a time, and log the crawl in `crawls` at the end.

    An item waits until BATCH_SECONDS after the first of its batch arrived (or until BATCH_ITEMS
    wait), then its batch is written in one transaction: a commit per batch, not per advert. An item
    counts as stored, and Scrapy reports it scraped, only once its transaction has committed, so a
    killed crawl loses at most the batch that was waiting, which the next run reads again.
    """

    BATCH_SECONDS = 0.5
    BATCH_ITEMS = 500

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.waiting: list[tuple[Listing, asyncio.Future]] = []
        self.timer: asyncio.TimerHandle | None = None
        # The finish reason is only known once the spider has closed, after the pipelines.
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    def open_spider(self, spider=None):
        self.db = open_database(self.crawler.settings.get("PMJOBS_DB"))
        self.started = utc_now()

    async def process_item(self, item, spider=None):
        loop = asyncio.get_running_loop()
        stored = loop.create_future()
        self.waiting.append((item, stored))
        if len(self.waiting) >= self.BATCH_ITEMS:
            self.write_waiting()
        elif len(self.waiting) == 1:
            self.timer = loop.call_later(self.BATCH_SECONDS, self.write_waiting)
        await stored
        return item

    def write_waiting(self) -> None:
        """Commit the waiting items in one transaction; if it fails, each on its own, so one bad
        item costs only itself (its error reaches Scrapy's item_error)."""
        if self.timer:
            self.timer.cancel()
        batch, self.waiting, self.timer = self.waiting, [], None
        try:
            outcomes: list[bool | Exception] = [*upsert_listings(self.db, [item for item, _ in batch], seen_at=self.started)]
        except Exception:  # every waiting item must hear back, or the crawl never ends
            outcomes = [self._upsert_alone(item) for item, _ in batch]
        for (_, stored), outcome in zip(batch, outcomes):
            if not isinstance(outcome, Exception):
                self.stats.inc_value(keys.STORED)
                if outcome:
                    self.stats.inc_value(keys.NEW_LISTINGS)
            if stored.cancelled():
                continue
            if isinstance(outcome, Exception):
                stored.set_exception(outcome)
            else:
                stored.set_result(None)

    def _upsert_alone(self, item: Listing) -> bool | Exception:
        try:
            return upsert_listing(self.db, item, seen_at=self.started)
        except Exception as error:
            return error

    def close_spider(self, spider=None):
        if self.waiting:
            self.write_waiting()

    def item_error(self, item, response, spider, failure):
        self.stats.inc_value(keys.ITEM_ERRORS)

    def spider_closed(self, spider, reason: str):
        summary = CrawlSummary.from_stats(
            spider.name,
            self.stats.get_stats(),
            reason,
            self.started,
            utc_now(),
            recent_good_items(self.db, spider.name, health.RECENT_RUNS),
            getattr(spider, "degraded_below", health.DEGRADED_BELOW),
        )
        record_crawl(self.db, summary.crawl_row())
        self.db.close()
        self.crawler.signals.send_catch_log(crawl_summarised, summary=summary)
