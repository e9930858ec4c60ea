"""Reading answers of the NHS Jobs XML search API (`/api/v1/search_xml`): pure functions of the answer."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import scrapy
from scrapy.selector import Selector

from spiders import pages
from spiders.base import clean


def api_root(response: scrapy.http.Response) -> Selector | None:
    root = Selector(text=response.text, type="xml").xpath("/nhsJobs") if response.text.strip() else []
    return root[0] if root else None


def api_problem(response: scrapy.http.Response) -> str | None:
    """An XML answer must hold the records its `totalPages` promises; any other answer (except a
    block page) is read through the HTML fallback."""
    root = api_root(response)
    if root is None:
        return "block page" if pages.is_block_page(response) else None
    total_pages = int(clean(root.xpath("totalPages/text()").get()) or 0)
    page = int(parse_qs(urlsplit(response.url).query).get("page", ["1"])[0])
    if total_pages >= page and not root.xpath("vacancyDetails"):
        return f"no <vacancyDetails> records although totalPages says {total_pages}"
    return None


def record_fields(record: Selector, site: str) -> dict[str, str]:
    """One `<vacancyDetails>` record as raw listing fields; every `<locations>` child, in order."""

    def text(name: str) -> str:
        return clean(record.xpath(f"{name}//text()").getall())

    reference = text("reference")
    return {
        "source_id": reference,
        "reference": reference,
        "url": f"{site}/candidate/jobadvert/{reference}",
        "title": text("title"),
        "employer": text("employer"),
        "location": "; ".join(clean(place.xpath(".//text()").getall()) for place in record.xpath("locations/*")),
        "salary_text": text("salary"),
        "posted_text": text("postDate"),
        "closing_text": text("closeDate"),
        "contract_type": text("type"),
        "description": text("description"),
    }
