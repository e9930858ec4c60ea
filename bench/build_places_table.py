"""Derive pipeline/data/places.json.gz from GeoNames GB postal codes (and ODS practice addresses).

Usage: python bench/build_places_table.py [GEONAMES_TXT] [EPRACCUR_CSV]
Defaults to ../shared/data/ beside the project. The table has four sections:
  outward:  outward code -> [main town, its county, nation, lat, lon] (centroid = mean of its rows)
  places:   place key -> [[name, county, nation, lat, lon], ...] one per county it occurs in,
            the county with most of its rows first
  counties: county key -> [county, nation, lat, lon, [member counties]] (aliases included)
  areas:    postcode areas ("CV", "B", ...) used to validate postcodes
GeoNames has no post towns, so an outward code's main town is the town most often written in the
addresses of its GP practices (NHS ODS epraccur), else the most widespread of its place names.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from statistics import fmean

from pipeline.places import distance_km, place_key

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUTPUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "places.json.gz"

# GeoNames county labels that are truncated or odd, and what they cover.
RENAMES = {
    "West Dunbart": "West Dunbartonshire",
    "Belfast Greater": "Belfast",
    "County of Bristol": "City of Bristol",
    "Dunbartonshire": "Glasgow City",  # its rows are all Glasgow G postcodes
    "Hereford and Worcester": "Herefordshire",
    "Orkney": "Orkney Islands",
    "Inverness": "Highland",
    "Isle of Barra": "Western Isles",
    "Jersey Channel Islands": "Jersey",
    "Guernsey Channel Islands": "Guernsey",
}
# Names adverts use for areas GeoNames labels differently: alias -> member counties.
# The first member gives the alias its nation and centroid.
ALIASES = {
    "London": ["Greater London"],
    "Middlesex": ["Greater London", "Surrey"],
    "County Durham": ["Durham"],
    "Bristol": ["City of Bristol"],
    "Avon": ["City of Bristol", "Somerset", "Gloucestershire"],
    "Cleveland": ["Durham", "North Yorkshire"],
    "Humberside": ["East Riding of Yorkshire", "Lincolnshire"],
    "North Humberside": ["East Riding of Yorkshire"],
    "South Humberside": ["Lincolnshire"],
    "East Yorkshire": ["East Riding of Yorkshire"],
    "Yorkshire": ["North Yorkshire", "West Yorkshire", "South Yorkshire", "East Riding of Yorkshire"],
    "Cumberland": ["Cumbria"],
    "Westmorland": ["Cumbria"],
    "Westmorland and Furness": ["Cumbria"],
    "Gwent": ["Monmouthshire", "Newport", "Torfaen", "Blaenau Gwent", "Caerphilly"],
    "Glamorgan": ["Cardiff", "Vale of Glamorgan", "Rhondda Cynon Taff", "Bridgend", "Swansea"],
    "South Glamorgan": ["Cardiff", "Vale of Glamorgan"],
    "Mid Glamorgan": ["Rhondda Cynon Taff", "Bridgend", "Merthyr Tydfil", "Caerphilly"],
    "West Glamorgan": ["Swansea", "Neath Port Talbot"],
    "Clwyd": ["Flintshire", "Denbighshire", "Wrexham", "Conwy"],
    "Dyfed": ["Carmarthenshire", "Pembrokeshire", "Ceredigion"],
    "Anglesey": ["Isle of Anglesey"],
    "Lanarkshire": ["South Lanarkshire", "North Lanarkshire", "Glasgow City"],
    "Ayrshire": ["South Ayrshire", "East Ayrshire", "North Ayrshire"],
    "Edinburgh": ["City of Edinburgh"],
    "Glasgow": ["Glasgow City"],
    "Aberdeen": ["Aberdeen City"],
    "Dundee": ["Dundee City"],
    "Lothian": ["City of Edinburgh", "East Lothian", "Midlothian", "West Lothian"],
    "Hereford and Worcester": ["Herefordshire", "Worcestershire"],
    "Herefordshire and Worcestershire": ["Herefordshire", "Worcestershire"],
    "Antrim": ["County Antrim"],
    "Armagh": ["County Armagh"],
    "Down": ["County Down"],
    "Fermanagh": ["County Fermanagh"],
    "Londonderry": ["County Londonderry"],
    "Derry": ["County Londonderry"],
    "Tyrone": ["County Tyrone"],
    "Shetland": ["Shetland Islands"],
    "Orkney": ["Orkney Islands"],
    "Outer Hebrides": ["Western Isles"],
    "Na h-Eileanan Siar": ["Western Isles"],
    # common written abbreviations
    "Beds": ["Bedfordshire"],
    "Berks": ["Berkshire"],
    "Bucks": ["Buckinghamshire"],
    "Cambs": ["Cambridgeshire"],
    "Derbys": ["Derbyshire"],
    "Glos": ["Gloucestershire"],
    "Hants": ["Hampshire"],
    "Herts": ["Hertfordshire"],
    "Lancs": ["Lancashire"],
    "Leics": ["Leicestershire"],
    "Lincs": ["Lincolnshire"],
    "Northants": ["Northamptonshire"],
    "Notts": ["Nottinghamshire"],
    "Oxon": ["Oxfordshire"],
    "Staffs": ["Staffordshire"],
    "Warks": ["Warwickshire"],
    "Wilts": ["Wiltshire"],
    "Worcs": ["Worcestershire"],
    "N Yorks": ["North Yorkshire"],
    "W Yorks": ["West Yorkshire"],
    "S Yorks": ["South Yorkshire"],
    "E Sussex": ["East Sussex"],
    "W Sussex": ["West Sussex"],
    "W Midlands": ["West Midlands"],
}
NEAR_KM = 20.0
# Places commonly written without their river or coast: "Newark" (-on-Trent), "Southend" (-on-Sea).
SHORT_NAME = re.compile(r"^(.{4,}?) (?:upon|on|under|super|by) ")


def read_geonames(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for r in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            county = r[5] or r[7].split(" - ")[-1]  # a district "Caerdydd - Cardiff" when no county
            rows.append(
                {
                    "outward": r[1],
                    "name": r[2],
                    "nation": r[3],
                    "county": RENAMES.get(county, county),
                    "pos": (float(r[9]), float(r[10])),
                    "accuracy": int(r[11] or 0),
                }
            )
    labelled = [r for r in rows if r["county"]]
    for row in rows:  # 91 rows lack a county: take the nearest labelled row's in the same area
        if not row["county"]:
            same_area = [r for r in labelled if postcode_area(r["outward"]) == postcode_area(row["outward"])]
            nearest = min(same_area or labelled, key=lambda o: distance_km(*o["pos"], *row["pos"]))
            row["county"] = nearest["county"]
    # A county lies in one nation; GeoNames labels some border rows with the neighbour's
    # (21 of 43 Monmouthshire rows say England).
    nations = defaultdict(Counter)
    for row in rows:
        nations[row["county"]][row["nation"]] += 1
    for row in rows:
        row["nation"] = nations[row["county"]].most_common(1)[0][0]
    return rows


def postcode_area(outward: str) -> str:
    return re.match(r"[A-Z]+", outward).group()


def centroid(rows: list[dict]) -> tuple[float, float]:
    return round(fmean(r["pos"][0] for r in rows), 4), round(fmean(r["pos"][1] for r in rows), 4)


def most_common(values) -> str:
    return Counter(values).most_common(1)[0][0]


def practice_town_votes(path: Path, place_keys: set[str], county_keys: set[str]) -> dict[str, Counter]:
    """Per outward code, how often each known place name is the last town line of a practice address."""
    votes: dict[str, Counter] = defaultdict(Counter)
    with path.open(encoding="latin-1") as handle:
        for r in csv.reader(handle):
            outward = r[9].split(" ")[0]
            parts = [p for line in r[4:9] for p in line.split(",")]
            for part in reversed(parts):
                key = place_key(part)
                if key in place_keys and key not in county_keys:
                    votes[outward][key] += 1
                    break
    return votes


def place_candidates(rows: list[dict]) -> dict[str, list]:
    """Place key -> one [name, county, nation, lat, lon] per county, the county with most rows first."""
    by_place: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_place[place_key(row["name"])][row["county"]].append(row)
    places = {
        key: [
            [most_common(r["name"] for r in group), county, most_common(r["nation"] for r in group), *centroid(group)]
            for county, group in sorted(groups.items(), key=lambda g: -len(g[1]))
        ]
        for key, groups in by_place.items()
    }
    for key, candidates in list(places.items()):  # "Newark" for Newark-on-Trent
        short = SHORT_NAME.match(key)
        if short:
            places.setdefault(short.group(1), []).extend(candidates)
    return places


def county_entries(rows: list[dict]) -> dict[str, list]:
    """County key -> [name, nation, lat, lon, member counties], with ALIASES and "Co." forms."""
    by_county: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_county[row["county"]].append(row)
    counties = {
        place_key(county): [county, most_common(r["nation"] for r in group), *centroid(group), [county]]
        for county, group in by_county.items()
    }
    for alias, members in ALIASES.items():
        first = counties[place_key(members[0])]
        name = members[0] if len(members) == 1 else alias
        counties.setdefault(place_key(alias), [name, first[1], first[2], first[3], members])
    for key, entry in list(counties.items()):
        if key.startswith("county "):
            counties.setdefault("co " + key[len("county ") :], entry)
    return counties


def main_town(code: str, group: list[dict], votes: Counter, places: dict, spread: Counter) -> list:
    """[town, county, nation] of a district: the town its GP practices write in their addresses,
    else its most widespread place name; the town's county, not the district's majority, so that
    DA1 (rows Crayford, London, and Dartford, Kent) is Dartford, Kent."""
    middle = centroid(group)
    for key, _count in votes.most_common():
        near = [c for c in places[key] if distance_km(*c[3:5], *middle) <= NEAR_KM]
        if near:
            return near[0][:3]
    best = max(group, key=lambda r: (spread[(postcode_area(code), place_key(r["name"]))], r["accuracy"], -distance_km(*r["pos"], *middle)))
    return [best["name"], best["county"], best["nation"]]


def build(geonames: Path, epraccur: Path) -> dict:
    rows = read_geonames(geonames)
    places = place_candidates(rows)
    counties = county_entries(rows)
    votes = practice_town_votes(epraccur, set(places), set(counties))
    spread = Counter((postcode_area(r["outward"]), place_key(r["name"])) for r in rows)
    by_outward: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_outward[row["outward"]].append(row)
    outward = {code: [*main_town(code, group, votes[code], places, spread), *centroid(group)] for code, group in sorted(by_outward.items())}
    areas = sorted({postcode_area(code) for code in outward})
    return {"outward": outward, "places": places, "counties": counties, "areas": areas}


def main(argv: list[str]) -> None:
    geonames = Path(argv[0]) if argv else SHARED / "geonames-postal-GB.txt"
    epraccur = Path(argv[1]) if len(argv) > 1 else SHARED / "nhs-ods-epraccur-2019-12.csv"
    table = build(geonames, epraccur)
    OUTPUT.parent.mkdir(exist_ok=True)
    payload = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    OUTPUT.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))
    sizes = {k: len(v) for k, v in table.items()}
    print(f"{OUTPUT}: {OUTPUT.stat().st_size:,} bytes, {sizes}")


if __name__ == "__main__":
    main(sys.argv[1:])
