"""HTML export: one self-contained file (inline CSS, no scripts, no external resources).

Everything that comes from the user or an article — titles, quotes, notes, theme names,
URLs — passes through :func:`esc`; a note holding ``<script>`` is shown as text. Theme
colours go into CSS only after :func:`safe_color` accepted them, so a colour string
cannot close the declaration and inject style. Links are only made for http(s) URLs.
Notes keep their line breaks (``white-space: pre-wrap``) so the page shows them as
written, after a "Note:" label. Each article is headed by its reference in the export's
CSL style; theme chips take their text colour from the background's luminance
(:mod:`contrast`, WCAG AA). Figures (synthesis charts) are embedded as ``data:`` PNGs,
so the file stays self-contained. The same markup, kept within Qt's rich-text subset,
feeds the PDF writer.
"""

from __future__ import annotations

import base64
import html
import re

from reader.core.export.citations import ordered, references
from reader.core.export.contrast import text_color
from reader.core.export.grouping import (
    ArticleGroup,
    Entry,
    References,
    ThemeGroup,
    by_article,
    by_theme,
)
from reader.core.export.options import ExportOptions
from reader.core.export.selection import ExportSet, ThemeInfo

TITLE = "Research Reader export"
DEFAULT_COLOR = "#f2d15c"
PRINT_TOC_FROM = 25  # highlights: a PDF shorter than a few pages needs no contents
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

CSS = """
body { font-family: Georgia, 'DejaVu Serif', serif; max-width: 46em; margin: 2em auto;
  padding: 0 1em; color: #222; line-height: 1.5; }
h1, h2, h3, h4, h5, h6 { font-family: 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif;
  line-height: 1.25; }
.meta, .cite, .place, .toc { color: #555; font-size: 0.9em; }
blockquote.quote { margin: 1em 0 0.3em 0; padding: 0.2em 0.8em; border-left: 4px solid;
  background: #fafafa; white-space: pre-wrap; }
.note { white-space: pre-wrap; } .note-line { margin: 0.3em 0 1em 0; }
.article-note { white-space: pre-wrap; font-style: italic; }
.theme { display: inline-block; padding: 0 0.4em; margin-right: 0.3em; border-radius: 0.3em;
  font-size: 0.85em; font-family: sans-serif; }
.orphan { color: #a00; font-weight: bold; }
.label { font-weight: bold; font-style: normal; }
.reference { margin: 0 0 0.6em 0; }
figure { margin: 1em 0; } figure img { max-width: 100%; }
figcaption { color: #555; font-size: 0.9em; }
.highlight { margin-bottom: 1.5em; }
@media print { body { max-width: none; } a { color: inherit; } }
"""

# Qt's rich text sizes headings generously; a printed brief reads better tighter.
PRINT_CSS = """
h1 { font-size: 15pt; } h2 { font-size: 12.5pt; } h3 { font-size: 11pt; }
h4, h5, h6 { font-size: 10pt; }
body { font-size: 10pt; }
p, blockquote { margin-top: 3px; margin-bottom: 3px; }
blockquote.quote { margin-top: 6px; margin-bottom: 2px; }
h1, h2, h3, h4, h5, h6 { margin-top: 10px; margin-bottom: 4px; }
.note-line { margin-bottom: 8px; }
li.reference { margin-top: 0px; margin-bottom: 2px; font-size: 9pt; }
"""


def esc(text: str | None) -> str:
    """Text for an HTML element or a quoted attribute value."""
    return html.escape(text or "", quote=True)


def safe_color(color: str | None) -> str:
    """A CSS colour we checked ourselves: ``#rrggbb`` (what the taxonomy allows), else the
    default."""
    return color if color and _COLOR.match(color) else DEFAULT_COLOR


def render(
    export_set: ExportSet, options: ExportOptions | None = None, printable: bool = False
) -> str:
    """The whole export as one HTML5 document. ``printable`` drops the table of contents'
    links and the web-only CSS for the PDF writer (Qt's rich text subset)."""
    options = options or ExportOptions()
    refs = references((item.article for item in export_set.articles), options.style)
    groups = (
        by_theme(export_set, refs) if options.group_by == "theme" else by_article(export_set, refs)
    )
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="Research Reader">\n',
        f"<title>{esc(TITLE)}</title>\n<style>{CSS}{PRINT_CSS if printable else ''}</style>\n"
        "</head>\n<body>\n",
        f'<h1>{esc(TITLE)}</h1>\n<p class="meta">{esc(export_set.scope)} · '
        f"{len(export_set.articles)} articles · {export_set.highlight_count} highlights · "
        f"{esc(export_set.created)}</p>\n",
    ]
    out.append(figures(options.figures, printable))
    if not printable or export_set.highlight_count > PRINT_TOC_FROM:
        out.append(_toc(groups, printable))
    for group in groups:
        if isinstance(group, ThemeGroup):
            out.append(_theme_group(group, export_set))
        else:
            out.append(_article_group(group, export_set))
    if options.group_by == "theme":
        out.append(_references(refs))
    out.append("</body>\n</html>\n")
    return "".join(out)


def figures(items: tuple[tuple[str, bytes], ...], printable: bool = False) -> str:
    """Each (caption, PNG bytes) as a ``<figure>`` with a ``data:`` image. For the PDF the
    image gets a width: Qt lays images out at the printer's resolution otherwise (tiny);
    its rich text counts ``width`` in 96-dpi pixels, so 600 is about the text width."""
    out = []
    width = ' width="600"' if printable else ""
    for number, (caption, png) in enumerate(items, 1):
        data = base64.b64encode(png).decode("ascii")
        out.append(
            f'<figure id="figure-{number}"><img src="data:image/png;base64,{data}"{width} '
            f'alt="{esc(caption)}"><figcaption>Figure {number}. {esc(caption)}'
            "</figcaption></figure>\n"
        )
    return "".join(out)


def _references(refs: References) -> str:
    if not refs:
        return ""
    items = "".join(f'<li class="reference">{ref.html}</li>\n' for ref in ordered(dict(refs)))
    return f'<section class="references">\n<h2>References</h2>\n<ul>\n{items}</ul>\n</section>\n'


def _toc(groups: list[ArticleGroup] | list[ThemeGroup], printable: bool) -> str:
    if not groups:
        return "<p>Nothing to export.</p>\n"
    out = ['<nav class="toc">\n<h2>Contents</h2>\n<ul>\n']
    for group in groups:
        if isinstance(group, ThemeGroup):
            key, label, depth = group.key, group.name, group.depth
            label += f" ({len(group.entries)})"
        else:
            key, label, depth = f"article-{group.article.id}", group.citation.title, 0
        indent = f' style="margin-left: {depth * 1.2:.1f}em"' if depth else ""
        text = esc(label) if printable else f'<a href="#{esc(key)}">{esc(label)}</a>'
        out.append(f"<li{indent}>{text}</li>\n")
    out.append("</ul>\n</nav>\n")
    return "".join(out)


def chip_colors(theme: ThemeInfo) -> tuple[str, str]:
    """(background, text) of a theme chip: the text colour with AA contrast."""
    background = safe_color(theme.color)
    return background, text_color(background)


def _chips(themes: tuple[ThemeInfo, ...]) -> str:
    out = []
    for t in themes:
        background, color = chip_colors(t)
        out.append(
            f'<span class="theme" style="background-color: {background}; color: {color}">'
            f"&#160;{esc(t.name)}&#160;</span>"
        )
    return " ".join(out)


def _article_group(group: ArticleGroup, export_set: ExportSet) -> str:
    c = group.citation
    out = [f'<section class="article" id="article-{group.article.id}">\n<h2>{esc(c.title)}</h2>\n']
    reference = c.reference.html if c.reference else esc(c.text)
    out.append(f'<p class="reference">{reference}</p>\n')
    if group.themes:
        out.append(f'<p class="meta">Article themes: {_chips(group.themes)}</p>\n')
    if group.article.note.strip():
        out.append(
            '<p class="meta"><span class="label">Article note:</span> '
            f'<span class="article-note">{esc(group.article.note)}</span></p>\n'
        )
    for entry in group.entries:
        out.append(_entry(entry, cite=False))
    out.append("</section>\n")
    return "".join(out)


def _theme_group(group: ThemeGroup, export_set: ExportSet) -> str:
    level = min(2 + group.depth, 6)
    color = safe_color(group.theme.color) if group.theme else "#999"
    out = [
        f'<section class="theme-group" id="{esc(group.key)}">\n'
        f'<h{level} style="border-bottom: 3px solid {color}">{esc(group.name)}</h{level}>\n'
    ]
    if group.articles:
        cites = "; ".join(esc(c.short()) for c in group.articles)
        out.append(f'<p class="meta"><span class="label">Whole articles:</span> {cites}</p>\n')
    for entry in group.entries:
        out.append(_entry(entry, cite=True))
    out.append("</section>\n")
    return "".join(out)


def _entry(entry: Entry, cite: bool) -> str:
    h = entry.highlight
    color = safe_color(entry.themes[0].color) if entry.themes else DEFAULT_COLOR
    out = [
        f'<div class="highlight" id="hl-{esc(h.uid)}">\n'
        f'<blockquote class="quote" style="border-color: {color}">{esc(h.quote)}'
        '</blockquote>\n<p class="place">'
    ]
    bits = []
    if h.orphan:
        bits.append('<span class="orphan">Orphan: passage not found in the current text</span>')
    if cite:
        bits.append(f'<span class="cite">{esc(entry.citation.short())}</span>')
    if not h.orphan:
        bits.append(esc(entry.place))
    if entry.themes:
        bits.append(_chips(entry.themes))
    out.append(" · ".join(bits))
    out.append("</p>\n")
    if h.note:
        out.append(
            '<p class="note-line"><span class="label">Note:</span> '
            f'<span class="note">{esc(h.note)}</span></p>\n'
        )
    out.append("</div>\n")
    return "".join(out)
