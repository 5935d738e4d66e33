"""Telling the person that the store refuses changes: the banner over the panes, the
window title and the status bar.

A damaged store (``reader.core.store_health``) stays refused for as long as its library
is open, so the banner stays, with the command that restores it; a passing refusal (a
full disk, say) shows until dismissed. A refused edit says "Not saved" in the status bar,
briefly when the banner already explains why (the whole line would be cut off there).
"""

from __future__ import annotations

import shlex

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from reader.core.backup import list_backups
from reader.ui.widgets.store_banner import StoreBanner, damaged_in_short
from reader.ui.workspace import Workspace


class StoreTroubleController(QObject):
    def __init__(self, *, window: QMainWindow, workspace: Workspace, banner: StoreBanner) -> None:
        super().__init__(window)
        self.window, self.workspace, self.banner = window, workspace, banner
        workspace.change_refused.connect(self.say_refused)
        workspace.store_trouble.connect(self.show)

    def say_refused(self, why: str) -> None:
        """An edit was not saved: the status bar says so."""
        if self.banner.is_damage():
            why = damaged_in_short()
        self.window.statusBar().showMessage(self.tr("Not saved: %s") % why, 15000)

    def show(self, message: str) -> None:
        """The banner and the title for the open library's store as it is now."""
        refusal = self.workspace.store_refusal()
        root = self.workspace.library.root
        if refusal:
            command = f"research-reader restore --library {shlex.quote(str(root))}"
            if not any(b.kind != "pre-restore" for b in list_backups(root)):
                command += " " + self.tr("YOUR-COPY.sqlite3")  # no backup of ours to go to
            self.banner.show_damage(refusal, command)
            self.window.setWindowTitle(
                self.tr("%1 (damaged: changes are not saved) — Research Reader").replace(
                    "%1", root.name
                )
            )
        elif message:
            self.banner.show_refusal(message)
        else:
            self.banner.hide()
