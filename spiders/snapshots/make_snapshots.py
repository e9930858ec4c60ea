"""Rebuild the recorded snapshots from the real material in ../shared (run from the project root).

- NHS Jobs pages keep the real 2026 search-results page (head, filters, footer, pagination markup)
  and repeat its first real card as the template for every card. Card values come from real legacy
  NHS Jobs JobPosting records (title, employer, place, postcode, salary text, dates), plus three
  cards that carry First Practice Management adverts (seed 003) as their practices would post them on
  NHS Jobs (practice name and postcode from the NHS ODS list), and one deliberately broken card
  (its title link removed) that the spider must log and skip.
- The FPM page is written from the seed's text, because no real page of that site survives.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import compose_boards
import reconstructed_boards

SHARED = Path("/work/shared") if Path("/work/shared").exists() else Path("../shared")
OUT = Path(__file__).resolve().parent
REAL_PAGE = SHARED / "fixtures-real/nhs-jobs/search-results-junior-clinical-fellow-2026-07.html"
LEGACY = SHARED / "fixtures-real/nhs-jobs-legacy-jsonld"
FPM_SEED = SHARED / "seeds/003_403b1eb5cbbbe911.txt"
PER_PAGE = 10

# FPM adverts (seed 003) as the practice would post them on NHS Jobs; practice and postcode from
# the NHS ODS epraccur list (M84026, E81024, F81169); posted 20 days before closing.
FPM_ON_NHS_JOBS = [
    ("F-M84026-0920", "Practice Manager", "Southam Surgery", "Southam CV47 1NY", "Competitive depending on experience", "2020-09-27"),
    ("F-E81024-1020", "Practice Manager", "Central Advertising - General Practitioners", "Sharnbrook MK44 1PZ", "Commensurate with experience", "2020-10-16"),
    ("F-F81169-0920", "Practice Manager", "Kings Medical Centre", "Buckhurst Hill IG9 5LP", "£45,000 a year", "2020-09-30"),
]


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def legacy_cards() -> list[dict]:
    cards = []
    for path in sorted(LEGACY.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        address = record["jobLocation"]["address"]
        locality = html.unescape(address.get("addressLocality", "")).strip()
        cards.append(
            {
                "id": path.stem,
                "ref": f"L{path.stem}",
                "locality": locality,
                "postcode": address.get("postalCode", ""),
                "description": _overview(record["description"]),
                "posted_at": record["datePosted"][:19],
                "title": html.unescape(record["title"]).strip(),
                "employer": html.unescape(record["hiringOrganization"]["name"]).strip(),
                "location": f"{locality} {address.get('postalCode', '')}".strip(),
                "salary": html.unescape(record["baseSalary"]["value"]["value"]).strip(),
                "posted": datetime.fromisoformat(record["datePosted"][:10]).date(),
                "closing": datetime.fromisoformat(record["validThrough"][:10]).date(),
                "contract": "Permanent",
                "pattern": "Full time" if record.get("employmentType") == "FULL_TIME" else "Part time",
            }
        )
    return cards


def _overview(description: str) -> str:
    """The API's overview: the advert text (HTML-escaped HTML in the legacy records) cut at about 150 characters."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(html.unescape(description))).split())
    return text if len(text) <= 150 else text[:150].rstrip() + "..."


def fpm_cards() -> list[dict]:
    return [
        {
            "id": str(3390000 + number), "ref": ref, "title": title, "employer": employer, "location": location,
            "locality": location.rsplit(" ", 2)[0], "postcode": " ".join(location.rsplit(" ", 2)[1:]), "description": "",
            "posted_at": f"{date.fromisoformat(closing) - timedelta(days=20)}T09:00:00", "salary": salary,
            "closing": date.fromisoformat(closing), "posted": date.fromisoformat(closing) - timedelta(days=20),
            "contract": "Permanent", "pattern": "Full time",
        }
        for number, (ref, title, employer, location, salary, closing) in enumerate(FPM_ON_NHS_JOBS)
    ]


def split_page(page: str) -> tuple[str, str, str]:
    """The real page around its card list, and its first card as the template."""
    start = page.index('<ul class="nhsuk-list search-results">')
    end = page.index("</ul>\n\n\n<nav", start)
    cards = page[start:end]
    first = cards.index("<li class=\"nhsuk-list-panel")
    second = cards.index("<li class=\"nhsuk-list-panel", first + 1)
    return page[:start], cards[first:second], page[end + len("</ul>"):]


def render_card(template: str, card: dict, number: int, keyword: str) -> str:
    query = f"?keyword={quote(keyword)}&amp;sort=publicationDateDesc&amp;language=en"
    out = template.replace("C9279-26-0961?keyword=junior%20clinical%20fellow&amp;sort=publicationDateDesc&amp;language=en", card["ref"] + query)
    out = out.replace("C9279-26-0961", card["ref"])
    out = out.replace("Trust Doctor in General and Elderly Medicine", html.escape(card["title"]))
    out = out.replace("University Hospitals Sussex NHS Foundation Trust (279)", html.escape(card["employer"]))
    out = out.replace("Chichester PO19 6SE", html.escape(card["location"]))
    out = re.sub(r"£54,499\s*a year", html.escape(card["salary"]), out)
    out = out.replace("11 July 2026", long_date(card["posted"])).replace("14 July 2026", long_date(card["closing"]))
    out = out.replace("Fixed-Term", card["contract"]).replace("Full time", card["pattern"])
    out = out.replace('id="job-title-1"', f'id="job-title-{number}"')
    if number > 1:
        out = out.replace('id="first-result-title"', "")
    if card.get("broken"):
        out = re.sub(r"<a href=\"/candidate/jobadvert/.*?</a>", "", out, count=1, flags=re.S)
    return out


def render_page(page: str, cards: list[dict], keyword: str, number: int, pages: int, total: int) -> str:
    head, template, tail = split_page(page)
    head = head.replace("9553 jobs found for junior clinical fellow", f"{total} jobs found for {keyword}")
    head = head.replace('value="junior clinical fellow"', f'value="{keyword}"')
    body = "".join(render_card(template, card, i, keyword) for i, card in enumerate(cards, start=(number - 1) * PER_PAGE + 1))
    next_link = re.search(r"\n      <a class=\"nhsuk-pagination__link nhsuk-pagination__link--next\".*?</a>\n", tail, re.S)
    if number < pages:
        link = next_link.group(0).replace("junior%20clinical%20fellow", quote(keyword)).replace("page=2", f"page={number + 1}")
        tail = tail.replace(next_link.group(0), link.replace("Page 2 of 956", f"Page {number + 1} of {pages}"))
    else:
        tail = tail.replace(next_link.group(0), "\n")
    return head + '<ul class="nhsuk-list search-results">\n  \n    ' + body + "</ul>" + tail


def write_search(page: str, keyword: str, cards: list[dict], routes: dict[str, str]) -> None:
    pages = -(-len(cards) // PER_PAGE)
    slug = keyword.replace(" ", "-")
    for number in range(1, pages + 1):
        chunk = cards[(number - 1) * PER_PAGE : number * PER_PAGE]
        name = f"nhs_jobs/{slug}-page-{number}.html"
        (OUT / name).write_text(render_page(page, chunk, keyword, number, pages, len(cards)), encoding="utf-8")
        query = f"keyword={quote(keyword)}&sort=publicationDateDesc&language=en" + (f"&page={number}" if number > 1 else "")
        routes[f"/candidate/search/results?{query}"] = name


def render_xml(cards: list[dict], total: int, pages: int) -> str:
    """One XML API page in the element order of the real 2024 answer (records before the totals); a
    broken card's record has no title."""
    records = "".join(
        "<vacancyDetails>"
        + "".join(f"<{name}>{html.escape(value, quote=False)}</{name}>" for name, value in (
            ("id", card["id"]), ("reference", card["ref"]), ("title", "" if card.get("broken") else card["title"]),
            ("description", card["description"]),
            ("employer", card["employer"]), ("type", card["contract"]), ("salary", card["salary"]),
            ("closeDate", card["closing"].isoformat()), ("postDate", card["posted_at"] + ".000"),
            ("url", f"https://www.jobs.nhs.uk/candidate/jobadvert/{card['ref']}"),
        ))
        + f"<locations><location>{html.escape(card['locality'] + ', ' + card['postcode'], quote=False)}</location></locations>"
        + "</vacancyDetails>"
        for card in cards
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n<!-- NHS Jobs XML search API answer, composed by spiders/snapshots/make_snapshots.py,\n"
        "     not recorded: the element names and order are those of the real answer in\n"
        "     fixtures-real/nhs-jobs-api/ (SkillsFundingAgency/das-apim-endpoints, 2024); the records carry the\n"
        "     same real adverts as the HTML snapshots (legacy NHS Jobs records, November 2020). -->\n"
        f"<nhsJobs>{records}<totalPages>{pages}</totalPages><totalResults>{total}</totalResults></nhsJobs>\n"
    )


def write_api(keyword: str, cards: list[dict], routes: dict[str, str]) -> None:
    """The search at the spider's page size (100) and at the API's default of 10 (page-limit tests)."""
    for limit in (100, 10):
        pages = -(-len(cards) // limit)
        for number in range(1, pages + 1):
            name = f"nhs_jobs/api-{keyword.replace(' ', '-')}-limit-{limit}-page-{number}.xml"
            chunk = cards[(number - 1) * limit : number * limit]
            (OUT / name).write_text(render_xml(chunk, len(cards), pages), encoding="utf-8")
            query = f"keyword={quote(keyword)}&sort=publicationDateDesc&externalOnly=true&limit={limit}&page={number}"
            routes[f"/api/v1/search_xml?{query}"] = name


def write_fpm(routes: dict[str, str]) -> None:
    lines = [line.strip() for line in FPM_SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    blocks = []
    for line in lines:
        if re.match(r"^(Closing Date|Salary):", line) or len(line) > 80 or line.endswith("."):
            blocks.append(f"      <p>{html.escape(line)}</p>")
        else:
            blocks.append(f"      <h3>{html.escape(line)}</h3>")
    page = (
        "<!DOCTYPE html>\n<!-- First Practice Management jobs list. No saved page of this site exists: this file\n"
        "     is written from the text of its page preserved in the seed document 003_403b1eb5cbbbe911.txt,\n"
        "     one block per line of that text, in order. The fpm spider reads the text structure\n"
        "     (\"Title - Town, County\" / \"Closing Date: ...\" / \"Salary: ...\"), not this markup. -->\n"
        '<html lang="en-GB">\n  <head><meta charset="utf-8"><title>Jobs - First Practice Management</title></head>\n'
        "  <body>\n    <main>\n" + "\n".join(blocks) + "\n    </main>\n  </body>\n</html>\n"
    )
    (OUT / "fpm/jobs.html").write_text(page, encoding="utf-8")
    routes["/jobs/"] = "fpm/jobs.html"


def main() -> None:
    (OUT / "nhs_jobs").mkdir(exist_ok=True)
    (OUT / "fpm").mkdir(exist_ok=True)
    page = REAL_PAGE.read_text(encoding="utf-8")
    legacy = legacy_cards()
    routes: dict[str, str] = {}
    practice_manager = sorted(fpm_cards() + legacy, key=lambda card: card["posted"], reverse=True)
    broken = dict(practice_manager[12], broken=True)
    practice_manager.insert(13, broken)
    write_search(page, "practice manager", practice_manager, routes)
    pcn = [card for card in practice_manager if not card.get("broken") and re.search(r"network|PCN", card["title"], re.I)]
    write_search(page, "pcn manager", pcn, routes)
    write_api("practice manager", practice_manager, routes)
    write_api("pcn manager", pcn, routes)
    compose_boards.write_all(OUT, routes)
    reconstructed_boards.write_all(OUT, routes)
    write_fpm(routes)
    (OUT / "routes.json").write_text(json.dumps(routes, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
