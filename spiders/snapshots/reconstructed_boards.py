"""Reconstructed snapshots of the boards no real page of which survives: NHS Scotland (Jobtrain
`_JobCard`), HSC Northern Ireland and BMJ Careers (Madgex).

The markup uses only the elements and classes other people's working scrapers select (each file's
header cites them); the adverts are composed: Scottish board-run practices and Northern Irish GP
practices by board or trust and real towns, a BMJ copy of an NHS Jobs advert (Modality Partnership,
East Grinstead) and adverts the relevance step must drop.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote, quote_plus

HEADER = ("<!-- RECONSTRUCTED, not recorded: no real {board} page has been saved anywhere. The markup holds only\n"
          "     the elements and classes these working scrapers select: {evidence}.\n"
          "     The adverts are composed (spiders/snapshots/reconstructed_boards.py; see spiders/snapshots/README.md). -->\n")

SCOTLAND_EVIDENCE = ("saksak218/whatsapp-jobs src/scrapers/nhsScotland.ts@29a1018e (.job-card, .job-row__details a "
                     "-> /Job/JobDetail?JobId=, .jobdetailsitem.school/.location/.salary/.closingdate/.livedate, "
                     "#totalCurrentRecords); SOURCES.md §5a (.department, .employmenttype, #totalMatchRecords, 12 a page); "
                     "other scrapers in the public code index (.job-search__results-items .job-card, .job-card__link, "
                     "div.card-body.p-20, .jobreference)")
# (JobId, title, NHS Board, location, salary as the board's own band option reads, family, live, closing)
SCOTLAND = [
    ("272501", "Practice Manager", "NHS Greater Glasgow & Clyde", "Glasgow", "Band 7 (£52,845 - £61,466)",
     "Administrative Services", "06/11/2026", "20/11/2026"),
    ("272544", "Practice Manager - Board Run GP Practice", "NHS Highland", "Fort William", "Band 6 (£43,231  - £52,679)",
     "Administrative Services", "09/11/2026", "23/11/2026"),
    ("272590", "Primary Care Manager", "NHS Lothian", "Edinburgh", "Band 8A (£65,125 - £70,303)", "Senior Managers",
     "10/11/2026", "24/11/2026"),
    ("272613", "Practice Nurse", "NHS Grampian", "Aberdeen", "Band 6 (£43,231  - £52,679)", "Nursing and Midwifery",
     "11/11/2026", "25/11/2026"),
]

HSCNI_EVIDENCE = ("saksak218/whatsapp-jobs src/scrapers/hscni.ts@29a1018e (article.job-result, h2 a[href*='/Job/'], "
                  ".job-result-overview 'Salary: ... Location: ... Contract Type: ...', .job-closing 'Closing:', "
                  ".job-ref 'Ref:', 20 a page); SOURCES.md §5d")
# (job id, title, salary, location, contract, closing, ref)
HSCNI = [
    ("80512", "Practice Manager", "£39,000 - £42,000 per annum", "Enniskillen", "Permanent", "24/11/2026", "GP/80512"),
    ("80547", "Practice Manager - GP Surgery", "£40,000 per annum", "Newry", "Permanent", "27/11/2026", "GP/80547"),
    ("80561", "Business Manager - Mental Health Services", "Band 7", "Belfast", "Permanent", "30/11/2026", "BHSCT/80561"),
]

BMJ_EVIDENCE = ("the Madgex lister template as scrapers of Guardian Jobs, BioSpace, jobstoday and Times boards select it "
                "(SOURCES.md §2: li.lister__item id=item-<id>, h3.lister__header a span, li.lister__meta-item--location/"
                "--salary/--recruiter, p.lister__description, li.job-actions__action.pipe, ul.paginator__items li a); "
                "search URL /jobs/?Keywords=&CountryCode=GB&Page=N from a BMJ scraper")
# (page, job id, title, recruiter, location, salary, posted, snippet)
BMJ = [
    (1, "9018244", "Practice Manager", "Modality Partnership", "East Grinstead, West Sussex", "£50,000 - £60,000 DOE",
     "3 days ago", "Modality Partnership Mid Sussex seeks a Practice Manager, 37.5 hours a week, for its East Grinstead practice."),
    (1, "9018302", "Salaried GP", "Jai Medical Centre", "Edgware, Middlesex", "£9,000 - £10,500 per session annually",
     "4 days ago", "Salaried GP, 6 sessions a week, at Jai Medical Centre, Stag Lane, Edgware."),
    (1, "9018377", "Practice Business Manager", "Jai Medical Centre", "Edgware, Middlesex", "£45,000 - £50,000",
     "5 days ago", "Jai Medical Centre (HA8 5LP) is looking for a Practice Business Manager to lead its team."),
    (2, "9017990", "PCN Manager", "Harrow Health CIC", "Harrow, Middlesex", "£42-50K dependent on experience",
     "12 days ago", "Sphere Primary Care Network, a collection of GP practices in Harrow, needs a PCN Manager."),
]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def write_scotland(out: Path, routes: dict[str, str]) -> None:
    (out / "nhs_scotland").mkdir(exist_ok=True)
    for keyword, cards in (("practice manager", SCOTLAND), ("pcn manager", [])):
        body = "".join(
            f'<div class="job-card">\n  <div class="card-body p-20">\n'
            f'    <div class="job-row__details"><a class="job-card__link" href="/Job/JobDetail?JobId={job_id}">{_e(title)}</a></div>\n'
            f'    <p class="jobdetailsitem school">Employer (NHS Board): {_e(board)}</p>\n'
            f'    <p class="jobdetailsitem location">Location: {_e(place)}</p>\n'
            f'    <p class="jobdetailsitem salary">Salary: {_e(salary)}</p>\n'
            f'    <p class="jobdetailsitem department">Job Family: {_e(family)}</p>\n'
            f'    <p class="jobdetailsitem employmenttype">Employment type: Permanent</p>\n'
            f'    <p class="jobdetailsitem livedate">Live date: {live}</p>\n'
            f'    <p class="jobdetailsitem closingdate">Closing date: {closing}</p>\n  </div>\n</div>\n'
            for job_id, title, board, place, salary, family, live, closing in cards
        )
        name = f"nhs_scotland/jobcard-{keyword.replace(' ', '-')}-skip-0.html"
        (out / name).write_text(
            HEADER.format(board="NHS Scotland _JobCard", evidence=SCOTLAND_EVIDENCE)
            + f'<div class="job-search__results-items">\n{body}</div>\n'
            f'<input type="hidden" id="totalCurrentRecords" value="{len(cards)}" />\n'
            f'<input type="hidden" id="totalMatchRecords" value="{len(cards)}" />\n', encoding="utf-8")
        routes[f"/Home/_JobCard?keywords={quote(keyword)}&Skip=0"] = name


def write_hscni(out: Path, routes: dict[str, str]) -> None:
    (out / "hscni").mkdir(exist_ok=True)
    for keyword, cards in (("practice manager", HSCNI), ("pcn manager", [])):
        body = "".join(
            f'<article class="job-result">\n  <h2><a href="/Job/{job_id}">{_e(title)}</a></h2>\n'
            f'  <div class="job-result-overview">Salary: {_e(salary)} Location: {_e(place)} Contract Type: {contract}</div>\n'
            f'  <p class="job-closing">Closing: {closing}</p>\n  <p class="job-ref">Ref: {ref}</p>\n</article>\n'
            for job_id, title, salary, place, contract, closing, ref in cards
        ) or "<p>There are no jobs matching your search.</p>\n"
        name = f"hscni/search-{keyword.replace(' ', '-')}-page-1.html"
        (out / name).write_text(
            "<!DOCTYPE html>\n" + HEADER.format(board="HSC NI jobs", evidence=HSCNI_EVIDENCE)
            + f'<html lang="en-GB">\n<head><meta charset="utf-8"><title>Search - HSC Jobs</title></head>\n'
            f"<body><main>\n{body}</main></body>\n</html>\n", encoding="utf-8")
        routes[f"/Search?SearchCatID=0&keyword={quote(keyword)}"] = name


def write_bmj(out: Path, routes: dict[str, str]) -> None:
    (out / "bmj_careers").mkdir(exist_ok=True)
    searches = {("practice manager", 1): [], ("practice manager", 2): [], ("pcn manager", 1): []}
    for page, *card in BMJ:
        searches[("practice manager", page)].append(card)
    for (keyword, page), cards in searches.items():
        items = "".join(
            f'<li class="lister__item" id="item-{job_id}">\n'
            f'  <h3 class="lister__header"><a href="/job/{job_id}/{"-".join(title.lower().split())}/"><span>{_e(title)}</span></a></h3>\n'
            f'  <ul class="lister__meta">\n    <li class="lister__meta-item lister__meta-item--location">{_e(place)}</li>\n'
            f'    <li class="lister__meta-item lister__meta-item--salary">{_e(salary)}</li>\n'
            f'    <li class="lister__meta-item lister__meta-item--recruiter">{_e(recruiter)}</li>\n  </ul>\n'
            f'  <p class="lister__description">{_e(snippet)}</p>\n'
            f'  <ul class="job-actions"><li class="job-actions__action pipe">{posted}</li></ul>\n</li>\n'
            for job_id, title, recruiter, place, salary, posted, snippet in cards
        )
        query = f"Keywords={quote_plus(keyword)}&CountryCode=GB"
        pager = (f'<ul class="paginator__items">\n  <li><a href="/jobs/?{_e(query)}&amp;Page=2">2</a></li>\n</ul>\n'
                 if keyword == "practice manager" and page == 1 else "")
        name = f"bmj_careers/jobs-{keyword.replace(' ', '-')}-page-{page}.html"
        (out / name).write_text(
            "<!DOCTYPE html>\n" + HEADER.format(board="BMJ Careers (Madgex)", evidence=BMJ_EVIDENCE)
            + '<html lang="en-GB">\n<head><meta charset="utf-8"><title>Jobs | BMJ Careers</title></head>\n'
            f'<body><main>\n<ul class="lister__list">\n{items}</ul>\n{pager}</main></body>\n</html>\n', encoding="utf-8")
        routes[f"/jobs/?{query}" + (f"&Page={page}" if page > 1 else "")] = name


def write_all(out: Path, routes: dict[str, str]) -> None:
    write_scotland(out, routes)
    write_hscni(out, routes)
    write_bmj(out, routes)
