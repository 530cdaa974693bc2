"""The template chooser: every template the program knows, grouped as a clerk looks for
them — 部门整体 by region, then 项目支出, then the later stages — and one this release lacks."""

from __future__ import annotations

from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from declapp.form.templates import DEFAULT_TEMPLATE, available_templates, chooser_sections


def fill_template_combo(combo: QComboBox, current: str, keep_unknown: bool = True,
                        stage: str | None = None) -> None:
    """List the templates (data: their id), under a heading per group, and select
    *current*; with *stage*, only the templates of that stage (a draft changes template
    within its stage; it goes on to the next one by 转入…). A template this release does
    not know is listed as such (*keep_unknown*), or the default is chosen."""
    model = QStandardItemModel(combo)
    bold = QFont()
    bold.setBold(True)
    for title, forms in chooser_sections(stage):
        head = QStandardItem(title)
        head.setEnabled(False)
        head.setSelectable(False)
        head.setFont(bold)
        model.appendRow(head)
        for form in forms:
            entry = QStandardItem(f"    {form.name}")
            entry.setData(form.id, 256)  # Qt.UserRole: what currentData() gives
            entry.setToolTip(form.description or form.name)
            model.appendRow(entry)
    combo.setModel(model)
    if not keep_unknown and current not in available_templates():
        current = DEFAULT_TEMPLATE
    select_template(combo, current)


def select_template(combo: QComboBox, current: str) -> None:
    index = combo.findData(current)
    if index < 0:
        combo.addItem(f"未知模板：{current}", current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
