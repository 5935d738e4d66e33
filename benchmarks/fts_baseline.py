"""SQLite FTS5 over the same articles: the peer the search benchmark compares us with.

Done the way our search answers, so the comparison is fair: the top 20 by bm25 (title
weighted 3) first, then ``snippet()`` for those 20 only (computing it in the ranking
statement would make FTS5 build a snippet for every matching row before sorting), the
exact total with ``count(*)``, and the theme counts of all matches.

Also runnable as a script (``python fts_baseline.py DB QUERY``) so the benchmark can
time FTS5 as a whole process, like ``research-reader search``.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

TOP = 20
_RANK = "bm25(fts, 3.0, 1.0, 1.0, 1.0, 1.0, 1.0)"


def build_fts(db_path: Path, store: Any) -> float:
    """Index the store's articles (with highlights' quotes and notes) into FTS5."""
    started = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.executescript(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, author, source, quote, note,"
        " tokenize='porter unicode61 remove_diacritics 2');"
        "CREATE TABLE doc_themes (doc INTEGER, theme TEXT);"
        "CREATE INDEX doc_themes_doc ON doc_themes(doc, theme);"
    )
    quotes: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    for aid, quote, note in store.query("SELECT article_id, quote, note FROM highlights"):
        quotes.setdefault(aid, []).append(quote)
        if note:
            notes.setdefault(aid, []).append(note)
    with db:
        for r in store.query("SELECT id, title, text, author, source, note FROM articles"):
            db.execute(
                "INSERT INTO fts (rowid, title, body, author, source, quote, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    r[0],
                    r[1],
                    r[2],
                    r[3] or "",
                    r[4] or "",
                    "\n\n".join(quotes.get(r[0], [])),
                    "\n\n".join(([r[5]] if r[5] else []) + notes.get(r[0], [])),
                ),
            )
        db.executemany(
            "INSERT INTO doc_themes VALUES (?, ?)",
            store.query(
                "SELECT article_id, theme_id FROM article_themes UNION SELECT h.article_id,"
                " t.theme_id FROM highlights h JOIN highlight_themes t ON t.highlight_id = h.id"
            ),
        )
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return time.perf_counter() - started


def fts_search(db: sqlite3.Connection, match: str) -> tuple[int, list[tuple[int, str, str]]]:
    """Total and the top 20 (rowid, title, snippet), plus the theme counts (discarded)."""
    top = db.execute(
        f"SELECT rowid, title FROM fts WHERE fts MATCH ? ORDER BY {_RANK} LIMIT {TOP}", (match,)
    ).fetchall()
    hits = [
        (
            rowid,
            title,
            db.execute(
                "SELECT snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts"
                " WHERE fts MATCH ? AND rowid = ?",
                (match, rowid),
            ).fetchone()[0],
        )
        for rowid, title in top
    ]
    total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
    db.execute(
        "SELECT theme, count(*) FROM doc_themes WHERE doc IN"
        " (SELECT rowid FROM fts WHERE fts MATCH ?) GROUP BY theme",
        (match,),
    ).fetchall()
    return int(total), hits


if __name__ == "__main__":
    connection = sqlite3.connect(sys.argv[1])
    found, rows = fts_search(connection, sys.argv[2])
    for row in rows:
        print(*row, sep="\t")
    print(f"{found} found")
