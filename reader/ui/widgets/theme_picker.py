"""The theme picker: the whole taxonomy as a tree, type to filter, check several, Enter.

One picker serves every place a theme is applied — a highlight's Themes… button and
context menu, the T key, a selection in the reader, the Article tab and many library
rows at once — so every theme (not only those with a digit key) is two keystrokes
away. When the typed text names no theme, "Create theme “X”" makes it through the
core's one theme-creating operation (passed in as ``create``), so no code path invents
a theme id outside ``themes.yaml``.

With several articles, a theme some but not all of them carry starts partly checked;
leaving it so changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.themes import Taxonomy, Theme
from reader.ui.look.plain import plain_html
from reader.ui.models.themes_model import swatch

THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Check = Qt.CheckState


class ThemePicker(QDialog):
    """``picked(added, removed)`` when applied: theme ids to add and to take away.

    ``checked`` are the themes the target has now; ``partial`` those only some of
    several targets have. ``create(name)`` makes a new theme and returns it (or raises
    :class:`reader.core.errors.ReaderError`, shown in the picker).
    """

    picked = Signal(list, list)

    def __init__(
        self,
        parent: QWidget,
        taxonomy: Taxonomy,
        colour_of: Callable[[str], object],
        checked: Collection[str],
        create: Callable[[str], Theme],
        title: str,
        partial: Collection[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("themePicker")
        self.setWindowTitle(title)
        self.resize(380, 460)
        self._create, self._colour_of = create, colour_of
        self._initial: dict[str, Check] = {
            **{t: Check.PartiallyChecked for t in partial},
            **{t: Check.Checked for t in checked},
        }
        self._touched = False

        self.filter = QLineEdit(self)
        self.filter.setObjectName("themePickerFilter")
        self.filter.setPlaceholderText(self.tr("Type to find or create a theme…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.installEventFilter(self)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tree = QTreeView(self)
        self.tree.setObjectName("themePickerTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("themePickerCreate")
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self._create_typed)
        self.message = QLabel(self)
        self.message.setObjectName("searchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Apply"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.create_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._fill(taxonomy)
        self.model.itemChanged.connect(self._item_changed)
        self.filter.textChanged.connect(self._filter_changed)
        self.tree.doubleClicked.connect(self._toggle)
        self._filter_changed("")
        self.filter.setFocus()

    # -- content -------------------------------------------------------------------------

    def _fill(self, taxonomy: Taxonomy) -> None:
        self.model.clear()
        items: dict[str, QStandardItem] = {}
        pending = list(taxonomy.themes)
        while pending:  # parents before children, whatever the file's order
            rest = []
            for theme in pending:
                if theme.parent and theme.parent not in items and taxonomy.get(theme.parent):
                    rest.append(theme)
                    continue
                item = self._item(theme)
                holder = items.get(theme.parent or "")
                (holder.appendRow if holder else self.model.appendRow)(item)
                items[theme.id] = item
            if len(rest) == len(pending):  # a cycle: show the rest at the top
                for theme in rest:
                    items[theme.id] = self._item(theme)
                    self.model.appendRow(items[theme.id])
                break
            pending = rest
        self._items = items
        self.tree.expandAll()

    def _item(self, theme: Theme) -> QStandardItem:
        item = QStandardItem(theme.name)
        item.setData(theme.id, THEME_ID_ROLE)
        item.setIcon(swatch(self._colour_of(theme.id)))  # type: ignore[arg-type]
        item.setToolTip(plain_html(theme.description))
        item.setCheckable(True)
        state = self._initial.get(theme.id, Check.Unchecked)
        item.setUserTristate(state == Check.PartiallyChecked)
        item.setCheckState(state)
        return item

    def state(self) -> dict[str, Check]:
        """Every theme's check state now."""
        return {tid: item.checkState() for tid, item in self._items.items()}

    # -- typing and choosing -------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()
        name = text.strip()
        exact = any(i.text().casefold() == name.casefold() for i in self._items.values())
        self.create_button.setVisible(bool(name) and not exact)
        self.create_button.setText(self.tr("Create theme “%1”").replace("%1", name))
        self.message.clear()
        current = self._first_match(name) if name else self.proxy.index(0, 0)
        if current.isValid():
            self.tree.setCurrentIndex(current)

    def _first_match(self, needle: str) -> QModelIndex:
        """The first theme, in taxonomy order, whose own name holds ``needle`` (a parent
        shows too when only its child matches, but Enter should pick the child)."""
        for item in self._items.values():
            if needle.casefold() in item.text().casefold():
                return self.proxy.mapFromSource(item.index())
        return QModelIndex()

    def _toggle(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(self.proxy.mapToSource(index))
        if item is None:
            return
        item.setUserTristate(False)
        item.setCheckState(Check.Unchecked if item.checkState() == Check.Checked else Check.Checked)

    def _item_changed(self, item: QStandardItem) -> None:
        self._touched = True

    def _create_typed(self) -> None:
        name = self.filter.text().strip()
        if not name:
            return
        from reader.core.errors import ReaderError

        try:
            theme = self._create(name)
        except ReaderError as exc:
            self.message.setText(str(exc))
            return
        item = self._items.get(theme.id)
        if item is None:
            item = self._item(theme)
            holder = self._items.get(theme.parent or "")
            (holder.appendRow if holder else self.model.appendRow)(item)
            self._items[theme.id] = item
        item.setCheckState(Check.Checked)
        self.filter.clear()

    def eventFilter(self, watched: object, event: object) -> bool:
        """In the filter box: Enter applies (creating or checking the typed theme when
        nothing was ticked by hand), Down moves into the tree, Space there toggles."""
        if (
            watched is self.filter
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
                return True
            if event.key() == Qt.Key.Key_Down:
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tree.hasFocus():
            self.accept()
            return
        if event.key() == Qt.Key.Key_Space and self.tree.hasFocus():
            self._toggle(self.tree.currentIndex())
            return
        super().keyPressEvent(event)

    def _enter(self) -> None:
        name = self.filter.text().strip()
        if name and not self._touched:
            if not self._first_match(name).isValid():
                self._create_typed()
            else:
                current = self.tree.currentIndex()
                if current.isValid():
                    item = self.model.itemFromIndex(self.proxy.mapToSource(current))
                    if item is not None:
                        item.setCheckState(Check.Checked)
        if not self.message.text() or not name:
            self.accept()

    def accept(self) -> None:
        added: list[str] = []
        removed: list[str] = []
        for theme_id, state in self.state().items():
            before = self._initial.get(theme_id, Check.Unchecked)
            if state == before or state == Check.PartiallyChecked:
                continue
            (added if state == Check.Checked else removed).append(theme_id)
        super().accept()
        if added or removed:
            self.picked.emit(added, removed)
