"""The verdict on a crawl (pipeline/health.py) and the retry wait a site asks for (spiders/middlewares.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.health import BLOCKED, DEGRADED, FAILED, OK, backoff_hours, judge_crawl
from spiders import stats as keys
from spiders.middlewares import retry_after_seconds

COMPLETE = {keys.PAGES_REQUESTED: 6, keys.PAGES_READ: 6}


@pytest.mark.parametrize(
    "stats, reason, items, recent, status, why",
    [
        (COMPLETE, "finished", 26, [26, 25, 27], OK, "6 of 6 pages read"),
        (
            {**COMPLETE, keys.PAGES_READ: 5, keys.PAGES_FAILED: 1, keys.FIRST_PROBLEM: "HTTP 404: http://x/?page=2"},
            "finished",
            20,
            [26],
            FAILED,
            "5 of 6 pages read, 0 exceptions; first: HTTP 404: http://x/?page=2",
        ),
        ({**COMPLETE, keys.PAGES_READ: 5, keys.PAGES_UNREADABLE: 1}, "finished", 20, [], FAILED, "5 of 6 pages read"),
        ({**COMPLETE, "spider_exceptions/count": 1}, "finished", 26, [], FAILED, "1 exceptions"),
        (
            {**COMPLETE, keys.PAGES_READ: 5, keys.PAGES_FAILED: 1, keys.PAGES_BLOCKED: 1, keys.FIRST_PROBLEM: "HTTP 403: http://x/"},
            "finished",
            0,
            [26],
            BLOCKED,
            "1 of 6 pages refused by the site (HTTP 403",
        ),
        (COMPLETE, "closespider_timeout", 26, [], FAILED, "run ended early (closespider_timeout)"),
        (COMPLETE, "finished", 0, [], FAILED, "no adverts kept from 6 pages"),
        (COMPLETE, "finished", 12, [26, 30, 25, 26, 27, 1], DEGRADED, "12 adverts, under 50% of the median 26 of the last 5 good runs"),
        (COMPLETE, "finished", 13, [26, 30, 25, 26, 27], OK, "6 of 6 pages read"),
        ({keys.PAGES_REQUESTED: 2, keys.PAGES_READ: 2}, "finished", 3, [], OK, "2 of 2 pages read"),
    ],
)
def test_a_crawl_is_judged_by_its_own_pages(stats, reason, items, recent, status, why):
    verdict = judge_crawl(stats, reason, items, recent)
    assert verdict.status == status
    assert why in verdict.reason


def test_errors_of_another_spider_do_not_count():
    """Scrapy's log_count/ERROR is process-wide: one source's HTTP 500 must not fail another."""
    assert judge_crawl({**COMPLETE, "log_count/ERROR": 3}, "finished", 26, [26]).status == OK


NOW = datetime(2026, 4, 22, 2, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "header, seconds",
    [
        (b"5", 5.0),
        ("120", 120.0),
        (b" 0 ", 0.0),
        (b"Wed, 22 Apr 2026 02:15:30 GMT", 30.0),
        ("Wed, 22 Apr 2026 02:14:00 GMT", 0.0),  # a date already past: retry now
        (None, None),
        (b"", None),
        (b"soon", None),
        (b"-5", None),
    ],
)
def test_retry_after_header(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


@pytest.mark.parametrize(
    "statuses, hours",
    [
        ([], 0),
        ([OK, FAILED, FAILED, FAILED], 0),
        ([FAILED, FAILED], 0),
        ([FAILED, BLOCKED, FAILED, OK], 46),
        ([FAILED] * 4, 94),
        ([BLOCKED] * 5, 168),
        ([FAILED] * 12, 168),
    ],
)
def test_a_source_that_keeps_failing_is_tried_less_often(statuses, hours):
    assert backoff_hours(statuses) == hours
