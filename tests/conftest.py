"""Shared test helpers: replay saved pages through Scrapy responses, and run spiders without a network."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOTS = ROOT / "spiders" / "snapshots"


def file_response(path: Path, url: str) -> HtmlResponse:
    """A Scrapy response for a saved page, as if it had been fetched from `url`."""
    return HtmlResponse(url=url, body=path.read_bytes(), encoding="utf-8", request=Request(url))


@pytest.fixture
def make_spider():
    """Build a spider bound to a crawler, so its stats and logger work as in a real run."""

    def make(spider_cls, **kwargs):
        crawler = get_crawler(spider_cls)
        return spider_cls.from_crawler(crawler, **kwargs)

    return make
