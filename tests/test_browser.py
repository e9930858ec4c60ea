"""What a job seeker sees, in a real browser: Debian's Chromium driven by Playwright, on the demo site
served on loopback. Nothing is fetched from the internet: such requests are answered by a stand-in
page (an apply link) or refused (map tiles), and recorded."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
import sqlite_utils
from parsel import Selector
from playwright.sync_api import Page, sync_playwright

from spiders.base import clean

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed: run scripts/install-browser.sh")
#: Set to docs/screenshots to refresh the README's screenshots.
SCREENSHOTS = os.environ.get("PMJOBS_SCREENSHOTS")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def outside():
    """URLs the page tried to fetch from beyond loopback."""
    return []


def open_page(browser, outside: list[str], **context_options) -> Page:
    context = browser.new_context(**context_options)

    def answer(route):
        url = route.request.url
        if urlparse(url).hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        outside.append(url)
        if route.request.resource_type == "document":  # an apply link: stand in for the board's page
            return route.fulfill(status=200, content_type="text/html", body=f"<title>stand-in</title><p>{url}</p>")
        return route.abort()

    context.route("**/*", answer)
    return context.new_page()


def screenshot(page: Page, name: str, tmp_path: Path) -> Path:
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 10_000
    return path


def test_search_by_postcode_with_the_keyboard(browser, outside, demo_site, tmp_path):
    page = open_page(browser, outside, viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.focus("#place")
    page.keyboard.type("E10 6PP")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "miles"
    page.keyboard.press("End")  # the radius list's last choice: 100 miles
    assert page.input_value("#miles") == "100"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # submits the form from the postcode box
    page.wait_for_url("**/?place=E10+6PP*")
    assert "miles=100" in page.url
    summary = page.inner_text(".pm-summary")
    assert "within 100 miles of Leyton (E10)" in summary
    cards = page.locator("article.pm-card")
    assert cards.count() >= 8
    assert all(" miles" in text or "mile" in text for text in page.locator(".pm-distance").all_inner_texts())
    screenshot(page, "home-search", tmp_path)
    assert outside == []


def test_open_a_vacancy_and_follow_an_apply_link(browser, outside, demo_site, tmp_path):
    page = open_page(browser, outside, viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/?place=IG9&miles=20")
    card = page.locator("article.pm-card", has_text="Kings Medical Centre")
    card.locator("h2 a").click()
    page.wait_for_url("**/vacancy/*")
    assert page.inner_text("h1") == "Practice Manager"
    assert "£45,000 a year" in page.inner_text(".pm-facts")
    page.wait_for_selector("#pm-map.leaflet-container")  # Leaflet, served by the datasette-leaflet plugin
    assert page.locator("table a.pm-apply-link").count() == 3
    screenshot(page, "vacancy", tmp_path)
    tiles = [url for url in outside if "tile.openstreetmap.org" in url]
    assert outside == tiles  # only map tiles were asked of the internet (and refused)
    link = page.locator("table a.pm-apply-link", has_text="NHS Jobs")
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(target)
    assert page.inner_text("p") == target


def test_phone_width_layout(browser, outside, demo_site, tmp_path):
    page = open_page(browser, outside, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.goto(demo_site + "/?place=London&miles=20")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = [card.bounding_box() for card in page.locator("article.pm-card").all()]
    assert len(boxes) >= 5 and all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    assert len({round(box["x"]) for box in boxes}) == 1  # one column
    font_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.pm-pay')).fontSize)")
    assert font_px >= 14
    assert page.locator("#place").bounding_box()["width"] > 300  # the form fills the width
    screenshot(page, "phone", tmp_path)
    page.locator("article.pm-card h2 a").first.click()
    page.wait_for_url("**/vacancy/*")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # wide tables scroll in their box
    page.goto(demo_site + "/pay")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "pay-phone", tmp_path)


def test_pay_page_draws_its_charts(browser, outside, demo_site, tmp_path):
    page = open_page(browser, outside, viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/pay")
    bars = page.locator("svg rect.pm-chart-range")
    assert bars.count() >= 10 and bars.first.bounding_box()["width"] > 0
    screenshot(page, "pay", tmp_path)
    assert outside == []


def test_datasette_table_page_shows_each_vacancy_its_facets_and_pay_in_pounds(browser, outside, demo_site, demo_db):
    page = open_page(browser, outside, viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/pmjobs/vacancies?_size=max")
    html = Selector(text=page.content())
    shown = {
        clean(row.css("td.col-employer ::text").getall()): (
            clean(row.css("td.col-title ::text").getall()),
            clean(row.css("td.col-salary_text ::text").getall()),
        )
        for row in html.css("table.rows-and-columns tbody tr")
    }
    assert len(shown) > 10
    for vacancy in sqlite_utils.Database(demo_db)["vacancies"].rows_where("employer in ('Southam Surgery', 'Kings Medical Centre')"):
        assert shown[vacancy["employer"]] == (vacancy["title"], vacancy["salary_text"] or "")
    facets = [clean(facet.css("strong ::text").getall()).split(" ")[0] for facet in html.css(".facet-info")]
    assert {"role", "county", "status"} <= set(facets)  # the facets metadata.yml names
    assert "£45,000" in " ".join(html.css("td.col-salary_min ::text").getall())  # not 45000.0
    assert "45000.0" not in page.inner_text("table.rows-and-columns")
