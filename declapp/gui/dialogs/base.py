"""The base of the editor's dialogs: freed when it closes.

A QDialog made with the window as parent lives as long as the window unless deleted:
opening 新建 and 设置 five times each used to leave ten dialogs behind. ``done`` (which
accept, reject and the close box all end in) schedules the deletion; the caller can
still read the dialog's fields right after ``exec`` returns, before the event loop runs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class Dialog(QDialog):
    def done(self, result: int) -> None:
        super().done(result)
        self.deleteLater()
