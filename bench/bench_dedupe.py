"""Dedupe speed, memory and quality at 10k, 100k and 1M synthetic listings of real practices.

Run from the repository root: `python -m bench.bench_dedupe [--sizes 10000,100000,1000000] [--no-splink]`.
Each size runs in its own process, so its peak memory (ru_maxrss) is its own: the listings held in
memory plus dedupe. Listings are built from real GP practices (the NHS ODS list in
pipeline/data/practices.json.gz: real names, postcodes and towns, counties and coordinates from
pipeline/places.py) and are already normalised as they sit in the database; each listing's ODS code is
resolved from what the listing shows (pipeline.practices), never copied from the generator. A vacancy
is listed 1-5 times the way boards rewrite adverts (abbreviated titles, the practice's name added to
the title or prefixed with the partners, umbrella advertisers, postcode cut to the district or the
town, salary or closing date missing or a day off; its advert text, an opening naming the post,
practice and town followed by a real NHS Jobs advert's text, shown whole, cut short or not at all);
look-alikes (same title and town, another practice, same weeks) and re-adverts (60-110 days later,
same text) are separate vacancies. History grows with size (10k listings span about a year), as it does
for a database that keeps every listing.

With the optional `[bench]` extra installed, splink (unsupervised: u from random sampling, m by EM
with two blocking rules) is run on the same 10k and 100k listings and shown beside pmjobs.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files

from bench.accuracy import DEDUPE_DEV
from bench.report import write_section
from dedupe.blocking import MAX_DAYS_APART
from dedupe.evaluate import pairwise_scores
from dedupe.keys import ROLE_FAMILIES
from dedupe.run import deduplicate
from pipeline.places import Place, parse_place
from pipeline.practices import Resolution, named_practices, resolve_practice

SIZES = (10_000, 100_000, 1_000_000)
SPLINK_SIZES = (10_000, 100_000)
SEED = 11
#: pmjobs once more on the same listings without their advert texts.
TEXTLESS = "pmjobs without texts"
START = date(2020, 1, 1)
UMBRELLA = "Central Advertising - General Practitioners"
ROLES = {  # role: (weight, titles as the first board writes them)
    "practice_manager": (45, ("Practice Manager", "GP Practice Manager", "Senior Practice Manager")),
    "assistant_or_deputy_practice_manager": (20, ("Assistant Practice Manager", "Deputy Practice Manager")),
    "practice_business_manager": (10, ("Practice Business Manager",)),
    "operations_manager_primary_care": (8, ("Operations Manager",)),
    "pcn_manager": (10, ("PCN Manager", "Primary Care Network Manager")),
    "other_primary_care_management": (7, ("Reception Manager", "Patient Services Manager")),
}
ABBREVIATIONS = (
    ("Practice Manager", "Pract. Mgr"),
    ("Primary Care Network", "PCN"),
    ("Assistant", "Asst"),
    ("Operations", "Ops"),
    ("Manager", "Mgr"),
)
PARTNERS = ("Dr Patel & Partners", "Dr Smith and Partners", "Drs Khan, Jones & Ahmed", "The Partners")
#: How an advert's own text opens (the rest is a real NHS Jobs advert's text).
OPENINGS = (
    "{practice} is seeking an experienced {title} to join our team in {town}.",
    "An exciting opportunity has arisen for a {title} at {practice}, {town}.",
    "We are looking for a {title} to lead the team at {practice} in {town}.",
)
#: How another board shows the advert's text: whole, cut short (aggregators), or not at all.
TEXT_SHOWN = (("whole", 50), ("cut", 30), ("none", 20))
LISTINGS_PER_VACANCY = ((1, 35), (2, 30), (3, 20), (4, 10), (5, 5))
SAME_POST_GAP_DAYS = 120


@dataclass(frozen=True)
class RealPractice:
    name: str
    postcode: str
    outward_code: str
    town: str
    county: str
    latitude: float
    longitude: float


def real_practices() -> list[RealPractice]:
    """Every ODS practice whose postcode pipeline.places locates, with its own town."""
    table = json.loads(gzip.decompress(files("pipeline").joinpath("data/practices.json.gz").read_bytes()))
    practices = []
    for _code, name, postcode, town in table["practices"]:
        place = parse_place(postcode)
        if place.latitude is not None and place.county:
            practices.append(RealPractice(name, postcode, place.outward_code, town, place.county, place.latitude, place.longitude))
    return practices


def advert_texts() -> list[str]:
    """The distinct real NHS Jobs advert texts of the development set (tests/data/dedupe_dev.csv)."""
    with open(DEDUPE_DEV, newline="", encoding="utf-8") as file:
        return sorted({row["description"] for row in csv.DictReader(file) if row["source"] == "nhs_jobs" and row["description"]})


class Synthesiser:
    def __init__(self, rng: random.Random, practices: list[RealPractice], text_rng: random.Random):
        self.rng, self.practices = rng, practices
        self.text_rng, self.texts = text_rng, advert_texts()  # a second stream, so the other fields do not depend on the texts
        self.by_town: dict[str, list[RealPractice]] = {}
        for practice in practices:
            self.by_town.setdefault(practice.town, []).append(practice)
        self.rows: list[dict] = []
        self.labels: list[str] = []
        self._places: dict[str, Place] = {}
        self._practices: dict[tuple[str, str, str], Resolution] = {}

    def place(self, location: str) -> Place:
        """parse_place, once per distinct location line (a practice's few ways of writing it recur)."""
        if location not in self._places:
            self._places[location] = parse_place(location)
        return self._places[location]

    def resolved(self, employer: str, title: str, location: str) -> Resolution:
        """The ODS practice the listing shows (pipeline.practices), once per distinct (employer, title, location)."""
        key = (employer, title, location)
        if key not in self._practices:
            self._practices[key] = resolve_practice(employer, tuple(named_practices(title, location)), None, self.place(location))
        return self._practices[key]

    def neighbour(self, practice: RealPractice) -> RealPractice:
        """Another practice in the same town (any practice if the town has only one)."""
        others = [p for p in self.by_town[practice.town] if p is not practice]
        return self.rng.choice(others or self.practices)

    def rewritten_title(self, title: str, practice: RealPractice) -> str:
        """The title as another board writes it: capitals, an abbreviation, the setting, the town or the practice added."""
        how = self.rng.choice(("upper", "abbreviate", "setting", "town", "practice", "same"))
        if how == "upper":
            return title.upper()
        if how == "abbreviate":
            return next((title.replace(long, short, 1) for long, short in ABBREVIATIONS if long in title), title)
        return {
            "setting": f"{title} (GP Practice)",
            "town": f"{title} - {practice.town}",
            "practice": f"{title} - {practice.name}",
            "same": title,
        }[how]

    def advert_text(self, practice: RealPractice, title: str) -> str:
        """A vacancy's own advert: an opening naming the post, practice and town, then a real advert's text."""
        opening = self.text_rng.choice(OPENINGS).format(title=title, practice=practice.name, town=practice.town)
        return f"{opening} {self.text_rng.choice(self.texts)}"

    def shown_text(self, text: str, first: bool) -> str:
        how = "whole" if first else self.text_rng.choices([k for k, _ in TEXT_SHOWN], [w for _, w in TEXT_SHOWN])[0]
        if how == "cut":
            return text[: self.text_rng.randint(150, 300)].rsplit(" ", 1)[0] + "…"
        return text if how == "whole" else ""

    def employer(self, practice: RealPractice, umbrella: bool, first: bool) -> str:
        if first:
            return UMBRELLA if umbrella else practice.name
        how = self.rng.choice(("name", "name", "partners", "town", "umbrella", "blank"))
        return {
            "name": practice.name,
            "partners": f"{self.rng.choice(PARTNERS)}, {practice.name}",
            "town": f"{practice.name} ({practice.town})",
            "umbrella": UMBRELLA if umbrella else practice.name,
            "blank": "",
        }[how]

    def vacancy(
        self, label: str, practice: RealPractice, role: str, title: str, closing: date, umbrella: bool, text: str | None = None
    ) -> str:
        """One vacancy's listings: the first as NHS Jobs shows it, the rest rewritten by other boards; returns its
        advert text (a re-advert reuses it)."""
        rng = self.rng
        salary_min = rng.randrange(24_000, 56_000, 500) if rng.random() < 0.6 else None
        salary_max = salary_min + rng.choice((0, 5_000, 10_000)) if salary_min else None
        count = rng.choices([k for k, _ in LISTINGS_PER_VACANCY], [w for _, w in LISTINGS_PER_VACANCY])[0]
        text = text or self.advert_text(practice, title)
        for number in range(count):
            first = number == 0
            precision = "postcode" if first else rng.choices(("postcode", "outward", "town", "county"), (30, 30, 33, 7))[0]
            location = {
                "postcode": f"{practice.town} {practice.postcode}",
                "outward": f"{practice.town} {practice.outward_code}",
                "town": f"{practice.town}, {practice.county}",
                "county": practice.county,
            }[precision]
            employer = self.employer(practice, umbrella, first)
            shown_title = title if first else self.rewritten_title(title, practice)
            salary_known = salary_min is not None and (first or rng.random() < 0.7)
            shown_closing = (
                closing if first or rng.random() < 0.8 else (closing - timedelta(days=rng.choice((1, 2))) if rng.random() < 0.5 else None)
            )
            place, found = self.place(location), self.resolved(employer, shown_title, location)
            self.rows.append(
                {
                    "listing_id": f"{'nhs_jobs' if first else rng.choice(('bmj', 'indeed', 'practice_index', 'agency'))}:{len(self.rows)}",
                    "title": shown_title,
                    "employer": employer,
                    "location": location,
                    "salary_text": f"£{salary_min:,} - £{salary_max:,}" if salary_known else "Competitive",
                    "description": self.shown_text(text, first),
                    "role": role,
                    "postcode": place.postcode,
                    "outward_code": place.outward_code,
                    "town": place.town,
                    "county": place.county,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "salary_annual_fte_min": salary_min if salary_known else None,
                    "salary_annual_fte_max": salary_max if salary_known else None,
                    "closing_date": shown_closing.isoformat() if shown_closing else None,
                    "posted_date": (closing - timedelta(days=28)).isoformat(),
                    "ods_code": found.practice.ods_code,
                    "practice_name": found.practice.name,
                    "ods_evidence": found.evidence,
                }
            )
            self.labels.append(label)
        return text


def synthetic_listings(size: int, seed: int = SEED) -> tuple[list[dict], list[str]]:
    """About `size` listings of real practices and the vacancy each belongs to, in posting order."""
    rng = random.Random(seed)
    synth = Synthesiser(rng, real_practices(), random.Random(seed + 1))
    span_days = max(60, round(365 * size / 10_000))
    roles, weights = list(ROLES), [ROLES[role][0] for role in ROLES]
    vacancies = 0
    last_advert: dict[tuple[str, str], date] = {}
    while len(synth.rows) < size:
        role = rng.choices(roles, weights)[0]
        practice, title = rng.choice(synth.practices), rng.choice(ROLES[role][1])
        closing, umbrella = START + timedelta(days=rng.randrange(span_days)), rng.random() < 0.35
        previous = last_advert.get((practice.postcode, role))
        if previous and abs((closing - previous).days) < SAME_POST_GAP_DAYS:
            continue  # a practice does not advertise a second post of one role within weeks of the first
        last_advert[(practice.postcode, role)] = closing
        label = f"v{vacancies}"
        vacancies += 1
        text = synth.vacancy(label, practice, role, title, closing, umbrella)
        if rng.random() < 0.08:  # re-advertised after the first closed, with the same text: a new vacancy
            synth.vacancy(f"{label}-repost", practice, role, title, closing + timedelta(days=rng.randint(60, 110)), umbrella, text)
        if rng.random() < 0.10:  # look-alike: same title and town, another practice, same weeks
            synth.vacancy(
                f"{label}-lookalike", synth.neighbour(practice), role, title, closing + timedelta(days=rng.randint(-3, 3)), umbrella
            )
    order = sorted(range(len(synth.rows)), key=lambda i: synth.rows[i]["posted_date"])
    return [synth.rows[i] for i in order][:size], [synth.labels[i] for i in order][:size]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_pmjobs(rows: list[dict], labels: list[str]) -> dict:
    before = _peak_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    result = deduplicate(rows)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    scores = pairwise_scores(labels, result.clusters.vacancy_ids)
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": _peak_mb(),
        "data_mb": before,
        "pairs": len(result.pairs),
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
    }


def measure_splink(rows: list[dict], labels: list[str]) -> dict:
    """splink 5, unsupervised, DuckDB backend, on the same normalised fields (ODS code too). Predictions are
    blocked in pmjobs' spirit: one role family at one ODS practice, postcode district or town, no more than
    MAX_DAYS_APART days apart (splink has no per-listing window, so its blocks are compared in full).
    Its own estimates: the prior from a deterministic rule, u by random sampling, m by EM; match
    probability 0.5; clusters by connected components (splink's own)."""
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import Linker, SettingsCreator, block_on
    from splink.blocking_rule_library import CustomRule
    from splink.internals.duckdb.database_api import DuckDBAPI

    def day(row: dict) -> int:
        return date.fromisoformat(row["closing_date"] or row["posted_date"]).toordinal()

    table = pa.Table.from_pylist(
        [
            {
                "unique_id": i,
                "title": r["title"].lower(),
                "employer": (r["employer"] or "").lower() or None,
                "outward_code": r["outward_code"] or None,
                "town": r["town"] or None,
                "role": r["role"],
                "family": ROLE_FAMILIES[r["role"]],
                "ods_code": r["ods_code"] or None,
                "salary": r["salary_annual_fte_min"],
                "closing_date": r["closing_date"],
                "day": day(r),
            }
            for i, r in enumerate(rows)
        ]
    )
    blocks = [
        CustomRule(f"l.{key} = r.{key} and l.family = r.family and abs(l.day - r.day) <= {MAX_DAYS_APART}")
        for key in ("ods_code", "outward_code", "town")
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("title", [0.95, 0.85]),
            cl.JaroWinklerAtThresholds("employer", [0.95, 0.85]).configure(term_frequency_adjustments=True),
            cl.ExactMatch("ods_code"),
            cl.ExactMatch("outward_code"),
            cl.ExactMatch("town").configure(term_frequency_adjustments=True),
            cl.ExactMatch("salary"),
            cl.AbsoluteDateDifferenceAtThresholds(
                "closing_date", input_is_string=True, metrics=["day", "day", "day", "day"], thresholds=[0, 3, 14, 45]
            ),
        ],
        blocking_rules_to_generate_predictions=blocks,
    )
    before = _peak_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(table), settings)
    linker.training.estimate_probability_two_random_records_match([block_on("outward_code", "title", "closing_date")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("outward_code", "role"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("title", "closing_date"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.5).as_dict()
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    cluster_of = dict(zip(clusters["unique_id"], clusters["cluster_id"]))
    scores = pairwise_scores(labels, [cluster_of.get(i, f"single-{i}") for i in range(len(rows))])
    return {
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": _peak_mb(),
        "data_mb": before,
        "pairs": None,
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
    }


def run_one(size: int, tool: str) -> dict:
    """Generate one size and measure one tool on it, in this process (TEXTLESS: pmjobs on the listings with
    their advert texts removed, as boards that show none, and as this benchmark was before it had texts)."""
    rows, labels = synthetic_listings(size)
    if tool == TEXTLESS:
        for row in rows:
            row["description"] = ""
    return (measure_splink if tool == "splink" else measure_pmjobs)(rows, labels)


def in_child(size: int, tool: str) -> dict | None:
    """run_one in a fresh process, so that its peak memory is its own; None if the tool is not installed."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_dedupe", "--child", f"{tool}:{size}"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"{tool} {size} failed", file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _quality(r: dict) -> str:
    return f"{r['precision']:.4f} / {r['recall']:.4f} / {r['f1']:.4f}"


def side_by_side(results: dict[tuple[str, int], dict]) -> list[str]:
    """Markdown rows: at each size both tools ran on, pmjobs beside splink."""
    lines = []
    for size in sorted({size for _, size in results}):
        ours, theirs = results.get(("pmjobs", size)), results.get(("splink", size))
        if ours and theirs:
            lines.append(
                f"| {size:,} | {ours['seconds']:.2f} | {theirs['seconds']:.2f} | {ours['peak_mb']:,.0f} | {theirs['peak_mb']:,.0f} | "
                f"{_quality(ours)} | {_quality(theirs)} |"
            )
    return lines


def targets(results: dict[tuple[str, int], dict]) -> list[str]:
    """Issue 15's scale targets, each with the measured figure and whether it is met, for pmjobs with and without texts."""
    return [line for tool in ("pmjobs", TEXTLESS) for line in _targets_of(tool, {s: r for (t, s), r in results.items() if t == tool})]


def _targets_of(tool: str, ours: dict[int, dict]) -> list[str]:
    lines = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    if 1_000_000 in ours:
        big = ours[1_000_000]
        lines.append(f"{tool}: 1M listings in {big['seconds']:.1f} s (target under 60 s): {verdict(big['seconds'] < 60)}")
        lines.append(f"{tool}: 1M listings peak {big['peak_mb']:,.0f} MB (target under 4,096 MB): {verdict(big['peak_mb'] < 4096)}")
        if 100_000 in ours:
            ratio = big["seconds"] / ours[100_000]["seconds"]
            lines.append(f"{tool}: time(1M) / time(100k) = {ratio:.1f} (10x the listings; target at most 12): {verdict(ratio <= 12)}")
        if 10_000 in ours:
            drop = ours[10_000]["f1"] - big["f1"]
            lines.append(f"{tool}: F1(10k) - F1(1M) = {drop:+.4f} (target at most 0.02): {verdict(drop <= 0.02)}")
    if 10_000 in ours and 100_000 in ours:
        lines.append(f"{tool}: time(100k) / time(10k) = {ours[100_000]['seconds'] / ours[10_000]['seconds']:.1f}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        tool, size = args.child.split(":")
        print(json.dumps(run_one(int(size), tool)))
        return
    cores, load_before = len(os.sched_getaffinity(0)), os.getloadavg()[0]
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[tuple[str, int], dict] = {}
    for size in sizes:
        for tool in ("pmjobs", TEXTLESS, *(() if args.no_splink or size not in SPLINK_SIZES else ("splink",))):
            found = in_child(size, tool)
            if found:
                results[(tool, size)] = found
                print(
                    f"{tool:20} {size:>9,} listings: {found['seconds']:7.2f} s  peak {found['peak_mb']:7.0f} MB  "
                    f"P {found['precision']:.4f}  R {found['recall']:.4f}  F1 {found['f1']:.4f}",
                    flush=True,
                )
    load = os.getloadavg()[0]
    rows = "\n".join(
        f"| {tool} | {size:,} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['peak_mb']:,.0f} | {r['data_mb']:,.0f} | "
        f"{format(r['pairs'], ',') if r['pairs'] else '—'} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} |"
        for (tool, size), r in sorted(results.items(), key=lambda item: (item[0][1], item[0][0]))
    )
    paired = "\n".join(side_by_side(results))
    notes = "\n".join(f"- {line}" for line in targets(results))
    print("\n".join(targets(results)))
    write_section(
        "dedupe",
        f"""## Dedupe (`bench/bench_dedupe.py`)

Synthetic listings of real GP practices (NHS ODS names with their own postcodes and towns; board-style
rewrites; look-alikes at another practice of the same town and re-adverts as separate vacancies;
advert texts that open with the post, practice and town, two in three in a phrase many adverts share
such as "An exciting opportunity has arisen for a ...", then a real NHS Jobs advert's text, shown
whole, cut short or not at all), already normalised, ODS codes resolved from what each listing
shows. "pmjobs without texts" is the same listings with the texts removed. 10k listings span a year and
the history grows with the size (1M span a century), so the listings per day stay those of a real
feed. Time is dedupe alone (keys, blocking, comparisons, EM, weights, clustering) on {cores} cores
shared with other work (1-minute load average {load_before:.1f} at the start, {load:.1f} at the end), one run per size, each in its own
process; peak is that process's maximum resident memory, data its resident memory before dedupe
started (the listings themselves). splink runs on the same listings in the same run.

| tool | listings | seconds | CPU seconds | peak MB | data MB | pairs scored | precision | recall | F1 |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

Side by side (precision / recall / F1):

| listings | pmjobs s | splink s | pmjobs peak MB | splink peak MB | pmjobs | splink |
|---|---:|---:|---:|---:|---:|---:|
{paired}

{notes}
- splink 5 (DuckDB), unsupervised and untuned, configured here: Jaro-Winkler title and employer,
  exact ODS code, district, town and salary, closing-date difference (0, 3, 14, 45 days); predictions
  blocked as pmjobs blocks (one role family at one ODS practice, postcode district or town, no more
  than 150 days apart; splink compares each block in full where pmjobs compares each listing with
  its 12 nearest in time); prior from a deterministic rule, u by random sampling, m by EM, match
  probability 0.5, connected components. Read it as a baseline, not as splink at its best.
""",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
