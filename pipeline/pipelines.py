"""Scrapy item pipelines: normalise (300) -> validate (700) -> store (900), one concern each."""

from __future__ import annotations

import json
from datetime import date

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from pipeline import health
from pipeline.normalise import normalise_listing, unread_fields
from pipeline.store import open_database, recent_good_items, record_crawl, upsert_listing, utc_now

#: The verdict on a crawl, left in its stats for the conductor (pmjobs/crawl.py) to report.
CRAWL_STATUS = "pmjobs/crawl/status"
CRAWL_STATUS_REASON = "pmjobs/crawl/status_reason"


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
        item.update(normalise_listing(item, reference=self.today))
        for name in unread_fields(item, item):
            self.stats.inc_value(f"pmjobs/field/{name}/unread")
        if not item.get("closing_text"):
            self.stats.inc_value("pmjobs/field/closing/missing")
        if not item.get("outward_code") and not item.get("county"):
            self.stats.inc_value("pmjobs/field/place/unresolved")
        return item


class ValidatePipeline(_CrawlerAware):
    """Drop items without identity; count (but keep) items whose parsed fields disagree."""

    def process_item(self, item, spider=None):
        missing = [name for name in ("source", "source_id", "url", "title") if not item.get(name)]
        if missing:
            self.stats.inc_value("pmjobs/validate/dropped")
            raise DropItem(f"advert without {', '.join(missing)}: {item.get('url') or item.get('title')!r}")
        if item.get("salary_min") and item.get("salary_max") and item["salary_min"] > item["salary_max"]:
            self.stats.inc_value("pmjobs/validate/salary_min_above_max")
        if item.get("closing_date") and item.get("posted_date") and item["closing_date"] < item["posted_date"]:
            self.stats.inc_value("pmjobs/validate/closing_before_posted")
        return item


class StorePipeline(_CrawlerAware):
    """Upsert every item into `listings` as it arrives, and log the crawl in `crawls` at the end."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        # The finish reason is only known once the spider has closed, after the pipelines.
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    def open_spider(self, spider=None):
        self.db = open_database(self.crawler.settings.get("PMJOBS_DB"))
        self.started = utc_now()

    def process_item(self, item, spider=None):
        if upsert_listing(self.db, item, seen_at=self.started):
            self.stats.inc_value("pmjobs/store/new")
        self.stats.inc_value("pmjobs/store/items")
        return item

    def item_error(self, item, response, spider, failure):
        self.stats.inc_value(health.ITEM_ERRORS)

    def spider_closed(self, spider, reason: str):
        stats = self.stats.get_stats()
        items = stats.get("pmjobs/store/items", 0)
        verdict = health.judge_crawl(
            stats, reason, items, recent_good_items(self.db, spider.name, health.RECENT_RUNS),
            getattr(spider, "degraded_below", health.DEGRADED_BELOW),
        )
        self.stats.set_value(CRAWL_STATUS, verdict.status)
        self.stats.set_value(CRAWL_STATUS_REASON, verdict.reason)
        record_crawl(
            self.db,
            {
                "source": self.crawler.spider.name,
                "started": self.started,
                "finished": utc_now(),
                "items": items,
                "dropped": stats.get("pmjobs/dropped/not_relevant", 0) + stats.get("pmjobs/validate/dropped", 0),
                "broken_cards": stats.get("pmjobs/broken_card", 0),
                "errors": health.page_errors(stats),
                "status": verdict.status,
                "status_reason": verdict.reason,
                "finish_reason": reason,
                # What could not be read, per field: pmjobs/field/salary/unread, .../closing/missing, ...
                "field_stats": json.dumps({key: value for key, value in sorted(stats.items()) if key.startswith("pmjobs/")}),
            },
        )
        self.db.close()
