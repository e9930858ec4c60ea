"""The `pmjobs` command in-process: every command documented with an example, and each run through main()."""

from __future__ import annotations

import argparse
import csv
import re

import pytest

from pmjobs.cli import build_parser, main
from tests.conftest import ROOT


def commands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_has_help_with_an_example_and_a_row_in_the_readme():
    readme_commands = set(re.findall(r"^\| `pmjobs ([a-z]+)", (ROOT / "README.md").read_text(encoding="utf-8"), re.M))
    assert len(commands()) >= 8
    for name, parser in commands().items():
        text = parser.format_help()
        assert parser.description and f"example:\n  pmjobs {name}" in text, name
        assert name in readme_commands, f"`pmjobs {name}` is missing from the README's command table"


def test_sources_lists_every_spider_with_its_state(capsys):
    assert main(["sources"]) == 0
    lines = capsys.readouterr().out.splitlines()
    states = {line.split()[0]: line.split()[1] for line in lines}
    assert states["nhs_jobs"] == "enabled" and states["fpm"] == "disabled"


def test_a_missing_database_is_a_clear_error_with_exit_2(tmp_path, capsys):
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    assert "none.db" in capsys.readouterr().err


def test_normalise_and_dedupe_in_process(tmp_path, capsys):
    rows = [
        {
            "id": "1",
            "source": "fpm",
            "title": "Practice Manager",
            "employer": "",
            "location": "Southam, Warwickshire",
            "salary": "£35-£40,000 based on experience",
            "closing": "27 September 2020",
            "url": "https://example.invalid/1",
            "posted": "2020-09-14",
        },
        {
            "id": "2",
            "source": "nhs_jobs",
            "title": "Practice Manager",
            "employer": "Southam Surgery",
            "location": "Southam CV47 1HX",
            "salary": "£35,000 - £40,000 a year",
            "closing": "27/09/2020",
            "url": "https://example.invalid/2",
            "posted": "2020-09-10",
        },
    ]
    listings = tmp_path / "listings.csv"
    with listings.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["normalise", "--input", str(listings), "--output", str(tmp_path / "normalised.csv")]) == 0
    normalised = list(csv.DictReader((tmp_path / "normalised.csv").open(encoding="utf-8")))
    assert [(row["salary_min"], row["salary_max"], row["closing_date"]) for row in normalised] == [
        ("35000", "40000", "2020-09-27"),
        ("35000", "40000", "2020-09-27"),
    ]
    assert normalised[1]["role"] == "practice_manager" and normalised[1]["town"] == "Southam"
    assert main(["dedupe", "--input", str(listings), "--output", str(tmp_path / "deduped.csv")]) == 0
    deduped = list(csv.DictReader((tmp_path / "deduped.csv").open(encoding="utf-8")))
    assert deduped[0]["vacancy_id"] == deduped[1]["vacancy_id"] != ""
    assert "2 listings -> 1 vacancies" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(commands()))
def test_help_exits_cleanly(name, capsys):
    with pytest.raises(SystemExit) as stopped:
        main([name, "--help"])
    assert stopped.value.code == 0 and "example:" in capsys.readouterr().out
