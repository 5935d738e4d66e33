"""The one progress and cancel protocol of every long core job.

A job takes ``progress`` and ``cancelled`` callables and knows nothing of who called it:
the CLI draws a line on stderr, the window's task runner turns the calls into Qt
signals (napari's ``utils/progress.py`` habit). Both are called on the job's thread.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.errors import Cancelled

#: ``progress(done, total, label)``: ``done`` of ``total`` steps (articles, files,
#: export stages) are finished; ``label`` says what is being done now, for a status line.
ProgressCallback = Callable[[int, int, str], None]

#: ``cancelled()`` is true once the user asked to stop; a job polls it between steps.
CancelCheck = Callable[[], bool]

__all__ = ["CancelCheck", "Cancelled", "ProgressCallback", "raise_if_cancelled"]


def raise_if_cancelled(cancelled: CancelCheck | None, what: str) -> None:
    """Raise :class:`Cancelled` (``"<what> cancelled"``) when the user asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled(f"{what} cancelled")
