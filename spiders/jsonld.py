"""Any page that publishes schema.org JobPosting JSON-LD: a practice's or PCN's own vacancies page, an
agency, a mirror board. The pages to read are listed, one URL a line, in the operator's file
(`~/.config/pmjobs/jsonld-urls.txt`; `spiders/jsonld-urls.example.txt` shows the format).

Each `<script type="application/ld+json">` block is read on its own (a broken block is counted and the
others still read), and postings are found at the top level, in lists and in `@graph`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import scrapy

from spiders.base import JobSpider, clean, content_id, money_range, text_of

CONFIG_FILE = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "pmjobs" / "jsonld-urls.txt"
EXAMPLE_FILE = Path(__file__).with_name("jsonld-urls.example.txt")
SNAPSHOT_FILE = Path(__file__).with_name("snapshots") / "jsonld" / "urls.txt"


def read_urls(path: Path) -> tuple[list[str], list[str]]:
    """The page URLs listed in `path` (blank lines and # comments skipped), and what was wrong with the rest."""
    urls, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if line.startswith(("https://", "http://")) and " " not in line:
            urls.append(line)
        elif line:
            problems.append(f"{path}:{number}: not an http(s) URL: {line!r}")
    return urls, problems


def job_postings(data: object) -> Iterator[dict]:
    """Every JobPosting in a JSON-LD value: the value itself, list members, `@graph` members."""
    if isinstance(data, list):
        for member in data:
            yield from job_postings(member)
    elif isinstance(data, dict):
        kinds = data.get("@type") or []
        if any(str(kind).lower() == "jobposting" for kind in ([kinds] if isinstance(kinds, str) else kinds)):
            yield data
        yield from job_postings(data.get("@graph"))


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _name(value: object) -> str:
    value = _first(value)
    return text_of(str(value.get("name") or "") if isinstance(value, dict) else str(value or ""))


def _salary(base: object) -> str:
    """The advertised pay: its own text when it has one, else its figures and unit."""
    base = _first(base)
    if not isinstance(base, dict):
        return text_of(str(base or ""))
    value = base.get("value")
    if isinstance(value, dict):
        if isinstance(value.get("value"), str):
            return text_of(value["value"])
        figures = money_range(value.get("minValue", value.get("value")), value.get("maxValue"), base.get("currency"))
        unit = clean(value.get("unitText")).lower()
        return f"{figures} per {unit}" if figures and unit else figures
    return text_of(value) if isinstance(value, str) else money_range(value, None, base.get("currency"))


def _place(location: object) -> str:
    places = location if isinstance(location, list) else [location]
    lines = []
    for place in places:
        address = place.get("address") if isinstance(place, dict) else place
        if isinstance(address, dict):
            parts = (address.get(key) for key in ("addressLocality", "addressRegion", "postalCode"))
            lines.append(", ".join(text_of(str(part)) for part in parts if part))
        elif address:
            lines.append(text_of(str(address)))
    return "; ".join(line for line in lines if line)


def posting_fields(posting: dict, page_url: str) -> dict[str, str]:
    """One JobPosting as raw listing fields (legacy NHS Jobs escaped its HTML description twice)."""
    url = clean(posting.get("url")) or page_url
    title = text_of(posting.get("title"))
    identifier = _first(posting.get("identifier"))
    employment = posting.get("employmentType") or ""
    return {
        "source_id": content_id(url, title),
        "url": url,
        "reference": clean(str(identifier.get("value") or "") if isinstance(identifier, dict) else str(identifier or "")),
        "title": title,
        "employer": _name(posting.get("hiringOrganization")),
        "location": _place(posting.get("jobLocation")),
        "salary_text": _salary(posting.get("baseSalary")),
        "posted_text": clean(posting.get("datePosted")),
        "closing_text": clean(posting.get("validThrough")),
        "description": text_of(text_of(str(posting.get("description") or ""))),
        "category": clean(posting.get("occupationalCategory") or posting.get("industry")),
        "working_pattern": ", ".join(employment) if isinstance(employment, list) else clean(employment),
    }


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
        return "https://" + url[len(prefix):] if self.base_url and url.startswith(prefix) else url

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
