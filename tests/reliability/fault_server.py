"""A loopback server that serves the recorded snapshots and misbehaves on cue, as real sites do.

Each `Fault` names what goes wrong (`action`), on which requests (`where`, a substring of the path;
empty for every page) and how many times (`times`, None for always). A server starts disarmed, so a
first crawl can store every listing, and `arm()` lets the fault loose.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer

from pmjobs.snapshot_server import SNAPSHOTS, _route_key, _SnapshotHandler, load_routes
from tests.conftest import FIXTURES

BLOCK_PAGE = (FIXTURES / "nhs_jobs/blocked-cloudfront-403-search-results-playwright-2026-04.html").read_bytes()
PM_SEARCH = "/candidate/search/results?keyword=practice%20manager&sort=publicationDateDesc&language=en"


@dataclass(frozen=True)
class Fault:
    action: str
    where: str = ""
    times: int | None = None
    retry_after: int = 1


class _FaultyHandler(_SnapshotHandler):
    server: FaultServer

    def do_GET(self) -> None:
        server = self.server
        fault = server.fault
        with server.lock:
            server.requests.append((time.monotonic(), self.path))
            if fault.action == "robots_disallow":
                hit = server.armed and self.path == "/robots.txt"
            else:
                hit = server.armed and self.path != "/robots.txt" and fault.where in self.path
            if hit and fault.times is not None:
                hit = server.faulted < fault.times
            server.faulted += hit
        if not hit:
            return super().do_GET()
        getattr(self, "_" + fault.action)()

    def _page(self) -> bytes:
        return (SNAPSHOTS / self.routes[_route_key(self.path)]).read_bytes()

    def _status_500(self) -> None:
        self._send(500, b"<html><body><h1>Internal Server Error</h1></body></html>", "text/html")

    def _status_404(self) -> None:
        self._send(404, b"<html><body><h1>Page not found</h1></body></html>", "text/html")

    def _retry_after_429(self) -> None:
        self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": str(self.server.fault.retry_after)})

    def _retry_after_503(self) -> None:
        self._send(503, b"Service Unavailable", "text/plain", {"Retry-After": str(self.server.fault.retry_after)})

    def _reset(self) -> None:
        """Close with a TCP reset before answering, as an overloaded proxy does."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _hang(self) -> None:
        """Answer nothing for longer than the crawl waits."""
        time.sleep(5)
        self.close_connection = True

    def _slow(self) -> None:
        time.sleep(1.5)
        super().do_GET()

    def _truncate(self) -> None:
        """Promise the whole page, send half, hang up."""
        body = self._page()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def _half_page(self) -> None:
        """A correctly framed page that stops after half its cards."""
        html = self._page().decode("utf-8")
        cards = [index for index in range(len(html)) if html.startswith('<li class="nhsuk-list-panel search-result', index)]
        cut = cards[max(1, len(cards) // 2)]
        self._send(200, (html[:cut] + "</ul></main></body></html>").encode("utf-8"), "text/html; charset=utf-8")

    def _no_cards(self) -> None:
        """The results heading and count, but the card list is empty (a redesign renamed its hooks)."""
        html = self._page().decode("utf-8").replace('data-test="search-result"', 'data-test="search-card"')
        self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")

    def _cp1252(self) -> None:
        """cp1252 bytes declared as UTF-8."""
        self._send(200, self._page().decode("utf-8").encode("cp1252", errors="replace"), "text/html; charset=utf-8")

    def _empty(self) -> None:
        self._send(200, b"", "text/html; charset=utf-8")

    def _redirect_loop(self) -> None:
        self._send(302, b"", "text/html", {"Location": self.path})

    def _block_403(self) -> None:
        self._send(403, BLOCK_PAGE, "text/html; charset=iso-8859-1")

    def _block_200(self) -> None:
        self._send(200, BLOCK_PAGE, "text/html; charset=iso-8859-1")

    def _other_page(self) -> None:
        """A page of the site that is not a results page (the jobs board's home, say)."""
        self._send(200, (SNAPSHOTS / "fpm/jobs.html").read_bytes(), "text/html; charset=utf-8")

    def _few_results(self) -> None:
        """A sound results page, but the search finds a fraction of its usual adverts."""
        self._send(200, (SNAPSHOTS / "nhs_jobs/pcn-manager-page-1.html").read_bytes(), "text/html; charset=utf-8")

    def _robots_disallow(self) -> None:
        self._send(200, b"User-agent: *\nDisallow: /\n", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, fault: Fault):
        handler = type("FaultyHandler", (_FaultyHandler,), {"routes": load_routes()})
        super().__init__(("127.0.0.1", 0), handler)
        self.fault, self.armed, self.faulted = fault, False, 0
        self.requests: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def arm(self) -> None:
        with self.lock:
            self.armed, self.faulted, self.requests = True, 0, []

    def handle_error(self, request, client_address) -> None:
        """Quiet: a reset or hung-up connection is the point of the exercise."""


@contextmanager
def fault_servers(faults: dict[str, Fault]) -> Iterator[dict[str, FaultServer]]:
    """One server per fault, each on its own loopback port (robots.txt is per host), for the block."""
    servers = {name: FaultServer(fault) for name, fault in faults.items()}
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True) for server in servers.values()]
    for thread in threads:
        thread.start()
    try:
        yield servers
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
