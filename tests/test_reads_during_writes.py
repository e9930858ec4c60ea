"""Reading the site while the nightly writes (vacancies closed, re-numbered, moved in the order, new
ones ahead of the rest). The recruiter CSV is the search as the database held it when the download
started: no row repeated or dropped, and the writes never wait for it. Datasette's table pages page
by the sort key, not by OFFSET: a vacancy the writes left alone is shown exactly once."""

from __future__ import annotations

import asyncio
import http.client
import json
import random
import shutil
import socket
import sqlite3
import threading
import time
import urllib.request
from collections import Counter
from datetime import date, timedelta

import pytest
import sqlite_utils

from pipeline.store import replace_vacancies
from pmjobs import site
from pmjobs.serve import datasette_app
from pmjobs.site import DEMO_TODAY
from tests.conftest import copy_open_vacancies, serving

#: Vacancies each writing round closes, re-numbers, moves later, and adds ahead of the rest.
CHANGED_PER_ROUND = 10


def writer(path) -> sqlite_utils.Database:
    """A connection of the nightly's kind that never waits for a lock: a blocked write fails at once."""
    return sqlite_utils.Database(sqlite3.connect(path, timeout=0, check_same_thread=False))


def pick(db: sqlite_utils.Database, rng: random.Random) -> list[list[str]]:
    """Four sets of open vacancies with a closing date: to close, re-number, extend, and repost."""
    dated = [
        vacancy_id for (vacancy_id,) in db.execute("select vacancy_id from vacancies where status = 'open' and closing_date is not null")
    ]
    chosen = rng.sample(dated, 4 * CHANGED_PER_ROUND)
    return [chosen[n::4] for n in range(4)]


def dedupe_run(db: sqlite_utils.Database, rng: random.Random, round_: int) -> None:
    """A dedupe run's write (the store's replace_vacancies: the table rebuilt) after a crawl changed
    what is advertised."""
    closed, renumbered, extended, reposted = (set(ids) for ids in pick(db, rng))
    vacancies, assignments, ahead = list(db["vacancies"].rows), [], []
    for row in vacancies:
        vacancy_id = row["vacancy_id"]
        if vacancy_id in reposted:
            ahead.append({**row, "vacancy_id": f"new-{round_}-{vacancy_id}", "closing_date": DEMO_TODAY})
        row["status"] = "closed" if vacancy_id in closed else row["status"]
        if vacancy_id in extended:
            row["closing_date"] = (date.fromisoformat(row["closing_date"]) + timedelta(days=14)).isoformat()
        if vacancy_id in renumbered:
            row["vacancy_id"] = f"{vacancy_id}-r{round_}"
            assignments += [
                (listing, row["vacancy_id"])
                for (listing,) in db.execute("select listing_id from listings where vacancy_id = ?", [vacancy_id])
            ]
    replace_vacancies(db, assignments, vacancies + ahead, [])


def row_changes(db: sqlite_utils.Database, rng: random.Random, round_: int) -> set[str]:
    """The same changes made row by row in one short transaction, as fast as a crawl commits; the
    vacancies changed."""
    closed, renumbered, extended, reposted = pick(db, rng)
    columns = list(db["vacancies"].columns_dict)
    copied = {"vacancy_id": f"'new-{round_}-' || vacancy_id", "closing_date": f"'{DEMO_TODAY}'"}
    marks = ", ".join("?" * CHANGED_PER_ROUND)
    with db.conn:
        db.execute("begin")
        db.execute(f"update vacancies set status = 'closed' where vacancy_id in ({marks})", closed)
        db.execute(f"update vacancies set closing_date = date(closing_date, '+14 days') where vacancy_id in ({marks})", extended)
        db.execute(
            f"insert into vacancies ({', '.join(columns)}) select {', '.join(copied.get(name, name) for name in columns)} "
            f"from vacancies where vacancy_id in ({marks})",
            reposted,
        )
        for vacancy_id in renumbered:
            for table in ("vacancies", "listings"):
                db.execute(f"update {table} set vacancy_id = ? where vacancy_id = ?", [f"{vacancy_id}-r{round_}", vacancy_id])
    return {*closed, *renumbered, *extended}


@pytest.fixture(scope="module")
def big_demo(demo_db, tmp_path_factory):
    """The demo database with its open vacancies copied until the search holds thousands: a CSV of
    about 2 MB that the export reads in several chunks."""
    path = tmp_path_factory.mktemp("big") / "pmjobs.db"
    shutil.copy(demo_db, path)
    copy_open_vacancies(sqlite_utils.Database(path), 150)
    return path


@pytest.fixture
def big_db(big_demo, tmp_path):
    """A copy of it for one test to write to."""
    path = tmp_path / "pmjobs.db"
    shutil.copy(big_demo, path)
    return path


def vacancy_ids(body: bytes) -> list[bytes]:
    """The vacancy of each row of a CSV, from its vacancy_page link (the last column)."""
    return [line.rsplit(b"/vacancy/", 1)[1] for line in body.splitlines() if b"/vacancy/" in line]


def slow_download(base: str, path: str) -> bytes:
    """GET `path` through a small receive buffer, a little at a time."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8192)
    sock.settimeout(120)
    sock.connect((host, int(port)))
    connection = http.client.HTTPConnection(host, int(port))
    connection.sock = sock
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200
    body = b""
    while piece := response.read(16384):
        body += piece
        time.sleep(0.005)
    connection.close()
    return body


@pytest.mark.parametrize("query", ["", "?place=IG9&miles=50&sort=distance"])
def test_a_download_read_slowly_while_the_nightly_writes_is_the_search_as_it_started(big_db, query):
    """A writer on its own connection commits changes to vacancies every few milliseconds for as long
    as the download lasts (so between the export's reads, whatever their pace)."""
    rng, db = random.Random(7), writer(big_db)
    commits, failures, downloading = [], [], threading.Event()

    def nightly() -> None:
        try:
            while downloading.is_set():
                row_changes(db, rng, len(commits))
                commits.append(time.perf_counter())
                time.sleep(0.01)
        except Exception as error:  # a locked database is what this test looks for
            failures.append(error)

    with serving(big_db) as base:
        with urllib.request.urlopen(base + "/search.csv" + query, timeout=120) as response:
            at_start = response.read()
        downloading.set()
        writing = threading.Thread(target=nightly)
        writing.start()
        try:
            during = slow_download(base, "/search.csv" + query)
        finally:
            downloading.clear()
            writing.join()
        with urllib.request.urlopen(base + "/search.csv" + query, timeout=120) as response:
            after = response.read()
    ids, got = vacancy_ids(at_start), vacancy_ids(during)
    assert len(ids) > 2000 and len(set(ids)) == len(ids)
    assert [vacancy for vacancy, times in Counter(got).items() if times > 1] == []
    assert set(ids) - set(got) == set() and set(got) - set(ids) == set()
    assert not failures and len(commits) > 5  # the writer never waited for a lock, and wrote throughout
    assert during == at_start  # every row once, as it was, in its order
    assert after != at_start and b"/vacancy/new-" in after  # the writes changed the search
    assert db.execute("pragma wal_checkpoint(truncate)").fetchone()[0] == 0  # no reader holds an old snapshot


def test_writes_committed_between_chunks_do_not_reach_the_file(big_db, monkeypatch):
    """A dedupe run commits while the export's read transaction is open (after its first chunk),
    without waiting for it, and the file is still the search as it was at the first read."""
    monkeypatch.setenv("PMJOBS_TODAY", DEMO_TODAY)
    monkeypatch.setattr(site, "CSV_CHUNK", 50)
    rng, db = random.Random(3), writer(big_db)
    label_listings, written = site._label_listings, []

    def label_then_write(vacancies, listings) -> None:
        label_listings(vacancies, listings)
        if not written:
            dedupe_run(db, rng, 0)
            written.append(True)

    async def fetch() -> str:
        return (await datasette_app(big_db).client.get("/search.csv")).text

    before = asyncio.run(fetch())
    monkeypatch.setattr(site, "_label_listings", label_then_write)
    during = asyncio.run(fetch())
    monkeypatch.setattr(site, "_label_listings", label_listings)
    after = asyncio.run(fetch())
    assert written and during == before and before.count("/vacancy/") > 1000
    assert after != before


def test_table_pages_followed_while_the_nightly_writes_show_each_untouched_vacancy_once(big_db):
    rng, db = random.Random(11), writer(big_db)
    at_start = {vacancy_id for (vacancy_id,) in db.execute("select vacancy_id from vacancies")}
    changed, shown = set(), []
    with serving(big_db) as base:
        url = base + "/pmjobs/vacancies.json?_size=500&_shape=objects"
        while url:
            with urllib.request.urlopen(url, timeout=60) as response:
                page = json.load(response)
            shown += [row["vacancy_id"] for row in page["rows"]]
            changed |= row_changes(db, rng, len(changed))
            url = page.get("next_url")
    untouched = at_start - changed
    assert len(untouched) > 5000 and len(changed) > 200
    assert sorted(vacancy for vacancy in shown if vacancy in untouched) == sorted(untouched)
