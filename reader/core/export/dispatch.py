"""One entry point for every export: select, group, render, write safely.

The CLI and the GUI both call :func:`export`. It runs on any thread (give it a library
whose store belongs to that thread), reports progress through a callback and checks a
cancel flag between steps; it never touches Qt itself. PDF needs Qt's printing, which
``reader.core`` must not import, so the caller passes the renderer
(``reader.ui.export_pdf.render_pdf``) as ``pdf_renderer``. Which formats exist, and how
each is rendered, is the registry's business (:mod:`formats`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.export import formats
from reader.core.export import markdown as md_format
from reader.core.export.options import DEFAULT_STYLE, GROUPINGS, ExportOptions, GroupBy
from reader.core.export.selection import ExportSet, select
from reader.core.export.write import (
    ExportError,
    atomic_write,
    atomic_write_text,
    check_target,
    unique_names,
)
from reader.core.library import Library
from reader.core.progress import CancelCheck, Cancelled, ProgressCallback

PdfRenderer = Callable[[str, Path, str], None]  # (html, temporary pdf path, title)
Figures = Sequence[tuple[str, bytes]]  # (caption, PNG bytes)

FORMATS = formats.FORMATS
DEFAULT_NAME = "research-reader-export"


class ExportCancelled(ExportError, Cancelled):
    """The user cancelled; nothing was written (or, per article, only whole files)."""


@dataclass(slots=True)
class ExportResult:
    format: str
    paths: list[Path] = field(default_factory=list)
    articles: int = 0
    highlights: int = 0


def normalise_format(fmt: str) -> str:
    found = formats.find(fmt)
    if found is None:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(formats.BY_KEY)}")
    return found.key


def export(
    library: Library,
    fmt: str,
    dest: Path,
    *,
    article_ids: Sequence[int] | None = None,
    query: str | None = None,
    themes: Sequence[str] = (),
    group_by: GroupBy = "article",
    per_article: bool = False,
    include_unannotated: bool = False,
    style: str | None = None,
    obsidian: bool = False,
    figures: Figures = (),
    force: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    pdf_renderer: PdfRenderer | None = None,
) -> ExportResult:
    """Export what ``article_ids``/``query``/``themes`` select (see :func:`select`) to
    ``dest`` in format ``fmt``.

    Notes formats hold only annotated articles unless ``include_unannotated``; reference
    and REFI-QDA formats hold every article of the scope. ``style`` is the CSL style of
    the citations (``chicago-author-date``, the default, or ``apa``); ``obsidian`` adds
    Markdown ``#tags`` and block ids; ``figures`` are (caption, PNG bytes) pairs — the
    synthesis charts — that HTML, PDF and DOCX place after the title.

    ``dest`` is a file, or an existing folder (the file is then named
    ``research-reader-export.EXT`` inside it); with ``per_article`` (Markdown only) it
    is a folder that gets one file per article. Existing files are replaced only with
    ``force``; every file is written atomically. Raises :class:`ExportError`.
    """
    spec = formats.BY_KEY[normalise_format(fmt)]
    if group_by not in GROUPINGS:
        raise ExportError(f"unknown grouping '{group_by}'; choose article or theme")
    if per_article and not spec.per_article:
        raise ExportError("one file per article is for Markdown only (--format md)")
    if per_article and group_by != "article":
        raise ExportError("one file per article needs --group-by article")
    if spec.key == "pdf" and pdf_renderer is None:
        raise ExportError("PDF export needs Qt's printing: pass reader.ui.export_pdf.render_pdf")
    options = ExportOptions(
        group_by, style or DEFAULT_STYLE, obsidian, tuple((c, bytes(p)) for c, p in figures)
    )
    step = _Steps(progress, cancelled, total=4)
    dest = Path(dest)
    if not per_article:
        if dest.is_dir():
            dest = dest / (DEFAULT_NAME + spec.suffix)
        check_target(dest, force)  # fail before the work, not after it
    step("selecting")
    every = include_unannotated or spec.kind != "notes"
    export_set = select(library, article_ids, query, themes, include_unannotated=every)
    result = ExportResult(spec.key, [], len(export_set.articles), export_set.highlight_count)
    step("rendering")
    if per_article:
        result.paths = _per_article(export_set, options, dest, force, step)
    elif spec.render is None:
        assert pdf_renderer is not None
        result.paths = [_pdf(export_set, options, dest, force, pdf_renderer)]
    else:
        data = spec.render(export_set, options)
        step("writing")
        result.paths = [atomic_write(dest, data, force)]
    step.done()
    return result


def render_bytes(
    export_set: ExportSet,
    fmt: str,
    group_by: GroupBy = "article",
    options: ExportOptions | None = None,
) -> bytes:
    """The file content of a single-file export in a format that needs no Qt."""
    spec = formats.BY_KEY[normalise_format(fmt)]
    if spec.render is None:
        raise ExportError(f"{spec.key}: needs a renderer outside the core (PDF)")
    return spec.render(export_set, options or ExportOptions(group_by))


def _per_article(
    export_set: ExportSet, options: ExportOptions, folder: Path, force: bool, step: _Steps
) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: is a file; give a folder for one file per article")
    folder.mkdir(parents=True, exist_ok=True)
    names = unique_names((item.article.title for item in export_set.articles), ".md")
    targets = [folder / name for name in names]
    if not force:
        clashes = [t.name for t in targets if t.exists()]
        if clashes:
            raise ExportError(
                f"{folder}: {len(clashes)} file(s) already exist (e.g. "
                f"'{clashes[0]}'); use --force to replace them"
            )
    step.total += len(targets)
    written = []
    refs = md_format.references_for(export_set, options)
    for item, target in zip(export_set.articles, targets, strict=True):
        step(target.name)
        text = md_format.render_article(export_set, item, options, refs)
        written.append(atomic_write_text(target, text, force))
    return written


def _pdf(
    export_set: ExportSet, options: ExportOptions, dest: Path, force: bool, renderer: PdfRenderer
) -> Path:
    import tempfile

    from reader.core.export import html as html_format

    markup = html_format.render(export_set, options, printable=True)
    with tempfile.TemporaryDirectory(prefix="reader-pdf-") as tmp:
        scratch = Path(tmp) / "export.pdf"
        renderer(markup, scratch, html_format.TITLE)
        return atomic_write(dest, scratch.read_bytes(), force)


class _Steps:
    """Progress and cancellation between the steps of one export."""

    def __init__(
        self, progress: ProgressCallback | None, cancelled: CancelCheck | None, total: int
    ) -> None:
        self.progress, self.cancelled, self.total, self.count = progress, cancelled, total, 0

    def __call__(self, what: str) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled("export cancelled")
        if self.progress is not None:
            self.progress(self.count, self.total, what)
        self.count += 1

    def done(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, "done")
