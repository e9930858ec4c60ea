"""First Practice Management's jobs list, read from its text structure.

No saved page of the live site exists, only the text of its list (see the snapshot's header), so the
spider reads the text a visitor sees: a "Title - Town, County" heading followed by "Closing Date: ..."
and "Salary: ..." lines. The same advert may be listed several times; each listing keeps its own id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import scrapy

from spiders.base import JobSpider, clean, content_id

_HEADING = re.compile(r"^(?P<title>.*\bmanager\b.*?)\s+[-–]\s+(?P<place>[^-–]+)$", re.I)
_LABELLED = re.compile(r"^(?P<label>closing date|salary|hours|ref(?:erence)?)\s*:\s*(?P<value>.*)$", re.I)
_FIELD_BY_LABEL = {"closing date": "closing_text", "salary": "salary_text", "hours": "working_pattern"}


def parse_entries(lines: list[str]) -> Iterator[dict[str, str]]:
    """Group text lines into adverts: a heading opens one, labelled lines fill it.

    A heading with no labelled line under it is page prose ("Being a practice manager - having a
    mentor"), not an advert.
    """
    entry: dict[str, str] = {}
    for line in lines + [""]:
        labelled = _LABELLED.match(line)
        if labelled and entry:
            entry[_FIELD_BY_LABEL.get(labelled["label"].lower(), "reference")] = labelled["value"].strip()
            continue
        if len(entry) > 2:
            yield entry
        heading = _HEADING.match(line)
        entry = {"title": heading["title"].strip(), "location": heading["place"].strip()} if heading else {}


class FpmSpider(JobSpider):
    name = "fpm"
    live_base_url = "https://www.firstpracticemanagement.co.uk"
    start_paths = ("/jobs/",)
    live_enabled = False
    why = "members' site: its terms and robots.txt have not been checked, and no live copy of its jobs page has been seen"

    def page_problem(self, response: scrapy.http.Response) -> str | None:
        return None if next(_entries(response), None) else "no advert (heading with closing date or salary) in the jobs list"

    def parse(self, response: scrapy.http.Response):
        seen: Counter[str] = Counter()
        for entry in _entries(response):
            key = content_id(entry["title"], entry["location"], entry.get("closing_text", ""), entry.get("salary_text", ""))
            seen[key] += 1
            yield self.listing(source_id=f"{key}-{seen[key]}", url=self.public_url(response.url), **entry)


def _entries(response: scrapy.http.Response) -> Iterator[dict[str, str]]:
    blocks = response.css("main").xpath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::p or self::li or self::dt or self::dd]")
    lines = [clean(block.xpath("string()").get()) for block in blocks]
    return parse_entries([line for line in lines if line])
