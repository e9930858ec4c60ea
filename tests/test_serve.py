"""`pmjobs serve` as published: Datasette in the pmjobs process (stopping it stops the server), no
arbitrary SQL unless asked for, canned queries kept, no facet suggestions."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pmjobs.serve import check_port_free, ends_with_parent
from pmjobs.site import DEMO_TODAY, TODAY_VARIABLE
from tests.conftest import PMJOBS, ROOT, free_port, wait_for_server

ATTACK = "select printf('%.*c', 600000000, 'x')"


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid`, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def start(db, *flags: str) -> tuple[subprocess.Popen, str, int]:
    """`pmjobs serve` on a free loopback port, its clock at the demo's day (its adverts still open)."""
    port = free_port()
    server = subprocess.Popen(
        [*PMJOBS, "serve", "--db", str(db), "--port", str(port), *flags],
        env={**os.environ, TODAY_VARIABLE: DEMO_TODAY},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=ends_with_parent,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for_server(base, server)
    return server, base, port


def stop(server: subprocess.Popen, port: int, how: signal.Signals) -> None:
    """Signal `pmjobs serve` as a service manager (SIGTERM) or a terminal (SIGINT) would; it must end, and take the server with it."""
    try:
        os.kill(server.pid, how)
        server.wait(timeout=15)
    finally:
        if server.poll() is None:
            server.kill()
    with pytest.raises(ConnectionRefusedError):  # nothing listens there any more
        socket.create_connection(("127.0.0.1", port), timeout=5)
    check_port_free("127.0.0.1", port)  # and a new `pmjobs serve` may start on it at once


def test_the_published_site_refuses_sql_keeps_canned_queries_and_stops_on_sigterm(demo_db):
    server, base, port = start(demo_db)
    try:
        assert children(server.pid) == []  # Datasette runs in the pmjobs process itself
        assert status(base + "/pmjobs.json?" + urllib.parse.urlencode({"sql": ATTACK})) == 403
        assert status(base + "/pmjobs.json?sql=select+1") == 403
        assert status(base + "/pmjobs/open_vacancies.json") == 200
        with urllib.request.urlopen(base + "/pmjobs/vacancies.json?_size=5", timeout=20) as response:
            page = json.load(response)
        assert len(page["rows"]) == 5 and not page.get("suggested_facets")
        with urllib.request.urlopen(base + "/-/settings.json", timeout=20) as response:
            settings = json.load(response)
        assert settings["suggest_facets"] is False
        assert settings["max_returned_rows"] == 1000 and settings["max_csv_mb"] == 20 and settings["sql_time_limit_ms"] <= 3000
    finally:
        stop(server, port, signal.SIGTERM)


def test_a_database_of_any_name_is_published_the_same_and_ctrl_c_stops_it(demo_db, tmp_path):
    """`--db jobs.db` once published bare tables: no canned queries, facets or feed."""
    jobs = tmp_path / "jobs.db"
    shutil.copy(demo_db, jobs)
    server, base, port = start(jobs, "--allow-sql")
    try:
        assert status(base + "/jobs.json?sql=select+count(*)+from+vacancies") == 200
        assert status(base + "/jobs/open_vacancies.json") == 200
        assert status(base + "/jobs/vacancies_feed.atom?place=&miles=&role=&county=") == 200
        with urllib.request.urlopen(base + "/jobs/vacancies.json?_size=1", timeout=20) as response:
            assert {facet for facet in json.load(response)["facet_results"]} >= {"role", "county"}
    finally:
        stop(server, port, signal.SIGINT)


def test_a_server_a_test_starts_ends_when_the_test_process_is_killed():
    """A killed pytest runs no `finally`: the parent-death signal still stops the server it started."""
    _ends_with_its_killed_parent(
        "from pmjobs.serve import ends_with_parent\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], preexec_fn=ends_with_parent)"
    )


def test_the_site_benchmarks_server_ends_when_the_benchmark_is_killed(demo_db):
    """bench/bench_site.py's `pmjobs serve` ends with a killed benchmark, and its port is free again."""
    port = free_port()
    _ends_with_its_killed_parent(
        "from pathlib import Path\nfrom bench.bench_site import serve\nchild = serve(Path(sys.argv[1]), int(sys.argv[2]))",
        str(demo_db),
        str(port),
    )
    check_port_free("127.0.0.1", port)


def _ends_with_its_killed_parent(start: str, *args: str) -> None:
    """Run `start`, which binds `child` to a process it starts, in a Python process given `args`; kill that
    process, and check that the child ends too."""
    script = f"import subprocess, sys, time\n{start}\nprint(child.pid, flush=True)\ntime.sleep(60)\n"
    parent = subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert _running(child)
    parent.kill()
    parent.wait(timeout=10)
    for _ in range(200):
        if not _running(child):
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    raise AssertionError("the child outlived its killed parent")


def _running(pid: int) -> bool:
    """Whether `pid` runs (a zombie, ended but not yet reaped by init, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
