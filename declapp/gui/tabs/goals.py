"""绩效目标: the goals text with its character count, and 其他说明的问题."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSplitter, QWidget

from declapp.checks.form_rules import NOTES_HINT
from declapp.gui.document.document import Document
from declapp.gui.widgets.bindings import TextBinding
from declapp.gui.widgets.text_edit import char_count
from declapp.gui.widgets.uiload import TAB_MARGINS, child, embed_ui


class GoalsTab(QWidget):
    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.form_widget = embed_ui(self, "goals_tab.ui", TAB_MARGINS)
        f = self.form_widget
        self.edits = {"goals": child(f, QPlainTextEdit, "goalsEdit"),
                      "notes": child(f, QPlainTextEdit, "notesEdit")}
        self.counts = {"goals": child(f, QLabel, "goalsCount"),
                       "notes": child(f, QLabel, "notesCount")}
        self.labels = {"goals": child(f, QLabel, "goalsLabel"),
                       "notes": child(f, QLabel, "notesLabel")}
        self.bindings = {k: TextBinding(w, doc.committer(k),
                                        doc.stack)
                         for k, w in self.edits.items()}
        for key, edit in self.edits.items():
            edit.textChanged.connect(lambda key=key: self._count(key))
        child(f, QSplitter, "splitter").setSizes([560, 160])
        # The check asks for 无 when there is nothing to say: the placeholder says the same.
        self.edits["notes"].setPlaceholderText(NOTES_HINT)
        doc.fieldChanged.connect(self.refresh)
        doc.draftReplaced.connect(self.refresh_all)
        self.refresh_all()

    def _count(self, key: str) -> None:
        self.counts[key].setText(char_count(self.edits[key].toPlainText()))

    def refresh_all(self) -> None:
        for key in ("goals", "notes", "template"):
            self.refresh(key)

    def refresh(self, key: str) -> None:
        if key in self.bindings:
            self.bindings[key].show(self.doc.text(key))
            self._count(key)
        elif key == "template":
            profile = self.doc.profile
            for name, label in self.labels.items():
                label.setText(profile.label(name) or label.text())

    def focus_field(self, key: str) -> bool:
        if key not in self.edits:
            return False
        self.edits[key].setFocus()
        return True
