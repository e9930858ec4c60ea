"""Derive pipeline/data/practices.json.gz from the NHS ODS list of GP practices (epraccur).

Usage: python bench/build_practices_table.py [EPRACCUR_CSV]
Defaults to ../shared/data/nhs-ods-epraccur-2019-12.csv beside the project. Keeps the active GP
practices (status A, prescribing setting 4) as [ODS code, name, postcode, town]: the name in title
case as a reader expects it ("St Andrew's Surgery"), the town as pipeline.places reads the address.
The output is deterministic (sorted by code).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

from pipeline.places import parse_place

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
OUTPUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "practices.json.gz"
ACTIVE, GP_PRACTICE = "A", "4"


def display_name(name: str) -> str:
    """ "ST ANDREW'S SURGERY" -> "St Andrew's Surgery" (str.title would write "Andrew'S")."""
    return " ".join(word.capitalize() for word in name.split())


def read_practices(path: Path) -> list[list[str]]:
    practices = []
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if row[12] != ACTIVE or row[25] != GP_PRACTICE or not row[9].strip():
                continue
            address = ", ".join(part for part in row[4:9] if part.strip())
            place = parse_place(f"{address} {row[9]}")
            practices.append([row[0], display_name(row[1]), row[9].strip().upper(), place.town])
    return sorted(practices)


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else SHARED / "nhs-ods-epraccur-2019-12.csv"
    table = {
        "source": "NHS Digital ODS epraccur, December 2019 (Open Government Licence v3.0)",
        "columns": ["ods_code", "name", "postcode", "town"],
        "practices": read_practices(source),
    }
    OUTPUT.write_bytes(gzip.compress(json.dumps(table, separators=(",", ":")).encode("utf-8"), mtime=0))
    print(f"{len(table['practices'])} practices -> {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
