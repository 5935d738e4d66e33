"""Fetch a web address politely and safely: the one place the app talks HTTP.

Standard library only (``urllib``): every request has a connect/read timeout and an
overall deadline (a server that drips bytes cannot hold an import forever), follows at
most :data:`MAX_REDIRECTS` redirects and only to http(s), stops reading past a size cap,
says who it is (:data:`USER_AGENT`), keeps no cookies, and retries a 5xx or 429 answer a
couple of times with a growing pause. Conditional requests (ETag / Last-Modified) let
feeds ask "anything new?" without downloading again. Failures are :class:`FetchError`
with a one-line reason that names the address.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader import __version__
from reader.core.errors import ReaderError

if TYPE_CHECKING:  # urllib.request and http.client load on the first fetch, not at start-up
    import urllib.request
    from email.message import Message

USER_AGENT = f"ResearchReader/{__version__} (+https://github.com/research-reader; article import)"
TIMEOUT = 20.0  # seconds to connect, and between bytes
DEADLINE = 60.0  # seconds for a whole response
MAX_BYTES = 25 * 2**20
MAX_REDIRECTS = 5
RETRIES = 2
RETRY_PAUSE = 0.5  # seconds before the first retry; doubles each time


class FetchError(ReaderError):
    """A web address could not be fetched; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: the final address (after redirects), its body and validators."""

    url: str
    status: int  # 200, or 304 when a conditional request found nothing new
    content_type: str  # the media type, lower case, without parameters
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_web_address(value: object) -> bool:
    """True for an ``http://`` or ``https://`` address (what the import commands fetch)."""
    text = str(value)
    return text.startswith(("http://", "https://")) and bool(urlsplit(text).netloc)


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "text/html,application/xhtml+xml,*/*;q=0.8",
    timeout: float | None = None,
    deadline: float | None = None,
    max_bytes: int | None = None,
    retries: int | None = None,
) -> Fetched:
    """GET ``url``; raises :class:`FetchError` for anything but a 2xx (or a 304 when
    ``etag``/``last_modified`` were given). Limits default to the module's constants."""
    timeout = TIMEOUT if timeout is None else timeout
    deadline = DEADLINE if deadline is None else deadline
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    retries = RETRIES if retries is None else retries
    if not is_web_address(url):
        raise FetchError(f"{url}: not a web address (http:// or https://)")
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    pause = RETRY_PAUSE
    for attempt in range(retries + 1):
        try:
            return _get(url, headers, timeout, deadline, max_bytes)
        except _Retryable as exc:
            if attempt == retries:
                raise FetchError(f"{url}: {exc} (tried {retries + 1} times)") from None
            time.sleep(exc.wait if exc.wait is not None else pause)
            pause *= 2
    raise AssertionError("unreachable")


class _Retryable(Exception):
    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


@cache
def _opener() -> urllib.request.OpenerDirector:
    """No HTTPCookieProcessor: no cookies are kept between requests. Redirects: at most
    MAX_REDIRECTS, and only to http(s) addresses."""
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def redirect_request(
            self,
            req: urllib.request.Request,
            fp: Any,
            code: int,
            msg: str,
            headers: Any,
            newurl: str,
        ) -> urllib.request.Request | None:
            if not is_web_address(newurl):
                raise FetchError(f"{req.full_url}: redirected to a non-web address ({newurl})")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(Redirects())


def _get(url: str, headers: dict[str, str], timeout: float, deadline: float, cap: int) -> Fetched:
    import urllib.error
    import urllib.request
    from http.client import HTTPException

    request = urllib.request.Request(url, headers=headers, method="GET")
    started = time.monotonic()
    try:
        response = _opener().open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304:
            return Fetched(exc.url or url, 304, "", None, b"")
        reason = f"HTTP {exc.code} {exc.reason}".strip()
        if exc.code >= 500 or exc.code == 429:
            raise _Retryable(reason, _retry_after(exc.headers)) from None
        if exc.code in (301, 302, 303, 307, 308):
            reason = f"redirected more than {MAX_REDIRECTS} times"
        raise FetchError(f"{url}: {reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {_network_reason(exc.reason)}") from None
    except TimeoutError:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except (HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
    with response:
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > cap:
            raise FetchError(
                f"{url}: too large ({int(length) / 2**20:.1f} MB; the limit is "
                f"{cap / 2**20:.0f} MB)"
            )
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > cap:
                    raise FetchError(f"{url}: too large (more than {cap / 2**20:.0f} MB)")
                if time.monotonic() - started > deadline:
                    raise FetchError(f"{url}: too slow (not finished within {deadline:g} s)")
                chunks.append(chunk)
        except TimeoutError:
            raise FetchError(
                f"{url}: the server stopped sending (no data for {timeout:g} s)"
            ) from None
        except (HTTPException, OSError) as exc:
            raise FetchError(f"{url}: connection broken ({exc})") from None
        info = response.headers
        return Fetched(
            url=response.geturl(),
            status=response.status,
            content_type=info.get_content_type().lower(),
            charset=info.get_content_charset(),
            body=b"".join(chunks),
            etag=info.get("ETag"),
            last_modified=info.get("Last-Modified"),
        )


def _retry_after(headers: Message) -> float | None:
    value = headers.get("Retry-After", "") if headers else ""
    return min(float(value), 30.0) if value.isdigit() else None


def _network_reason(reason: object) -> str:
    import socket

    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer (timed out)"
    if isinstance(reason, socket.gaierror):
        return "unknown host (check the address, or the network connection)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server up?)"
    return f"cannot connect ({reason})"
