"""What a job seeker sees: the Datasette vacancies page rendered by headless Chromium (Debian's)."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

import pytest
import sqlite_utils
from parsel import Selector

from spiders.base import clean
from tests.conftest import PMJOBS, free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: run scripts/install-browser.sh")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(demo_db):
    port = free_port()
    server = subprocess.Popen([*PMJOBS, "serve", "--db", str(demo_db), "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


def render(url: str, tmp_path, *extra: str) -> str:
    result = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *extra, url],
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_vacancies_page_shows_each_vacancy_with_its_title_and_salary(site, demo_db, tmp_path):
    page = Selector(text=render(site + "/pmjobs/vacancies?_size=max", tmp_path, "--dump-dom"))
    shown = {
        clean(row.css("td.col-employer ::text").getall()): (clean(row.css("td.col-title ::text").getall()),
                                                           clean(row.css("td.col-salary_text ::text").getall()))
        for row in page.css("table.rows-and-columns tbody tr")
    }
    stored = sqlite_utils.Database(demo_db)["vacancies"]
    assert len(shown) > 10
    for vacancy in stored.rows_where("employer in ('Southam Surgery', 'Kings Medical Centre')"):
        assert shown[vacancy["employer"]] == (vacancy["title"], vacancy["salary_text"] or "")
    facets = [clean(facet.css("strong ::text").getall()).split(" ")[0] for facet in page.css(".facet-info")]
    assert {"role", "county", "status"} <= set(facets)  # the facets metadata.yml names


def test_vacancies_page_screenshot(site, tmp_path):
    shot = tmp_path / "vacancies.png"
    render(site + "/pmjobs/vacancies", tmp_path, f"--screenshot={shot}", "--window-size=1280,900")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000
