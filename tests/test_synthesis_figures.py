"""The synthesis charts as PNG figures for exports."""

from __future__ import annotations

from PySide6.QtGui import QImage

from reader.core.library import Library
from reader.core.synthesis import synthesize
from reader.ui.app import create_application
from reader.ui.look.theme_look import ThemeLook
from reader.ui.synthesis.figures import render_chart_pngs


def test_both_charts_render_as_captioned_pngs(sample_library: Library) -> None:
    from reader.core.annotations.highlights import add_highlight

    create_application()
    store = sample_library.store
    for n, aid in enumerate(store.article_ids()):
        add_highlight(store, aid, 0, 20, ["command-structure", "china"][: 1 + n % 2])
    look = ThemeLook()
    taxonomy = sample_library.taxonomy
    look.set_themes({t.id: (t.name, t.color) for t in taxonomy.themes})
    figures = render_chart_pngs(synthesize(store, taxonomy), look)
    assert [caption.split(" ")[0] for caption, _ in figures] == ["Highlights", "Themes"]
    for _, png in figures:
        image = QImage.fromData(png, "PNG")
        assert png.startswith(b"\x89PNG") and image.width() >= 1800  # print resolution
        assert image.pixelColor(2, 2).name() == "#ffffff"  # a white page


def test_nothing_to_draw_gives_no_figures(empty_library: Library) -> None:
    create_application()
    assert (
        render_chart_pngs(synthesize(empty_library.store, empty_library.taxonomy), ThemeLook())
        == []
    )
