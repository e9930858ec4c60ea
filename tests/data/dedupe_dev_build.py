"""Build the dedupe development set `dedupe_dev.csv` from real adverts.

Run: `python tests/data/dedupe_dev_build.py [--bases <nhs_jobs_data checkout>/data]` (the option
re-extracts `dedupe_dev_bases.csv` from the JSON-LD records first).

Every label comes from how a row was made, never from the dedupe algorithm:

- `fpm-seed`: the First Practice Management list in the seed (`seeds/003_403b1eb5cbbbe911.txt`) as
  printed, repeats included; one cluster per distinct advert.
- `original`: a real NHS Jobs record (`dedupe_dev_bases.csv`: the 37 records in
  `fixtures-real/nhs-jobs-legacy-jsonld/`, and from the same public repository
  `stochastictalk/nhs_jobs_data` at 6ad8e4f every record posted by an umbrella account - "Central
  Advertising - General Practitioners", "GP Practices - <health board>" - plus 13 GP-practice
  management records); one cluster per record, except one vacancy whose advert says it was posted
  on two health boards' accounts (SAME_VACANCY). Real umbrella records with the same title and town
  (salaried GPs in Newport, Pontypool, Haverfordwest) are real look-alikes at different practices.
- `rewrite:...`: the same advert as another board would show it (title case or abbreviation, the
  practice's own name instead of the umbrella advertiser, county added, postcode cut to its outward
  code or dropped, salary reformatted or left out, closing date in another format or a day or two
  earlier); same cluster as its original. `repeat`: a board listing the same advert twice.
- hard negatives, each a new cluster (and sometimes rewritten on another board in turn):
  `negative:umbrella-other-town` (same umbrella advertiser, title and salary text, another town),
  `negative:other-practice-same-town` (same title and town, another real practice),
  `negative:other-branch-same-salary` (same employer, title and salary text, another branch),
  `negative:other-seniority` (assistant post at the same practice at the same time),
  `repost` (the same advert re-run 60-110 days later: a new vacancy).

Other practices are real: NHS ODS `epraccur` (December 2019, `shared/data/`), found by town with
`pipeline.places`. The random choices use a fixed seed, so a rebuild writes the same file.
"""

from __future__ import annotations

import csv
import html
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pipeline.places import parse_place
from pipeline.salary import parse_salary

HERE = Path(__file__).resolve().parent
BASES = HERE / "dedupe_dev_bases.csv"
OUTPUT = HERE / "dedupe_dev.csv"
SHARED = next(parent / "shared" for parent in HERE.parents if (parent / "shared/data").is_dir())  # ../shared of the checkout
ODS = SHARED / "data/nhs-ods-epraccur-2019-12.csv"
SEED = 2020
COLUMNS = (
    "id", "source", "title", "employer", "location", "salary", "closing", "url", "posted", "description", "reference",
    "cluster", "kind", "origin",
)  # fmt: skip


@dataclass(frozen=True)
class Board:
    """How a board shows an advert it copies (probabilities per copy), after what such boards show in
    SOURCES.md: aggregators cut the text and often drop the employer and the closing date."""

    name: str
    text_chars: int | None  # advert text cut to this many characters (None: all of it; 0: none shown)
    hides_employer: float = 0.0
    county_only: float = 0.0
    drops_closing: float = 0.0
    rounds_salary: float = 0.0
    mirrors_reference: bool = False  # shows the NHS Jobs reference it copied the advert from


BOARDS = (
    Board("bmj_careers", None, rounds_salary=0.1),
    Board("practice_index", 600, drops_closing=0.2),
    Board("management_in_practice", 300),
    Board("indeed", 200, hides_employer=0.2, county_only=0.1, drops_closing=0.5, rounds_salary=0.2),
    Board("agency", 0, hides_employer=0.7, county_only=0.2, drops_closing=0.3, rounds_salary=0.3),
    Board("adzuna", 250, hides_employer=0.5, county_only=0.4, drops_closing=0.8, rounds_salary=0.5),
    Board("reed", 450, hides_employer=0.2, drops_closing=0.3, rounds_salary=0.3),
    Board("dwp_find_a_job", None, mirrors_reference=True),
    Board("practice_site", None, drops_closing=0.2),
)
FPM_SEED = (
    ("Practice Manager", "Southam, Warwickshire", "Salary Competitive depending on experience", "27 September 2020"),
    ("Practice Manager", "Sharnbrook, Bedfordshire", "Salary Commensurate with experience", "16 October 2020"),
    ("Primary Care Network Manager", "Hampshire", "£35-£40,000 based on experience", "30 September 2020"),
    ("Practice Manager", "Hertfordshire", "Dependant on skills and experience", "30 September 2020"),
    ("Practice Manager", "Buckhurst Hill, Essex", "£45,000 p/a (depending on experience)", "30 September 2020"),
    ("Practice Manager", "Southam, Warwickshire", "Salary Competitive depending on experience", "27 September 2020"),
    ("Practice Manager", "Southam, Warwickshire", "Salary Competitive depending on experience", "27 September 2020"),
    ("Primary Care Network Manager", "Hampshire", "£35-£40,000 based on experience", "30 September 2020"),
    ("Practice Manager", "Hertfordshire", "Dependant on skills and experience", "30 September 2020"),
    ("Practice Manager", "Buckhurst Hill, Essex", "£45,000 p/a (depending on experience)", "30 September 2020"),
)
UMBRELLA = re.compile(r"^(central advertising|gp practices|general practices)", re.I)
GP_UMBRELLA = re.compile(r"^(central advertising - general practitioners|gp practices|general practices)", re.I)
PRACTICE_WORDS = re.compile(r"surgery|medical|health centre|practice|clinic", re.I)
ABBREVIATIONS = (  # clinical and admin primary-care abbreviations first, then the management ones
    ("Advanced Nurse Practitioner", ("ANP",)),
    ("Advanced Clinical Practitioner", ("ACP",)),
    ("Health Care Assistant", ("HCA",)),
    ("Healthcare Assistant", ("HCA",)),
    ("First Contact Physiotherapist", ("FCP",)),
    ("Registered General Nurse", ("RGN",)),
    ("General Practitioner", ("GP",)),
    ("Pharmacy Technician", ("Pharm Tech",)),
    ("Physiotherapist", ("Physio",)),
    ("Co-ordinator", ("Coordinator", "Co-Ord")),
    ("Coordinator", ("Co-ordinator",)),
    ("Administrator", ("Admin",)),
    ("Receptionist", ("Recep.",)),
    ("Practice Manager", ("Pract. Mgr", "Practice Mgr", "PM")),
    ("Assistant", ("Asst",)),
    ("Deputy", ("Dep.",)),
    ("Primary Care Network", ("PCN",)),
    ("Manager", ("Mgr",)),
    ("Operations", ("Ops",)),
    ("Business", ("Bus.",)),
)
#: Where a title names its site: "Pharmacy Technician - HMP Leeds", "Salaried GP in Rawcliffe Surgery",
#: "Employed GP, Highbridge Medical Centre"; boards that show the site elsewhere drop it.
TITLE_SITE = re.compile(r"\s*(?:\s[-–]\s|,\s|\s(?:in|at)\s(?=[A-Z])).*$")
SITE_WORDS = re.compile(r"surgery|medical|health centre|practice|clinic|\bHMP\b|\bOOH\b|octagon|hub\b", re.I)
#: Words boards add to a title ("Part Time Practice Nurse", "Practice Nurse (30 hours per week)").
TITLE_ADDITIONS = ("Part Time {}", "{} - Full Time", "{} (Permanent)", "Experienced {}", "{} (30 hours per week)", "{} - Immediate Start")


def practice_name(ods_name: str) -> str:
    """ODS names are upper case; boards print them in title case."""
    return " ".join(word if word in {"&", "GP", "NHS"} else word.capitalize() for word in ods_name.split())


def load_practices() -> dict[str, list[tuple[str, str]]]:
    """Active GP practices by town: (name, postcode)."""
    by_town: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(ODS, encoding="utf-8", newline="") as source:
        for row in csv.reader(source):
            if row[12] == "A" and row[25] == "4":
                town = parse_place(row[9]).town
                if town:
                    by_town[town].append((practice_name(row[1]), row[9]))
    return by_town


#: Besides the 37 fixtures, from stochastictalk/nhs_jobs_data: every record advertised by a GP
#: umbrella account (GP_UMBRELLA), any role, plus these 13 GP-practice management and admin records.
EXTRA_RECORDS = (
    "916215463",
    "916236696",
    "916238365",
    "916241308",
    "916241603",
    "916245185",
    "916245602",
    "916247052",
    "916248149",
    "916248350",
    "916251116",
    "916252596",
    "916254804",
)
#: Primary-care posts added in December 2026 (issue 15): clinical and admin roles at GP practices, PCNs
#: and GP providers, and real look-alike families (one provider's same title at several sites; several
#: roles at one practice). Only records with an EVEN numeric id qualify (odd ids are kept for an
#: independent labeller), none of them in the independent set; picked by hand from keyword listings of
#: the even-id records whose employer is a GP practice or provider or whose postcode is an active ODS
#: practice's. Two near-identical pairs whose labels the text cannot settle were left out (916245486
#: beside 916245446, 916254812 beside 916242772).
PRIMARY_CARE_RECORDS = (
    "915986054", "916065108", "916105336", "916139876", "916183224", "916183414", "916209890", "916231952",
    "916233412", "916234940", "916235488", "916239566", "916239618", "916240852", "916240910", "916241300",
    "916242338", "916242772", "916243954", "916244400", "916244768", "916245446", "916246762", "916247882",
    "916247944", "916248150", "916248356", "916248362", "916248892", "916249026", "916249552", "916249820",
    "916251092", "916251108", "916251158", "916251160", "916252818", "916252892", "916253218", "916253338",
    "916253844", "916254426", "916256312", "916256998", "916257278", "916258394", "916258602", "916258652",
    "916258672", "916258916", "916258966", "916259698", "916259818", "916260416", "916260582",
)  # fmt: skip
#: Advert text kept per base: NHS Jobs shows all of it; the cap keeps the set small (every board's copy is cut shorter).
DESCRIPTION_CHARS = 1500
FIXTURES = SHARED / "fixtures-real/nhs-jobs-legacy-jsonld"


def _umbrella_record(path: Path) -> bool:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    name = html.unescape(record.get("hiringOrganization", {}).get("name", "")) if isinstance(record, dict) else ""
    return bool(GP_UMBRELLA.search(name))


def plain_text(markup: str) -> str:
    """An advert's HTML (entity-escaped, sometimes twice) as plain text, whitespace collapsed, at most DESCRIPTION_CHARS."""
    while (unescaped := html.unescape(markup)) != markup:
        markup = unescaped
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())[:DESCRIPTION_CHARS]


def extract_bases(repository_data: Path) -> None:
    """Write dedupe_dev_bases.csv from the JSON-LD records (fixtures, plus EXTRA_RECORDS from a checkout's data/).

    `practice` is the one active ODS practice at the advert's postcode, if there is exactly one: the
    name another board would print instead of an umbrella advertiser.
    """
    by_postcode: dict[str, list[str]] = defaultdict(list)
    with open(ODS, encoding="utf-8", newline="") as source:
        for row in csv.reader(source):
            if row[12] == "A" and row[25] == "4":
                by_postcode[row[9]].append(practice_name(row[1]))
    fixtures = sorted(FIXTURES.glob("*.json"))
    umbrella = [
        path
        for path in sorted(repository_data.glob("*.json"))
        if path.name not in {fixture.name for fixture in fixtures} and _umbrella_record(path)
    ]
    extra = set(EXTRA_RECORDS) | set(PRIMARY_CARE_RECORDS)
    paths = fixtures + sorted(set(umbrella) | {repository_data / f"{number}.json" for number in extra})
    with open(BASES, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerow(
            ("id", "title", "employer", "locality", "postcode", "salary", "closing", "posted", "practice", "description", "origin")
        )
        for path in paths:
            record = json.loads(path.read_text(encoding="utf-8"))
            address = record["jobLocation"]["address"]
            postcode = address.get("postalCode") or ""
            practices = by_postcode.get(postcode, [])
            origin = (
                "fixtures-real/nhs-jobs-legacy-jsonld"
                if path.parent == FIXTURES
                else "github.com/stochastictalk/nhs_jobs_data@6ad8e4f data"
            ) + f"/{path.name}"
            writer.writerow(
                (
                    path.stem,
                    html.unescape(record["title"]),
                    " ".join(html.unescape(record["hiringOrganization"]["name"]).split()),
                    html.unescape(address.get("addressLocality") or ""),
                    postcode,
                    html.unescape(record["baseSalary"]["value"]["value"]),
                    record["validThrough"][:10],
                    record["datePosted"][:10],
                    practices[0] if len(practices) == 1 else "",
                    plain_text(record.get("description") or ""),
                    origin,
                )
            )


#: Real records that are one vacancy advertised twice. 916247607 (Swansea Bay account) and 916238862
#: (Hywel Dda account), Advanced Clinical Practitioner at SA18 1EG, both say: "we have advertised both
#: on Hywel Dda & Swansea bay sites".
SAME_VACANCY = {"916247607": "916238862"}


def load_bases() -> list[dict]:
    with open(BASES, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def town_of(base: dict) -> str:
    """The advert's town as a person would write it ("Shap, Penrith, Cumbria CA10 3LW" -> Penrith)."""
    return parse_place(nhs_location(base["locality"], base["postcode"])).town or base["locality"].split(",")[-1].strip()


def nhs_location(locality: str, postcode: str) -> str:
    return f"{locality} {postcode}".strip()


def without_site(title: str, town: str) -> str:
    """The title without a trailing part naming its site (a practice, prison, service or the town); else as it is."""
    site = TITLE_SITE.search(title)
    if site and (SITE_WORDS.search(site.group()) or (town and town.lower() in site.group().lower())):
        return title[: site.start()]
    return title


def rewrite_title(title: str, town: str, board: Board, rng: random.Random) -> tuple[str, str]:
    sited = without_site(title, town)
    if sited and sited != title and board.name != "practice_site" and rng.random() < 0.6:
        return sited, "title-site-removed"
    if board.mirrors_reference and rng.random() < 0.5:
        return rng.choice(TITLE_ADDITIONS).format(title), "title-words-added"
    choice = rng.choice(("case", "abbreviation", "abbreviation", "gp", "town", "same", "words"))
    if choice == "case":
        return rng.choice((title.upper(), title.lower(), title.title())), "title-case"
    if choice == "abbreviation":
        for long, shorts in ABBREVIATIONS:
            if long.lower() in title.lower():
                at = title.lower().index(long.lower())
                return title[:at] + rng.choice(shorts) + title[at + len(long) :], "title-abbreviated"
        return title, "title-same"
    if choice == "gp":
        return rng.choice((f"GP {title}", f"{title} (GP Practice)", f"{title} - GP Surgery")), "title-gp"
    if choice == "town":
        return f"{title} - {town}", "title-town"
    if choice == "words":
        return rng.choice(TITLE_ADDITIONS).format(title), "title-words-added"
    return title, "title-same"


def rewrite_employer(base: dict, board: Board, rng: random.Random) -> tuple[str, str]:
    employer, locality = base["employer"], base["locality"]
    own = next((part.strip() for part in locality.split(",") if PRACTICE_WORDS.search(part)), "") or base["practice"]
    if rng.random() < board.hides_employer:
        return "", "employer-hidden"
    if UMBRELLA.search(employer):
        if own and rng.random() < 0.7:
            return own, "employer-practice-name"
        return rng.choice(("", employer)), "employer-unnamed"
    return rng.choice((employer, employer, f"{employer} Ltd", employer.upper())), "employer-restyled"


def rewrite_location(base: dict, county: str, board: Board, rng: random.Random) -> tuple[str, str]:
    town, postcode = town_of(base), base["postcode"]
    outward = postcode.split()[0] if postcode else ""
    if county and rng.random() < board.county_only:
        return county, "county-only"
    if board.name == "practice_site" and postcode:
        return f"{town} {postcode}", "postcode-full"
    options = [
        (f"{town}, {county}", "county-added-no-postcode"),
        (f"{town} {outward}", "postcode-to-outward"),
        (f"{town}, {county} {postcode}", "county-added"),
        (town, "town-only"),
    ]
    return rng.choice([option for option in options if county or "county" not in option[1]])


def rewrite_salary(text: str, board: Board, rng: random.Random) -> tuple[str, str]:
    salary = parse_salary(text)
    if salary.period != "annual" or salary.min is None:
        return rng.choice(((text, "salary-same"), ("Competitive", "salary-vague"), ("", "salary-left-out")))
    low, high = int(salary.min), int(salary.max)
    if rng.random() < board.rounds_salary:  # to the nearest thousand, as aggregators print it
        low_k, high_k = round(low / 1000), round(high / 1000)
        forms = (
            (f"£{low_k}k", f"£{low_k},000")
            if low == high
            else (f"£{low_k}k - £{high_k}k", f"£{low_k},000 - £{high_k},000", f"Up to £{high_k}k")
        )
        return rng.choice(forms), "salary-rounded"
    if low == high:
        forms = (f"£{low // 1000}k", f"£{low:,}.00 pa", f"{low}", f"£{low:,} per year")
    else:
        forms = (f"£{low // 1000}k-£{high // 1000}k", f"£{low:,} - £{high:,} pa", f"{low}-{high}", f"£{low:,} to £{high:,} per annum")
    return rng.choice(forms + ("",)), "salary-reformatted"


def rewrite_closing(closing: date, board: Board, rng: random.Random) -> tuple[str, str]:
    if rng.random() < board.drops_closing:
        return "", "closing-missing"
    if rng.random() < 0.15:
        closing -= timedelta(days=rng.choice((1, 2)))
        kind = "closing-earlier"
    else:
        kind = "closing-reformatted"
    day = closing.day
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    forms = (
        f"{day} {closing:%B %Y}",
        f"{closing:%d/%m/%Y}",
        f"{closing:%A} {day}{suffix} {closing:%B %Y}",
        f"{day} {closing:%b %y}",
        f"Closing date: {closing:%d.%m.%Y}",
    )
    return rng.choice(forms), kind


def rewrite_description(text: str, board: Board, rng: random.Random) -> tuple[str, str]:
    """The advert text as the board shows it: all of it, cut after about `text_chars` characters at a word
    (with or without an ellipsis), or none."""
    if not text or board.text_chars == 0:
        return "", "description-none"
    if board.text_chars is None or len(text) <= board.text_chars:
        return text, "description-full"
    cut = text[: rng.randint(board.text_chars * 2 // 3, board.text_chars)].rsplit(" ", 1)[0]
    return cut + rng.choice(("…", "...", "")), "description-cut"


class Builder:
    def __init__(self, practices: dict[str, list[tuple[str, str]]], rng: random.Random):
        self.practices, self.rng, self.rows = practices, rng, []
        self.used_postcodes: set[str] = set()
        self.bases: list[dict] = []
        self.posts: dict[str, set[str]] = {}  # titles advertised at each postcode

    def add(self, source: str, number: str, fields: dict, cluster: str, kind: str, origin: str) -> None:
        self.rows.append(
            {
                "id": number,
                "source": source,
                "url": f"https://example.invalid/{source}/{number}",
                **fields,
                "cluster": cluster,
                "kind": kind,
                "origin": origin,
            }
        )

    def advert(self, base: dict, cluster: str, kind: str, origin: str) -> None:
        """An NHS Jobs advert (its reference is its vacancy number), then 0-3 copies on other boards, some listed twice."""
        fields = {name: base[name] for name in ("title", "employer", "salary", "posted", "description")}
        fields.update(location=nhs_location(base["locality"], base["postcode"]), closing=base["closing"], reference=base["id"])
        self.add("nhs_jobs", base["id"], fields, cluster, kind, origin)
        closing, posted = date.fromisoformat(base["closing"]), date.fromisoformat(base["posted"])
        county = parse_place(base["postcode"] or town_of(base)).county
        for board in self.rng.sample(BOARDS, self.rng.choice((0, 1, 1, 2, 2, 3))):
            title, how_title = rewrite_title(base["title"], town_of(base), board, self.rng)
            employer, how_employer = rewrite_employer(base, board, self.rng)
            location, how_location = rewrite_location(base, county, board, self.rng)
            salary, how_salary = rewrite_salary(base["salary"], board, self.rng)
            closing_text, how_closing = rewrite_closing(closing, board, self.rng)
            description, how_description = rewrite_description(base["description"], board, self.rng)
            rewritten = {
                "title": title,
                "employer": employer,
                "location": location,
                "salary": salary,
                "closing": closing_text,
                "posted": (posted + timedelta(days=self.rng.randint(0, 4))).isoformat(),
                "description": description,
                "reference": base["id"] if board.mirrors_reference else "",
            }
            hows = [how_title, how_employer, how_location, how_salary, how_closing, how_description]
            how = "+".join(hows + (["reference-mirrored"] if board.mirrors_reference else []))
            number = f"{board.name[:3]}-{base['id']}"
            self.add(board.name, number, rewritten, cluster, f"rewrite:{how}", origin)
            if self.rng.random() < 0.15:
                self.add(board.name, f"{number}-again", rewritten, cluster, "repeat", origin)

    def other_practice(self, town: str, avoid: str, same_town: bool) -> tuple[str, str, str] | None:
        """A real practice (name, town, postcode) in `town`, or anywhere else when not same_town."""
        if same_town:
            choices = [
                (name, town, postcode)
                for name, postcode in self.practices.get(town, ())
                if postcode.replace(" ", "") != avoid.replace(" ", "")
            ]
        else:
            other = self.rng.choice(sorted(t for t in self.practices if t != town))
            choices = [(name, other, postcode) for name, postcode in self.practices[other]]
        choices = [choice for choice in choices if choice[2].replace(" ", "") not in self.used_postcodes]
        if not choices:
            return None
        practice = self.rng.choice(choices)
        self.used_postcodes.add(practice[2].replace(" ", ""))
        return practice

    def negatives(self, base: dict) -> None:
        town = town_of(base)
        closing, posted = date.fromisoformat(base["closing"]), date.fromisoformat(base["posted"])

        def near(day: date) -> str:
            return (day + timedelta(days=self.rng.randint(-3, 3))).isoformat()

        def variant(kind: str, **fields) -> None:
            negative = {
                **base,
                "id": f"{base['id']}-{''.join(word[0] for word in kind.split('-'))}",
                "closing": near(closing),
                "posted": near(posted),
                **fields,
            }
            self.advert(negative, f"{base['id']}~{kind}", f"negative:{kind}" if kind != "repost" else "repost", base["origin"])

        umbrella = bool(UMBRELLA.search(base["employer"]))
        if umbrella and self.rng.random() < 0.6 and (practice := self.other_practice(town, base["postcode"], False)):
            variant(
                "umbrella-other-town",
                locality=practice[1],
                postcode=practice[2],
                practice=practice[0],
                description="",
            )
        if self.rng.random() < 0.5 and (practice := self.other_practice(town, base["postcode"], True)):
            name, _, postcode = practice
            locality = f"{name}, {town}" if umbrella else town
            variant(
                "other-practice-same-town",
                employer=base["employer"] if umbrella else name,
                locality=locality,
                postcode=postcode,
                practice=name,
                description="",
            )
        if not umbrella and self.rng.random() < 0.6 and (practice := self.other_practice(town, base["postcode"], False)):
            # one provider's template advert for another of its sites: the same text, the town swapped
            text = base["description"].replace(town, practice[1]) if town else base["description"]
            variant("other-branch-same-salary", locality=practice[1], postcode=practice[2], description=text)
        if "Practice Manager" in base["title"] and "Assistant" not in base["title"] and self.rng.random() < 0.3:
            variant("other-seniority", title=f"Assistant {base['title']}", closing=base["closing"], description="")
        if base["id"] in PRIMARY_CARE_RECORDS and self.rng.random() < 0.5:
            # another post at the same practice at the same time, its advert the practice's template with the title swapped
            posts = self.posts.setdefault(
                base["postcode"], {without_site(b["title"], town_of(b)).lower() for b in self.bases if b["postcode"] == base["postcode"]}
            )
            role_words = {word for word in re.findall(r"[a-z]{5,}", base["title"].lower())}
            other = self.rng.choice(
                [
                    b
                    for b in self.bases
                    if b["id"] in PRIMARY_CARE_RECORDS
                    and without_site(b["title"], town_of(b)).lower() not in posts
                    and not role_words & set(re.findall(r"[a-z]{5,}", b["title"].lower()))  # another role, not another site's
                ]
            )
            title = without_site(other["title"], town_of(other))
            posts.add(title.lower())  # one post of each title at a practice
            text = re.sub(re.escape(without_site(base["title"], town)), title, base["description"], flags=re.I)
            variant("other-role-same-practice", title=title, salary=other["salary"], description=text)
        if self.rng.random() < 0.3:
            later = timedelta(days=self.rng.randint(60, 110))
            variant("repost", closing=(closing + later).isoformat(), posted=(posted + later).isoformat())


def build() -> list[dict]:
    rng = random.Random(SEED)
    builder = Builder(load_practices(), rng)
    seen: dict[tuple, int] = {}
    for number, (title, location, salary, closing) in enumerate(FPM_SEED, start=1):
        cluster = seen.setdefault((title, location), number)
        builder.add(
            "fpm",
            f"seed-{number}",
            {
                "title": title,
                "employer": "",
                "location": location,
                "salary": salary,
                "closing": closing,
                "posted": "2020-09-14",
                "description": "",
                "reference": "",
            },
            f"fpm-{cluster}",
            "fpm-seed",
            "seeds/003_403b1eb5cbbbe911.txt",
        )
    bases = builder.bases = load_bases()
    builder.used_postcodes.update(base["postcode"].replace(" ", "") for base in bases)
    for base in bases:
        builder.advert(base, SAME_VACANCY.get(base["id"], base["id"]), "original", base["origin"])
        if base["id"] not in SAME_VACANCY:  # one vacancy's look-alikes are made once
            builder.negatives(base)
    return builder.rows


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--bases":
        extract_bases(Path(sys.argv[2]))
    rows = build()
    with open(OUTPUT, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows, {len({row['cluster'] for row in rows})} clusters -> {OUTPUT}")


if __name__ == "__main__":
    main()
