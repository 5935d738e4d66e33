"""A real HTTP server on 127.0.0.1 for the network tests: no test reaches the internet.

Routes are set per test: a path maps to a :class:`Route` (status, headers, body, and
misbehaviour such as a delay before answering or a body dripped slowly). Every request's
headers are recorded so tests can check what the client sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between 1 KB pieces of the body
    hits: int = 0
    # a callable that may answer instead (for conditional GET, changing content)
    handler: Callable[[BaseHTTPRequestHandler, Route], bool] | None = None


@dataclass
class WebServer:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler_for(server: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            server.requests.append((self.path, dict(self.headers.items())))
            route = server.routes.get(self.path.split("?")[0])
            if route is None:
                self.send_error(404, "Not Found")
                return
            route.hits += 1
            if route.delay:
                time.sleep(route.delay)
            if route.handler is not None and route.handler(self, route):
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            try:
                if route.drip:
                    for start in range(0, len(route.body), 1024):
                        self.wfile.write(route.body[start : start + 1024])
                        self.wfile.flush()
                        time.sleep(route.drip)
                else:
                    self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def web() -> Iterator[WebServer]:
    state = WebServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
