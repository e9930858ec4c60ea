"""schema.org JobPosting values as raw listing fields: pure functions shared by every spider that meets
JSON-LD (Google's JobPosting shape, with the deviations real boards show: `@type` as a list,
`hiringOrganization` as a string, `jobLocation` as a list, pay as text or figures, HTML escaped twice)."""

from __future__ import annotations

from collections.abc import Iterator

from spiders.base import clean, content_id, money_range, text_of


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
