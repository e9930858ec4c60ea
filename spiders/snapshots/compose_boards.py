"""Composed (not recorded) snapshots of the API boards, with cross-board copies as they really occur.

No practice-manager answer of these APIs survives anywhere, so each file keeps the real answer's shape
(`fixtures-real/reed-api/`, `fixtures-real/adzuna-api/`: field names, types, date formats, nulls) and
carries adverts of real GP practices (NHS ODS epraccur, December 2019: code, name, town, postcode):
- a practice's NHS Jobs advert (posted by an umbrella advertiser) also on Reed under its own name;
- an agency's copy on Adzuna, the practice hidden and the pay rounded to the thousand;
- a Reed advert that Adzuna aggregates; adverts found on one board only; and dental, veterinary and
  legal "practice manager" adverts that the relevance step must drop.
Every file says it is composed in its `__snapshot__` key.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

LEGACY = Path("/work/shared/fixtures-real/nhs-jobs-legacy-jsonld")
if not LEGACY.exists():
    LEGACY = Path("../shared/fixtures-real/nhs-jobs-legacy-jsonld")

NOTE = ("Composed by spiders/snapshots/compose_boards.py, not recorded: the real {board} answer's shape with "
        "adverts of real GP practices (NHS ODS epraccur 2019-12); see spiders/snapshots/README.md")

# (Reed jobId, NHS Jobs reference copied or None, title, employer, locationName, min, max, salary text,
#  salary type, posted, closing, full time, part time, contract, description; "" repeats the NHS Jobs text)
REED = [
    (41288915, "L916222140", "Practice Business Manager", "Miller Street Surgery", "ST51JD", None, None, "Salary negotiable", "",
     "13/10/2020", "20/11/2020", True, False, "Permanent", ""),
    (41305570, "L916241530", "Practice Manager", "Francis Road Medical Centre", "Leyton", None, None, "Salary negotiable", "",
     "23/10/2020", "06/11/2020", True, False, "Permanent",
     "Francis Road Medical Centre is a 6,500 patient GP practice in the heart of Leyton (E10 6PP). We are looking for an "
     "experienced Practice Manager to run the practice with the partners."),
    (41306122, "L916239758", "Assistant Practice Manager", "Northenden Group Practice", "M224DH", None, None,
     "Salary negotiable", "", "23/10/2020", "06/11/2020", True, False, "Permanent", ""),
    (41299004, "L916238961", "Practice Manager", "John Tasker House Surgery", "Great Dunmow", None, None,
     "Salary negotiable", "", "22/10/2020", "20/11/2020", True, False, "Permanent",
     "John Tasker House Surgery in Great Dunmow, Essex, seeks a full time Practice Manager to lead our GP practice "
     "team. Salary negotiable on experience."),
    (41351270, None, "Practice Manager", "Linthorpe Surgery", "Middlesbrough", 38000, 42000, "£38,000 - £42,000 per annum",
     "per annum", "02/11/2020", "30/11/2020", True, False, "Permanent",
     "Linthorpe Surgery, 378 Linthorpe Road, Middlesbrough TS5 6HA, is a GP practice of 9,000 patients looking for a "
     "Practice Manager to lead the administrative team and work with the partners on QOF and the PCN."),
    (41362846, None, "Deputy Practice Manager", "The Lynton Practice", "DN350LN", 24000, 26000, "£24,000 - £26,000 per annum",
     "per annum", "04/11/2020", "25/11/2020", False, True, "Permanent",
     "The Lynton Practice, Taylors Avenue Medical Centre, Cleethorpes, needs a Deputy Practice Manager, 30 hours a "
     "week, to cover rotas, reception and CQC compliance in our GP surgery."),
    (41340019, None, "Dental Practice Manager", "Smile Dental Recruitment", "Leicester", 28000, 32000,
     "£28,000 - £32,000 per annum", "per annum", "30/10/2020", "27/11/2020", True, False, "Permanent",
     "A mixed NHS and private dental practice in Leicester with 6 surgeries is looking for a Dental Practice Manager "
     "to manage the nurses, reception and UDA targets."),
]

# (Adzuna id, copied from, title, company, location display name, area, min, max, created, category, description)
ADZUNA = [
    ("1782334410", "L916250157", "Practice Manager - GP Surgery", "Medical Staffing Recruitment",
     "Bridlington, East Riding Of Yorkshire", ["UK", "Yorkshire And The Humber", "East Riding Of Yorkshire", "Bridlington"],
     31000, 38000, "2020-10-31T08:12:40Z", ("healthcare-nursing-jobs", "Healthcare & Nursing Jobs"),
     "Our client, an award winning provider of GP services, is looking for a Practice Manager for its surgery in "
     "Bridlington. You will lead the practice team, rotas, budgets and CQC compliance\u2026"),
    ("1785102270", "L916252251", "Operations Manager - Medical Practice", "Primary Care Recruitment",
     "Dorking, Surrey", ["UK", "South East England", "Surrey", "Dorking"],
     35000, 40000, "2020-11-03T10:40:02Z", ("admin-jobs", "Admin Jobs"),
     "We are recruiting an Operations Manager for a well established GP practice in Dorking, Surrey. Working with the "
     "partners and the Practice Manager, you will run the day to day operations of the practice\u2026"),
    ("1786649008", "reed:41351270", "Practice Manager", "Linthorpe Surgery",
     "Middlesbrough, North Yorkshire", ["UK", "North East England", "North Yorkshire", "Middlesbrough"],
     38000, 42000, "2020-11-02T12:05:31Z", ("healthcare-nursing-jobs", "Healthcare & Nursing Jobs"),
     "Linthorpe Surgery, 378 Linthorpe Road, Middlesbrough TS5 6HA, is a GP practice of 9,000 patients looking for a "
     "Practice Manager to lead the administrative team\u2026"),
    ("1784470215", None, "Veterinary Practice Manager", "Vet Recruitment Partners",
     "Harrogate, North Yorkshire", ["UK", "Yorkshire And The Humber", "North Yorkshire", "Harrogate"],
     30000, 35000, "2020-11-01T09:30:00Z", ("healthcare-nursing-jobs", "Healthcare & Nursing Jobs"),
     "A busy small animal veterinary practice in Harrogate is looking for a Practice Manager to run the clinic team, "
     "client care and the pharmacy stock\u2026"),
    ("1783910554", None, "Practice Manager", "Legal Support Recruitment",
     "Nottingham, Nottinghamshire", ["UK", "East Midlands", "Nottinghamshire", "Nottingham"],
     40000, 45000, "2020-10-30T15:22:19Z", ("legal-jobs", "Legal Jobs"),
     "A high street law firm in Nottingham seeks a Practice Manager to oversee its fee earners, billing, SRA "
     "compliance and office administration\u2026"),
]


def legacy_text(reference: str) -> str:
    """The advert text of a legacy NHS Jobs record (its HTML escaped twice), as a copy repeats it."""
    record = json.loads((LEGACY / f"{reference.removeprefix('L')}.json").read_text(encoding="utf-8"))
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(html.unescape(record["description"]))).split())


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def write_reed(out: Path, routes: dict[str, str]) -> None:
    (out / "reed").mkdir(exist_ok=True)
    results = []
    for (job_id, copied, title, employer, location, low, high, salary, salary_type, posted, closing, full_time,
         part_time, contract, description) in REED:
        description = description or legacy_text(copied)
        url = f"https://www.reed.co.uk/jobs/{_slug(title)}/{job_id}"
        common = {"employerId": 400000 + job_id % 99991, "employerName": employer, "jobId": job_id, "jobTitle": title,
                  "locationName": location, "minimumSalary": low, "maximumSalary": high, "currency": "GBP"}
        results.append({**common, "employerProfileId": None, "employerProfileName": None, "expirationDate": closing,
                        "date": posted, "jobDescription": description[:450] + " ... ", "applications": 3, "jobUrl": url})
        details = {**common, "yearlyMinimumSalary": low, "yearlyMaximumSalary": high, "salaryType": salary_type,
                   "salary": salary, "datePosted": posted, "expirationDate": closing, "externalUrl": None, "jobUrl": url,
                   "partTime": part_time, "fullTime": full_time, "contractType": contract,
                   "jobDescription": f" <p>{description}</p> ", "applicationCount": 3}
        name = f"reed/job-{job_id}.json"
        _write_json(out / name, {"__snapshot__": NOTE.format(board="Reed job-details"), **details})
        routes[f"/api/1.0/jobs/{job_id}"] = name
    for keyword, chosen in (("practice manager", results), ("pcn manager", [])):
        name = f"reed/search-{keyword.replace(' ', '-')}.json"
        _write_json(out / name, {"__snapshot__": NOTE.format(board="Reed search"), "results": chosen,
                                 "ambiguousLocations": [], "totalResults": len(chosen)})
        routes[f"/api/1.0/search?keywords={keyword.replace(' ', '%20')}&resultsToTake=100&resultsToSkip=0"] = name


def write_adzuna(out: Path, routes: dict[str, str]) -> None:
    (out / "adzuna").mkdir(exist_ok=True)
    results = []
    for job_id, _copied, title, company, place, area, low, high, created, (tag, label), description in ADZUNA:
        results.append({
            "id": job_id, "title": title, "description": description, "created": created,
            "redirect_url": f"https://www.adzuna.co.uk/jobs/details/{job_id}?utm_medium=api&utm_source=00000000",
            "adref": "", "location": {"area": area, "display_name": place, "__CLASS__": "Adzuna::API::Response::Location"},
            "company": {"display_name": company, "__CLASS__": "Adzuna::API::Response::Company"},
            "category": {"tag": tag, "label": label, "__CLASS__": "Adzuna::API::Response::Category"},
            "salary_min": low, "salary_max": high, "salary_is_predicted": "0", "contract_time": "full_time",
            "contract_type": "permanent", "__CLASS__": "Adzuna::API::Response::Job",
        })
    for phrase, chosen in (("practice manager", results), ("pcn manager", [])):
        name = f"adzuna/search-{phrase.replace(' ', '-')}-1.json"
        _write_json(out / name, {"__snapshot__": NOTE.format(board="Adzuna search"), "results": chosen, "count": len(chosen),
                                 "mean": sum(job["salary_min"] for job in chosen) / len(chosen) if chosen else 0,
                                 "__CLASS__": "Adzuna::API::Response::JobSearchResults"})
        routes[f"/v1/api/jobs/gb/search/1?what_phrase={phrase.replace(' ', '%20')}&results_per_page=50&sort_by=date"] = name


def _posting(title: str, employer: str, street: str, town: str, postcode: str, salary: str, posted: str, closing: str,
             description: str, reference: str = "", url: str = "") -> dict:
    """A JobPosting as Google's guidance shapes it (the shape of the legacy NHS Jobs records)."""
    posting = {
        "@type": "JobPosting", "title": title, "description": f"<p>{description}</p>", "datePosted": posted,
        "validThrough": f"{closing}T23:59:59+00:00", "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": employer},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "streetAddress": street,
                                                      "addressLocality": town, "postalCode": postcode, "addressCountry": "GB"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                       "value": {"@type": "QuantitativeValue", "value": salary, "unitText": "YEAR"}},
    }
    if reference:
        posting["identifier"] = {"@type": "PropertyValue", "name": "NHS Jobs reference", "value": reference}
    if url:
        posting["url"] = url
    return posting


# (URL, page title, JSON-LD value, what the page is)
JSONLD_PAGES = [
    ("https://findajob.dwp.gov.uk/details/5026731", "Practice Manager - Find a job",
     {"@context": "https://schema.org/", **_posting(
         "Practice Manager", "Modality Partnership", "Black Country Family Practice", "Tipton", "DY4 8PX",
         "£30,000 to £40,000 per annum", "2020-10-31", "2020-11-13",
         legacy_text("L916250002") + " Apply on NHS Jobs, reference L916250002.", reference="L916250002",
         url="https://findajob.dwp.gov.uk/details/5026731")},
     "a DWP Find a Job style mirror of the NHS Jobs advert L916250002, carrying its reference"),
    ("https://www.credasmedical.example/vacancies/", "Vacancies - Credas Medical",
     {"@context": "https://schema.org", "@graph": [
         {"@type": "WebPage", "@id": "https://www.credasmedical.example/vacancies/", "name": "Vacancies"},
         {"@type": "MedicalOrganization", "name": "Credas Medical", "identifier": "C81030"},
         _posting("Practice Manager", "Credas Medical", "Dale Road South", "Darley Dale", "DE4 2EU",
                  "£40,000 - £45,000 per annum", "2020-11-02", "2020-11-27",
                  "Credas Medical, a GP practice of 11,000 patients in Darley Dale, Derbyshire, is looking for a Practice "
                  "Manager to lead the practice team and its part in the PCN.",
                  url="https://www.credasmedical.example/vacancies/#practice-manager"),
         _posting("Medical Secretary", "Credas Medical", "Dale Road South", "Darley Dale", "DE4 2EU", "£19,000 per annum",
                  "2020-11-02", "2020-11-20", "A medical secretary, 25 hours a week, for our GP practice.",
                  url="https://www.credasmedical.example/vacancies/#medical-secretary"),
     ]},
     "a GP practice's own vacancies page (ODS C81030) with an @graph"),
    ("https://www.gp-recruitment-agency.example/jobs/essex/", "GP practice jobs in Essex",
     [{"@context": "https://schema.org", **_posting(
         "PCN Manager", "Laindon Medical Group", "Laindon Health Centre, High Road", "Basildon", "SS15 5TR",
         "£45,000 - £50,000", "2020-11-01", "2020-11-29", "Our client, Laindon Medical Group, seeks a Primary Care Network "
         "Manager for the Basildon PCN.", url="https://www.gp-recruitment-agency.example/jobs/essex/pcn-manager-basildon")},
      {"@context": "https://schema.org", **_posting(
         "Practice Manager", "Primary Care Recruitment", "", "Great Dunmow", "CM6 1BH", "Competitive",
         "2020-10-23", "2020-11-20", "Our client, a GP surgery in Great Dunmow, is looking for a full time Practice Manager.",
         url="https://www.gp-recruitment-agency.example/jobs/essex/practice-manager-great-dunmow")}],
     "an agency's page listing its adverts as a JSON-LD list (one a copy of the NHS Jobs advert L916238961)"),
]


def write_jsonld(out: Path, routes: dict[str, str]) -> None:
    (out / "jsonld").mkdir(exist_ok=True)
    urls = ["# Pages the jsonld spider reads offline (composed; see spiders/snapshots/README.md)."]
    for number, (url, title, data, what) in enumerate(JSONLD_PAGES, start=1):
        name = f"jsonld/page-{number}.html"
        script = json.dumps(data, indent=2, ensure_ascii=False)
        (out / name).write_text(
            f"<!DOCTYPE html>\n<!-- Composed by spiders/snapshots/compose_boards.py, not recorded: {what}. -->\n"
            f'<html lang="en-GB">\n<head><meta charset="utf-8"><title>{title}</title>\n'
            f'<script type="application/ld+json">\n{script}\n</script>\n</head>\n'
            f"<body><main><h1>{title}</h1></main></body>\n</html>\n", encoding="utf-8")
        routes["/jsonld/" + url.split("://", 1)[1]] = name
        urls.append(url)
    (out / "jsonld/urls.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_all(out: Path, routes: dict[str, str]) -> None:
    write_reed(out, routes)
    write_adzuna(out, routes)
    write_jsonld(out, routes)

