"""The search language, explained for users (shown by Help ▸ Search Syntax and the CLI)."""

QUERY_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("missile production", "both words, anywhere (words are stemmed: production finds produce)"),
    ('"Joint Force Headquarters"', "the exact phrase"),
    ("AMRAAM OR SM-6", "either word"),
    ("China NOT Taiwan", "China without Taiwan (also: China -Taiwan)"),
    ("(China OR Russia) bomber", "parentheses group"),
    ("deterr*", "words starting with deterr (at least 3 letters before *)"),
    ("missle~", "words spelled nearly like missle (missile); missle~2 allows two edits"),
    ("title:alliance", "in the title only; also author:, source:"),
    (
        'theme:"missile co-production"',
        "articles with that theme (name or id); a parent theme includes its children",
    ),
    ("note:follow-up", "only in your notes"),
    ("quote:deterrence", "only in highlighted passages"),
    ("date:2025  date:2025-07", "published in 2025, in July 2025"),
    ("date:[2025-01-01 to 2025-06-30]", "published in a date range"),
)

QUERY_HELP_TEXT = "\n".join(f"  {q:<34} {what}" for q, what in QUERY_EXAMPLES)

QUERY_HELP_HTML = (
    "<h3>Search syntax</h3>"
    "<p>Search looks in titles, article text, authors, sources, themes, highlighted "
    "passages and notes. Case and accents do not matter.</p><table>"
    + "".join(
        f"<tr><td style='padding:3px 16px 3px 0'><code>{q.replace('<', '&lt;')}</code></td>"
        f"<td>{what}</td></tr>"
        for q, what in QUERY_EXAMPLES
    )
    + "</table><p>Results are ranked by relevance (BM25F, title matches count most); "
    "sort them by date or title in the command line with <code>--sort</code>.</p>"
)
