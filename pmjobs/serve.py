"""Publish the database with Datasette, using the project's metadata, templates and static files."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from pipeline.store import column_descriptions

DATASETTE_DIR = Path(__file__).resolve().parents[1] / "datasette"
#: The database name metadata.yml is written for; the published file may be called anything.
METADATA_DATABASE = "pmjobs"


def published_metadata(db_path: str | Path) -> dict:
    """metadata.yml for the database at `db_path`, with each column's description from the schema."""
    metadata = yaml.safe_load((DATASETTE_DIR / "metadata.yml").read_text(encoding="utf-8"))
    database = metadata["databases"].pop(METADATA_DATABASE)
    for table, columns in column_descriptions().items():
        database["tables"].setdefault(table, {}).setdefault("columns", {}).update(columns)
    metadata["databases"][Path(db_path).stem] = database
    return metadata


def datasette_command(db_path: str | Path, metadata_path: Path, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port),
               "--metadata", str(metadata_path)]
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
    with tempfile.TemporaryDirectory(prefix="pmjobs-serve-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(published_metadata(db_path)), encoding="utf-8")
        try:
            return subprocess.call(datasette_command(db_path, metadata_path, host, port))
        except KeyboardInterrupt:
            return 0
