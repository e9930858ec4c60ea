"""`pmjobs sources`, `pmjobs check` and API keys, through the real command on loopback servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pmjobs.snapshot_server import SNAPSHOTS, serve_snapshots
from tests.conftest import FIXTURES, PMJOBS

KEYLESS = {name: value for name, value in os.environ.items() if name not in ("REED_API_KEY", "ADZUNA_APP_ID", "ADZUNA_APP_KEY")}


def pmjobs(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*PMJOBS, *args], capture_output=True, text=True, timeout=timeout, env=env or KEYLESS)


class _OneAnswer(BaseHTTPRequestHandler):
    """Answers every request with one body and status, and remembers what was asked."""

    body, status, content_type, seen = b"", 200, "text/html", []

    def do_GET(self):
        type(self).seen.append(self.path)
        body, status = (b"User-agent: *\nAllow: /\n", 200) if self.path == "/robots.txt" else (self.body, self.status)
        self.send_response(status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def one_answer():
    servers = []

    def start(body: bytes, status: int = 200, content_type: str = "text/html") -> tuple[str, list]:
        seen: list[str] = []
        handler = type("Handler", (_OneAnswer,), {"body": body, "status": status, "content_type": content_type, "seen": seen})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", seen

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_sources_lists_every_board_with_its_state_and_reason(tmp_path):
    result = pmjobs("sources", env={**KEYLESS, "XDG_CONFIG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    states = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}
    assert states == {
        "adzuna": "disabled",
        "bmj_careers": "unverified",
        "fpm": "disabled",
        "hscni": "unverified",
        "jsonld": "disabled",
        "nhs_jobs": "enabled",
        "nhs_scotland": "unverified",
        "practice_index": "disabled",
        "reed": "disabled",
    }
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "set REED_API_KEY to crawl it" in lines["reed"] and "set ADZUNA_APP_ID and ADZUNA_APP_KEY" in lines["adzuna"]
    assert "terms forbid robots" in lines["practice_index"] and "jsonld-urls.txt" in lines["jsonld"]
    assert all("markup unverified" in lines[name] for name in ("nhs_scotland", "hscni", "bmj_careers"))


def test_a_key_or_a_page_list_enables_its_source(tmp_path):
    (tmp_path / "pmjobs").mkdir()
    (tmp_path / "pmjobs" / "jsonld-urls.txt").write_text("https://www.example-surgery.nhs.uk/vacancies/\n")
    result = pmjobs("sources", env={**KEYLESS, "REED_API_KEY": "k", "XDG_CONFIG_HOME": str(tmp_path)})
    states = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}
    assert states["reed"] == states["jsonld"] == "enabled" and states["adzuna"] == "disabled"
    assert "k" not in result.stdout.split()


def test_crawling_a_source_without_its_key_says_which_variable_to_set(tmp_path):
    result = pmjobs("crawl", "reed", "--db", str(tmp_path / "pmjobs.db"))
    assert result.returncode == 2
    assert "reed is not crawled live: set REED_API_KEY to crawl it" in result.stderr
    assert not (tmp_path / "pmjobs.db").exists()


def test_check_reports_cards_and_fields_on_the_snapshots():
    with serve_snapshots() as url:
        result = pmjobs("check", "nhs_jobs", "--base-url", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("nhs_jobs: selectors match")
    assert "45 cards read, 1 broken cards" in result.stdout  # every record; relevance is the pipeline's
    assert "reference        filled on 45/45" in result.stdout and "working_pattern  filled on 0/45" in result.stdout


def test_check_of_a_redesigned_page_says_the_selectors_do_not_match(one_answer):
    redesigned = b"<html><body><h1>Find a job</h1><ul class='jobs'><li>Practice Manager</li></ul></body></html>"
    url, seen = one_answer(redesigned)
    result = pmjobs("check", "nhs_jobs", "--base-url", url)
    assert result.returncode == 1
    assert result.stdout.startswith("nhs_jobs: selectors do NOT match")
    assert "0 cards read" in result.stdout and "2 pages without the expected markup" in result.stdout
    assert any(path.startswith("/api/v1/search_xml") for path in seen) and any(path.startswith("/candidate/search") for path in seen)


def test_check_of_a_blocked_source_says_blocked(one_answer):
    url, _ = one_answer((FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html").read_bytes(), status=403)
    result = pmjobs("check", "nhs_jobs", "--base-url", url)
    assert result.returncode == 1
    assert result.stdout.startswith("nhs_jobs: blocked (HTTP 403: http://127.0.0.1:")


def test_check_refuses_a_source_that_is_never_crawled():
    result = pmjobs("check", "practice_index", "--base-url", "http://127.0.0.1:9")
    assert result.returncode == 2 and "terms forbid robots" in result.stderr


CRAWL_WITH_KEYS = """
import sys
from pmjobs.build import build
build(["adzuna"], sys.argv[1], base_url=sys.argv[2], settings={"LOG_LEVEL": "DEBUG", "RETRY_TIMES": 0})
"""


def test_api_keys_are_sent_but_never_logged_or_stored(one_answer, tmp_path):
    answer = (SNAPSHOTS / "adzuna/search-practice-manager-1.json").read_bytes()
    url, seen = one_answer(answer, content_type="application/json")
    env = {**KEYLESS, "ADZUNA_APP_ID": "appid-5f3e9a", "ADZUNA_APP_KEY": "secret-key-8c1d7b"}
    db_path = tmp_path / "pmjobs.db"
    result = subprocess.run(
        [sys.executable, "-c", CRAWL_WITH_KEYS, str(db_path), url], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert any("app_key=secret-key-8c1d7b" in path for path in seen)  # the API got them
    assert "Crawled (200)" in result.stderr  # every request was logged, with its URL masked
    for secret in ("appid-5f3e9a", "secret-key-8c1d7b"):
        assert secret not in result.stdout + result.stderr
        assert all(secret.encode() not in path.read_bytes() for path in Path(tmp_path).iterdir())


#: (source, title, employer) of each snapshot's adverts that are not practice or PCN management.
PLANTED_NOT_RELEVANT = [
    ("reed", "Dental Practice Manager", "Smile Dental Recruitment"),
    ("adzuna", "Veterinary Practice Manager", "Vet Recruitment Partners"),
    ("adzuna", "Practice Manager", "Legal Support Recruitment"),
    ("jsonld", "Medical Secretary", "Credas Medical"),
    ("nhs_scotland", "Practice Nurse", "NHS Grampian"),
    ("hscni", "Business Manager - Mental Health Services", ""),
    ("bmj_careers", "Salaried GP", "Jai Medical Centre"),
]


def test_the_relevance_step_drops_each_boards_other_practice_adverts(demo_db):
    import sqlite_utils

    db = sqlite_utils.Database(demo_db)
    stored = {(row["source"], row["title"], row["employer"] or "") for row in db.query("select source, title, employer from listings")}
    assert not stored & set(PLANTED_NOT_RELEVANT)
    assert {
        ("adzuna", "Practice Manager", "Linthorpe Surgery"),
        ("reed", "Practice Manager", "Linthorpe Surgery"),
        ("nhs_scotland", "Practice Manager", "NHS Greater Glasgow & Clyde"),
        ("hscni", "Practice Manager", ""),
        ("bmj_careers", "Practice Manager", "Modality Partnership"),
        ("jsonld", "PCN Manager", "Laindon Medical Group"),
    } <= stored
    crawls = {row["source"]: json.loads(row["field_stats"]) for row in db["crawls"].rows}
    for source in {source for source, _, _ in PLANTED_NOT_RELEVANT}:
        assert crawls[source]["pmjobs/dropped/not_relevant"] >= 1, source


def test_each_crawl_keeps_how_many_listings_filled_each_field(demo_db):
    import sqlite_utils

    crawls = {row["source"]: json.loads(row["field_stats"]) for row in sqlite_utils.Database(demo_db)["crawls"].rows}
    reed, adzuna = crawls["reed"], crawls["adzuna"]
    assert reed["pmjobs/listings_read"] == 7 == reed["pmjobs/field/closing_text/filled"] == reed["pmjobs/field/description/filled"]
    assert adzuna["pmjobs/listings_read"] == 5 == adzuna["pmjobs/field/category/filled"]
    assert "pmjobs/field/closing_text/filled" not in adzuna  # Adzuna gives no closing date
    assert crawls["nhs_jobs"]["pmjobs/field/reference/filled"] == crawls["nhs_jobs"]["pmjobs/listings_read"] == 45
