"""Serve the recorded snapshots on a loopback port, so the real spiders can crawl them offline."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit

SNAPSHOTS = files("spiders") / "snapshots"
ROBOTS_TXT = b"User-agent: *\nAllow: /\n"
CONTENT_TYPES = {".xml": "application/xml; charset=utf-8", ".json": "application/json; charset=utf-8"}


def _route_key(path_and_query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Match a request whatever the order of its query parameters."""
    parts = urlsplit(path_and_query)
    return parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


def load_routes() -> dict[tuple, str]:
    routes = json.loads((SNAPSHOTS / "routes.json").read_text(encoding="utf-8"))
    return {_route_key(path): name for path, name in routes.items()}


class _SnapshotHandler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[tuple, str]] = {}

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            return self._send(200, ROBOTS_TXT, "text/plain")
        name = self.routes.get(_route_key(self.path))
        if name is None:
            return self._send(404, b"no snapshot recorded for this URL\n", "text/plain")
        content_type = CONTENT_TYPES.get(name[name.rfind(".") :], "text/html; charset=utf-8")
        self._send(200, (SNAPSHOTS / name).read_bytes(), content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Quiet: Scrapy already logs every request."""


@contextmanager
def serve_snapshots(port: int = 0) -> Iterator[str]:
    """Run the snapshot server in a thread for the duration of the block; yield its base URL."""
    handler = type("SnapshotHandler", (_SnapshotHandler,), {"routes": load_routes()})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
