"""The store's schema and its migrations, in order.

``PRAGMA user_version`` records how many migrations a store has had. A migration is
appended, never edited, once it has shipped: stores in the wild were built by it.
"""

from __future__ import annotations


def _change_trigger(table: str, event: str, article: str) -> str:
    """A trigger that gives the article a row changed by ``event`` touches the next
    change number. UPDATE-then-INSERT rather than ``INSERT OR REPLACE``: a conflict
    clause on the statement that fires a trigger overrides the one inside it, so an
    ``INSERT OR IGNORE INTO article_themes`` would silently skip the record."""
    row = "OLD" if event == "DELETE" else "NEW"
    target = article.format(r=row)
    return f"""
    CREATE TRIGGER {table}_changed_{event.lower()} AFTER {event} ON {table}
    WHEN {target} IS NOT NULL BEGIN
        UPDATE article_changes
            SET seq = (SELECT max(seq) + 1 FROM article_changes)
            WHERE article_id = {target};
        INSERT INTO article_changes (article_id, seq)
            SELECT {target}, (SELECT coalesce(max(seq), 0) + 1 FROM article_changes)
            WHERE NOT EXISTS (SELECT 1 FROM article_changes WHERE article_id = {target});
    END;
    """


MIGRATIONS: tuple[str, ...] = (
    # 1: articles, highlights, themes on highlights and articles.
    """
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        title        TEXT NOT NULL,
        date         TEXT,                       -- ISO YYYY-MM-DD or NULL
        source       TEXT,
        author       TEXT,
        url          TEXT,
        categories   TEXT NOT NULL DEFAULT '[]', -- JSON list of strings
        path         TEXT,                       -- absolute path of the imported file
        content_hash TEXT NOT NULL,              -- sha256 of the canonical text
        imported_at  TEXT NOT NULL,              -- ISO 8601 UTC
        modified_at  TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        text         TEXT NOT NULL               -- canonical plain text; offsets index it
    );
    CREATE UNIQUE INDEX articles_path ON articles(path) WHERE path IS NOT NULL;
    CREATE INDEX articles_hash ON articles(content_hash);

    CREATE TABLE highlights (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,        -- stable id for export/import
        article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start       INTEGER,                     -- code points into articles.text;
        "end"       INTEGER,                     -- both NULL when orphaned
        quote       TEXT NOT NULL,
        prefix      TEXT NOT NULL DEFAULT '',
        suffix      TEXT NOT NULL DEFAULT '',
        note        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        modified_at TEXT NOT NULL
    );
    CREATE INDEX highlights_article ON highlights(article_id, start);

    CREATE TABLE highlight_themes (
        highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
        theme_id     TEXT NOT NULL,
        position     INTEGER NOT NULL DEFAULT 0,  -- the first theme gives the colour
        PRIMARY KEY (highlight_id, theme_id)
    );
    CREATE INDEX highlight_themes_theme ON highlight_themes(theme_id);

    CREATE TABLE article_themes (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        theme_id   TEXT NOT NULL,
        PRIMARY KEY (article_id, theme_id)
    );
    CREATE INDEX article_themes_theme ON article_themes(theme_id);
    """,
    # 2: change tracking for derived data (the search index). Triggers record, for every
    # article whose searchable content changes (its row, its highlights, notes or
    # themes), a store-wide increasing sequence number. The index remembers the highest
    # number it has seen and re-indexes exactly the articles above it, whoever wrote the
    # change. Rows outlive deleted articles on purpose: they tell the index to drop them.
    """
    CREATE TABLE article_changes (
        article_id INTEGER PRIMARY KEY,          -- no foreign key: a tombstone stays
        seq        INTEGER NOT NULL
    );
    CREATE INDEX article_changes_seq ON article_changes(seq);
    INSERT INTO article_changes (article_id, seq) SELECT id, id FROM articles;
    """
    + "".join(
        _change_trigger(table, event, row)
        for table, row in (
            ("articles", "{r}.id"),
            ("highlights", "{r}.article_id"),
            ("article_themes", "{r}.article_id"),
            ("highlight_themes", "(SELECT article_id FROM highlights WHERE id = {r}.highlight_id)"),
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ),
    # 3: theme suggestions the user dismissed, per article and theme. Keyed by the
    # passage's text (white space collapsed), not its offsets, so a dismissal survives a
    # re-import that moves the passage; it lapses if the passage itself changes.
    """
    CREATE TABLE suggestion_dismissals (
        article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        theme_id     TEXT NOT NULL,
        quote        TEXT NOT NULL,
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (article_id, theme_id, quote)
    );
    """,
    # 4: where each page of a paged source (a PDF) begins in the article's text, so a
    # highlight can say "p. 12". Page numbers are the PDF's own (1 = its first page).
    """
    CREATE TABLE article_pages (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        page       INTEGER NOT NULL,
        start      INTEGER NOT NULL,            -- code point offset into articles.text
        PRIMARY KEY (article_id, page)
    );
    """,
    # 5: news feeds. A feed remembers its validators (ETag, Last-Modified) for conditional
    # requests and every entry it has seen (by GUID, with its page address and updated
    # stamp), so an update imports only what is new or changed. A feed's themes are
    # offered for its articles as suggestions (article_theme_suggestions), never applied.
    """
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT NOT NULL DEFAULT '',
        themes        TEXT NOT NULL DEFAULT '[]',  -- JSON list of theme ids to suggest
        etag          TEXT,
        last_modified TEXT,
        added_at      TEXT NOT NULL,
        checked_at    TEXT,
        last_error    TEXT                         -- why the last update failed, or NULL
    );
    CREATE TABLE feed_entries (
        feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid       TEXT NOT NULL,
        url        TEXT NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        updated    TEXT NOT NULL DEFAULT '',
        seen_at    TEXT NOT NULL,
        PRIMARY KEY (feed_id, guid)
    );
    CREATE INDEX feed_entries_url ON feed_entries(url);
    CREATE TABLE article_theme_suggestions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        theme_id   TEXT NOT NULL,
        source     TEXT NOT NULL,                  -- 'feed:<id>'
        dismissed  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_id, theme_id)
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
