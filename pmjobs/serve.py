"""Publish the database with Datasette, using the project's metadata, templates and static files."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

DATASETTE_DIR = Path(__file__).resolve().parents[1] / "datasette"


def datasette_command(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port)]
    if (DATASETTE_DIR / "metadata.yml").exists():
        command += ["--metadata", str(DATASETTE_DIR / "metadata.yml")]
    for option, folder in (("--template-dir", "templates"), ("--plugins-dir", "plugins")):
        if any((DATASETTE_DIR / folder).glob("*")):
            command += [option, str(DATASETTE_DIR / folder)]
    if any((DATASETTE_DIR / "static").glob("*")):
        command += ["--static", f"static:{DATASETTE_DIR / 'static'}"]
    return command + ["--setting", "sql_time_limit_ms", "3000", "--setting", "facet_time_limit_ms", "500"]


def check_port_free(host: str, port: int) -> None:
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(f"cannot serve on {host}:{port} ({error.strerror}): stop what uses it or pass --port N") from None


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette in the foreground until interrupted; return its exit code."""
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}: run `pmjobs demo --no-serve` or `pmjobs crawl` first")
    check_port_free(host, port)
    print(f"Serving {db_path} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        return subprocess.call(datasette_command(db_path, host, port))
    except KeyboardInterrupt:
        return 0
