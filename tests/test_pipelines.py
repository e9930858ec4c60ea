"""StorePipeline writes the listings of several pages in one transaction and reports none stored before it commits."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from scrapy.utils.test import get_crawler

from pipeline.pipelines import NormalisePipeline, StorePipeline
from spiders import stats as keys
from spiders.nhs_jobs import NhsJobsSpider
from tests.conftest import SNAPSHOTS
from tests.test_nhs_jobs import PM_SEARCH, relevant, run_parse


@pytest.fixture
def store(tmp_path):
    """The store pipeline of a crawl writing to a fresh database, with the listings of a real page."""
    crawler = get_crawler(NhsJobsSpider, settings_dict={"PMJOBS_DB": str(tmp_path / "pmjobs.db")})
    spider = NhsJobsSpider.from_crawler(crawler)
    items, _ = run_parse(spider, SNAPSHOTS / "nhs_jobs/practice-manager-page-1.html", PM_SEARCH)
    pipeline = StorePipeline(crawler)
    pipeline.open_spider()
    yield pipeline, relevant(spider, items), tmp_path / "pmjobs.db"
    pipeline.db.close()


def _stored_ids(path) -> set[str]:
    """What another connection (a reader, or the next run after a kill) finds committed."""
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("select listing_id from listings")}


def test_the_listings_of_two_pages_are_one_commit_and_none_counts_as_stored_before_it(store):
    pipeline, listings, path = store
    assert len(listings) >= 4
    statements = []
    pipeline.db.conn.set_trace_callback(statements.append)
    first_page, second_page = listings[:2], listings[2:]

    async def crawl_two_pages():
        pending = [asyncio.ensure_future(pipeline.process_item(listing)) for listing in first_page]
        await asyncio.sleep(0.05)  # the next page arrives while the first page's listings wait
        pending += [asyncio.ensure_future(pipeline.process_item(listing)) for listing in second_page]
        await asyncio.sleep(0)
        waiting = (pipeline.stats.get_value(keys.STORED), _stored_ids(path), [task.done() for task in pending])
        return waiting, await asyncio.gather(*pending)

    (stored_before, committed_before, done_before), returned = asyncio.run(crawl_two_pages())
    assert (stored_before, committed_before, any(done_before)) == (None, set(), False)
    assert returned == listings
    assert statements.count("COMMIT") == 1
    assert _stored_ids(path) == {f"nhs_jobs:{listing['source_id']}" for listing in listings}
    assert pipeline.stats.get_value(keys.STORED) == pipeline.stats.get_value(keys.NEW_LISTINGS) == len(listings)


def test_a_listing_sqlite_cannot_take_costs_only_itself(store):
    pipeline, listings, path = store
    listings[2]["description"] = ["a list where text belongs", "a spider's slip"]

    async def crawl_page():
        return await asyncio.gather(*(pipeline.process_item(listing) for listing in listings), return_exceptions=True)

    outcomes = asyncio.run(crawl_page())
    assert isinstance(outcomes[2], sqlite3.ProgrammingError)
    assert [outcome for index, outcome in enumerate(outcomes) if index != 2] == listings[:2] + listings[3:]
    good = {f"nhs_jobs:{listing['source_id']}" for index, listing in enumerate(listings) if index != 2}
    assert _stored_ids(path) == good
    assert pipeline.stats.get_value(keys.STORED) == len(good)


def test_the_crawl_counts_closing_dates_read_from_the_advert_text():
    """A board with no closing field: the listing whose text states one is counted, so an operator sees how many closing
    dates came from advert texts (text: a real NHS Jobs advert of October 2020, tests/test_dates.py)."""
    crawler = get_crawler(NhsJobsSpider, settings_dict={"PMJOBS_TODAY": "2020-10-25"})
    crawler.stats.open_spider()
    pipeline = NormalisePipeline(crawler)
    text = "Hours: 37.5 hours per week Closing Date: 8th November 2020 Interview Date: To be assigned"
    for description in (text, "An exciting opportunity has arisen for a Practice Manager."):
        pipeline.process_item({"title": "Practice Manager", "closing_text": "", "description": description})
    assert crawler.stats.get_value(keys.field_stat("closing", "from_advert_text")) == 1
    assert crawler.stats.get_value(keys.field_stat("closing", "missing")) == 2
