"""The one table of import parsers: file suffixes, the parser for them and how to name them.

Everything that lists what can be imported derives from :data:`FORMATS`: the importer's
suffix lookup, the CLI help, the window's file dialog filter and the README's *Supported
formats* table (``python -m reader.core.importing.registry`` prints it; a test keeps the
README in step). Adding a format is one entry here, so the lists can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.models import ArticleDraft

Parser = Callable[[bytes, Path], ArticleDraft]


@dataclass(frozen=True, slots=True)
class ImportFormat:
    """One importable kind of file: its suffixes (lower case, with the dot) and parser."""

    suffixes: tuple[str, ...]
    label: str  # a short name, for menus and dialog filters
    parser: Callable[[], Parser]  # loads the parser on first use (keeps start-up cheap)
    description: str  # what is read, for the README table (Markdown)
    max_bytes: int = 20 * 2**20  # larger files are skipped with a reason
    media_types: tuple[str, ...] = ()  # what a web server calls it (web address import)

    def parse(self, data: bytes, path: Path) -> ArticleDraft:
        """Parse with this format's parser (raises ``ReaderError`` with a reason)."""
        return self.parser()(data, path)


# Loaders: plain import statements inside functions, so the parsers (and lxml, pdfium…)
# load on first use and a bundler's import analysis still sees them (PyInstaller).
def _text() -> Parser:
    from reader.core.importing.parsers import parse_text

    return parse_text


def _markdown() -> Parser:
    from reader.core.importing.parsers import parse_markdown

    return parse_markdown


def _html() -> Parser:
    from reader.core.importing.parsers import parse_html

    return parse_html


def _pdf() -> Parser:
    from reader.core.importing.pdf import parse_pdf

    return parse_pdf


def _epub() -> Parser:
    from reader.core.importing.epub import parse_epub

    return parse_epub


FORMATS: tuple[ImportFormat, ...] = (
    ImportFormat(
        (".txt", ".text"),
        "Plain text",
        _text,
        "any common encoding (UTF-8 with or without BOM, UTF-16 with or without BOM,"
        " ISO-2022-JP, cp1252, Shift_JIS, EUC-JP, …);"
        " the title is the first heading-like line, or the first sentence when there is none;"
        " dates such as `July 17, 2025`, `Dec. 10, 2025`, `2025-07-17`, `2025年7月17日`;"
        " `— Categories: …`; `Sources: …`; a byline. Page furniture (`Leave a Reply`,"
        " share/subscribe lines) is dropped.",
        media_types=("text/plain",),
    ),
    ImportFormat(
        (".md", ".markdown"),
        "Markdown",
        _markdown,
        "as text, plus YAML front matter (`title`, `date`, `author`, `url`, `source`, `tags`),"
        " read by the same bounded loader as `themes.yaml` (no aliases, ≤ 64 KB, ≤ 40 levels)",
        media_types=("text/markdown", "text/x-markdown"),
    ),
    ImportFormat(
        (".html", ".htm", ".xhtml"),
        "Web page",
        _html,
        "saved web pages: the main article text and its title, author, date, site and"
        " canonical URL, extracted with trafilatura (navigation, comments and footers left"
        " out)",
        media_types=("text/html", "application/xhtml+xml"),
    ),
    ImportFormat(
        (".pdf",),
        "PDF",
        _pdf,
        "reports with a text layer: paragraphs and headings in reading order (columns too),"
        " words hyphenated at line ends joined, running headers, footers and page numbers"
        " dropped; title, author and date from the document's metadata or its first page;"
        " each highlight knows its page. A scan without a text layer is skipped with a reason"
        " (no OCR yet).",
        max_bytes=200 * 2**20,
        media_types=("application/pdf",),
    ),
    ImportFormat(
        (".epub",),
        "EPUB",
        _epub,
        "e-books (DRM-free): chapters in reading (spine) order, each opening with its"
        " heading (or its table-of-contents label); title, authors, date, publisher and"
        " subjects from the OPF package metadata",
        max_bytes=200 * 2**20,
        media_types=("application/epub+zip",),
    ),
)

PARSERS: dict[str, ImportFormat] = {s: f for f in FORMATS for s in f.suffixes}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for f in FORMATS for s in f.suffixes)
MAX_BYTES: dict[str, int] = {s: f.max_bytes for f in FORMATS for s in f.suffixes}
MEDIA_TYPES: dict[str, ImportFormat] = {m: f for f in FORMATS for m in f.media_types}


def format_for(path: Path) -> ImportFormat | None:
    """The format for ``path``'s suffix (any case), or None when it is not importable."""
    return PARSERS.get(path.suffix.lower())


def suffix_summary() -> str:
    """The main suffixes in words: ``.txt, .md, .html, .pdf and .epub`` (for help texts)."""
    main = [f.suffixes[0] for f in FORMATS]
    return ", ".join(main[:-1]) + " and " + main[-1]


def dialog_filter() -> str:
    """A Qt file dialog filter: every format together first, then one line per format."""
    every = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    lines = [f"Articles ({every})"]
    lines += [f"{f.label} ({' '.join('*' + s for s in f.suffixes)})" for f in FORMATS]
    return ";;".join(lines)


def readme_table() -> str:
    """The README's *Supported formats* table, in Markdown."""
    rows = ["| format | what is read |", "| --- | --- |"]
    for f in FORMATS:
        names = ", ".join(f"`{s}`" for s in f.suffixes)
        rows.append(f"| {names} | {f.description} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(readme_table())
