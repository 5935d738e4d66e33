"""Theme manager: create, rename, recolour, describe, re-parent, merge and delete themes.

Every change is an undoable command on the window's undo stack and is saved to
themes.yaml at once; theme ids never change (a rename changes the name only), so
highlights keep their themes. Highlight colours follow live.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.store import Store
from reader.core.themes import Taxonomy, count_usage, theme_counts
from reader.core.themes.editing import with_new_theme
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.controllers.theme_commands import RowsAndTaxonomyEdit, TaxonomyEdit
from reader.ui.controllers.themes import ThemesController
from reader.ui.look.plain import plain_html
from reader.ui.models.themes_model import ThemeTreeModel, swatch


class ThemeManagerDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        themes: ThemesController,
        annotations: AnnotationController,
        store: Callable[[], Store],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("themeManager")
        self.setWindowTitle(self.tr("Manage Themes"))
        self.resize(820, 560)
        self.themes, self.annotations, self.store = themes, annotations, store
        self.model = ThemeTreeModel(self, draggable=True)
        self.model.colour_of = themes.look.colour_of
        self.model.move_requested.connect(self._moved)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(0, 240)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_selected())

        self.name = QLineEdit(self)
        self.colour = QPushButton(self)
        self.colour.clicked.connect(self._pick_colour)
        self.key = QSpinBox(self)
        self.key.setRange(0, 9)
        self.key.setSpecialValueText(self.tr("none"))
        self.description = QPlainTextEdit(self)
        self.description.setPlaceholderText(
            self.tr("What belongs under this theme (the code's definition)")
        )
        self.keywords = QLineEdit(self)
        self.keywords.setPlaceholderText(self.tr("comma-separated, used for suggestions"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("optional search query for suggestions"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Colour"), self.colour)
        form.addRow(self.tr("Shortcut digit"), self.key)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Keywords"), self.keywords)
        form.addRow(self.tr("Query"), self.query)
        self.name.editingFinished.connect(lambda: self._edit(name=self.name.text().strip() or None))
        self.key.editingFinished.connect(lambda: self._edit(key=self.key.value() or None))
        self.keywords.editingFinished.connect(
            lambda: self._edit(
                keywords=tuple(k.strip() for k in self.keywords.text().split(",") if k.strip())
            )
        )
        self.query.editingFinished.connect(
            lambda: self._edit(query=self.query.text().strip() or None)
        )
        self._description_timer = QTimer(self)
        self._description_timer.setSingleShot(True)
        self._description_timer.setInterval(600)  # one save (and undo step) per pause
        self._description_timer.timeout.connect(
            lambda: self._edit(description=self.description.toPlainText())
        )
        self.description.textChanged.connect(self._description_typed)
        self.form = QWidget(self)
        self.form.setLayout(form)

        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("New Theme"), lambda: self._new(None)),
            (self.tr("New Child Theme"), lambda: self._new(self._current_id())),
            (self.tr("Merge Into…"), self._merge),
            (self.tr("Delete…"), self._delete),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        undo = QPushButton(self.tr("Undo"), self)
        undo.clicked.connect(annotations.stack.undo)
        buttons.addWidget(undo)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.tree, 3)
        body.addWidget(self.form, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self._loading = False
        self.refresh()

    # -- state ---------------------------------------------------------------------------

    @property
    def taxonomy(self) -> Taxonomy:
        return self.themes.taxonomy

    def refresh(self, select: str | None = None) -> None:
        select = select or self._current_id()
        self.model.set_taxonomy(self.taxonomy)
        # Rolled up like the themes pane, the board and `themes list` (one count everywhere).
        self.model.set_counts(theme_counts(self.store(), self.taxonomy))
        self.tree.expandAll()
        if select:
            index = self.model.index_of(select)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        self._show_selected()

    def _current_id(self) -> str | None:
        theme = self.model.theme_at(self.tree.currentIndex())
        return theme.id if theme else None

    def _show_selected(self) -> None:
        theme = self.taxonomy.get(self._current_id() or "")
        self.form.setEnabled(theme is not None)
        if theme is None:
            return
        self._loading = True
        self.name.setText(theme.name)
        colour = self.themes.look.colour_of(theme.id)
        self.colour.setIcon(swatch(colour, 16))
        self.colour.setText(colour.name())
        self.key.setValue(theme.key or 0)
        if self.description.toPlainText() != theme.description:
            self.description.setPlainText(theme.description)
        self.keywords.setText(", ".join(theme.keywords))
        self.query.setText(theme.query or "")
        for edit in (self.name, self.keywords, self.query):
            edit.setCursorPosition(0)
        self._loading = False

    # -- edits ---------------------------------------------------------------------------

    def _push(self, command: TaxonomyEdit | RowsAndTaxonomyEdit) -> bool:
        problems = self.annotations.workspace.library.taxonomy_problems
        if problems:  # never overwrite the user's broken file: they fix it first
            QMessageBox.warning(
                self,
                self.tr("Themes"),
                plain_html(
                    self.tr(
                        "themes.yaml has a problem, so themes cannot be changed here until it "
                        "is fixed:\n%1"
                    ).replace("%1", str(problems[0]))
                ),
            )
            return False
        try:
            self.annotations.stack.push(command)
        except ReaderError as exc:
            QMessageBox.warning(self, self.tr("Themes"), plain_html(str(exc)))
            return False
        return True

    def _after(self, select: str | None = None) -> Callable[[], None]:
        def done() -> None:
            self.annotations.written_widely()
            self.refresh(select)

        return done

    def _replace(self, text: str, new: Taxonomy, select: str | None = None) -> None:
        if new != self.taxonomy:
            self._push(
                TaxonomyEdit(
                    text, self.themes.save_taxonomy, self.taxonomy, new, self._after(select)
                )
            )

    def _edit(self, **changes: object) -> None:
        theme = self.taxonomy.get(self._current_id() or "")
        if theme is None or self._loading:
            return
        changes = {k: v for k, v in changes.items() if not (k == "name" and v is None)}
        if changes.get("key"):
            holder = self.taxonomy.by_key(int(changes["key"]))  # type: ignore[call-overload]
            if holder is not None and holder.id != theme.id:
                QMessageBox.information(
                    self,
                    self.tr("Themes"),
                    plain_html(
                        self.tr("Digit %1 already belongs to “%2”.")
                        .replace("%1", str(changes["key"]))
                        .replace("%2", holder.name)
                    ),
                )
                self._show_selected()
                return
        updated = replace(theme, **changes)  # type: ignore[arg-type]
        self._replace(
            self.tr("Edit Theme “%1”").replace("%1", theme.name),
            self.taxonomy.with_theme(updated),
            theme.id,
        )

    def _description_typed(self) -> None:
        if not self._loading:
            self._description_timer.start()

    def _pick_colour(self) -> None:
        theme = self.taxonomy.get(self._current_id() or "")
        if theme is None:
            return
        colour = QColorDialog.getColor(
            self.themes.look.colour_of(theme.id),
            self,
            self.tr("Colour of “%1”").replace("%1", theme.name),
        )
        if colour.isValid():
            self._edit(color=colour.name())

    def _new(self, parent_id: str | None) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New Theme"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        try:  # the core's one rule for ids and colours (and no duplicate names)
            new, theme = with_new_theme(self.taxonomy, name, parent=parent_id)
        except ReaderError as exc:
            QMessageBox.information(self, self.tr("Themes"), str(exc))
            return
        if new is self.taxonomy:  # a theme of that name exists: show it
            self.refresh(theme.id)
            return
        self._replace(self.tr("New Theme “%1”").replace("%1", theme.name), new, theme.id)

    def _moved(self, theme_id: str, parent_id: str | None, row: int) -> None:
        try:
            moved = self.taxonomy.moved(theme_id, parent_id, row if row >= 0 else None)
        except ReaderError as exc:
            QMessageBox.information(self, self.tr("Themes"), plain_html(str(exc)))
            return
        self._replace(self.tr("Move Theme"), moved, theme_id)

    def _merge(self) -> None:
        source = self.taxonomy.get(self._current_id() or "")
        if source is None:
            return
        others = [t for t in self.taxonomy.themes if t.id != source.id]
        names = [t.name for t in others]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Merge Theme"),
            self.tr("Merge “%1” into:").replace("%1", source.name),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return
        target = others[names.index(name)]
        highlights, articles = count_usage(self.store(), source.id)
        answer = QMessageBox.question(
            self,
            self.tr("Merge Theme"),
            self.tr("Move %1 highlight(s) and %2 article(s) from “%3” to “%4”, and remove “%3”?")
            .replace("%1", str(highlights))
            .replace("%2", str(articles))
            .replace("%3", source.name)
            .replace("%4", target.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._push(
                RowsAndTaxonomyEdit(
                    self.tr("Merge “%1” into “%2”")
                    .replace("%1", source.name)
                    .replace("%2", target.name),
                    self.themes.save_taxonomy,
                    self.store,
                    self.taxonomy,
                    source.id,
                    target.id,
                    self._after(target.id),
                )
            )

    def _delete(self) -> None:
        theme = self.taxonomy.get(self._current_id() or "")
        if theme is None:
            return
        highlights, articles = count_usage(self.store(), theme.id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete Theme"),
            self.tr("Delete “%1”? %2 highlight(s) and %3 article(s) carry it.")
            .replace("%1", theme.name)
            .replace("%2", str(highlights))
            .replace("%3", str(articles)),
            parent=self,
        )
        remove = box.addButton(
            self.tr("Remove from Highlights"), QMessageBox.ButtonRole.DestructiveRole
        )
        reassign = box.addButton(self.tr("Reassign to…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is remove:
            self._push(
                RowsAndTaxonomyEdit(
                    self.tr("Delete “%1”").replace("%1", theme.name),
                    self.themes.save_taxonomy,
                    self.store,
                    self.taxonomy,
                    theme.id,
                    None,
                    self._after(),
                )
            )
        elif box.clickedButton() is reassign:
            self._merge()
