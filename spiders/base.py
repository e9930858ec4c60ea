"""What every pmjobs spider shares: where to crawl (live or a loopback snapshot), stable ids,
counting broken cards instead of failing on them, and accounting for every page. Spiders yield raw
strings; relevance is decided in the pipeline."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import scrapy

from spiders import pages, stats
from spiders.items import Listing

_SPACES = re.compile(r"\s+")
_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")


def clean(parts: str | Iterable[str] | None) -> str:
    """Join text nodes and collapse whitespace, as a reader sees the text."""
    if parts is None:
        return ""
    text = parts if isinstance(parts, str) else " ".join(parts)
    return _SPACES.sub(" ", text).strip()


def content_id(*fields: str) -> str:
    """A short stable id for sources whose adverts have no id of their own.

    Only ASCII letters and digits count, so an encoding slip (`£` read as `Â£` or U+FFFD) or a change
    of spacing and punctuation keeps the id.
    """
    folded = (_NOT_ASCII_ALNUM.sub("", field.lower()) for field in fields)
    return hashlib.sha1("\x1f".join(folded).encode("ascii")).hexdigest()[:12]


def strip_query(url: str) -> str:
    """Drop the query and fragment (search terms and tracking) from an advert URL."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class JobSpider(scrapy.Spider):
    """Base spider: `base_url` points it at the live site or at a recorded snapshot server."""

    live_base_url: str = ""
    start_paths: tuple[str, ...] = ()
    #: Whether `pmjobs crawl` may fetch the live site, and why not when it may not.
    live_enabled: bool = True
    why: str = ""
    #: A crawl that keeps fewer adverts than this share of the median of its last good runs is
    #: `degraded` and closes nothing (a source whose count swings widely may set it lower).
    degraded_below: float = 0.5

    def __init__(self, base_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or self.live_base_url).rstrip("/")

    async def start(self):
        for path in self.start_paths:
            yield self.page_request(self.base_url + path)

    def page_request(self, url: str, **kwargs) -> scrapy.Request:
        """A page the crawl must read to be complete: counted, and its failure recorded."""
        self.crawler.stats.inc_value(stats.PAGES_REQUESTED)
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed, **kwargs)

    def parse_page(self, response: scrapy.http.Response):
        """Parse a page only when it is the page the spider reads; otherwise count why not."""
        problem = "bytes not valid in the declared encoding" if pages.undecodable(response) else self.page_problem(response)
        if problem:
            self.crawler.stats.inc_value(stats.PAGES_UNREADABLE)
            blocked = pages.is_block_page(response)
            self._page_problem("block page" if blocked else problem, response.url, blocked)
            return
        self.crawler.stats.inc_value(stats.PAGES_READ)
        yield from self.parse(response)

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        """Why this response is not a page of adverts the spider can read, or None when it is."""
        return None

    def page_failed(self, failure) -> None:
        reason, blocked = pages.failure_reason(failure)
        self.crawler.stats.inc_value(stats.PAGES_FAILED)
        self._page_problem(reason, failure.request.url, blocked)

    def _page_problem(self, reason: str, url: str, blocked: bool) -> None:
        self.logger.error("page not read: %s (%s)", url, reason)
        counters = self.crawler.stats
        if blocked:
            counters.inc_value(stats.PAGES_BLOCKED)
        if not counters.get_value(stats.FIRST_PROBLEM):
            counters.set_value(stats.FIRST_PROBLEM, f"{reason}: {url}")

    def public_url(self, url: str) -> str:
        """The advert's address on the live site, also when it was read from a snapshot server."""
        if self.base_url != self.live_base_url and url.startswith(self.base_url):
            return self.live_base_url + url[len(self.base_url):]
        return url

    def broken(self, response: scrapy.http.Response, where: str, reason: str) -> None:
        """Log a card that cannot be read, with its page, and carry on with the rest."""
        self.logger.warning("broken card skipped: %s on %s (%s)", where, response.url, reason)
        self.crawler.stats.inc_value(stats.BROKEN_CARD)

    def listing(self, **fields: str) -> Listing:
        return Listing(source=self.name, **fields)
