"""Make the example brief: what an analyst gets out of ten minutes with the sample library.

Run from the repository: ``python docs/examples/make_brief.py`` (add ``--pdf`` for the
PDF too; it needs Qt). It opens a fresh sample library in a temporary folder, marks the
passages a reader would mark in ten minutes — five highlights with a theme and a note
each, an article theme and an article note — and exports a synthesis grouped by theme with
Chicago author-date references: ``brief.md`` and ``brief.html`` (and ``brief.pdf``)
beside this script. The same steps in the app: read, highlight (digit keys for themes),
File ▸ Export…, "By theme".
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from reader.core.annotations import highlights as hl  # noqa: E402
from reader.core.export import export  # noqa: E402
from reader.core.library import Library, LibraryLocation  # noqa: E402

# (article title prefix, quote, themes, note)
MARKS = [
    (
        "The United States and Japan are deep",
        "Forces Japan will transition into a Joint Force Headquarters",
        ["command-structure"],
        "The core institutional change; see also the 2+2 readout.",
    ),
    (
        "The United States and Japan are deep",
        "co-produce advanced missiles, including the AIM-120 Advanced Medium-Range "
        "Air-to-Air Missile (AMRAAM)",
        ["missile-co-production"],
        "Co-production eases U.S. stock shortfalls as much as it arms Japan.",
    ),
    (
        "New Security Era",
        "this was a show of force aimed at both countries",
        ["china"],
        "Joint China–Russia bomber flight answered by a joint U.S.–Japan flight.",
    ),
    (
        "New Security Era",
        "which seeks to be ready to invade Taiwan by 2027",
        ["taiwan"],
        "The 2027 date recurs across sources; check its origin.",
    ),
    (
        "U.S. Forces Partner",
        "the latest move institutionalizes peacetime cooperation",
        ["joint-exercises-readiness"],
        "",
    ),
]


def annotate(library: Library) -> None:
    store = library.store
    for title, quote, themes, note in MARKS:
        aid = store.resolve_article(title)
        text = store.article(aid).text
        hl.add_highlight(store, aid, *hl.find_quote(text, quote), themes, note)
    first = store.resolve_article("U.S. Forces Partner")
    store.set_article_themes(first, ["joint-exercises-readiness"])
    hl.set_article_note(
        store, first, "Background piece; useful framing, few specifics on command changes."
    )


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(LibraryLocation(Path(tmp) / "sample", explicit=False))
        try:
            annotate(library)
            formats = ["md", "html"] + (["pdf"] if "--pdf" in argv else [])
            for fmt in formats:
                renderer = None
                if fmt == "pdf":
                    from reader.ui.export_pdf import render_pdf

                    renderer = render_pdf
                result = export(
                    library,
                    fmt,
                    HERE / f"brief.{fmt}",
                    group_by="theme",
                    force=True,
                    pdf_renderer=renderer,
                )
                print(f"{result.paths[0]}: {result.highlights} highlights")
        finally:
            library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
