"""What every pmjobs spider shares: where to crawl (live or a loopback snapshot), whether it may crawl
live (terms, API keys, unverified markup), stable ids, counting broken cards instead of failing on
them, accounting for every page, and counting which fields each board fills. Spiders yield raw
strings; relevance is decided in the pipeline."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

import scrapy
from w3lib.html import remove_tags

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


def unlabelled(text: str, label: str) -> str:
    """A card line without the board's own label ("Location: Aberdeen" -> "Aberdeen")."""
    return re.sub(rf"^\s*{re.escape(label)}\s*:\s*", "", text, flags=re.I)


def text_of(markup: str | None) -> str:
    """Readable text of an HTML fragment (entities decoded, tags dropped), as a visitor reads it."""
    return clean(html.unescape(remove_tags(markup or "")))


def money_range(low: object, high: object = None, currency: str = "GBP") -> str:
    """An API's pay figures as the board's own pages print them ("£31,000 - £38,000"); "" without any."""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency or "GBP", f"{currency} ")
    figures = []
    for value in (low, high):
        if value in (None, "", 0):
            continue
        number = float(value)
        text = f"{symbol}{number:,.0f}" if number == int(number) else f"{symbol}{number:,.2f}"
        if text not in figures:
            figures.append(text)
    return " - ".join(figures)


def json_answer(response: scrapy.http.Response, expected: str) -> dict | None:
    """An API answer's JSON object when it holds `expected`, else None."""
    try:
        data = json.loads(response.text)
    except ValueError:
        return None
    return data if isinstance(data, dict) and expected in data else None


class _RedactKeys(logging.Filter):
    """Masks API key values in every log line, whichever logger (Scrapy's retry, errors) wrote it."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            for secret in self.secrets:
                message = message.replace(secret, "***")
            record.msg, record.args = message, ()
        return True


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
    #: Built from other scrapers' selectors with no saved real page: live use waits for `pmjobs check`.
    markup_unverified: bool = False
    #: Environment variables the live API needs (their values are never logged or stored).
    key_variables: tuple[str, ...] = ()
    #: Whether a recorded snapshot exists for offline runs (`pmjobs demo`, `crawl --offline`).
    has_snapshot: bool = True
    #: Result pages read per search; a spider argument (`-a max_pages=N`) can change it.
    max_pages: int = 20
    #: Set by `pmjobs check`: read the first results page of each search only.
    single_page: bool = False

    def __init__(self, base_url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.base_url = (base_url or self.live_base_url).rstrip("/")
        self.secrets: list[str] = []  # API key values, masked wherever a URL is logged or kept

    @classmethod
    def live_state(cls) -> tuple[str, str]:
        """("enabled" | "unverified" | "disabled", why) for crawling the live site."""
        missing = [name for name in cls.key_variables if not os.environ.get(name)]
        if not cls.live_enabled:
            return "disabled", cls.why
        if missing:
            return "disabled", f"set {' and '.join(missing)} to crawl it; {cls.why}"
        if cls.markup_unverified:
            return "unverified", f"markup unverified: {cls.why}; run `pmjobs check {cls.name}` against the live site"
        return "enabled", cls.why

    def keys(self) -> dict[str, str] | None:
        """The API keys from the environment ({} for a snapshot crawled without them); None when the
        live API is asked for without them. Their values are masked in every log line from here on."""
        keys = {name: os.environ[name] for name in self.key_variables if os.environ.get(name)}
        if len(keys) < len(self.key_variables) and self.base_url == self.live_base_url:
            self.logger.error("%s is disabled: %s", self.name, self.live_state()[1])
            return None
        if keys:
            self.secrets = list(keys.values())
            redact = _RedactKeys(self.secrets)
            for handler in logging.getLogger().handlers:
                handler.addFilter(redact)
        return keys

    async def start(self):
        for path in self.start_paths:
            yield self.page_request(self.base_url + path)

    def page_request(self, url: str, callback=None, **kwargs) -> scrapy.Request:
        """A page the crawl must read to be complete: counted, and its failure recorded. `callback`
        (default `parse`) reads it once `page_problem` has found it sound; `cb_kwargs` reach both."""
        self.crawler.stats.inc_value(stats.PAGES_REQUESTED)
        meta = {**kwargs.pop("meta", {}), "pmjobs_reader": (callback or self.parse).__name__}
        return scrapy.Request(url, callback=self.parse_page, errback=self.page_failed, meta=meta, **kwargs)

    def parse_page(self, response: scrapy.http.Response, **kwargs):
        """Parse a page only when it is the page the spider reads; otherwise count why not."""
        problem = "bytes not valid in the declared encoding" if pages.undecodable(response) else self.page_problem(response)
        if problem:
            self.crawler.stats.inc_value(stats.PAGES_UNREADABLE)
            blocked = pages.is_block_page(response)
            self._page_problem("block page" if blocked else problem, response.url, blocked)
            return
        self.crawler.stats.inc_value(stats.PAGES_READ)
        yield from getattr(self, response.meta.get("pmjobs_reader", "parse"))(response, **kwargs)

    def follow(self, page: int) -> bool:
        """Whether a search goes on to page `page + 1` within `max_pages`; a search cut there is counted."""
        if self.single_page:
            return False
        if page < int(self.max_pages):
            return True
        # Unseen older adverts are not gone: the nightly run must not close them.
        self.crawler.stats.inc_value(stats.SEARCH_TRUNCATED)
        return False

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        """Why this response is not a page of adverts the spider can read, or None when it is."""
        return None

    def page_failed(self, failure) -> None:
        reason, blocked = pages.failure_reason(failure)
        if reason == "HTTP 401" and self.key_variables:
            reason += f": the API refused the key, check {' and '.join(self.key_variables)}"
        self.crawler.stats.inc_value(stats.PAGES_FAILED)
        self._page_problem(reason, failure.request.url, blocked)

    def _page_problem(self, reason: str, url: str, blocked: bool) -> None:
        for secret in self.secrets:
            url = url.replace(secret, "***")  # the crawl log keeps the first problem's URL
        self.logger.error("page not read: %s (%s)", url, reason)
        counters = self.crawler.stats
        if blocked:
            counters.inc_value(stats.PAGES_BLOCKED)
        if not counters.get_value(stats.FIRST_PROBLEM):
            counters.set_value(stats.FIRST_PROBLEM, f"{reason}: {url}")

    def public_url(self, url: str) -> str:
        """The advert's address on the live site, also when it was read from a snapshot server."""
        if self.base_url != self.live_base_url and url.startswith(self.base_url):
            return self.live_base_url + url[len(self.base_url) :]
        return url

    def broken(self, response: scrapy.http.Response, where: str, reason: str) -> None:
        """Log a card that cannot be read, with its page, and carry on with the rest."""
        self.logger.warning("broken card skipped: %s on %s (%s)", where, response.url, reason)
        self.crawler.stats.inc_value(stats.BROKEN_CARD)

    def listing(self, **fields: str) -> Listing:
        """The listing as read, counting which fields the board filled (the crawl keeps the counts)."""
        self.crawler.stats.inc_value(stats.LISTINGS_READ)
        for name, value in fields.items():
            if value:
                self.crawler.stats.inc_value(stats.field_stat(name, "filled"))
        return Listing(source=self.name, **fields)
