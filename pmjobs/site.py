"""The job seeker's site on Datasette, as one module of plugin hooks: the home search ("which jobs
near me close soon, and what do they pay?"), a page per vacancy, the pay page, the recruiter CSV,
and the saved-search feed. Datasette loads it from datasette/plugins/."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import sqlite3
import statistics
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from functools import partial
from typing import BinaryIO
from urllib.parse import urlencode

from datasette.utils.asgi import AsgiStream, NotFound, Response
from feedgen.feed import FeedGenerator

from datasette import hookimpl
from pipeline.places import Place, distance_km, parse_place, places_named
from pmjobs import formatting
from pmjobs.export import write_csv_rows
from spiders.items import PAY_FIELDS

#: A fixed "today" (ISO date) for the closing-date arithmetic: tests, and the demo's recorded adverts.
TODAY_VARIABLE = "PMJOBS_TODAY"
#: The demo's day: its recorded adverts (from 2020) close between 27 September and 30 November.
DEMO_TODAY = "2020-09-24"
KM_PER_MILE = 1.609344
RADIUS_CHOICES = (5, 10, 20, 30, 50, 100)
#: The form's "pay at least" choices: full-time annual pounds.
PAY_CHOICES = (25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 60_000)
#: The form's working patterns: what a listing's stated pattern says, as words ("full_time", "Full time", "FULL-TIME").
PATTERN_CHOICES = {"full": "Full time", "part": "Part time"}
DEFAULT_RADIUS = 20
CARDS_PER_PAGE = 50
#: Vacancies read at a time while the recruiter CSV is written: memory stays flat.
CSV_CHUNK = 1_000
# A degree of latitude is 69 miles; a degree of longitude at least 33 miles anywhere in the UK (61°N).
_MILES_PER_DEGREE_LAT, _MIN_MILES_PER_DEGREE_LON = 69.0, 33.0
_ORDERS = {
    "closing": "v.closing_date is null, v.closing_date, distance, v.vacancy_id",
    "dated": "v.closing_date, v.vacancy_id",  # a part with closing dates all given, or all missing
    "distance": "distance, v.closing_date is null, v.closing_date, v.vacancy_id",
}


def today() -> date:
    fixed = os.environ.get(TODAY_VARIABLE)
    return date.fromisoformat(fixed) if fixed else date.today()


_CLOSING = {
    "any": "(v.closing_date >= pmjobs_today() or v.closing_date is null)",
    "dated": "v.closing_date >= pmjobs_today()",
    "undated": "v.closing_date is null",
}


def search_sql(order: str = "closing", near: bool | None = None, closing: str = "any", count: bool = False) -> str:
    """Open vacancies not yet past their closing date, by role and county, within :miles of :place.

    Takes :place, :miles, :role, :county, :min_pay and :pattern ('' for any; a vacancy whose full-time range
    reaches :min_pay qualifies, one with no figure does not; :pattern "full" or "part" keeps the vacancies a
    board says are full or part time). `near` says whether a place is given, so
    that the index on open vacancies' latitude finds the box around it before distances are worked
    out (None leaves it to the query, for a canned query where :place may be ''); `closing` picks
    the vacancies with a closing date, those without, or both; `count` counts them instead."""
    lat, lon, radius = "place_latitude(:place)", "place_longitude(:place)", f"coalesce(nullif(:miles, '') + 0.0, {DEFAULT_RADIUS})"
    within = f"""v.latitude between {lat} - {radius} / {_MILES_PER_DEGREE_LAT} and {lat} + {radius} / {_MILES_PER_DEGREE_LAT}
  and v.longitude between {lon} - {radius} / {_MIN_MILES_PER_DEGREE_LON} and {lon} + {radius} / {_MIN_MILES_PER_DEGREE_LON}
  and distance_miles({lat}, {lon}, v.latitude, v.longitude) <= {radius}"""
    place = {True: f"and {within}", False: "", None: f"and (:place = '' or ({within}))"}[near]
    distance = "null" if near is False else f"distance_miles({lat}, {lon}, v.latitude, v.longitude)"
    return f"""
select {"count(*)" if count else f"v.*, {distance} as distance"}
from vacancies v
where v.status = 'open' and {_CLOSING[closing]}
  and (:role = '' or v.role = :role) and (:county = '' or v.county = :county)
  and (:min_pay = '' or coalesce(v.salary_annual_fte_max, v.salary_annual_fte_min) >= :min_pay + 0)
  and (:pattern = '' or exists (select 1 from listings l where l.vacancy_id = v.vacancy_id
    and replace(replace(lower(l.working_pattern), '_', ' '), '-', ' ') like '%' || :pattern || ' time%'))  -- as formatting.pattern_words
  {place}
{"" if count else f"order by {_ORDERS[order]}"}"""


FEED_SQL = f"""
select 'tag:pmjobs,2026:' || v.vacancy_id as atom_id,
  v.title || ' - ' || coalesce(nullif(v.employer, ''), 'employer not named') || ', '
    || coalesce(nullif(v.town, ''), nullif(v.county, ''), v.location, '') as atom_title,
  v.first_seen as atom_updated,
  (select l.url from listings l where l.vacancy_id = v.vacancy_id order by l.first_seen, l.listing_id limit 1) as atom_link,
  'Pay: ' || pay_in_words({", ".join(f"v.{name}" for name in PAY_FIELDS)}) || char(10)
    || 'Closing date: ' || coalesce(full_date(v.closing_date), 'not given') || char(10)
    || 'Advertised on: ' || board_names(v.sources) as atom_content
from ({search_sql()}) v
order by v.first_seen desc, v.vacancy_id
limit 200"""

DECISIONS_SQL = """
select d.rowid as decision, d.decision as outcome, d.decided_by, d.total_weight, d.listing_a, d.listing_b,
  d.title_level, d.employer_level, d.place_level, d.salary_level, d.closing_level
from dedupe_decisions d
where d.listing_a in (select listing_id from listings where vacancy_id = :vacancy_id)
   or d.listing_b in (select listing_id from listings where vacancy_id = :vacancy_id)
order by d.total_weight desc, d.rowid"""

# Full-time annual pay of a vacancy: the middle of its advertised range.
_FTE_MID = "(coalesce(salary_annual_fte_min, salary_annual_fte_max) + coalesce(salary_annual_fte_max, salary_annual_fte_min)) / 2.0"
PAY_SQL = f"""
select {{group}} as label, count(*) as vacancies, count({_FTE_MID}) as with_figure,
  median({_FTE_MID}) as median, min(coalesce(salary_annual_fte_min, salary_annual_fte_max)) as low,
  max(coalesce(salary_annual_fte_max, salary_annual_fte_min)) as high
from vacancies where coalesce(role, '') != 'not_relevant'
group by label order by vacancies desc, label"""
PAY_GROUPS = {
    "role": "role",
    "region": "coalesce(nullif(nation, ''), 'Place not known')",
    "county": "coalesce(nullif(county, ''), 'Place not known')",
}
MONTHS_SQL = """
select substr(posted_date, 1, 7) as month, count(*) as vacancies from vacancies
where posted_date is not null and posted_date != '' group by month order by month"""
CSV_COLUMNS = (
    "title",
    "employer",
    "practice_name",
    "ods_code",
    "town",
    "county",
    "postcode",
    "distance_miles",
    "pay",
    "working_pattern",
    "salary_text",
    "salary_annual_fte_min",
    "salary_annual_fte_max",
    "closing_date",
    "boards",
    "apply_urls",
    "vacancy_page",
)


#: What the CSV reads of a vacancy's listings (its boards and their URLs), not every column of each.
_CSV_LISTING_COLUMNS = "vacancy_id, source, url, working_pattern"


class _Median:
    """SQLite aggregate: the median of the non-null values."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def distance_miles(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    return distance_km(lat1, lon1, lat2, lon2) / KM_PER_MILE


def _pay_in_words(*values: object) -> str:
    return formatting.pay_in_words(dict(zip(PAY_FIELDS, values)))


def _board_names(sources: str | None) -> str:
    """ "fpm,nhs_jobs" -> "First Practice Management, NHS Jobs"."""
    return ", ".join(formatting.board(source) for source in str(sources or "").split(",") if source)


@hookimpl
def prepare_connection(conn) -> None:
    conn.create_function("distance_miles", 4, distance_miles, deterministic=True)
    conn.create_function("place_latitude", 1, lambda text: parse_place(text).latitude, deterministic=True)
    conn.create_function("place_longitude", 1, lambda text: parse_place(text).longitude, deterministic=True)
    conn.create_function("pmjobs_today", 0, lambda: today().isoformat(), deterministic=True)  # constant within a query
    conn.create_function("pay_in_words", len(PAY_FIELDS), _pay_in_words, deterministic=True)
    conn.create_function("full_date", 1, formatting.full_date, deterministic=True)
    conn.create_function("board_names", 1, _board_names, deterministic=True)
    conn.create_aggregate("median", 1, _Median)


@hookimpl
def prepare_jinja2_environment(env) -> None:
    env.filters.update(formatting.FILTERS)
    env.filters["closes_in"] = formatting.closes_in


@hookimpl
def canned_queries(datasette, database):
    async def queries():
        if not await datasette.get_database(database).table_exists("vacancies"):
            return {}
        return {
            "vacancies_feed": {
                "title": "Saved-search feed of open vacancies",
                "description": "Add .atom to this page's address to follow a search in a feed reader; leave a "
                "field empty for any, e.g. vacancies_feed.atom?role=practice_manager&county=Essex"
                "&place=CV47&miles=20",
                "sql": FEED_SQL,
            },
            "vacancy_decisions": {
                "title": "Why a vacancy's listings were merged (or kept apart)",
                "description": "Every pair of this vacancy's listings the deduplicator scored, strongest first.",
                "sql": DECISIONS_SQL,
            },
        }

    return queries


@hookimpl
def render_cell(value, column, table):
    """Pay and dates in words on Datasette's own table pages (JSON and CSV keep the stored values)."""
    if table not in ("vacancies", "listings") or value in (None, ""):
        return None
    if column.startswith("salary_") and isinstance(value, (int, float)) and column != "salary_pro_rata":
        return formatting.money(value)
    if column in ("closing_date", "posted_date", "first_seen", "last_seen"):
        return formatting.full_date(value)
    return None


@hookimpl
def startup(datasette) -> None:
    """A saved search that matches nothing is an empty feed, not an error (datasette-atom needs a row)."""
    render_atom, can_render_atom = datasette.renderers["atom"]

    def render_atom_or_empty(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
        if rows:
            return render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data)
        feed = FeedGenerator()
        feed.id(request.url)
        feed.link(href=request.url, rel="self")
        feed.title("pmjobs: no vacancies match this search yet")
        feed.updated(datetime.now(UTC))
        return Response(feed.atom_str(pretty=True), content_type="application/xml; charset=utf-8")

    datasette.renderers["atom"] = (render_atom_or_empty, can_render_atom)


@hookimpl
def register_routes():
    return [
        (r"^/$", home),
        (r"^/search\.csv$", search_csv),
        (r"^/vacancy/(?P<vacancy_id>[^/]+)$", vacancy_page),
        (r"^/pay$", pay_page),
    ]


def _search_args(request) -> dict[str, str]:
    """The search form's fields, as canned-query parameters ('' for any)."""
    args = {name: request.args.get(name, "").strip() for name in ("place", "role", "county")}
    miles = request.args.get("miles", "").strip()
    args["miles"] = miles if miles.replace(".", "", 1).isdigit() else str(DEFAULT_RADIUS)
    min_pay = request.args.get("min_pay", "").strip()
    args["min_pay"] = min_pay if min_pay.isdigit() else ""
    pattern = request.args.get("pattern", "").strip()
    args["pattern"] = pattern if pattern in PATTERN_CHOICES else ""
    return args


def _place_problem(text: str, place: Place) -> tuple[str, list[str]]:
    """Why a place typed in the form cannot be searched from ("" when it can), and the places it may mean."""
    if not text or place.latitude is not None:
        return "", []
    choices = [f"{named.town}, {named.county}" for named in places_named(text)]
    if len(choices) > 1:
        return f"There is more than one “{text}”. Which one do you mean?", choices
    return (
        f"“{text}” is not a postcode or town we know. Try a full postcode (CV47 0FE), its first half "
        "(CV47) or a town name with its county (Southam, Warwickshire)."
    ), []


def _read_search(request) -> dict:
    """The search a request asks for: its fields, order and place, or why the place cannot be searched from."""
    args = _search_args(request)
    order = "distance" if request.args.get("sort") == "distance" and args["place"] else "closing"
    place = parse_place(args["place"]) if args["place"] else None
    problem, choices = _place_problem(args["place"], place) if place else ("", [])
    return {"args": args, "order": order, "place": place, "problem": problem, "choices": choices}


def _search_statements(search: dict) -> list[str]:
    """The queries that read the search's vacancies, in its order."""
    near = bool(search["args"]["place"])
    # Without a place, dated vacancies come from the closing-date index in order, then the open-ended.
    return [search_sql(search["order"] if near else "dated", near, closing) for closing in (("any",) if near else ("dated", "undated"))]


async def _search(datasette, request, limit: int) -> dict:
    """The first `limit` vacancies of the search, and how many it finds."""
    db = datasette.get_database()
    search = _read_search(request)
    rows, total = [], 0
    if not search["problem"]:
        total = (await db.execute(search_sql(near=bool(search["args"]["place"]), count=True), search["args"])).first()[0]
        for sql in _search_statements(search):
            if len(rows) < limit:
                rows += [dict(row) for row in await db.execute(f"{sql} limit {limit - len(rows)}", search["args"])]
        await _attach_listings(db, rows)
    return {**search, "vacancies": rows, "total": total}


def _listings_query(vacancies: list[dict], columns: str = "*") -> tuple[str, list[str]]:
    """The query for the listings of `vacancies`, by board and oldest first, and its parameters."""
    ids = list(dict.fromkeys(row["vacancy_id"] for row in vacancies))
    marks = ", ".join("?" for _ in ids)
    return f"select {columns} from listings where vacancy_id in ({marks}) order by source, first_seen, listing_id", ids


async def _attach_listings(db, vacancies: list[dict]) -> None:
    sql, ids = _listings_query(vacancies)
    _label_listings(vacancies, await db.execute(sql, ids) if ids else [])


def _label_listings(vacancies: list[dict], listings: Iterable) -> None:
    """Each vacancy's `listings` (read by `_listings_query`), each with its "Apply on <board>" label."""
    by_id = {row["vacancy_id"]: row for row in vacancies}
    for row in vacancies:
        row["listings"] = []
    for listing in listings:
        by_id[listing["vacancy_id"]]["listings"].append(dict(listing))
    for row in vacancies:
        # A board that repeats one advert (FPM lists some three times) gets one link to it, not three.
        adverts = list(dict.fromkeys((listing["source"], listing["url"]) for listing in row["listings"] if listing["url"]))
        boards = Counter(source for source, _ in adverts)
        seen: Counter = Counter()
        labels = {}
        for source, url in adverts:
            seen[source] += 1
            labels[source, url] = f"Apply on {formatting.board(source)}" + (
                f" (advert {seen[source]} of {boards[source]})" if boards[source] > 1 else ""
            )
        row["apply_links"] = [{"url": url, "label": labels[source, url]} for source, url in adverts]
        for listing in row["listings"]:
            listing["apply_label"] = labels.get((listing["source"], listing["url"]), "")


async def _render(datasette, request, template: str, context: dict) -> Response:
    context = {"today": today(), "database": datasette.get_database().name, **context}
    return Response.html(await datasette.render_template(template, context, request=request))


async def home(datasette, request) -> Response:
    found = await _search(datasette, request, CARDS_PER_PAGE)
    query = urlencode({name: value for name, value in found["args"].items() if value})
    return await _render(
        datasette,
        request,
        "pmjobs_home.html",
        {
            **found,
            "roles": formatting.ROLE_CHOICES,
            "radii": RADIUS_CHOICES,
            "pay_choices": PAY_CHOICES,
            "pattern_choices": PATTERN_CHOICES,
            "query_string": query,
            "is_demo": TODAY_VARIABLE in os.environ,
        },
    )


async def search_csv(datasette, request) -> Response | AsgiStream:
    """Every vacancy of the current search as CSV for Excel (UTF-8 with BOM, formula-safe): one row per
    vacancy, every board's URL, exactly the vacancies the database held when the download started."""
    search = _read_search(request)
    if search["problem"]:
        return Response.text(search["problem"], status=400)
    db, base = datasette.get_database(), datasette.absolute_url(request, "/vacancy/")

    async def stream(response) -> None:
        loop = asyncio.get_running_loop()
        ends: asyncio.Queue[int | None] = asyncio.Queue()  # where the spool's chunks end; None when read
        stopped = threading.Event()
        header = io.StringIO()
        write_csv_rows(csv.writer(header), CSV_COLUMNS, [])
        await response.write("\ufeff" + header.getvalue())
        with tempfile.TemporaryFile() as spool:

            def report(end: int | None) -> None:
                loop.call_soon_threadsafe(ends.put_nowait, end)

            reading = asyncio.ensure_future(asyncio.to_thread(_spool_snapshot, db, search, base, spool, report, stopped))
            try:
                sent = 0
                while (end := await ends.get()) is not None:
                    await response.write(os.pread(spool.fileno(), end - sent, sent).decode("utf-8"))
                    sent = end
                await reading
            except Exception as error:  # the header is sent: say so in the file rather than end it silently
                tail = io.StringIO()
                csv.writer(tail).writerow([f"The export stopped early ({error}); download it again."])
                await response.write(tail.getvalue())
            finally:
                stopped.set()
                await asyncio.wait([reading])

    return AsgiStream(
        stream, headers={"content-disposition": 'attachment; filename="pmjobs-vacancies.csv"'}, content_type="text/csv; charset=utf-8"
    )


def _spool_snapshot(db, search: dict, base: str, spool: BinaryIO, report: Callable[[int | None], None], stopped: threading.Event) -> None:
    """Append the search's CSV rows to `spool`, `CSV_CHUNK` vacancies at a time, reporting where each
    chunk ends (None at the end), all read in one read transaction on a connection of its own.

    SQLite in WAL mode gives that transaction the database as it was at its first read, whatever a
    crawl or dedupe commits meanwhile, so the file holds each vacancy that matched then exactly once,
    and no writer waits for it. The transaction lasts as long as the database takes to read, not as
    long as the client takes to download, which would hold back the write-ahead log's checkpoints.

    The connection is not one of Datasette's (`Database.execute_fn` would lend one): a download would hold
    one of its few query threads for the whole read. It gets the SQL functions the search calls from this
    plugin's own `prepare_connection`, and rows by name, as Datasette's connections have them."""
    conn = sqlite3.connect(f"file:{db.path}?{'mode=ro' if db.is_mutable else 'immutable=1'}", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        prepare_connection(conn)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        conn.execute("begin")
        for sql in _search_statements(search):
            cursor = conn.execute(sql, search["args"])
            while not stopped.is_set() and (rows := [dict(row) for row in cursor.fetchmany(CSV_CHUNK)]):
                _label_listings(rows, conn.execute(*_listings_query(rows, _CSV_LISTING_COLUMNS)))
                write_csv_rows(writer, CSV_COLUMNS, map(partial(_csv_row, base), rows), header=False)
                spool.write(buffer.getvalue().encode("utf-8"))
                spool.flush()
                buffer.seek(0)
                buffer.truncate()
                report(spool.tell())
    finally:
        conn.close()
        report(None)


def _csv_row(vacancy_base: str, row: dict) -> dict:
    return {
        **row,
        "pay": formatting.pay_in_words(row),
        "working_pattern": formatting.working_patterns(row["listings"]),
        "distance_miles": None if row["distance"] is None else round(row["distance"], 1),
        "boards": ", ".join(sorted({formatting.board(listing["source"]) for listing in row["listings"]})),
        "apply_urls": "\n".join(listing["url"] for listing in row["listings"] if listing["url"]),
        "vacancy_page": vacancy_base + row["vacancy_id"],
    }


async def vacancy_page(datasette, request) -> Response:
    db = datasette.get_database()
    vacancy_id = request.url_vars["vacancy_id"]
    vacancy = (await db.execute("select * from vacancies where vacancy_id = ?", [vacancy_id])).first()
    if vacancy is None:
        raise NotFound(f"No vacancy {vacancy_id}")
    vacancy = dict(vacancy)
    await _attach_listings(db, [vacancy])
    history = [
        dict(row)
        for row in await db.execute(
            "select h.*, l.source from listing_history h join listings l on l.listing_id = h.listing_id "
            "where l.vacancy_id = ? order by h.changed_at, h.id",
            [vacancy_id],
        )
    ]
    decisions = []
    if await db.table_exists("dedupe_decisions"):
        decisions = [dict(row) for row in await db.execute(DECISIONS_SQL, {"vacancy_id": vacancy_id})]
    return await _render(
        datasette,
        request,
        "pmjobs_vacancy.html",
        {
            "vacancy": vacancy,
            "about": _fullest_text(vacancy["listings"]),
            "history": history,
            "decisions": decisions,
        },
    )


def _fullest_text(listings: list[dict]) -> dict | None:
    """The listing whose advert text is longest (boards cut it to a teaser by different amounts), or None."""
    return max(
        (listing for listing in listings if listing.get("description")), key=lambda listing: len(listing["description"]), default=None
    )


def _pay_axis(rows: list[dict], step: int = 10_000) -> dict:
    """The pay charts' common scale: whole £10,000s around every range, with a tick at each."""
    lows = [row["low"] for row in rows if row["low"] is not None]
    highs = [row["high"] for row in rows if row["high"] is not None]
    low = int(min(lows, default=0) // step * step)
    high = max(int(-(-max(highs, default=step) // step) * step), low + step)
    return {"low": low, "span": high - low, "ticks": list(range(low, high + 1, step * (1 + (high - low > 8 * step))))}


def _pay_figures(conn) -> dict:
    """Every aggregate of the pay page, in one thread without the per-query time limit: they read
    every vacancy, which takes seconds on a million-listing database (the result is cached)."""

    def rows(sql: str) -> list[dict]:
        cursor = conn.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    groups = {name: rows(PAY_SQL.format(group=expression)) for name, expression in PAY_GROUPS.items()}
    for row in groups["role"]:
        row["label"] = formatting.role_name(row["label"])
    return {"groups": groups, "months": rows(MONTHS_SQL)}


#: The pay page's figures per database file, with the file's (and its write-ahead log's) size and time.
_PAY_CACHE: dict[str, tuple[tuple, dict]] = {}


def _file_stamp(path: str) -> tuple:
    return tuple((stat.st_size, stat.st_mtime_ns) for name in (path, path + "-wal") if (stat := _stat(name)))


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


async def pay_page(datasette, request) -> Response:
    db = datasette.get_database()
    stamp = _file_stamp(db.path) if db.path else None
    cached = _PAY_CACHE.get(db.path or "")
    if stamp is None or cached is None or cached[0] != stamp:
        cached = (stamp, await db.execute_fn(_pay_figures))
        if stamp is not None:
            _PAY_CACHE[db.path] = cached
    figures = cached[1]
    groups, months = figures["groups"], figures["months"]
    everything = {
        "vacancies": sum(row["vacancies"] for row in groups["role"]),
        "with_figure": sum(row["with_figure"] for row in groups["role"]),
    }
    return await _render(
        datasette,
        request,
        "pmjobs_pay.html",
        {
            "groups": groups,
            "months": months,
            "overall": everything,
            "axis": _pay_axis([row for rows in groups.values() for row in rows]),
            "month_scale": max((row["vacancies"] for row in months), default=1),
        },
    )
