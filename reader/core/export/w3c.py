"""JSON export in the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/).

One ``AnnotationCollection`` whose embedded first ``AnnotationPage`` holds every
annotation; each annotation repeats the JSON-LD ``@context`` so it is valid when a tool
takes it out of the collection. The mapping (docs/export.md explains it):

* ``id`` — ``urn:uuid:<highlight uid>``: stable across exports, so a re-import matches it;
* ``target.source`` — the article's URL, else ``urn:sha256:<hash of its text>``
  (:func:`article_uri`). With a URL the content hash stays as the identifier of the
  text the offsets count in: a ``TimeState`` whose ``cached`` is the ``urn:sha256:`` URI
  and whose ``sourceDate`` is when the article last changed (:func:`target`);
* ``target.selector`` — a ``TextQuoteSelector`` (exact, prefix, suffix) and, unless
  the highlight is an orphan, a ``TextPositionSelector`` (code-point offsets of the
  canonical text, as the model defines them);
* ``body`` — the note as a ``TextualBody`` with purpose ``commenting``; each theme as a
  ``TextualBody`` with purpose ``tagging`` whose ``value`` is the theme's name (what other
  tools show as a tag), followed, in the same order, by one ``SpecificResource`` per
  theme with purpose ``classifying`` whose ``source`` is ``urn:research-reader:theme:ID``
  (:func:`theme_uri`), so our own import restores the exact theme id. (A tagging body
  cannot carry the id itself: a body with an ``id`` counts as an External Web Resource,
  which the model forbids to have a ``purpose``.)
* an article note (or themes on a whole article) becomes an annotation whose target is
  the article itself, with no selector.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import quote, unquote

from reader import __version__
from reader.core.export.selection import ExportSet
from reader.core.models import Article, Highlight

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
THEME_URN = "urn:research-reader:theme:"
# Namespace for ids of article-level annotations (uuid5 of the article URI).
ARTICLE_NOTE_NS = uuid.UUID("6f1c7f1e-58a4-4bd5-9d0e-1c9b0b9c6a11")


def article_uri(article: Article) -> str:
    """The article's stable URI: its URL when it has one, else its content hash."""
    return article.url or f"urn:sha256:{article.content_hash}"


def target(article: Article, selectors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The annotation target: the article, with a state naming its text's hash when
    the source is a URL (see the module docstring)."""
    data: dict[str, Any] = {"source": article_uri(article)}
    if article.url:
        data["state"] = {
            "type": "TimeState",
            "cached": f"urn:sha256:{article.content_hash}",
            "sourceDate": article.modified_at or article.imported_at,
        }
    if selectors:
        data["selector"] = selectors
    return data


def theme_uri(theme_id: str) -> str:
    return THEME_URN + quote(theme_id, safe="")


def theme_from_uri(uri: str) -> str | None:
    return unquote(uri[len(THEME_URN) :]) if uri.startswith(THEME_URN) else None


def annotation_id(uid: str) -> str:
    """``urn:uuid:`` for our hex uids; a foreign id imported earlier is kept as it was."""
    try:
        return uuid.UUID(hex=uid).urn
    except ValueError:
        return uid if ":" in uid else f"urn:research-reader:highlight:{quote(uid, safe='')}"


def render(export_set: ExportSet) -> dict[str, Any]:
    """The collection as JSON-ready data."""
    items: list[dict[str, Any]] = []
    for item in export_set.articles:
        source = article_uri(item.article)
        if item.article.note or item.themes:
            items.append(_article_annotation(export_set, item.article, item.themes, source))
        items.extend(_annotation(export_set, h, item.article) for h in item.highlights)
    collection_id = uuid.uuid4().urn
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Research Reader export: {export_set.scope}",
        "created": export_set.created,
        "generator": {"type": "Software", "name": f"Research Reader {__version__}"},
        "total": len(items),
    }
    if items:
        data["first"] = {
            "id": f"{collection_id}#page-1",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        }
    return data


def dumps(export_set: ExportSet) -> str:
    return json.dumps(render(export_set), ensure_ascii=False, indent=1) + "\n"


def _bodies(export_set: ExportSet, note: str, themes: tuple[str, ...]) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if note:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": note, "format": "text/plain"}
        )
    unique = list(dict.fromkeys(themes))
    bodies += [
        {"type": "TextualBody", "purpose": "tagging", "value": export_set.theme(t).name}
        for t in unique
    ]
    bodies += [
        {"type": "SpecificResource", "purpose": "classifying", "source": theme_uri(t)}
        for t in unique
    ]
    return bodies


def _annotation(export_set: ExportSet, h: Highlight, article: Article) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": h.quote, "prefix": h.prefix, "suffix": h.suffix}
    ]
    if not h.orphan:
        selectors.append({"type": "TextPositionSelector", "start": h.start, "end": h.end})
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": annotation_id(h.uid),
        "type": "Annotation",
        "motivation": "highlighting",
        "created": h.created_at,
        "modified": h.modified_at,
    }
    bodies = _bodies(export_set, h.note, h.themes)
    if bodies:
        data["body"] = bodies
    data["target"] = target(article, selectors)
    return {k: v for k, v in data.items() if v != ""}


def _article_annotation(
    export_set: ExportSet, article: Article, themes: tuple[str, ...], source: str
) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": uuid.uuid5(ARTICLE_NOTE_NS, source).urn,
        "type": "Annotation",
        "motivation": "commenting" if article.note else "classifying",
        "body": _bodies(export_set, article.note, themes),
        "target": target(article),
    }
