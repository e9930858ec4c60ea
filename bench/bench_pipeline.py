"""The full pipeline's rate against a bare spider, on the same loopback pages of 10,000 adverts.

The pages are the recorded NHS Jobs snapshot pages (real 2026 markup, real 2020 adverts), their
cards cycled over 1,000 result pages with a unique advert id each, so every advert is a real
advert's text, place and postcode. The bare run is the real nhs_jobs spider with no item pipelines
(items dropped); the full run normalises, filters, validates and stores every advert in SQLite.
Both runs are timed from the spider's opening to its closing, one after the other, in this run.

    python -m bench.bench_pipeline [--adverts 10000]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.report import write_section
from spiders.nhs_jobs import NhsJobsSpider

SNAPSHOTS = Path(__file__).resolve().parents[1] / "spiders" / "snapshots" / "nhs_jobs"
#: The HTML search the pages answer (the spider's fallback to its XML API, read here on purpose: the
#: HTML pages are the heavier parse, so the comparison is the harder one for the pipeline).
SEARCH = "/candidate/search/results?keyword=practice%20manager&sort=publicationDateDesc&language=en"
_CARD = re.compile(r'<li class="nhsuk-list-panel search-result.*?\n    </li>\n', re.S)


def result_pages(adverts: int) -> dict[str, bytes]:
    """Search result pages (ten cards each) holding `adverts` real cards with unique ids, by path."""
    template = (SNAPSHOTS / "practice-manager-page-1.html").read_text(encoding="utf-8")
    cards = [
        card
        for page in sorted(SNAPSHOTS.glob("practice-manager-page-*.html"))
        for card in _CARD.findall(page.read_text(encoding="utf-8"))
        if "search-result-job-title" in card
    ]
    first, last = _CARD.search(template).start(), list(_CARD.finditer(template))[-1].end()
    pages, total = {}, -(-adverts // 10)
    for number in range(1, total + 1):
        body = "".join(
            re.sub(
                r"/candidate/jobadvert/(L?)\d+", rf"/candidate/jobadvert/\g<1>9{number:05d}{slot}", cards[(number * 10 + slot) % len(cards)]
            )
            for slot in range(min(10, adverts - (number - 1) * 10))
        )
        html = template[:first] + body + template[last:]
        html = re.sub(r"\b41 jobs found", f"{adverts} jobs found", html).replace("Page 2 of 5", f"Page {number + 1} of {total}")
        html = (
            html.replace("page=2", f"page={number + 1}")
            if number < total
            else re.sub(r'<a [^>]*data-test="search-next-page".*?</a>', "", html, flags=re.S)
        )
        pages[SEARCH + (f"&page={number}" if number > 1 else "")] = html.encode("utf-8")
    return pages


def serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed_run(url: str, db: Path, bare: bool, pages: int) -> dict:
    """One crawl in its own process (Twisted runs once per process): adverts parsed, stored, seconds."""
    script = Path(__file__).with_name("_bench_pipeline_run.py")
    out = subprocess.run(
        [sys.executable, str(script), url, str(db), "bare" if bare else "full", str(pages)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def stage_costs(pages: dict[str, bytes], adverts: int) -> dict[str, float]:
    """Milliseconds per advert of each stage, run in this process over the first `adverts` adverts."""
    from scrapy.exceptions import DropItem
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from pipeline.pipelines import NormalisePipeline, RelevancePipeline, ValidatePipeline
    from pipeline.store import open_database, upsert_listing

    crawler = get_crawler(NhsJobsSpider)
    spider = NhsJobsSpider.from_crawler(crawler)
    started, items = time.perf_counter(), []
    for path, body in list(pages.items())[: -(-adverts // 10)]:
        url = "http://127.0.0.1" + path
        items += [
            out
            for out in spider.parse_page(HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url)))
            if not isinstance(out, Request)
        ]
    parsed = time.perf_counter()
    kept, stages = [], [NormalisePipeline(crawler), RelevancePipeline(crawler), ValidatePipeline(crawler)]
    for item in items:
        try:
            for stage in stages:
                item = stage.process_item(item)
            kept.append(item)
        except DropItem:
            pass
    normalised = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "stages.db")
        for item in kept:
            upsert_listing(db, item, "2026-12-01T02:15:00+00:00")
        db.close()
    stored = time.perf_counter()
    return {
        "parse": (parsed - started) * 1000 / len(items),
        "normalise, relevance, validate": (normalised - parsed) * 1000 / len(items),
        "store": (stored - normalised) * 1000 / len(items),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--adverts", type=int, default=10_000)
    args = parser.parse_args(argv)
    pages = result_pages(args.adverts)
    server = serve(pages)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as folder:
        bare = timed_run(url, Path(folder) / "bare.db", True, len(pages))
        full = timed_run(url, Path(folder) / "full.db", False, len(pages))
    server.shutdown()
    costs = stage_costs(pages, min(2000, args.adverts))
    rate = {name: run["adverts"] / run["seconds"] for name, run in (("bare", bare), ("full", full))}
    ratio = rate["full"] / rate["bare"]
    lines = [
        "## Pipeline against a bare spider (`bench/bench_pipeline.py`)",
        "",
        f"{args.adverts:,} adverts on {len(pages):,} loopback result pages (the snapshot's real cards with unique ids),",
        "crawled by the real nhs_jobs spider twice in one run: with no item pipelines (items dropped), and",
        "with the full pipeline (normalise, relevance, validate, store in SQLite). Timed from spider open to close.",
        "",
        "| run | adverts parsed | listings stored | seconds | adverts/s |",
        "|---|---|---|---|---|",
        f"| bare spider | {bare['adverts']:,} | 0 | {bare['seconds']:.1f} | {rate['bare']:.0f} |",
        f"| full pipeline | {full['adverts']:,} | {full['stored']:,} | {full['seconds']:.1f} | {rate['full']:.0f} |",
        "",
        f"Full pipeline at **{ratio:.0%}** of the bare spider's rate (target: at least 90%{'' if ratio >= 0.9 else ': not met'}).",
        "",
        "Where an advert's time goes (the same pages, stage by stage in one process, first 2,000 adverts):",
        "",
        "| stage | ms per advert |",
        "|---|---|",
        *(f"| {stage} | {ms:.2f} |" for stage, ms in costs.items()),
        "",
        f"A bare advert costs {1000 / rate['bare']:.2f} ms end to end here; the pipeline adds {1000 / rate['full'] - 1000 / rate['bare']:.2f} ms;",
        f"its stages measured alone cost {costs['normalise, relevance, validate'] + costs['store']:.2f} ms per advert.",
        f"90% of the bare rate would leave the pipeline {1000 / rate['bare'] * (1 / 0.9 - 1):.2f} ms per advert.",
    ]
    print("\n".join(lines))
    write_section("pipeline", "\n".join(lines))


if __name__ == "__main__":
    main()
