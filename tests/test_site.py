"""The job seeker's pages over HTTP: `pmjobs serve` on the demo database, on loopback, with the clock
fixed at the demo's day; expected answers are worked out from the database itself."""

from __future__ import annotations

import asyncio
import csv
import io
import math
import shutil
import statistics
import urllib.parse
import urllib.request
from datetime import date
from xml.etree import ElementTree

import pytest
import sqlite_utils
from datasette.app import Datasette
from parsel import Selector

from pipeline.store import upsert_listing
from pmjobs import site
from pmjobs.serve import datasette_app
from pmjobs.site import DEMO_TODAY
from tests.conftest import copy_open_vacancies, serving

ATOM = "{http://www.w3.org/2005/Atom}"


def get(base: str, path: str, **params) -> tuple[int, str]:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.status, response.read().decode("utf-8")


def great_circle_miles(lat1, lon1, lat2, lon2) -> float:
    """Haversine on a 3,958.8-mile sphere: an independent check of the site's own distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 3958.8 * math.asin(math.sqrt(a))


def cards(page: str) -> list[dict]:
    found = []
    for card in Selector(text=page).css("article.pm-card"):
        distance = card.css(".pm-distance::text").get()
        found.append(
            {
                "vacancy_id": card.css("h2 a::attr(href)").get().rsplit("/", 1)[-1],
                "miles": None if distance is None else 0.0 if distance == "under 0.1 miles" else float(distance.split()[0]),
                "closes": card.css(".pm-closes strong::text").get(),
                "pay": card.css(".pm-pay::text").get(),
                "apply": card.css("a.pm-apply-link::attr(href)").getall(),
                "hours": card.css(".pm-hours::text").get(),
            }
        )
    return found


@pytest.fixture(scope="module")
def db(demo_db):
    return sqlite_utils.Database(demo_db)


def open_on_demo_day(db) -> list[dict]:
    return [row for row in db["vacancies"].rows_where("status = 'open' and (closing_date >= ? or closing_date is null)", [DEMO_TODAY])]


def test_postcode_and_radius_give_only_vacancies_within_it_soonest_first(demo_site, db):
    status, page = get(demo_site, "/", place="E10 6PP", miles="10")
    assert status == 200
    shown = cards(page)
    leyton = db.execute("select latitude, longitude from vacancies where postcode = 'E10 6PP'").fetchone()
    # E10's centre is where distances are measured from; a vacancy near the circle's edge is not checked.
    inside = {
        row["vacancy_id"]
        for row in open_on_demo_day(db)
        if row["latitude"] is not None and great_circle_miles(*leyton, row["latitude"], row["longitude"]) < 9.9
    }
    outside = {
        row["vacancy_id"]
        for row in open_on_demo_day(db)
        if row["latitude"] is not None and great_circle_miles(*leyton, row["latitude"], row["longitude"]) > 10.1
    }
    ids = {card["vacancy_id"] for card in shown}
    assert len(inside) >= 4 and inside <= ids and not ids & outside
    assert all(card["miles"] is not None and card["miles"] <= 10 for card in shown)
    closing = [db["vacancies"].get(card["vacancy_id"])["closing_date"] for card in shown]
    assert closing == sorted(closing, key=lambda day: (day is None, day or ""))  # no closing date (Adzuna, BMJ cards) last
    assert f"<strong>{len(shown)}</strong> open vacancies within 10 miles of" in page


def test_a_county_only_vacancy_says_its_distance_is_from_the_countys_centre(demo_site, db):
    """FPM's "Practice Manager - Hertfordshire" names no town: its miles are measured to the county's centre."""
    page = get(demo_site, "/", place="E10 6PP", miles="100")[1]
    county_only = {row["vacancy_id"] for row in open_on_demo_day(db) if row["located_by"] == "county"}
    assert all(not db["vacancies"].get(vacancy_id)["town"] for vacancy_id in county_only)  # no demo town is ambiguous
    shown = {card.css("h2 a::attr(href)").get().rsplit("/", 1)[-1]: card for card in Selector(text=page).css("article.pm-card")}
    assert county_only & set(shown) and set(shown) - county_only
    for vacancy_id, card in shown.items():
        said = card.css(".pm-approximate::text").get()
        assert (said == "from the county's centre (no town given)") == (vacancy_id in county_only), vacancy_id


def test_pay_at_least_keeps_the_vacancies_whose_range_reaches_it(demo_site, db):
    page = get(demo_site, "/", place="E10 6PP", miles="100", min_pay="45000")[1]
    shown = {card["vacancy_id"] for card in cards(page)}
    everything = {card["vacancy_id"] for card in cards(get(demo_site, "/", place="E10 6PP", miles="100")[1])}

    def top(vacancy_id: str) -> float | None:
        row = db["vacancies"].get(vacancy_id)
        return row["salary_annual_fte_max"] if row["salary_annual_fte_max"] is not None else row["salary_annual_fte_min"]

    paying = {vacancy_id for vacancy_id in everything if top(vacancy_id) is not None and top(vacancy_id) >= 45000}
    assert paying and shown == paying and everything - shown  # lower pay and "no figure given" left out
    assert "paying at least £45,000 a year full time" in page and 'value="45000" selected' in page
    with urllib.request.urlopen(
        demo_site + "/pmjobs/vacancies_feed.atom?place=E10+6PP&miles=100&role=&county=&min_pay=45000", timeout=20
    ) as feed:
        assert feed.read().decode("utf-8").count("<entry>") == len(paying)


def test_cards_say_the_working_pattern_the_boards_state(demo_site, db):
    page = get(demo_site, "/", place="E10 6PP", miles="100")[1]
    said = {
        card.css("h2 a::attr(href)").get().rsplit("/", 1)[-1]: card.css(".pm-hours::text").get()
        for card in Selector(text=page).css("article.pm-card")
    }
    stated = {
        vacancy_id
        for vacancy_id in said
        if any(row["working_pattern"] for row in db["listings"].rows_where("vacancy_id = ?", [vacancy_id]))
    }
    assert stated and set(said) - stated
    assert all(said[vacancy_id] for vacancy_id in stated) and not any(said[vacancy_id] for vacancy_id in set(said) - stated)
    assert "Full time" in {said[vacancy_id] for vacancy_id in stated}


@pytest.mark.parametrize(("pattern", "words"), [("full", "full time"), ("part", "part time")])
def test_a_working_pattern_keeps_the_vacancies_a_board_says_have_it(demo_site, db, pattern, words):
    page = get(demo_site, "/", pattern=pattern)[1]
    shown = {card["vacancy_id"] for card in cards(page)}
    everything = {card["vacancy_id"] for card in cards(get(demo_site, "/")[1])}
    stated = {
        vacancy_id
        for vacancy_id in everything
        for row in db["listings"].rows_where("vacancy_id = ?", [vacancy_id])
        if words in (row["working_pattern"] or "").lower().replace("_", " ").replace("-", " ")
    }
    assert stated and shown == stated and everything - shown
    assert f"that a board says are {words}" in page and f'value="{pattern}" selected' in page


def test_nearest_first_when_asked(demo_site):
    shown = cards(get(demo_site, "/", place="Southam, Warwickshire", miles="100", sort="distance")[1])
    distances = [card["miles"] for card in shown]
    assert len(distances) >= 3 and distances == sorted(distances) and distances[0] < 3  # Southam itself


def test_unknown_postcode_says_so_on_the_page(demo_site):
    status, page = get(demo_site, "/", place="ZZ9 9ZZ", miles="10")
    assert status == 200
    assert "“ZZ9 9ZZ” is not a postcode or town we know" in page and 'role="alert"' in page
    assert cards(page) == []


def test_a_town_of_several_places_asks_which(demo_site):
    page = get(demo_site, "/", place="Southam", miles="20")[1]
    choices = Selector(text=page).css(".pm-error a")
    assert "There is more than one “Southam”" in page
    assert {"Southam, Warwickshire", "Southam, Gloucestershire"} <= set(choices.css("::text").getall())
    warwickshire = next(link for link in choices if link.css("::text").get() == "Southam, Warwickshire")
    assert len(cards(get(demo_site, warwickshire.attrib["href"].replace("&amp;", "&"))[1])) == 1


def test_a_card_names_the_practice_behind_an_umbrella_advertiser(demo_site, db):
    sharnbrook = next(
        db["vacancies"].rows_where("practice_name is not null and employer like 'Central Advertising%' and town = 'Sharnbrook'")
    )
    page = Selector(text=get(demo_site, "/", place="MK44", miles="5")[1])
    (where,) = page.css("article.pm-card .pm-where::text").getall()[:1]
    assert where.startswith(sharnbrook["practice_name"])


def test_every_card_links_to_each_of_its_listings(demo_site, db):
    shown = cards(get(demo_site, "/")[1])
    assert len(shown) == len(open_on_demo_day(db))
    for card in shown:
        urls = {row["url"] for row in db["listings"].rows_where("vacancy_id = ?", [card["vacancy_id"]])}
        assert sorted(card["apply"]) == sorted(urls)  # each advert once, however often its board lists it
    southam_id = next(db["vacancies"].rows_where("employer = 'Southam Surgery'"))["vacancy_id"]
    southam = next(card for card in shown if card["vacancy_id"] == southam_id)
    assert len(southam["apply"]) == 2  # FPM's page (it lists the advert three times) and NHS Jobs
    assert southam["closes"] == "closes in 3 days"  # 27 September 2020, seen from the demo's day


def test_pay_is_in_words_on_the_cards(demo_site):
    pays = {card["pay"] for card in cards(get(demo_site, "/")[1])}
    assert "£35,000–£40,000 a year" in pays and "£45,000 a year" in pays
    assert "Competitive depending on experience (no figure given)" in pays
    assert not any(".0" in pay for pay in pays)


def test_vacancy_page_shows_listings_and_why_they_were_merged(demo_site, db):
    southam = next(db["vacancies"].rows_where("employer = 'Southam Surgery'"))
    status, page = get(demo_site, f"/vacancy/{southam['vacancy_id']}")
    html = Selector(text=page)
    assert status == 200
    hrefs = html.css("table a.pm-apply-link::attr(href)").getall()
    assert sorted(hrefs) == sorted(row["url"] for row in db["listings"].rows_where("vacancy_id = ?", [southam["vacancy_id"]]))
    assert "Sun 27 Sep 2020" in page and "First Practice Management" in page and "NHS Jobs" in page
    assert f"NHS ODS practice code <strong>{southam['ods_code']}</strong>" in page and southam["ods_code"]
    decisions = html.css("a[href*='/dedupe_decisions/']::attr(href)").getall()
    assert decisions and html.css("a[href*='vacancy_decisions?vacancy_id=']")
    assert get(demo_site, decisions[0])[0] == 200
    assert 'id="pm-map"' in page and "/-/static-plugins/datasette-leaflet/leaflet-v1.7.1.js" in page  # served locally, not a CDN


def test_vacancy_page_shows_the_fullest_advert_text_of_its_listings(demo_site, db):
    """Essex Primary Care's advert is on NHS Jobs, Reed and a JobPosting page: the page shows the longest text, escaped."""
    vacancy = next(db["vacancies"].rows_where("employer = 'Essex Primary Care'"))
    texts = [row["description"] for row in db["listings"].rows_where("vacancy_id = ?", [vacancy["vacancy_id"]]) if row["description"]]
    assert len(texts) >= 2 and len(set(texts)) >= 2
    about = Selector(text=get(demo_site, f"/vacancy/{vacancy['vacancy_id']}")[1]).css(".pm-about::text").get()
    assert about == max(texts, key=len)


def test_pay_page_gives_medians_from_the_data(demo_site, db):
    status, page = get(demo_site, "/pay")
    assert status == 200
    mids = [
        (row["salary_annual_fte_min"] + row["salary_annual_fte_max"]) / 2
        for row in db["vacancies"].rows_where(
            "role = 'practice_manager' and salary_annual_fte_min is not null and salary_annual_fte_max is not null"
        )
    ]
    row = Selector(text=page).xpath("//tr[td[1]='Practice manager']/td/text()").getall()
    assert row[2] == f"£{statistics.median(mids):,.0f}"
    assert page.count("<svg") >= 3 and "http" not in "".join(Selector(text=page).css("svg").getall())


def test_a_saved_search_that_matches_nothing_is_an_empty_feed(demo_site):
    with urllib.request.urlopen(
        demo_site + "/pmjobs/vacancies_feed.atom?place=&miles=&role=pcn_manager&county=Shetland", timeout=20
    ) as feed:
        assert feed.status == 200
        root = ElementTree.parse(feed).getroot()
    assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry") == []


def test_feed_near_a_postcode_holds_only_nearby_vacancies(demo_site, db):
    with urllib.request.urlopen(demo_site + "/pmjobs/vacancies_feed.atom?place=London&miles=10&role=&county=", timeout=20) as feed:
        entries = ElementTree.parse(feed).getroot().findall(f"{ATOM}entry")
    assert len(entries) >= 3
    for entry in entries:
        vacancy = db["vacancies"].get(entry.findtext(f"{ATOM}id").rsplit(":", 1)[-1])
        assert great_circle_miles(51.5, -0.12, vacancy["latitude"], vacancy["longitude"]) < 15
        assert "Pay: " in entry.findtext(f"{ATOM}content") and ".0" not in entry.findtext(f"{ATOM}content")


def test_recruiter_csv_is_the_current_result_with_every_boards_url(demo_site, db):
    status, body = get(demo_site, "/search.csv", place="IG9", miles="20")
    assert status == 200 and body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    shown = cards(get(demo_site, "/", place="IG9", miles="20")[1])
    assert [row["vacancy_page"].rsplit("/", 1)[-1] for row in rows] == [card["vacancy_id"] for card in shown]
    kings = next(row for row in rows if row["employer"] == "Kings Medical Centre")
    assert kings["apply_urls"].splitlines() == sorted(
        (row["url"] for row in db["listings"].rows_where("vacancy_id = ?", [kings["vacancy_page"].rsplit("/", 1)[-1]])),
        key=lambda url: "nhs" in url,
    )
    assert kings["boards"] == "First Practice Management, NHS Jobs" and kings["pay"] == "£45,000 a year"
    said = {row["vacancy_page"].rsplit("/", 1)[-1]: row["working_pattern"] for row in rows}
    assert said == {card["vacancy_id"]: card["hours"] or "" for card in shown} and any(said.values())


def in_process(db_path) -> Datasette:
    return datasette_app(db_path)


def test_csv_cells_that_excel_would_run_are_neutralised(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PMJOBS_TODAY", DEMO_TODAY)
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    hostile = '=HYPERLINK("http://example.invalid","click")'
    sqlite_utils.Database(copy).execute("update vacancies set employer = ? where employer = 'Kings Medical Centre'", [hostile])

    async def fetch():
        return await in_process(copy).client.get("/search.csv?place=IG9&miles=5")

    response = asyncio.run(fetch())
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    employers = [row["employer"] for row in rows]
    assert "'" + hostile in employers and hostile not in employers


@pytest.mark.parametrize("query", ["place=IG9&miles=20", "place=IG9&miles=20&sort=distance", ""])
def test_the_csv_streamed_a_few_vacancies_at_a_time_is_the_whole_result_in_order(demo_db, monkeypatch, query):
    monkeypatch.setenv("PMJOBS_TODAY", DEMO_TODAY)
    monkeypatch.setattr(site, "CSV_CHUNK", 2)

    async def fetch():
        app = in_process(demo_db)
        return (await app.client.get(f"/?{query}")).text, (await app.client.get(f"/search.csv?{query}")).text

    page, body = asyncio.run(fetch())
    link = Selector(text=page).css(".pm-actions a::text").get()
    shown = [card["vacancy_id"] for card in cards(page)]
    assert len(shown) > 2 and link == f"Download these {len(shown)} vacancies (CSV for Excel)"
    assert [row["vacancy_page"].rsplit("/", 1)[-1] for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))] == shown


def test_the_csv_of_a_search_over_http_holds_every_vacancy_past_the_old_20000_cap(demo_db, tmp_path):
    """The demo's open vacancies (real practices, places and pay) and their listings, each copied under
    new ids until the search holds 20,500: `pmjobs serve` streams them all."""
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    db = sqlite_utils.Database(copy)
    originals = len(open_on_demo_day(db))
    copies = 20_500 // originals + 1
    copy_open_vacancies(db, copies)
    expected = originals * (copies + 1)
    assert expected > 20_500 and len(open_on_demo_day(db)) == expected
    with serving(copy) as base:
        with urllib.request.urlopen(base + "/search.csv", timeout=120) as response:
            body = response.read().decode("utf-8")
        link = Selector(text=get(base, "/")[1]).css(".pm-actions a::text").get()
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == expected and len({row["vacancy_page"] for row in rows}) == expected
    assert link == f"Download these {expected:,} vacancies (CSV for Excel)"
    closing = [row["closing_date"] for row in rows if row["closing_date"]]
    assert closing == sorted(closing) and all(row["apply_urls"] for row in rows)


def test_vacancy_page_shows_a_closing_date_extension(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PMJOBS_TODAY", DEMO_TODAY)
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    db = sqlite_utils.Database(copy)
    listing = next(db["listings"].rows_where("source = 'nhs_jobs' and employer = 'Southam Surgery'"))
    upsert_listing(db, {**listing, "closing_text": "11 October 2020", "closing_date": "2020-10-11"}, "2020-09-25T02:15:00+00:00")

    async def fetch():
        return await in_process(copy).client.get(f"/vacancy/{listing['vacancy_id']}")

    page = asyncio.run(fetch()).text
    history = " ".join(Selector(text=page).css(".pm-history li").xpath("string()").getall())
    assert "Fri 25 Sep 2020, NHS Jobs: Closing date changed from Sun 27 Sep 2020 to Sun 11 Oct 2020" in history


def test_a_closing_date_read_from_the_advert_text_says_so_on_the_vacancy_page(demo_db, tmp_path, monkeypatch):
    """Adzuna gives no closing date: when the advert's own text states one, the listing row shows it and where it came
    from (the demo's Adzuna text extended with a real NHS Jobs advert's closing line, tests/test_dates.py)."""
    from pipeline.normalise import normalise_listing

    monkeypatch.setenv("PMJOBS_TODAY", DEMO_TODAY)
    copy = tmp_path / "pmjobs.db"
    shutil.copy(demo_db, copy)
    db = sqlite_utils.Database(copy)
    listing = next(db["listings"].rows_where("source = 'adzuna' and coalesce(closing_text, '') = ''"))
    raw = {**listing, "description": f"{listing['description']} Closing Date: 8th November 2020 Interview Date: To be assigned"}
    parsed = normalise_listing(raw, date(2020, 9, 24))
    assert (parsed["closing_date"], parsed["closing_from"]) == ("2020-11-08", "advert text")
    upsert_listing(db, {**raw, **parsed}, "2020-09-24T02:15:00+00:00")

    async def fetch():
        return await in_process(copy).client.get(f"/vacancy/{listing['vacancy_id']}")

    rows = Selector(text=asyncio.run(fetch()).text).css(".pm-table tbody tr")
    said = [" ".join(row.xpath("string()").get().split()) for row in rows if "Adzuna" in row.xpath("string()").get()]
    assert said and "Sun 8 Nov 2020 (the board gives none: read from the advert text)" in said[0]
