"""Markdown export: CommonMark with YAML front matter, friendly to Obsidian vaults.

Quotes are blockquotes, themes ``#tags`` (nested themes as ``#parent/child``), and every
highlight sits between ``<!-- hl-UID -->`` and ``<!-- /hl-UID -->`` comments with an
Obsidian block id ``^hl-UID`` on its quote: the uid never changes, so a later export
(or a script) can find and replace the earlier text of each highlight, and a note can
link to ``[[file#^hl-UID]]``.

All user and article text is escaped for CommonMark and Obsidian: a CommonMark parser
gives back exactly the stored quote and note, and nothing in them can become a link,
raw HTML, a heading, a list or a code block. Notes are therefore shown as written, not
rendered as Markdown — faithful beats pretty for notes that may hold ``<script>``.
"""

from __future__ import annotations

import re

import yaml

from reader.core.export.grouping import (
    ArticleGroup,
    Entry,
    GroupBy,
    ThemeGroup,
    by_article,
    by_theme,
)
from reader.core.export.selection import ExportArticle, ExportSet, ThemeInfo

TITLE = "Research Reader export"
# ASCII punctuation that CommonMark or Obsidian give a meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&~|$=%#^!{}])")
_LEAD_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.M)
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+])", re.M)
_TAG_JUNK = re.compile(r"[^\w/-]+")
_URL = re.compile(r"^https?://[^\s<>]+$")


def escape(text: str) -> str:
    """``text`` as CommonMark inline content that parses back to exactly ``text``.

    Line breaks stay line breaks (a blank line starts a new paragraph); spaces at a
    line's start or end become ``&#32;`` so they are neither code nor hard breaks.
    """
    text = _INLINE.sub(r"\\\1", text)
    text = _LEAD_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), text)
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def one_line(text: str) -> str:
    """Escaped, on one line (headings, list items)."""
    return escape(" ".join(text.split()))


def tag(theme: ThemeInfo, export_set: ExportSet) -> str:
    """``#tag`` for a theme: its id, prefixed by its parents' (Obsidian nested tags).
    Ids, not names: they never change, so a rename does not break a vault's tag links."""
    parts = []
    current: ThemeInfo | None = theme
    seen: set[str] = set()
    while current is not None and current.id not in seen:
        seen.add(current.id)
        parts.append(_slug(current.id) or _slug(current.name) or "theme")
        current = export_set.theme(current.parent) if current.parent else None
    return "#" + "/".join(reversed(parts))


def render(export_set: ExportSet, group_by: GroupBy = "article") -> str:
    """One Markdown file holding the whole export."""
    names = sorted(
        {
            t.name
            for item in export_set.articles
            for h in item.highlights
            for t in (export_set.theme(x) for x in h.themes)
        }
    )
    out = [
        front_matter(
            {
                "title": TITLE,
                "date": export_set.created[:10],
                "source": export_set.scope,
                "themes": names,
            }
        ),
        f"# {TITLE}\n\n",
        f"{escape(export_set.scope)} · {len(export_set.articles)} articles · "
        f"{export_set.highlight_count} highlights · {export_set.created}\n\n",
    ]
    if group_by == "theme":
        for group in by_theme(export_set):
            out.append(_theme_group(group, export_set))
    else:
        for article_group in by_article(export_set):
            out.append(_article_group(article_group, export_set, level=2))
    return "".join(out)


def render_article(export_set: ExportSet, item: ExportArticle) -> str:
    """One article's file for a folder export (one file per article)."""
    article = item.article
    themes = [export_set.theme(t).name for t in item.themes]
    themes += [n for h in item.highlights for n in export_set.theme_names(h.themes)]
    meta = {
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "author": article.author,
        "url": article.url or None,
        "themes": list(dict.fromkeys(themes)),
        "reader-article-id": article.id,
    }
    group = next(
        g
        for g in by_article(
            ExportSet((item,), export_set.outline, export_set.scope, export_set.created)
        )
    )
    return front_matter({k: v for k, v in meta.items() if v is not None}) + _article_group(
        group, export_set, level=1
    )


def front_matter(data: dict[str, object]) -> str:
    """YAML front matter, through ``yaml.safe_dump`` only (no custom tags, ever)."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"


def _article_group(group: ArticleGroup, export_set: ExportSet, level: int) -> str:
    c = group.citation
    out = [f"{'#' * level} {one_line(c.title)}\n\n<!-- article-{group.article.id} -->\n\n"]
    for label, value in (("Author", c.author), ("Source", c.source), ("Date", c.date)):
        if value:
            out.append(f"- **{label}:** {one_line(value)}\n")
    if c.location:
        link = f"<{c.location}>" if _URL.match(c.location) else one_line(c.location)
        out.append(f"- **{'URL' if group.article.url else 'File'}:** {link}\n")
    if group.themes:
        out.append(f"- **Themes:** {' '.join(tag(t, export_set) for t in group.themes)}\n")
    out.append("\n")
    if group.article.note.strip():
        out.append(f"{escape(group.article.note)}\n\n")
    if group.entries:
        out.append(f"{'#' * (level + 1)} Highlights\n\n")
    for entry in group.entries:
        out.append(_entry(entry, export_set, cite=False))
    return "".join(out)


def _theme_group(group: ThemeGroup, export_set: ExportSet) -> str:
    level = min(2 + group.depth, 6)
    out = [f"{'#' * level} {one_line(group.name)}\n\n"]
    if group.theme is not None:
        out.append(f"{tag(group.theme, export_set)}\n\n")
    for entry in group.entries:
        out.append(_entry(entry, export_set, cite=True))
    return "".join(out)


def _entry(entry: Entry, export_set: ExportSet, cite: bool) -> str:
    h = entry.highlight
    uid = re.sub(r"[^A-Za-z0-9-]", "", h.uid) or str(h.id)
    quote = escape(h.quote).replace("\n", "\n> ")
    quote = re.sub(r"\n> (?=\n)", "\n>", quote)
    meta = []
    if h.orphan:
        meta.append("**Orphan** (passage not found in the current text)")
    if entry.themes:
        meta.append(" ".join(tag(t, export_set) for t in entry.themes))
    if cite:
        meta.append(one_line(entry.citation.short()))
    if not h.orphan:
        meta.append(escape(entry.place))
    out = [f"<!-- hl-{uid} -->\n> {quote} ^hl-{uid}\n\n", " · ".join(meta), "\n\n"]
    if h.note:
        out.append(f"{escape(h.note)}\n\n")
    out.append(f"<!-- /hl-{uid} -->\n\n")
    return "".join(out)


def _slug(text: str) -> str:
    return _TAG_JUNK.sub("-", text.strip().replace(" ", "-")).strip("-/").replace("//", "/")
