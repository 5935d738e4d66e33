"""Markdown export: CommonMark with YAML front matter that reads cleanly in any viewer.

Each article is headed by its title and its reference, formatted by the export's CSL
style; quotes are blockquotes followed by the theme names and the place ("¶ 16"), and
notes are labelled. No HTML comments, no offsets. With ``obsidian`` the file is meant
for a vault: themes also become ``#tags`` (nested themes as ``#parent/child``, from ids,
which never change, so a rename does not break tag links) and each quote ends with the
Obsidian block id ``^hl-UID`` — the highlight's uid, stable across exports, so a note can
link to ``[[file#^hl-UID]]`` and a script can find each highlight again.

All user and article text is escaped for CommonMark and Obsidian: a CommonMark parser
gives back exactly the stored quote and note, and nothing in them can become a link,
raw HTML, a heading, a list or a code block. Notes are therefore shown as written, not
rendered as Markdown — faithful beats pretty for notes that may hold ``<script>``.
"""

from __future__ import annotations

import re

import yaml

from reader.core.export.citations import ordered, references
from reader.core.export.grouping import (
    ArticleGroup,
    Entry,
    References,
    ThemeGroup,
    by_article,
    by_theme,
)
from reader.core.export.options import ExportOptions
from reader.core.export.selection import ExportArticle, ExportSet, ThemeInfo

TITLE = "Research Reader export"
# ASCII punctuation that CommonMark or Obsidian give a meaning to anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&~|$=%#^!{}])")
_LEAD_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.M)
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+])", re.M)
_TAG_JUNK = re.compile(r"[^\w/-]+")


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


def references_for(export_set: ExportSet, options: ExportOptions) -> References:
    return references((item.article for item in export_set.articles), options.style)


def render(export_set: ExportSet, options: ExportOptions | None = None) -> str:
    """One Markdown file holding the whole export."""
    options = options or ExportOptions()
    refs = references_for(export_set, options)
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
    if options.group_by == "theme":
        for group in by_theme(export_set, refs):
            out.append(_theme_group(group, export_set, options))
        if refs:
            out.append("## References\n\n")
            out.extend(f"- {one_line(ref.text)}\n" for ref in ordered(dict(refs)))
            out.append("\n")
    else:
        for article_group in by_article(export_set, refs):
            out.append(_article_group(article_group, export_set, options, level=2))
    return "".join(out)


def render_article(
    export_set: ExportSet,
    item: ExportArticle,
    options: ExportOptions | None = None,
    refs: References | None = None,
) -> str:
    """One article's file for a folder export (one file per article)."""
    options = options or ExportOptions()
    if refs is None:
        refs = references([item.article], options.style)
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
        "citation": refs[article.id].text if article.id in refs else None,
        "reader-article-id": article.id,
    }
    group = next(
        g
        for g in by_article(
            ExportSet((item,), export_set.outline, export_set.scope, export_set.created), refs
        )
    )
    return front_matter({k: v for k, v in meta.items() if v is not None}) + _article_group(
        group, export_set, options, level=1
    )


def front_matter(data: dict[str, object]) -> str:
    """YAML front matter, through ``yaml.safe_dump`` only (no custom tags, ever)."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"


def _themes(themes: tuple[ThemeInfo, ...], export_set: ExportSet, options: ExportOptions) -> str:
    """Theme names; in an Obsidian export followed by their ``#tags``."""
    text = ", ".join(one_line(t.name) for t in themes)
    if options.obsidian:
        text += " " + " ".join(tag(t, export_set) for t in themes)
    return text


def _article_group(
    group: ArticleGroup, export_set: ExportSet, options: ExportOptions, level: int
) -> str:
    c = group.citation
    out = [f"{'#' * level} {one_line(c.title)}\n\n{one_line(c.text)}\n\n"]
    if group.themes:
        out.append(f"**Article themes:** {_themes(group.themes, export_set, options)}\n\n")
    if group.article.note.strip():
        out.append(f"**Article note:** {escape(group.article.note)}\n\n")
    if group.entries:
        out.append(f"{'#' * (level + 1)} Highlights\n\n")
    for entry in group.entries:
        out.append(_entry(entry, export_set, options, cite=False))
    return "".join(out)


def _theme_group(group: ThemeGroup, export_set: ExportSet, options: ExportOptions) -> str:
    level = min(2 + group.depth, 6)
    out = [f"{'#' * level} {one_line(group.name)}\n\n"]
    if group.theme is not None and options.obsidian:
        out.append(f"{tag(group.theme, export_set)}\n\n")
    if group.articles:
        cites = "; ".join(one_line(c.short()) for c in group.articles)
        out.append(f"**Whole articles:** {cites}\n\n")
    for entry in group.entries:
        out.append(_entry(entry, export_set, options, cite=True))
    return "".join(out)


def _entry(entry: Entry, export_set: ExportSet, options: ExportOptions, cite: bool) -> str:
    h = entry.highlight
    quote = escape(h.quote).replace("\n", "\n> ")
    quote = re.sub(r"\n> (?=\n)", "\n>", quote)
    if options.obsidian:
        uid = re.sub(r"[^A-Za-z0-9-]", "", h.uid) or str(h.id)
        quote += f" ^hl-{uid}"
    meta = []
    if h.orphan:
        meta.append("**Orphan** (passage not found in the current text)")
    if cite:
        meta.append(one_line(entry.citation.short()))
    if not h.orphan:
        meta.append(escape(entry.place))
    if entry.themes:
        meta.append(f"**Themes:** {_themes(entry.themes, export_set, options)}")
    out = [f"> {quote}\n\n", " · ".join(meta), "\n\n"]
    if h.note:
        out.append(f"**Note:** {escape(h.note)}\n\n")
    return "".join(out)


def _slug(text: str) -> str:
    return _TAG_JUNK.sub("-", text.strip().replace(" ", "-")).strip("-/").replace("//", "/")
