"""File ▸ Import from Web Address…: ask for one address; the import controller does the rest."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from reader.core.importing.fetch import is_web_address


class WebAddressDialog(QDialog):
    """A line for the address (pre-filled from the clipboard when it holds one) and
    Import / Cancel; Import is enabled only for an http(s) address."""

    def __init__(
        self,
        parent: QWidget,
        chosen: Callable[[str], object],
        title: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Import from Web Address"))
        self.setObjectName("web_address_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("https://")
        self.field.setMinimumWidth(460)
        clip = QGuiApplication.clipboard().text().strip()
        if is_web_address(clip):
            self.field.setText(clip)
            self.field.selectAll()
        label = QLabel(
            hint
            or self.tr("A news page, a PDF or an EPUB. It is fetched and imported like a file."),
            self,
        )
        label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(label)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(self._check)
        self._check(self.field.text())
        self.accepted.connect(lambda: chosen(self.field.text().strip()))

    def _check(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(is_web_address(text.strip()))
