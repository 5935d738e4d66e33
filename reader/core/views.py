"""Saved views: a named search query plus theme filter, kept in the library folder.

They live in ``views.json`` beside the store (not in the app's settings) because they
belong to the analysis, so they travel with the library. Written atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.files import atomic_write

VIEWS_NAME = "views.json"


@dataclass(frozen=True, slots=True)
class SavedView:
    name: str
    query: str = ""
    included: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    mode: str = "any"  # "any" | "all"
    date_from: str | None = None
    date_to: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def load_views(root: Path) -> list[SavedView]:
    path = root / VIEWS_NAME
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [
            SavedView(
                name=str(v["name"]),
                query=str(v.get("query", "")),
                included=tuple(v.get("included", ())),
                excluded=tuple(v.get("excluded", ())),
                mode=str(v.get("mode", "any")),
                date_from=v.get("date_from"),
                date_to=v.get("date_to"),
            )
            for v in raw.get("views", [])
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ReaderError(
            f"{path}: cannot read saved views ({exc}); fix or delete the file"
        ) from exc


def save_views(root: Path, views: list[SavedView]) -> None:
    path = root / VIEWS_NAME
    data = {
        "version": 1,
        "views": [{k: v for k, v in asdict(view).items() if k != "extra"} for view in views],
    }
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=2))


def put_view(views: list[SavedView], view: SavedView) -> list[SavedView]:
    """Add ``view``, replacing one of the same name."""
    return [v for v in views if v.name != view.name] + [view]
