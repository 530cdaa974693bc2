"""新建: choose the template and the year of a new draft."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QSpinBox, QWidget

from declapp.form.templates import template_problems
from declapp.gui.dialogs.base import Dialog
from declapp.gui.widgets.template_combo import fill_template_combo
from declapp.gui.widgets.uiload import DIALOG_MARGINS, child, embed_ui


class NewDraftDialog(Dialog):
    """新建: choose the template and the year."""

    def __init__(self, parent: QWidget | None, template_id: str, year: int) -> None:
        super().__init__(parent)
        form = embed_ui(self, "new_draft_dialog.ui", DIALOG_MARGINS)
        self.setMinimumWidth(360)
        self.template_combo: QComboBox = child(form, QComboBox, "templateCombo")
        self.year_spin: QSpinBox = child(form, QSpinBox, "yearSpin")
        buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        fill_template_combo(self.template_combo, template_id, keep_unknown=False)
        self.year_spin.setValue(year)
        self.problems_label: QLabel = child(form, QLabel, "templateProblems")
        problems = template_problems()
        if problems:  # a region's template file the clerk copied in, and it is wrong
            lines = "\n".join(f"• {p.message}" for p in problems)
            self.problems_label.setText(f"以下模板文件有误，没有列出（请交给提供模板的人修改）：\n{lines}")
            self.problems_label.setVisible(True)

    def template_id(self) -> str:
        return str(self.template_combo.currentData())

    def year(self) -> int:
        return self.year_spin.value()
