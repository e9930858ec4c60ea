"""What every pmjobs spider shares: where to crawl (live or a loopback snapshot), stable ids and
counting broken cards instead of failing on them. Spiders yield raw strings; relevance is decided
in the pipeline."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import scrapy

from spiders import stats
from spiders.items import Listing

_SPACES = re.compile(r"\s+")


def clean(parts: str | Iterable[str] | None) -> str:
    """Join text nodes and collapse whitespace, as a reader sees the text."""
    if parts is None:
        return ""
    text = parts if isinstance(parts, str) else " ".join(parts)
    return _SPACES.sub(" ", text).strip()


def content_id(*fields: str) -> str:
    """A short stable id for sources whose adverts have no id of their own."""
    return hashlib.sha1("\x1f".join(fields).encode("utf-8")).hexdigest()[:12]


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

    def __init__(self, base_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or self.live_base_url).rstrip("/")

    async def start(self):
        for path in self.start_paths:
            yield scrapy.Request(self.base_url + path, callback=self.parse)

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
