"""Shared test helpers: replay saved pages through Scrapy responses, and run spiders without a network."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SNAPSHOTS = ROOT / "spiders" / "snapshots"


def file_response(path: Path, url: str, status: int = 200, **request_kwargs) -> TextResponse:
    """A Scrapy response for a saved page or API answer, as if it had been fetched from `url`."""
    kind = HtmlResponse if path.suffix == ".html" else TextResponse
    return kind(url=url, body=path.read_bytes(), encoding="utf-8", status=status, request=Request(url, **request_kwargs))


def start_requests(spider) -> list[Request]:
    """The requests a spider's `start()` opens its crawl with."""

    async def collect():
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def parsed(output) -> tuple[list, list]:
    """A callback's output split into listings and follow-up requests."""
    entries = list(output or [])
    return [entry for entry in entries if not isinstance(entry, Request)], [entry for entry in entries if isinstance(entry, Request)]


@pytest.fixture
def make_spider():
    """Build a spider bound to a crawler, so its stats and logger work as in a real run."""

    def make(spider_cls, **kwargs):
        crawler = get_crawler(spider_cls)
        return spider_cls.from_crawler(crawler, **kwargs)

    return make


PMJOBS = [sys.executable, "-m", "pmjobs"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo database, built once per test run by `pmjobs demo --no-serve` (real Scrapy on loopback)."""
    db_path = tmp_path_factory.mktemp("demo") / "pmjobs.db"
    result = subprocess.run([*PMJOBS, "demo", "--no-serve", "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nhs_jobs:" in result.stdout and "fpm:" in result.stdout  # progress per source
    assert "55 listings from 8 sources -> " in result.stdout  # and a final summary naming the top merge:
    assert "Practice Manager (Southam Surgery, Southam): 4 listings (fpm x3, nhs_jobs)" in result.stdout
    return db_path
