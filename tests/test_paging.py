"""Paging through a sorted table returns every row once: Datasette's sorts are made total (primary
key last) on the first page too, and a streamed CSV export is whole. A crawl stamps one `last_seen`
on every listing, so the demo's default sorts are nearly all ties."""

from __future__ import annotations

import asyncio
import csv
import io
import re
import sqlite3

import pytest
import sqlite_utils
from datasette.tracer import capture_traces

from pipeline.store import LISTING_FACETS, LISTING_SORT, VACANCY_FACETS, VACANCY_SORT
from pmjobs.serve import datasette_app


def every_page(db_path, path: str, pk: str) -> list[str]:
    async def walk():
        app = datasette_app(db_path)
        await app.invoke_startup()
        seen, url = [], path
        while url:
            page = (await app.client.get(url)).json()
            seen += [row[pk] for row in page["rows"]]
            url = page.get("next_url") and page["next_url"].split("localhost", 1)[-1]
        return seen

    return asyncio.run(walk())


@pytest.mark.parametrize(
    "table, pk, query",
    [
        ("listings", "listing_id", ""),  # default sort: last_seen, one value for the whole crawl
        ("vacancies", "vacancy_id", ""),  # default sort: closing_date, with ties and nulls
        ("listings", "listing_id", "&_sort=source"),
        ("listings", "listing_id", "&_sort_desc=role"),
        ("vacancies", "vacancy_id", "&_sort_desc=closing_date"),
        ("listings", "listing_id", "&source=fpm"),
    ],
)
@pytest.mark.parametrize("size", [3, 7])
def test_following_next_returns_every_row_once(demo_db, table, pk, query, size):
    where = "source = 'fpm'" if "source=fpm" in query else None
    expected = sorted(row[pk] for row in sqlite_utils.Database(demo_db)[table].rows_where(where))
    assert len(expected) > size
    assert sorted(every_page(demo_db, f"/pmjobs/{table}.json?_size={size}&_shape=objects{query}", pk)) == expected


def test_a_streamed_csv_export_is_whole(demo_db):
    async def export():
        app = datasette_app(demo_db)
        await app.invoke_startup()
        return await app.client.get("/pmjobs/listings.csv?_stream=on&_sort_desc=last_seen")

    rows = list(csv.DictReader(io.StringIO(asyncio.run(export()).text)))
    ids = [row["listing_id"] for row in rows]
    assert sorted(ids) == sorted(row["listing_id"] for row in sqlite_utils.Database(demo_db)["listings"].rows)


def test_a_sort_by_an_unknown_column_still_says_so(demo_db):
    async def fetch():
        app = datasette_app(demo_db)
        await app.invoke_startup()
        return await app.client.get("/pmjobs/listings.json?_sort=nosuch")

    response = asyncio.run(fetch())
    assert "Cannot sort table by nosuch" in response.json()["error"]  # Datasette 0.65 answers it with status 500


@pytest.mark.parametrize(
    "table, query, facets, sort",
    [
        ("vacancies", "", VACANCY_FACETS, VACANCY_SORT),
        ("vacancies", "?role=practice_manager", VACANCY_FACETS, VACANCY_SORT),
        ("listings", "", LISTING_FACETS, LISTING_SORT),
    ],
)
def test_with_the_first_page_token_every_facet_is_counted_from_an_index(demo_db, table, query, facets, sort):
    """The token's condition on the sort column (closing_date, last_seen) is read from each facet's
    index, not from the table: at 1,000,000 listings that is 0.1 s a facet instead of 1-3 s (BENCHMARKS.md)."""

    async def facet_queries():
        app = datasette_app(demo_db)
        await app.invoke_startup()
        traces = []
        with capture_traces(traces):
            assert (await app.client.get(f"/pmjobs/{table}{query}")).status_code == 200
        return [(trace["sql"], trace["params"]) for trace in traces if trace["type"] == "sql" and " as value, count(*)" in trace["sql"]]

    queries = asyncio.run(facet_queries())
    assert len(queries) == len(facets)
    with sqlite3.connect(demo_db) as conn:
        for sql, params in queries:
            assert f"({sort} " in sql  # the first page's token reached the facet
            plan = " ".join(row[3] for row in conn.execute("explain query plan " + sql, params))
            assert re.search(rf"USING (COVERING )?INDEX idx_{table}_\w+_{sort} ", plan), (sql.split(" as value")[0], plan)


def test_the_listings_first_page_is_read_in_index_order(demo_db):
    """Newest first with the first page's token, as an index holds them: no sort of every listing."""

    async def page_query():
        app = datasette_app(demo_db)
        await app.invoke_startup()
        traces = []
        with capture_traces(traces):
            assert (await app.client.get("/pmjobs/listings")).status_code == 200
        return next(
            (trace["sql"], trace["params"]) for trace in traces if trace["type"] == "sql" and trace["sql"].startswith("select listing_id")
        )

    sql, params = asyncio.run(page_query())
    assert f"order by {LISTING_SORT} desc, listing_id limit" in sql
    with sqlite3.connect(demo_db) as conn:
        plan = " ".join(row[3] for row in conn.execute("explain query plan " + sql, params))
    assert f"USING INDEX idx_listings_{LISTING_SORT}_desc_listing_id" in plan and "TEMP B-TREE" not in plan, plan
