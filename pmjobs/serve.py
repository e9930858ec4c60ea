"""Publish the database with Datasette, using the project's metadata, templates and static files.

Datasette runs in this process (uvicorn serving its ASGI app), so stopping `pmjobs serve` by SIGTERM
or Ctrl+C stops the server: there is no child process to leave behind.
"""

from __future__ import annotations

import asyncio
import ctypes
import signal
import socket
from pathlib import Path

import uvicorn
import yaml
from datasette.app import Datasette

from pipeline.store import column_descriptions

DATASETTE_DIR = Path(__file__).resolve().parents[1] / "datasette"
#: The database name metadata.yml is written for; the published file may be called anything.
METADATA_DATABASE = "pmjobs"
#: The published site's limits: no arbitrary SQL unless asked for (canned queries stay), a query or
#: facet that runs long is stopped, a page holds at most 1,000 rows and a streamed CSV at most 20 MB,
#: and no facet suggestions (they cost seconds per table page on a large database).
PUBLIC_SETTINGS = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "max_returned_rows": 1000,
    "max_csv_mb": 20,
    "suggest_facets": False,
    "allow_download": False,
}


def published_metadata(db_path: str | Path, allow_sql: bool = False) -> dict:
    """metadata.yml for the database at `db_path`, with each column's description from the schema."""
    metadata = yaml.safe_load((DATASETTE_DIR / "metadata.yml").read_text(encoding="utf-8"))
    database = metadata["databases"].pop(METADATA_DATABASE)
    for table, columns in column_descriptions().items():
        database["tables"].setdefault(table, {}).setdefault("columns", {}).update(columns)
    metadata["databases"][Path(db_path).stem] = database
    if not allow_sql:
        metadata["allow_sql"] = False
    return metadata


def datasette_app(db_path: str | Path, allow_sql: bool = False) -> Datasette:
    """The published site for `db_path`: metadata, templates, plugins and static files of datasette/."""
    folders = {name: DATASETTE_DIR / name for name in ("templates", "plugins", "static")}
    present = {name: str(folder) for name, folder in folders.items() if any(folder.glob("*"))}
    return Datasette(
        [str(db_path)],
        metadata=published_metadata(db_path, allow_sql),
        template_dir=present.get("templates"),
        plugins_dir=present.get("plugins"),
        static_mounts=[("static", present["static"])] if "static" in present else [],
        settings=PUBLIC_SETTINGS,
    )


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def ends_with_parent() -> None:
    """`preexec_fn` for a `pmjobs serve` that a test or a benchmark starts: Linux sends it SIGTERM when the
    process that started it ends, even when that is killed and no `finally` runs."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def check_port_free(host: str, port: int) -> None:
    """Fail now, with advice, when something listens on the port (a server just stopped does not count)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError as error:
            raise OSError(f"cannot serve on {host}:{port} ({error.strerror}): stop what uses it or pass --port N") from None


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001, allow_sql: bool = False) -> int:
    """Serve Datasette in the foreground until SIGTERM or Ctrl+C; return 0."""
    if not Path(db_path).exists():
        raise FileNotFoundError(f"no database at {db_path}: run `pmjobs demo --no-serve` or `pmjobs crawl` first")
    check_port_free(host, port)
    app = datasette_app(db_path, allow_sql)
    asyncio.run(app.invoke_startup())
    print(f"Serving {db_path} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run(app.app(), host=host, port=port, log_level="warning", lifespan="on")
    return 0
