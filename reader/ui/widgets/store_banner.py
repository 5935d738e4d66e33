"""A band across the top of the window: the store refuses changes, why, and what to do.

A damaged store refuses every change so the damage cannot spread
(``reader.core.store_health``); a person must see that at once and for as long as it
lasts, not find out edit by edit. The band stays while the library is open; only a
passing trouble (a full disk) can be dismissed. Every string is plain text: the message
names files, and a file name must never be read as markup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QVBoxLayout, QWidget


def damaged_in_short() -> str:
    """A refused edit's reason where the banner already says the rest (a status bar,
    a field's error line: the whole message would be cut off or swamp the field)."""
    return QCoreApplication.translate(
        "StoreBanner", "this library's store is damaged (see the message at the top)"
    )


class StoreBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeBanner")
        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(warning.pixmap(size, size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self)
        self.headline.setObjectName("storeBannerHeadline")
        self.detail = QLabel(self)
        self.advice = QLabel(self)
        self.advice.setObjectName("storeBannerAdvice")
        for label in (self.headline, self.detail, self.advice):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("×")
        self.dismiss.setAutoRaise(True)
        self.dismiss.setToolTip(self.tr("Hide this message"))
        self.dismiss.clicked.connect(self.hide)
        text = QVBoxLayout()
        text.setSpacing(2)
        for label in (self.headline, self.detail, self.advice):
            text.addWidget(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 8, 8)
        row.addWidget(self.icon)
        row.addLayout(text, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_damage(self, message: str, restore_command: str) -> None:
        """The store is damaged: ``message`` is the core's one line (file, reason,
        backup); ``restore_command`` the command line that repairs this library."""
        self.headline.setText(self.tr("This library's store is damaged: changes are not saved."))
        self.detail.setText(message)
        self.advice.setText(
            self.tr(
                "You can go on reading, searching and copying. To repair it, close this "
                "window and run:  %1"
            ).replace("%1", restore_command)
        )
        self.advice.show()
        self.dismiss.hide()  # it lasts as long as the damage: no hiding it
        self.show()

    def show_refusal(self, message: str) -> None:
        """A change was refused for a passing reason (a full disk): dismissable."""
        self.headline.setText(self.tr("A change could not be saved."))
        self.detail.setText(message)
        self.advice.hide()
        self.dismiss.show()
        self.show()

    def is_damage(self) -> bool:
        return not self.isHidden() and self.dismiss.isHidden()

    def text(self) -> str:
        """What the banner says, as a person reads it (for tests and accessibility)."""
        shown = [w.text() for w in (self.headline, self.detail, self.advice) if not w.isHidden()]
        return "\n".join(shown)
