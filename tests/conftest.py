"""Shared test helpers: replay saved pages through Scrapy responses, and run spiders without a network."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

# CI runs the property tests on a fixed sequence of examples, so a pass or a failure repeats; a
# developer's run explores new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


@dataclass
class DemoBuild:
    path: Path
    result: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> DemoBuild:
    """`pmjobs demo --no-serve` run once per test run (real Scrapy on loopback); test_demo checks it."""
    db_path = tmp_path_factory.mktemp("demo") / "pmjobs.db"
    result = subprocess.run([*PMJOBS, "demo", "--no-serve", "--db", str(db_path)], capture_output=True, text=True, timeout=300)
    return DemoBuild(db_path, result)


@pytest.fixture(scope="session")
def demo_db(demo_build) -> Path:
    """The demo database; tests that read it skip (pointing at test_demo) when the build failed."""
    if demo_build.result.returncode != 0 or not demo_build.path.exists():
        pytest.skip("the demo build failed: see tests/test_demo.py for why")
    return demo_build.path


def wait_for_server(base: str, server: subprocess.Popen) -> None:
    import time
    import urllib.request

    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError(f"pmjobs serve exited with {server.returncode}")
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"pmjobs serve did not answer at {base}")


@contextmanager
def serving(db_path: Path):
    """`pmjobs serve` on `db_path` on a loopback port, its clock fixed at the demo's day: its base URL."""
    from pmjobs.serve import ends_with_parent
    from pmjobs.site import DEMO_TODAY, TODAY_VARIABLE

    port = free_port()
    server = subprocess.Popen(
        [*PMJOBS, "serve", "--db", str(db_path), "--port", str(port)],
        env={**os.environ, TODAY_VARIABLE: DEMO_TODAY},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=ends_with_parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_site(demo_db):
    """`pmjobs serve` on the demo database."""
    with serving(demo_db) as base:
        yield base


def copy_open_vacancies(db, copies: int) -> None:
    """Each open vacancy of `db` and its listings copied `copies` times under new ids (`<id>-copy<n>`):
    a large result of real practices, places and pay."""
    with db.conn:
        for table, key, where in (
            ("vacancies", "vacancy_id", "status = 'open'"),
            ("listings", "listing_id", "vacancy_id in (select vacancy_id from vacancies where status = 'open')"),
        ):
            renamed = {key: f"{key} || '-copy' || n", "source_id": "source_id || '-copy' || n", "vacancy_id": "vacancy_id || '-copy' || n"}
            columns = list(db[table].columns_dict)
            db.execute(
                f"with recursive copy(n) as (select 1 union all select n + 1 from copy where n < {copies}) "
                f"insert into {table} ({', '.join(columns)}) "
                f"select {', '.join(renamed.get(name, name) for name in columns)} from {table}, copy where {where}"
            )
