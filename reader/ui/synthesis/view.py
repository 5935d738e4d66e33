"""The synthesis view: two charts on top, then a column of cards per theme.

It shows what it is given (a :class:`reader.core.synthesis.Synthesis`); the controller
decides the scope and turns its signals into filters, re-tagging and navigation.
Columns are reused across refreshes when their theme stays, so a filter change costs
a model reset per column, not new widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.store import Store
from reader.core.synthesis import Synthesis
from reader.ui.look.theme_look import ThemeLook
from reader.ui.look.wording import plural
from reader.ui.synthesis.charts import CoOccurrenceChart, OverTimeChart
from reader.ui.synthesis.columns import ThemeColumn


class SynthesisView(QWidget):
    """``card_clicked(card)``, ``retag_requested(highlight_id, from, to, keep)``,
    ``themes_clicked((theme,) or (theme, other))``, ``close_requested()``."""

    card_clicked = Signal(object)
    retag_requested = Signal(int, object, object, bool)
    themes_clicked = Signal(tuple)
    close_requested = Signal()

    def __init__(
        self, look: ThemeLook, store: Callable[[], Store], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("synthesisView")
        self.look, self.store = look, store
        self.collapsed: set[str | None] = set()
        self.columns: dict[str | None, ThemeColumn] = {}
        heading = QLabel(self.tr("SYNTHESIS"), self)
        heading.setObjectName("paneHeading")
        self.summary = QLabel(self)
        self.summary.setObjectName("synthesisSummary")
        self.count_by = QComboBox(self)
        self.count_by.addItem(self.tr("count articles"), True)
        self.count_by.addItem(self.tr("count highlights"), False)
        self.count_by.setToolTip(self.tr("What the co-occurrence matrix counts"))
        back = QToolButton(self)
        back.setText(self.tr("Back to Reader"))
        back.setToolTip(self.tr("Back to the article (Ctrl+B)"))
        back.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.count_by)
        top.addWidget(back)
        self.over_time = OverTimeChart(look, self)
        self.co_occurrence = CoOccurrenceChart(look, self)
        self.count_by.currentIndexChanged.connect(
            lambda _: self.co_occurrence.set_count_articles(bool(self.count_by.currentData()))
        )
        for chart in (self.over_time, self.co_occurrence):
            chart.themes_clicked.connect(self.themes_clicked)
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.setObjectName("synthesisCharts")
        charts.addWidget(self.over_time)
        charts.addWidget(self.co_occurrence)
        charts.setStretchFactor(0, 1)
        charts.setStretchFactor(1, 1)
        charts.setSizes([500, 500])
        charts.setChildrenCollapsible(False)
        self.board = QWidget(self)
        self.board.setObjectName("synthesisBoard")
        self.row = QHBoxLayout(self.board)
        self.row.setContentsMargins(4, 4, 4, 4)
        self.row.setSpacing(8)
        self.row.addStretch(1)
        self.cards_scroll = QScrollArea(self)
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setWidget(self.board)
        self.cards_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()
        body = QSplitter(Qt.Orientation.Vertical, self)
        body.setObjectName("synthesisSplitter")
        body.addWidget(charts)
        body.addWidget(self.cards_scroll)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([270, 600])
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(body, 1)

    def show_synthesis(self, synthesis: Synthesis, filtered: bool) -> None:
        self.over_time.set_series(synthesis.over_time)
        self.co_occurrence.set_matrix(synthesis.co_occurrence)
        scope = self.tr("in the current search and filter") if filtered else self.tr("in all")
        self.summary.setText(
            f"  {plural(synthesis.highlight_count, self.tr('highlight'))} · "
            f"{plural(synthesis.article_count, self.tr('article'))} {scope}"
        )
        wanted = [g.theme_id for g in synthesis.groups]
        for theme_id in list(self.columns):
            if theme_id not in wanted:
                column = self.columns.pop(theme_id)
                self.row.removeWidget(column)
                column.hide()  # at once: deleteLater waits for the event loop
                column.deleteLater()
        for position, group in enumerate(synthesis.groups):
            shown = self.columns.get(group.theme_id)
            column = shown if shown is not None else self._column(group.theme_id)
            self.row.insertWidget(position, column)
            column.set_cards(group.article_ids, group.highlight_ids)
            column.set_collapsed(group.theme_id in self.collapsed)
        self.empty.setVisible(synthesis.highlight_count == 0)
        self.empty.setText(
            self.tr(
                "No highlights here yet. Select text in an article and press H to highlight it."
            )
            if synthesis.highlight_count == 0
            else ""
        )

    def column(self, theme_id: str | None) -> ThemeColumn:
        return self.columns[theme_id]

    def _column(self, theme_id: str | None) -> ThemeColumn:
        column = ThemeColumn(theme_id, self.look, self.store, self.board)
        column.card_clicked.connect(self.card_clicked)
        column.model.retag_requested.connect(self.retag_requested)
        column.collapsed_changed.connect(self._remember_collapsed)
        self.columns[theme_id] = column
        return column

    def _remember_collapsed(self, theme_id: str | None, collapsed: bool) -> None:
        if collapsed:
            self.collapsed.add(theme_id)
        else:
            self.collapsed.discard(theme_id)
