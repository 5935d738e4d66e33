"""Progress inside one long file (a PDF's pages), for parsers whose signature has no room.

The importer sets a callback around each file; a parser that reads pages reports through
:func:`report_pages`. A context variable, so concurrent imports on other threads never
see each other's callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)
_PAGE_PROGRESS: ContextVar[PageProgress | None] = ContextVar("page_progress", default=None)


@contextmanager
def page_progress(callback: PageProgress | None) -> Iterator[None]:
    """Report pages read by a parser running inside this block to ``callback``."""
    token = _PAGE_PROGRESS.set(callback)
    try:
        yield
    finally:
        _PAGE_PROGRESS.reset(token)


def page_reporter() -> PageProgress | None:
    """The callback for the file being parsed now, if anyone listens."""
    return _PAGE_PROGRESS.get()
