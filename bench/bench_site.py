"""The job seeker's site at scale: a synthetic database of real practices, places, titles and salary
texts, served by `pmjobs serve` on loopback, timed over HTTP.

Vacancies are advertised by real GP practices of the NHS ODS list at their real postcodes (so town,
county and coordinates agree with the postcode), under real advert titles and real NHS Jobs salary
strings in their real frequencies; postings are spread over two years, each open three to six
weeks, and 30% of vacancies are listed on a second board, 8% on a third.
Run from the project root: `python -m bench.bench_site [--listings 1000000]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from bench.bench_normalise import DEV, ROOT
from bench.report import write_section
from pipeline.normalise import normalise_listing
from pipeline.places import parse_place
from pipeline.store import LISTING_COLUMNS, VACANCY_COLUMNS, open_database, replace_vacancies
from pmjobs.serve import ends_with_parent, published_metadata
from pmjobs.site import TODAY_VARIABLE
from spiders.items import SALARY, fields_of

# /work/shared beside the checkout (or beside the worktrees' folder).
SHARED = next((folder / "shared" for folder in ROOT.parents if (folder / "shared" / "data").is_dir()), ROOT.parent / "shared")
ODS_PRACTICES = SHARED / "data/nhs-ods-epraccur-2019-12.csv"
SALARIES = SHARED / "fixtures-real/nhs-jobs-legacy-jsonld/salary_values_all.tsv"
BENCH_TODAY = date(2026, 11, 2)
SOURCES = ("nhs_jobs", "fpm", "bmj_careers")


def practices() -> list[dict]:
    """Active practices whose postcode district the places table knows, with that place."""
    found = []
    with ODS_PRACTICES.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if row[12] != "A":
                continue
            place = parse_place(row[9])
            if place.latitude is not None:
                found.append(
                    {
                        "employer": row[1].title(),
                        "ods_code": row[0],
                        "location": f"{row[6].title()} {row[9]}",
                        "postcode": place.postcode,
                        "outward_code": place.outward_code,
                        "town": place.town,
                        "county": place.county,
                        "nation": place.nation,
                        "latitude": place.latitude,
                        "longitude": place.longitude,
                    }
                )
    return found


def titles() -> list[tuple[str, str]]:
    with (DEV / "roles_dev.tsv").open(encoding="utf-8", newline="") as handle:
        return [(row["title"], row["role"]) for row in csv.DictReader(handle, delimiter="\t") if row["role"] != "not_relevant"]


def salaries() -> tuple[list[dict], list[int]]:
    """Each distinct real salary text with its parsed fields, and how many adverts used it."""
    with SALARIES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    parsed = []
    for row in rows:
        fields = normalise_listing({"salary_text": row["value_text"]}, reference=BENCH_TODAY)
        parsed.append({"salary_text": row["value_text"], **{name: fields.get(name) for name in fields_of(SALARY)}})
    return parsed, [int(row["count"]) for row in rows]


def build(db_path: Path, n_listings: int, seed: int = 17) -> tuple[int, int, float]:
    """Write the synthetic database; return (listings, vacancies, seconds)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    where, jobs, (pay, weights) = practices(), titles(), salaries()
    cumulative = list(accumulate(weights))
    db = open_database(db_path)
    listings, vacancies, n = [], [], 0
    while n < n_listings:
        vacancy_id = f"v{len(vacancies):010x}"
        practice, (title, role), salary = rng.choice(where), rng.choice(jobs), rng.choices(pay, cum_weights=cumulative)[0]
        posted = BENCH_TODAY - timedelta(days=rng.randrange(730))
        closing = posted + timedelta(days=rng.randrange(21, 43))
        status = "open" if closing >= BENCH_TODAY else "expired"
        boards = SOURCES[: 1 + (rng.random() < 0.30) + (rng.random() < 0.08)]
        seen = f"{posted.isoformat()}T02:15:00+00:00"
        common = {
            **practice,
            **salary,
            "title": title,
            "role": role,
            "closing_date": closing.isoformat(),
            "posted_date": posted.isoformat(),
            "closing_open_ended": 0,
            "first_seen": seen,
            "last_seen": seen,
            "status": status,
        }
        ids = []
        for source in boards:
            source_id = f"{vacancy_id}-{source}"
            ids.append(f"{source}:{source_id}")
            listing = {
                **common,
                "listing_id": ids[-1],
                "source": source,
                "source_id": source_id,
                "url": f"https://example.invalid/{source}/{source_id}",
                "vacancy_id": vacancy_id,
                "closing_text": f"{closing:%d %B %Y}",
                "description": f"{title} at {practice['employer']}",
            }
            listings.append([listing.get(name) for name in LISTING_COLUMNS])
        vacancy = {**common, "vacancy_id": vacancy_id, "sources": ",".join(boards), "n_listings": len(boards), "listing_ids": ",".join(ids)}
        vacancies.append({name: vacancy.get(name) for name in VACANCY_COLUMNS})
        n += len(boards)
    with db.conn:  # straight to SQLite: sqlite-utils' per-value checks would double the build time
        db.conn.executemany(
            f"insert into listings ({', '.join(LISTING_COLUMNS)}) values ({', '.join('?' * len(LISTING_COLUMNS))})", listings
        )
    replace_vacancies(db, [], vacancies, [])  # the store's own write of a dedupe run, with its indexes and search
    db.execute("analyze")
    db.close()
    return len(listings), len(vacancies), time.perf_counter() - started


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        assert response.status == 200, url
    return (time.perf_counter() - start) * 1000


def medians(base: str, paths: list[str]) -> tuple[float, float]:
    timed_get(base + paths[0])  # warm the page cache
    times = sorted(timed_get(base + path) for path in paths)
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def throughput(base: str, paths: list[str], clients: int = 20, seconds: float = 15.0) -> tuple[float, float, int]:
    """Requests per second and median latency with `clients` concurrent loopback clients."""
    deadline = time.perf_counter() + seconds

    def client(offset: int) -> list[float]:
        times, i = [], offset
        while time.perf_counter() < deadline:
            times.append(timed_get(base + paths[i % len(paths)]))
            i += clients
        return times

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = [t for result in pool.map(client, range(clients)) for t in result]
    return len(times) / (time.perf_counter() - start), statistics.median(times), len(times)


#: The table pages whose facets are counted: (facets shown, facets asked for) on one JSON request.
FACETED_PAGES = ("/pmjobs/vacancies?_facet=county&role=practice_manager", "/pmjobs/listings")


def facets_shown(base: str, path: str, db_path: Path) -> tuple[int, int]:
    """How many of a table page's facets came back within `facet_time_limit_ms` (the rest are left out)."""
    table, _, query = path.partition("?")
    with urllib.request.urlopen(f"{base}{table}.json?{query}", timeout=120) as response:
        page = json.load(response)
    asked = len(published_metadata(db_path)["databases"][db_path.stem]["tables"][table.rsplit("/", 1)[1]]["facets"])
    return len(page["facet_results"]), asked + ("_facet=" in query)


def serve(db_path: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "pmjobs", "serve", "--db", str(db_path), "--port", str(port)],
        env={**os.environ, TODAY_VARIABLE: BENCH_TODAY.isoformat()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=ends_with_parent,  # a killed bench leaves no server behind
    )
    for _ in range(300):
        try:
            timed_get(f"http://127.0.0.1:{port}/-/versions.json")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("pmjobs serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30, help="requests per timed page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", type=Path, help="build here and keep it (a database already there is reused)")
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        db_path = args.db or Path(folder) / "pmjobs.db"
        build_time = db_path.with_name(db_path.name + ".build-seconds")
        reused = db_path.exists()
        if reused:
            db = open_database(db_path)
            n_listings, n_vacancies = db["listings"].count, db["vacancies"].count
            build_s = float(build_time.read_text()) if build_time.exists() else None
        else:
            n_listings, n_vacancies, build_s = build(db_path, args.listings)
            build_time.write_text(f"{build_s:.1f}")
        built = f"built in {build_s:,.0f} s" if build_s is not None else "built"
        if reused:
            built += " by an earlier run, its indexes brought to the current schema when opened"
        print(f"{n_listings:,} listings / {n_vacancies:,} vacancies, {built}", flush=True)
        with sqlite3.connect(db_path) as connection:
            n_open = connection.execute("select count(*) from vacancies where status = 'open'").fetchone()[0]
        outwards = [p["outward_code"] for p in rng.sample(practices(), args.requests)]
        searches = [f"/?place={code}&miles=20" for code in outwards]
        pages = {
            "home page, no place (open vacancies closing soonest)": ["/"] * args.requests,
            "home page, 20 miles of a postcode district": searches,
            "home page, 20 miles, nearest first": [f"{path}&sort=distance" for path in searches],
            "vacancies table page with a facet (county, role = practice manager)": ["/pmjobs/vacancies?_facet=county&role=practice_manager"]
            * args.requests,
            "the same, without pmjobs/paging.py's first-page `_next` token (`&_next=`)": [
                "/pmjobs/vacancies?_facet=county&role=practice_manager&_next="
            ]
            * args.requests,
            "listings table page (its four facets, newest first)": ["/pmjobs/listings"] * args.requests,
            "pay page (cached aggregates)": ["/pay"] * args.requests,
            "full-text search of vacancies (a town name)": [
                f"/pmjobs/vacancies?_search={p['town'].split()[0]}" for p in rng.sample(practices(), args.requests)
            ],
        }
        server = serve(db_path, args.port)
        base = f"http://127.0.0.1:{args.port}"
        try:
            pay_first = timed_get(base + "/pay")  # the pay page's aggregates, before they are cached
            rows = []
            for name, paths in pages.items():
                median, p95 = medians(base, paths)
                rows.append(f"| {name} | {median:,.0f} | {p95:,.0f} |")
                print(rows[-1], flush=True)
            shown = {path: facets_shown(base, path, db_path) for path in FACETED_PAGES}
            rate, latency, count = throughput(base, searches)
            load = os.getloadavg()[0]
        finally:
            server.terminate()
            server.wait(timeout=20)
    write_section(
        "site",
        f"""
## The job seeker's site at scale (`bench/bench_site.py`)

Synthetic database: {n_listings:,} listings / {n_vacancies:,} vacancies ({built}) of real
GP practices (NHS ODS) at their real postcodes, real advert titles and real NHS Jobs salary strings,
posted over two years to {BENCH_TODAY:%d %B %Y} (so most are past their closing date, as in a database
that has been crawled for two years: {n_open:,} are open). `pmjobs serve` on loopback, {args.requests} requests
per page after one warm-up, on this 2-core machine shared with other jobs (load average {load:.1f} at the end).

| page | median ms | p95 ms |
|---|---:|---:|
{chr(10).join(rows)}

Facets counted within `facet_time_limit_ms` on one JSON request after the timings (a facet past it
is left out of the page): {"; ".join(f"`{path}` {got} of {asked}" for path, (got, asked) in shown.items())}.

The pay page's first request after the server starts (its aggregates read every vacancy, then stay
cached until the database file changes): {pay_first:,.0f} ms.

20 concurrent loopback clients asking for home-page searches (20 miles of a random practice's postcode
district) for 15 s: **{rate:.1f} requests/s**, median latency {latency:,.0f} ms ({count:,} requests).

The home page's queries read the store's indexes on open vacancies (`status, latitude, longitude,
closing_date` for the box around a place, `status, closing_date` for the closing order); the build
time is one core's, at low priority beside other jobs. Datasette's table page computes the seven
facets metadata.yml names plus the one asked for, each over the ~300,000 vacancies of a role and each
cut off at `facet_time_limit_ms` (500 ms, when the facet is left out of the page). pmjobs/paging.py's
first-page `_next` token adds a condition on the sort column (`closing_date is not null or ...`) to
every facet query; each facet's index (`role, facet, closing_date`) ends in that column, so SQLite
reads the condition from the index instead of visiting every row: compare the two table-page rows.
The listings table page is read the same way (pipeline/store.py LISTING_INDEXES): its newest-first
order from an index on `last_seen desc, listing_id`, and each of its facets from an index ending in
`last_seen`; each facet still counts all {n_listings:,} listings.
""",
    )


if __name__ == "__main__":
    main()
