"""Every way a board can fail us, in one nightly: the run finishes, `crawls` says what went wrong,
and no stored listing is lost or wrongly closed.

One spider per case, each aimed at its own fault server; a first crawl with the faults disarmed
stores every listing, the second meets the faults. The clock is fixed at 20 September 2020, before
any snapshot advert closes, so a listing wrongly closed cannot hide among expired ones.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import time

import pytest
import sqlite_utils

from tests.conftest import ROOT
from tests.reliability.fault_server import Fault, fault_servers

pytestmark = pytest.mark.reliability

TODAY = "2020-09-20"
PCN = "pcn%20manager"
#: name: (spider, fault, expected status, words of the expected reason, spider settings)
CASES = {
    "healthy": ("nhs_jobs", Fault("status_500", where="/nowhere"), "ok", "6 of 6 pages read", {}),
    "http_500_page_2": ("nhs_jobs", Fault("status_500", where="page=2"), "failed", "HTTP 500", {}),
    "http_404_page_2": ("nhs_jobs", Fault("status_404", where="page=2"), "failed", "HTTP 404", {}),
    "http_503_retry_after": ("nhs_jobs", Fault("retry_after_503", where="page=3", times=1), "ok", "6 of 6 pages read", {}),
    "http_429_retry_after": ("nhs_jobs", Fault("retry_after_429", where="page=4", times=2), "ok", "6 of 6 pages read", {}),
    "http_429_too_long": ("nhs_jobs", Fault("retry_after_429", where="page=4", retry_after=3600), "failed", "HTTP 429", {}),
    "connection_reset": ("nhs_jobs", Fault("reset", where="page=3"), "failed", "ConnectionLost", {}),
    # Only this case waits briefly: a loaded test machine must not time out the healthy pages.
    "timeout": ("nhs_jobs", Fault("hang", where="page=5"), "failed", "TimeoutError", {"DOWNLOAD_TIMEOUT": 1}),
    "truncated_body": ("nhs_jobs", Fault("truncate", where="page=2"), "failed", "ResponseDataLossError", {}),
    "half_page": ("nhs_jobs", Fault("half_page", where=PCN), "failed", "result cards where 5 jobs found promises 5", {}),
    "wrong_encoding": ("nhs_jobs", Fault("cp1252", where="page=3"), "failed", "bytes not valid in the declared encoding", {}),
    "empty_200": ("nhs_jobs", Fault("empty", where="page=2"), "failed", "not a search results page", {}),
    # The redirect comes back to a page already asked for, so Scrapy drops it unseen: only counting
    # the pages read against the pages requested notices.
    "redirect_loop": ("nhs_jobs", Fault("redirect_loop", where="page=2"), "failed", "1 page neither read nor reported", {}),
    "robots_disallow": ("nhs_jobs", Fault("robots_disallow"), "blocked", "forbidden by robots.txt", {}),
    "block_page_403": ("nhs_jobs", Fault("block_403"), "blocked", "HTTP 403", {}),
    "block_page_200": ("nhs_jobs", Fault("block_200", where=PCN), "blocked", "block page", {}),
    "not_results_page": ("nhs_jobs", Fault("other_page", where="page=4"), "failed", "not a search results page", {}),
    "heading_no_cards": ("nhs_jobs", Fault("no_cards", where="page=2"), "failed", "0 result cards where 41 jobs found", {}),
    "far_fewer_adverts": ("nhs_jobs", Fault("few_results", where="language=en"), "degraded", "under 50% of the median", {}),
    "deadline": (
        "nhs_jobs",
        Fault("slow"),
        "failed",
        "closespider_timeout",
        {"CLOSESPIDER_TIMEOUT": 2, "CONCURRENT_REQUESTS_PER_DOMAIN": 1},
    ),
    "fpm_http_500": ("fpm", Fault("status_500", where="/jobs/"), "failed", "HTTP 500", {}),
    "fpm_healthy": ("fpm", Fault("status_500", where="/nowhere"), "ok", "1 of 1 pages read", {}),
}


def _nightly(db_path, servers, *flags: str) -> subprocess.CompletedProcess:
    cases = {name: {"spider": CASES[name][0], "url": server.url, "settings": CASES[name][4]} for name, server in servers.items()}
    return subprocess.run(
        [sys.executable, "-m", "tests.reliability.run_cases", str(db_path), TODAY, json.dumps(cases), *flags],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def _listings(db: sqlite_utils.Database) -> dict[str, tuple[str, str]]:
    return {row["listing_id"]: (row["status"], row["vacancy_id"]) for row in db.query("select * from listings")}


@pytest.fixture(scope="module")
def faulty_run(tmp_path_factory):
    """(db, listings before, the second run, its servers): a good nightly, then one that meets every fault."""
    db_path = tmp_path_factory.mktemp("faults") / "pmjobs.db"
    with fault_servers({name: case[1] for name, case in CASES.items()}) as servers:
        seed = _nightly(db_path, servers, "--seed")
        assert seed.returncode == 0, seed.stdout + seed.stderr[-3000:]
        db = sqlite_utils.Database(db_path)
        # A listing the healthy source no longer shows: its nightly must close it, and only it.
        gone = dict(db["listings"].get("nhs_jobs_healthy:L916256359"), listing_id="nhs_jobs_healthy:L1", source_id="L1")
        db["listings"].insert(gone)
        before = _listings(db)
        db.close()
        for server in servers.values():
            server.arm()
        started = time.monotonic()
        run = _nightly(db_path, servers)
        run.elapsed = time.monotonic() - started
        yield sqlite_utils.Database(db_path), before, run, servers


def test_the_run_finishes_and_its_exit_status_says_a_source_was_not_ok(faulty_run):
    _, _, run, _ = faulty_run
    assert run.returncode == 1, run.stdout + run.stderr[-3000:]
    assert "sources not ok, their listings left as they were: " in run.stdout
    assert run.elapsed < 60


@pytest.mark.parametrize("case", CASES)
def test_the_crawl_log_explains_each_fault(faulty_run, case):
    db, _, _, _ = faulty_run
    spider, _, status, reason, _ = CASES[case]
    crawl = next(db.query("select * from crawls where source = ? order by id desc limit 1", [f"{spider}_{case}"]))
    assert crawl["status"] == status, crawl
    assert reason in crawl["status_reason"], crawl


@pytest.mark.parametrize("case", CASES)
def test_no_stored_listing_is_lost_or_wrongly_closed(faulty_run, case):
    db, before, _, _ = faulty_run
    source = f"{CASES[case][0]}_{case}"
    mine = {listing_id: state for listing_id, state in before.items() if listing_id.startswith(source + ":")}
    assert len(mine) >= 10
    after = _listings(db)
    assert {listing_id: after[listing_id][1] for listing_id in mine} == {listing_id: vacancy for listing_id, (_, vacancy) in mine.items()}
    closed = {listing_id for listing_id in mine if after[listing_id][0] != "open"}
    assert closed == ({"nhs_jobs_healthy:L1"} if case == "healthy" else set())


@pytest.mark.parametrize("case, gap", [("http_503_retry_after", 1.0), ("http_429_retry_after", 1.0)])
def test_retry_after_is_honoured(faulty_run, case, gap):
    _, _, _, servers = faulty_run
    fault = CASES[case][1]
    times = [at for at, path in servers[case].requests if fault.where in path]
    assert len(times) == fault.times + 1
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= gap * 0.95


def test_a_site_that_asks_too_long_a_wait_is_not_retried(faulty_run):
    _, _, _, servers = faulty_run
    assert len([path for _, path in servers["http_429_too_long"].requests if "page=4" in path]) == 1
