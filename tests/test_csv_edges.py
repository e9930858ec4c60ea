"""CSV edge cases of `pmjobs normalise` and `pmjobs dedupe`: a malformed file is refused with the
line at fault and leaves no complete-looking output; a long cell is just a long cell."""

from __future__ import annotations

import csv
import subprocess

import pytest

from tests.conftest import PMJOBS

HEADER = ["id", "source", "title", "employer", "location", "salary", "closing", "url"]
ROW = [
    "{n}",
    "nhs_jobs",
    "Practice Manager",
    "Southam Surgery",
    "Southam CV47 1NY",
    "£35,000 - £40,000 per annum",
    "30 September 2020",
    "https://www.jobs.nhs.uk/candidate/jobadvert/L{n}",
]


def write(path, rows: int, header=HEADER, cell=None) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(1, rows + 1):
            values = [value.format(n=n) for value in ROW]
            if cell and n == cell[0]:
                values[cell[1]] = cell[2]
            writer.writerow(values)


def run(command: str, source, target) -> subprocess.CompletedProcess:
    return subprocess.run([*PMJOBS, command, "--input", str(source), "--output", str(target)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", ["normalise", "dedupe"])
def test_a_one_megabyte_cell_is_read(tmp_path, command):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, 3, cell=(2, 3, "Southam Surgery " + "x" * 1_000_000))
    result = run(command, source, target)
    assert result.returncode == 0, result.stderr[-2000:]
    csv.field_size_limit(2_000_000)
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and len(rows[1]["employer"]) > 1_000_000


def test_a_bad_byte_deep_in_the_file_is_refused_with_its_line_and_no_output(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, 3000)
    data = source.read_bytes().splitlines(keepends=True)
    data[2500] = data[2500].replace(b"Southam", b"South\xe9m")  # line 2501: a cp1252 byte in a UTF-8 file
    source.write_bytes(b"".join(data))
    target.write_text("the previous good output\n")
    result = run("normalise", source, target)
    assert result.returncode == 2
    assert "line 2501: bytes that are not UTF-8" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "the previous good output\n"
    assert not list(tmp_path.glob(".out.csv.*"))


@pytest.mark.parametrize("command", ["normalise", "dedupe"])
def test_an_unterminated_quote_is_refused_where_it_opens(tmp_path, command):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, 10)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("Southam Surgery", '"Southam Surgery', 1)  # line 6: the quote swallows what follows
    source.write_text("".join(lines), encoding="utf-8")
    result = run(command, source, target)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "line 6: a quoted cell opened here is not closed properly" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("command", ["normalise", "dedupe"])
def test_a_duplicated_header_column_is_refused(tmp_path, command):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write(source, 3, header=[*HEADER[:-1], "salary"])
    result = run(command, source, target)
    assert result.returncode == 2
    assert "column(s) salary appear more than once in the header" in result.stderr
    assert not target.exists()
