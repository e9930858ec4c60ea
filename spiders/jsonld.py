"""Any page that publishes schema.org JobPosting JSON-LD: a practice's or PCN's own vacancies page, an
agency, a mirror board. The pages to read are listed, one URL a line, in the operator's file
(`~/.config/pmjobs/jsonld-urls.txt`; `spiders/jsonld-urls.example.txt` shows the format).

Each `<script type="application/ld+json">` block is read on its own (a broken block is counted and the
others still read), and postings are found at the top level, in lists and in `@graph`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import scrapy

from spiders.base import JobSpider
from spiders.jobposting import job_postings, posting_fields

CONFIG_FILE = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "pmjobs" / "jsonld-urls.txt"
EXAMPLE_FILE = Path(__file__).with_name("jsonld-urls.example.txt")
SNAPSHOT_FILE = Path(__file__).with_name("snapshots") / "jsonld" / "urls.txt"


def read_urls(path: Path) -> tuple[list[str], list[str]]:
    """The page URLs listed in `path` (blank lines and comments, `#` at a line's start or after a space,
    skipped; a URL keeps its own `#fragment`), and what was wrong with the rest."""
    urls, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = "" if line.lstrip().startswith("#") else re.split(r"\s#", line, maxsplit=1)[0].strip()
        if line.startswith(("https://", "http://")) and " " not in line:
            urls.append(line)
        elif line:
            problems.append(f"{path}:{number}: not an http(s) URL: {line!r}")
    return urls, problems


class JsonldSpider(JobSpider):
    name = "jsonld"
    live_base_url = ""
    why = f"pages with schema.org JobPosting listed in {CONFIG_FILE}"

    def __init__(self, base_url: str | None = None, urls_file: str | None = None, **kwargs):
        super().__init__(base_url=base_url, **kwargs)
        self.urls_file = Path(urls_file) if urls_file else (SNAPSHOT_FILE if base_url else CONFIG_FILE)

    @classmethod
    def live_state(cls) -> tuple[str, str]:
        if not CONFIG_FILE.exists():
            return "disabled", f"no pages to read: copy {EXAMPLE_FILE} to {CONFIG_FILE} and list the vacancy pages"
        return super().live_state()

    async def start(self):
        urls, problems = read_urls(self.urls_file)
        for problem in problems:
            self.logger.error("skipped a line of the page list: %s", problem)
        for url in urls:
            yield self.page_request(self.snapshot_url(url) if self.base_url else url)

    def snapshot_url(self, url: str) -> str:
        """Offline, a page is served by the snapshot server under /jsonld/<host>/<path>."""
        return f"{self.base_url}/jsonld/{url.split('://', 1)[1]}"

    def public_url(self, url: str) -> str:
        prefix = f"{self.base_url}/jsonld/"
        return "https://" + url[len(prefix) :] if self.base_url and url.startswith(prefix) else url

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        return None if any(postings for _, postings in _blocks(response)) else "no schema.org JobPosting in its JSON-LD"

    def parse(self, response: scrapy.http.Response):
        page_url = self.public_url(response.url)
        for index, postings in _blocks(response):
            if postings is None:
                self.broken(response, f"JSON-LD block {index}", "not JSON")
            for posting in postings or []:
                fields = posting_fields(posting, page_url)
                if fields["title"]:
                    yield self.listing(**fields)
                else:
                    self.broken(response, f"JSON-LD block {index}", "a JobPosting without a title")


def _blocks(response: scrapy.http.Response) -> Iterator[tuple[int, list[dict] | None]]:
    """Each JSON-LD block's postings, numbered; None for a block that is not JSON."""
    for index, block in enumerate(response.xpath('//script[@type="application/ld+json"]/text()').getall(), start=1):
        try:
            yield index, list(job_postings(json.loads(block, strict=False)))
        except ValueError:
            yield index, None
