"""Theme manager: create, rename, recolour, describe, re-parent, merge and delete themes.

Every change is one core theme operation (the command line's ``themes add|edit|move|
merge|delete`` runs the same), made an undoable command on the window's undo stack and
saved to themes.yaml at once; theme ids never change (a rename changes the name only),
so highlights keep their themes. Highlight colours follow live. The form has a field
per entry of the core's theme property table (the parent is edited by dragging).

What is typed in a field is saved for the theme it was typed for on every way out —
another theme shown, Esc, Close, the dialog's window closing, the main window closing
(the app quitting) — never left to a timer still running.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.store import Store
from reader.core.themes import THEME_PROPERTIES, Taxonomy, count_usage, theme_counts
from reader.core.themes.editing import edited_taxonomy, with_new_theme
from reader.ui.controllers import theme_commands as commands
from reader.ui.controllers.annotations import AnnotationController
from reader.ui.controllers.themes import ThemesController
from reader.ui.dialogs.theme_fields import PropertyField, property_field
from reader.ui.look.plain import plain_html
from reader.ui.models.themes_model import ThemeTreeModel


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
        self._edits: list[tuple[str, str, str | None]] = []  # reported, not yet saved
        self._saving = False
        self.model = ThemeTreeModel(self, draggable=True, look=themes.look)
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

        form = QFormLayout()
        self.fields: dict[str, PropertyField] = {}  # property key → its field
        for prop in THEME_PROPERTIES:
            field = property_field(prop, self, themes.look.colour_of)
            if field is not None:
                field.edited.connect(self._edit)
                form.addRow(self.tr(prop.label), field.widget)
                self.fields[prop.key] = field
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
        undo.clicked.connect(self._undo)
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
        for button in self.findChildren(QPushButton):  # Return commits a field, no more:
            button.setAutoDefault(False)  # not a click on the colour button or on Close
        parent.window().installEventFilter(self)  # its close: see eventFilter
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
        """Show the current theme in the form; each field first saves what was typed
        for the theme it showed until now."""
        theme = self.taxonomy.get(self._current_id() or "")
        self.form.setEnabled(theme is not None)
        if theme is None:
            self.save_typed()
            return
        for field in self.fields.values():
            field.show(theme)

    def save_typed(self) -> None:
        """Save what is typed in the fields and not saved yet, each field one edit."""
        for field in self.fields.values():
            field.flush()

    def done(self, result: int) -> None:
        """Esc, Close and the window's close all end here: nothing typed is lost."""
        self.save_typed()
        super().done(result)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window is closing (the app quits): save before its library closes."""
        if event.type() == QEvent.Type.Close and watched is not self:
            self.save_typed()
        return super().eventFilter(watched, event)

    def _library(self) -> Library:
        return self.annotations.workspace.library

    # -- edits ---------------------------------------------------------------------------

    def _push(self, command: commands.ThemeEdit) -> bool:
        """Run a core theme operation as an undoable command; a refusal is one line."""
        problems = self._library().taxonomy_problems
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
        self.save_typed()  # typing not yet saved is its own step, before this one
        try:
            commands.run_theme_edit(self.annotations.stack, command)
        except ReaderError as exc:
            QMessageBox.warning(self, self.tr("Themes"), plain_html(str(exc)))
            self._show_selected()  # the field shows the value kept
            return False
        return True

    def _undo(self) -> None:
        """Undo the last step; typing not yet saved is saved first, so it is that step
        (as when the click takes the focus from the field, which not every platform does)."""
        self.save_typed()
        self.annotations.stack.undo()

    def _after(self, select: str | None = None, *, stay: bool = False) -> Callable[[], None]:
        """What runs after each redo and undo: themes shown anew, ``select`` selected.
        ``stay``: the edit itself (its first run) leaves the selection where it is — a
        field saved because the person clicked another theme must not take them back."""
        runs = 0

        def done() -> None:
            nonlocal runs
            runs += 1
            self.themes.reload_taxonomy()
            self.annotations.written_widely()
            if self.isVisible():  # undo can come from the window after the manager closed
                self.refresh(None if stay and runs == 1 else select)

        return done

    def _edit(self, theme_id: str, key: str, text: str | None) -> None:
        """A field of ``theme_id`` was edited: the core's ``edit_theme`` checks and
        saves it. One reported while another is being saved (a save shows the form
        anew, and fields showing another theme save theirs) waits its turn, so the
        undo stack gets one whole command at a time."""
        self._edits.append((theme_id, key, text))
        if self._saving:
            return
        self._saving = True
        try:
            while self._edits:
                self._save_edit(*self._edits.pop(0))
        finally:
            self._saving = False
            self._edits.clear()

    def _save_edit(self, theme_id: str, key: str, text: str | None) -> None:
        theme = self.taxonomy.get(theme_id)
        if theme is None:
            return
        try:  # a dry run: an edit that changes nothing is no undo step
            unchanged = edited_taxonomy(self.taxonomy, theme.id, {key: text}) == self.taxonomy
        except ReaderError as exc:
            QMessageBox.information(self, self.tr("Themes"), plain_html(str(exc)))
            self._show_selected()
            return
        if not unchanged:
            self._push(
                commands.edit_command(
                    self.tr("Edit Theme “%1”").replace("%1", theme.name),
                    self._library,
                    self._after(theme.id, stay=True),
                    theme_id=theme.id,
                    key=key,
                    value=text,
                )
            )

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
        self._push(
            commands.new_theme_command(
                self.tr("New Theme “%1”").replace("%1", theme.name),
                self._library,
                self._after(theme.id),
                name=name,
                parent=parent_id,
            )
        )

    def _moved(self, theme_id: str, parent_id: str | None, row: int) -> None:
        index = row if row >= 0 else len(self.taxonomy.themes)  # dropped on a theme: last
        try:
            unchanged = self.taxonomy.moved(theme_id, parent_id, index) == self.taxonomy
        except ReaderError as exc:
            QMessageBox.information(self, self.tr("Themes"), plain_html(str(exc)))
            return
        if not unchanged:
            self._push(
                commands.move_command(
                    self.tr("Move Theme"),
                    self._library,
                    self._after(theme_id),
                    theme_id=theme_id,
                    parent=parent_id,
                    index=index,
                )
            )

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
                commands.merge_command(
                    self.tr("Merge “%1” into “%2”")
                    .replace("%1", source.name)
                    .replace("%2", target.name),
                    self._library,
                    self._after(target.id),
                    source=source.id,
                    target=target.id,
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
                commands.delete_command(
                    self.tr("Delete “%1”").replace("%1", theme.name),
                    self._library,
                    self._after(),
                    theme_id=theme.id,
                )
            )
        elif box.clickedButton() is reassign:
            self._merge()
