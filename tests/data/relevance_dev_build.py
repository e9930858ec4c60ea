"""Build the relevance development set `relevance_dev.tsv` (see README.md, "relevance_dev.tsv").

Run: `python tests/data/relevance_dev_build.py <nhs_jobs_data checkout>/data`. No classifier is run:
a row's label is `roles_dev.tsv`'s hand label of the same record, the hand label below for the
fixture adverts, the label written with a constructed advert, or the hand label of a JobG8 advert
in `relevance_dev_jobg8.tsv`.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[2] / "shared" / "fixtures-real"
if not FIXTURES.exists():
    FIXTURES = Path("/work/shared/fixtures-real")
COLUMNS = ("title", "employer", "description", "category", "source", "relevant", "origin")
REED_SEARCH_CUT = 450  # Reed's search results cut the advert text at about 450 characters
# Real JobG8 feed adverts (2026) not in either held-out relevance set, labelled by hand when they
# were picked: read and appended as they are (README.md, "relevance_dev.tsv").
JOBG8 = HERE / "relevance_dev_jobg8.tsv"
UMBRELLA = re.compile(r"^(?:Central Advertising|GP Practices|General Practices)\b")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

# Every Reed, Adzuna and NHS Jobs XML fixture advert was read by hand: none is a GP practice or PCN
# management post (developers, teachers, a care home's Registered Manager, accountancy firms'
# Client/Tax Managers at "Public Practice Recruitment", law-firm roles, a GP-practice-adjacent
# "Front-end Developer" at Lloyds Online Doctor). Their label is 0.
FIXTURE_LABEL = 0

# Constructed adverts (not real: written for this set, in the style of the Reed and Adzuna fixtures,
# for the kinds issue 16 names and no real saved advert shows): (title, employer, description,
# category, relevant).
CONSTRUCTED = [
    (
        "Practice Manager",
        "",
        "Our client, a busy four-surgery dental practice in Leicester offering NHS and private "
        "dentistry, is looking for an experienced Practice Manager. You will manage a team of dentists, dental nurses and "
        "receptionists, oversee the UDA contract and CQC compliance... ",
        "",
        0,
    ),
    (
        "Practice Manager",
        "Smile Care Group",
        "Are you an experienced manager looking for your next challenge? We are "
        "recruiting a Practice Manager for our well-established practice in Reading. Experience of a dental setting is "
        "desirable; you will support our clinicians to deliver excellent patient care... ",
        "Healthcare & Nursing Jobs",
        0,
    ),
    (
        "Dental Practice Manager",
        "",
        "A private dental clinic in Harrogate seeks a Practice Manager to lead a team of 14. Implant and orthodontic treatments... ",
        "",
        0,
    ),
    (
        "Practice Manager - Orthodontics",
        "",
        "Specialist orthodontic practice in Chelmsford requires a Practice Manager with strong leadership and patient-care skills... ",
        "",
        0,
    ),
    (
        "Practice Manager",
        "",
        "We are a small animal veterinary practice in Exeter with two branch surgeries. You will "
        "look after the day-to-day running of the practice, the team of vets and RVNs, and our clients and their pets... ",
        "",
        0,
    ),
    ("Veterinary Practice Manager", "", "Independent mixed vet practice near Carlisle... equine and farm animal work... ", "", 0),
    (
        "Practice Manager",
        "Medivet",
        "Medivet are looking for a Practice Manager for our busy 24-hour hospital in "
        "Watford. Experience of veterinary practice management essential... ",
        "Healthcare & Nursing Jobs",
        0,
    ),
    (
        "Practice Manager",
        "",
        "Our client is a first-opinion practice caring for cats, dogs and exotics. You will "
        "manage the reception team, rotas and stock, and build relationships with clients and their animals' owners... ",
        "",
        0,
    ),
    (
        "Practice Manager",
        "",
        "Independent opticians in Bath. You will manage the store team, optometrists' clinics "
        "and dispensing, eye tests and contact lens appointments... ",
        "Retail Jobs",
        0,
    ),
    ("Optical Practice Manager", "", "A leading optical retailer is looking for a Practice Manager in Stockport... ", "", 0),
    (
        "Practice Manager",
        "",
        "A well-regarded regional law firm is recruiting a Practice Manager to its Norwich office. "
        "Supporting the partners and solicitors, you will run finance, HR and facilities for the legal team... ",
        "Legal Jobs",
        0,
    ),
    (
        "Practice Manager - Litigation",
        "",
        "Our client, a top 50 law firm, seeks a Practice Manager for its commercial litigation practice... ",
        "",
        0,
    ),
    ("Legal Practice Manager", "", "Conveyancing and probate practice in Swindon is hiring... SRA regulated... ", "", 0),
    (
        "Practice Manager",
        "",
        "Chartered accountants in Bristol (12 staff) are seeking a Practice Manager to run the "
        "office, manage the accounts and tax returns workflow, billing and client onboarding... ",
        "Accounting & Finance Jobs",
        0,
    ),
    ("Practice Manager", "", "Growing accountancy practice in Cardiff. ACCA or AAT part qualified an advantage... ", "", 0),
    (
        "Practice Manager",
        "",
        "A chartered financial planning firm in Guildford is looking for a Practice Manager to "
        "lead its paraplanning and administration team... ",
        "",
        0,
    ),
    (
        "Practice Manager - Wealth Management",
        "",
        "Our client, a wealth management practice in Edinburgh, seeks an experienced manager... ",
        "",
        0,
    ),
    (
        "Practice Manager",
        "",
        "A growing IFA practice in Leeds is looking for a Practice Manager... regulated financial advice... ",
        "Accounting & Finance Jobs",
        0,
    ),
    (
        "Practice Manager - ServiceNow",
        "",
        "Our client, a global consultancy, is looking for a ServiceNow Practice Manager to grow its delivery team and client base... ",
        "IT Jobs",
        0,
    ),
    ("Data & AI Practice Manager", "", "Lead a team of data consultants across UK clients... ", "IT Jobs", 0),
    ("Practice Manager", "", "Physiotherapy clinic in Brighton seeking a Practice Manager to run bookings and the front desk... ", "", 0),
    ("Practice Manager", "", "An architects' practice in Manchester is looking for a Practice Manager... ", "", 0),
    (
        "Practice Manager",
        "",
        "We are looking for an experienced Practice Manager for a friendly GP surgery in "
        "Sheffield with 9,800 registered patients. You will lead the reception and admin team, manage QOF, payroll and "
        "the practice's finances with the partners... ",
        "",
        1,
    ),
    (
        "Practice Manager",
        "",
        "Our client, a well-established GP practice in Kent, is looking for an experienced "
        "Practice Manager. Experience of primary care and EMIS Web is essential... ",
        "Healthcare & Nursing Jobs",
        1,
    ),
    (
        "Assistant Practice Manager",
        "",
        "Busy medical centre in Luton requires an Assistant Practice Manager to support the Practice Manager and partners... ",
        "Admin Jobs",
        1,
    ),
    ("Deputy Practice Manager", "", "We are a training practice of 14,000 patients in Derby and part of a PCN... ", "", 1),
    (
        "Operations Manager",
        "",
        "An exciting opportunity at a large GP surgery in Bolton: the Operations Manager leads "
        "the reception, secretarial and administration teams and works with the PCN... ",
        "Healthcare & Nursing Jobs",
        1,
    ),
    (
        "Business Manager",
        "",
        "Our client is a GP partnership of three sites in Norfolk with 22,000 patients, seeking "
        "a Business Manager to lead finance, contracts and the practice's CQC compliance... ",
        "",
        1,
    ),
    (
        "PCN Manager",
        "",
        "A primary care network of five GP practices in Essex is seeking a PCN Manager to manage the "
        "ARRS workforce and the network's DES... ",
        "",
        1,
    ),
    ("Practice Manager", "", "Doctors' surgery in Truro seeks a Practice Manager. SystmOne experience preferred... ", "", 1),
]


def _plain(text: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", html.unescape(html.unescape(text or "")))).strip()


def _row(title, employer, description, category, source, relevant, origin) -> dict[str, str]:
    return dict(zip(COLUMNS, (_plain(title), _plain(employer), _plain(description), category, source, str(relevant), origin)))


def _fixture_rows() -> list[dict[str, str]]:
    rows = []
    reed = json.loads((FIXTURES / "reed-api" / "search-unfiltered-100-results-2024-03.json").read_text("utf-8"))
    for job in reed["results"]:
        rows.append(
            _row(job["jobTitle"], job["employerName"], job["jobDescription"], "", "reed", FIXTURE_LABEL, f"reed-api search {job['jobId']}")
        )
    details = json.loads((FIXTURES / "reed-api" / "job-details-41416247-management-accountant-2020-11.json").read_text("utf-8"))
    rows.append(
        _row(
            details["jobTitle"],
            details["employerName"],
            details["jobDescription"],
            "",
            "reed",
            FIXTURE_LABEL,
            "reed-api job details 41416247",
        )
    )
    adzuna = json.loads((FIXTURES / "adzuna-api" / "search-gb-london-developer-roles-50-results-2025-08-10.json").read_text("utf-8"))
    for job in adzuna["results"]:
        rows.append(
            _row(
                job["title"],
                job["company"].get("display_name", ""),
                job["description"],
                job["category"]["label"],
                "adzuna",
                FIXTURE_LABEL,
                f"adzuna-api search {job['id']}",
            )
        )
    xml = FIXTURES / "nhs-jobs-api" / "search-xml-contractType-Apprenticeship-page1-excerpt-2-of-54-2024-02.xml"
    for record in re.findall(r"<vacancyDetails>(.*?)</vacancyDetails>", xml.read_text("utf-8"), re.S):
        field = {name: _plain(value) for name, value in re.findall(r"<(\w+)>([^<]*)</\1>", record)}
        rows.append(
            _row(
                field["title"],
                field["employer"],
                field["description"],
                "",
                "nhs_jobs",
                FIXTURE_LABEL,
                f"nhs-jobs-api xml {field['reference']}",
            )
        )
    return rows


def _legacy_rows(records: Path) -> list[dict[str, str]]:
    """Manager, lead, head and director records of roles_dev.tsv, shown twice: as NHS Jobs showed
    them, and as a general board's search shows them (umbrella advertiser hidden, text cut)."""
    rows = []
    with (HERE / "roles_dev.tsv").open(encoding="utf-8", newline="") as handle:
        labelled = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for label in labelled:
        found = re.match(r"nhs_jobs_data (\d+)", label["origin"])
        if not found or not re.search(r"manager|lead|head|director", label["title"], re.I):
            continue
        record = json.loads((records / f"{found[1]}.json").read_text("utf-8"))
        description = _plain(record.get("description", ""))
        relevant = int(label["role"] != "not_relevant")
        rows.append(_row(label["title"], label["employer"], description, "", "nhs_jobs", relevant, f"nhs_jobs_data {found[1]}"))
        employer = "" if UMBRELLA.match(label["employer"]) else label["employer"]
        cut = description[:REED_SEARCH_CUT].rstrip() + "... " if len(description) > REED_SEARCH_CUT else description
        rows.append(_row(label["title"], employer, cut, "", "reed", relevant, f"nhs_jobs_data {found[1]} as a general board shows it"))
    return rows


def main(records: Path) -> None:
    rows = _fixture_rows() + _legacy_rows(records)
    rows += [
        _row(title, employer, description, category, "adzuna" if category else "reed", relevant, f"constructed {n}")
        for n, (title, employer, description, category, relevant) in enumerate(CONSTRUCTED, 1)
    ]
    with JOBG8.open(encoding="utf-8", newline="") as handle:
        rows += list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    with (HERE / "relevance_dev.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows, {sum(row['relevant'] == '1' for row in rows)} relevant")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
