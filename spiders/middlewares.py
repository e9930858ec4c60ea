"""Downloader middleware: retries that wait as long as the site asks, within the source's deadline."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

RETRY_AFTER_STATUSES = {429, 503}


def retry_after_seconds(value: bytes | str | None, now: datetime) -> float | None:
    """Seconds a `Retry-After` header asks us to wait (delta-seconds or an HTTP date), None if absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, but a 429 or 503 with Retry-After is retried no sooner than asked.

    A wait longer than PMJOBS_RETRY_AFTER_MAX, or one that would end past the source's deadline
    (CLOSESPIDER_TIMEOUT), gives up at once: the page fails and the crawl says so.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.max_wait = settings.getfloat("PMJOBS_RETRY_AFTER_MAX")
        self.deadline = settings.getfloat("CLOSESPIDER_TIMEOUT")
        self.started = time.monotonic()

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        wait = retry_after_seconds(response.headers.get("Retry-After"), datetime.now(UTC))
        if response.status not in RETRY_AFTER_STATUSES or wait is None or request.meta.get("dont_retry", False):
            return super().process_response(request, response)
        stats = self.crawler.stats
        left = self.deadline - (time.monotonic() - self.started) if self.deadline else float("inf")
        if wait > min(self.max_wait, left):
            stats.inc_value("pmjobs/retry_after/too_long")
            return response
        retry = self._retry(request, f"HTTP {response.status}, Retry-After {wait:g} s")
        if retry is None:
            return response
        stats.inc_value("pmjobs/retry_after/waited_s", wait)
        await asyncio.sleep(wait)
        return retry
