"""The README's systemd units and crontab line work as written: systemd-analyze accepts the units
(with /srv/pmjobs moved to a scratch folder), and every pmjobs command line parses."""

from __future__ import annotations

import getpass
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pmjobs.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
UNITS = dict(re.findall(r"```ini\n# /etc/systemd/system/(\S+)\n(.*?)```", README, re.S))
CRON = re.search(r"^(\S+ \S+ \S+ \S+ \S+)\s+cd /srv/pmjobs && (\.venv/bin/pmjobs .*?) >>", README, re.M)


def test_the_readme_has_the_nightly_units_and_a_crontab_line():
    assert {"pmjobs-nightly.service", "pmjobs-nightly.timer", "pmjobs-serve.service"} <= set(UNITS)
    assert CRON is not None


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    root = tmp_path / "srv-pmjobs"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / ".venv" / "bin" / "pmjobs").symlink_to(Path(sys.executable).with_name("pmjobs"))
    for name, text in UNITS.items():
        (tmp_path / name).write_text(text.replace("/srv/pmjobs", str(root)).replace("User=pmjobs", f"User={getpass.getuser()}"))
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / name) for name in UNITS)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_every_command_line_parses():
    commands = [line.split("ExecStart=", 1)[1] for text in UNITS.values() for line in text.splitlines() if line.startswith("ExecStart=")]
    commands.append(CRON[2])
    assert len(commands) == 3
    for command in commands:
        args = build_parser().parse_args(shlex.split(command)[1:])
        assert args.command in ("nightly", "serve") and args.db.endswith("data/pmjobs.db")
    minute, hour, *rest = CRON[1].split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24 and rest == ["*", "*", "*"]
