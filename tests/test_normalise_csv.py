"""`pmjobs normalise`: real advert strings in a CSV -> the contract's columns, nothing lost."""

from __future__ import annotations

import csv
import subprocess

from tests.conftest import PMJOBS

HEADER = ["id", "title", "location", "salary", "closing", "posted"]
ROWS = [
    ["1", "Primary Care Network Manager", "Hampshire", "£35-£40,000 based on experience", "30 September 2020", "2020-09-01"],
    ["2", "Practice Manager", "Tipton DY4 8PX", "£30,000 to £40,000 per annum", "2020-11-13T23:59:59+0000", "2020-10-30"],
    ["3", "Assistant Practice Manager", "Manchester M22 4DH", "£15.66-£25.05 ph", "Closing date: 20/10/2026", ""],
    ["4", "Practice Manager", "Southam, Warwickshire", "Salary Competitive depending on experience", "until filled", "2020-09-01"],
    ["5", "Staff Nurse - Oswald Ward", "Oswestry SY10 7AG", "Band 8a/8b", "23 July", "2026-07-11"],
    ["6", "Practice Manager", "Holywell CH8 7TR", "TBC", "no date given", "not a date"],
]


def run_normalise(tmp_path, header, rows, extra_line: str = ""):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
        handle.write(extra_line)
    result = subprocess.run(
        [*PMJOBS, "normalise", "--input", str(source), "--output", str(target)], capture_output=True, text=True, timeout=60
    )
    return result, target


def test_adds_the_contract_columns_and_keeps_every_row(tmp_path):
    result, target = run_normalise(tmp_path, HEADER, ROWS)
    assert result.returncode == 0, result.stderr
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [row["id"] for row in out] == [row[0] for row in ROWS]
    assert set(HEADER) | {
        "salary_min",
        "salary_max",
        "salary_period",
        "salary_pro_rata",
        "salary_band",
        "closing_date",
        "role",
        "postcode",
        "town",
        "county",
        "nation",
        "latitude",
        "longitude",
    } <= set(out[0])
    pcn, tipton, assistant, southam, nurse, holywell = out
    assert (pcn["salary_min"], pcn["salary_max"], pcn["salary_period"], pcn["closing_date"]) == ("35000", "40000", "annual", "2020-09-30")
    assert pcn["role"] == "pcn_manager" and pcn["county"] == "Hampshire"
    assert (tipton["closing_date"], tipton["postcode"], tipton["nation"]) == ("2020-11-13", "DY4 8PX", "England")
    assert (assistant["salary_min"], assistant["salary_max"], assistant["salary_period"]) == ("15.66", "25.05", "hourly")
    assert assistant["closing_date"] == "2026-10-20" and assistant["role"] == "assistant_or_deputy_practice_manager"
    assert southam["salary_period"] == "" and southam["closing_date"] == "" and southam["closing_open_ended"] == "1"
    assert nurse["salary_band"] == "8a-8b" and nurse["closing_date"] == "2026-07-23" and nurse["role"] == "not_relevant"
    assert "closing: no valid calendar date" in holywell["reason"] and "posted: 'not a date'" in holywell["reason"]
    assert pcn["reason"] == ""


def test_missing_required_column_is_a_clear_error(tmp_path):
    result, target = run_normalise(tmp_path, ["id", "title", "salary"], [["1", "Practice Manager", "£40,000"]])
    assert result.returncode == 2
    assert "missing required column(s) closing" in result.stderr
    assert not target.exists() or target.read_text() == ""


def test_a_row_with_extra_cells_is_kept_with_a_reason(tmp_path):
    result, target = run_normalise(
        tmp_path, HEADER, ROWS[:1], extra_line="7,Practice Manager,Leyton E10 6PP,negotiable,30/11/2020,2020-11-01,EXTRA\r\n"
    )
    assert result.returncode == 0, result.stderr
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert out[1]["id"] == "7" and out[1]["closing_date"] == "2020-11-30"
    assert "1 cell(s) beyond the header ignored" in out[1]["reason"]


def test_reads_employer_description_and_category_as_the_crawl_does(tmp_path):
    """A title alone says practice manager; the employer, the advert text or the board's category say which practice."""
    header = ["title", "employer", "description", "category", "location", "salary", "closing", "posted"]
    rows = [
        ["Practice Manager", "Bupa Dental Care", "", "", "Leeds LS1 4AP", "£30,000", "30/11/2026", "2026-11-20"],
        ["Practice Manager", "", "A busy dental practice offering NHS and private dentistry", "", "Leeds", "", "", ""],
        ["Practice Manager", "", "Support the partners and solicitors of our office", "Legal Jobs", "Norwich", "", "", ""],
        [
            "Practice Manager",
            "",
            "A GP surgery in Glasgow with 9,000 registered patients",
            "",
            "Glasgow G12 8QQ",
            "Band 5",
            "",
            "2026-11-20",
        ],
    ]
    result, target = run_normalise(tmp_path, header, rows)
    assert result.returncode == 0, result.stderr
    dental, dental_text, legal, glasgow = csv.DictReader(target.open(encoding="utf-8"))
    assert [dental["role"], dental_text["role"], legal["role"]] == ["not_relevant"] * 3
    assert "'dental'" in dental["relevance_reason"] and "'dentistry'" in dental_text["relevance_reason"]
    assert "Legal Jobs" in legal["relevance_reason"]
    assert glasgow["role"] == "practice_manager" and "'gp surgery'" in glasgow["relevance_reason"]
    assert (glasgow["nation"], glasgow["salary_band_min"], glasgow["salary_band_max"]) == ("Scotland", "34544", "43039")
