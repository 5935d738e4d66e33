"""Import a web address: fetch it, parse it by its media type, store it under its address.

The address the user gave is the article's location (``path`` in the store), so importing
it again updates the same article in place with its highlights re-anchored, exactly like
a changed file; the article's ``url`` is the page's canonical address when it declares
one, else the address it was finally served from (after redirects).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from reader.core.errors import ReaderError
from reader.core.importing.fetch import fetch
from reader.core.importing.registry import MEDIA_TYPES
from reader.core.importing.storing import store_draft
from reader.core.models import FileOutcome
from reader.core.store import Store

_ACCEPT = ",".join([*MEDIA_TYPES, "*/*;q=0.5"])


def import_url(store: Store, url: str) -> FileOutcome:
    """Fetch ``url`` and import it; a failure is an outcome with a one-line reason."""
    try:
        page = fetch(url, accept=_ACCEPT)
        fmt = MEDIA_TYPES.get(page.content_type)
        if fmt is None:
            raise ReaderError(
                f"not a page or document the app reads ({page.content_type or 'no type'}); "
                "import web pages, PDFs, EPUBs or text"
            )
        body = _with_charset(page.body, page.charset) if "html" in page.content_type else page.body
        name = unquote(PurePosixPath(urlsplit(page.url).path).name) or "index"
        draft = fmt.parse(body, PurePosixPath(name))  # type: ignore[arg-type]
    except ReaderError as exc:
        return FileOutcome(url, "failed", str(exc).removeprefix(f"{url}: "))
    draft = dataclasses.replace(draft, path=url, url=draft.url or page.url)
    return store_draft(store, url, draft)


def _with_charset(body: bytes, charset: str | None) -> bytes:
    """Tell the HTML decoder the charset the server declared, unless the page says one."""
    if not charset or body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return body
    if re.search(rb"(?i)<meta[^>]+charset", body[:4096]):
        return body
    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + body
