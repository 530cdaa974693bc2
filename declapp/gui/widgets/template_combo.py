"""The template chooser: every template the program knows, grouped as a clerk looks for
them — 部门整体 by region, then 项目支出, then the later stages — and one this release lacks."""

from __future__ import annotations

from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from declapp.form.definition import FormDefinition
from declapp.form.templates import DEFAULT_TEMPLATE, all_templates, available_templates

_STAGE_GROUPS = {"监控": "年中监控", "自评": "年末自评"}


def group_title(form: FormDefinition) -> str:
    """The heading a template is listed under: 部门整体 · 湖南省, 项目支出, 年中监控."""
    if form.stage in _STAGE_GROUPS:
        return _STAGE_GROUPS[form.stage]
    if form.family == "部门整体" and form.region:
        return f"部门整体 · {form.region}"
    return form.family


def fill_template_combo(combo: QComboBox, current: str, keep_unknown: bool = True,
                        stage: str | None = None) -> None:
    """List the templates (data: their id), under a heading per group, and select
    *current*; with *stage*, only the templates of that stage (a draft changes template
    within its stage; it goes on to the next one by 转入…). A template this release does
    not know is listed as such (*keep_unknown*), or the default is chosen."""
    model = QStandardItemModel(combo)
    bold = QFont()
    bold.setBold(True)
    heading = ""
    for form in all_templates():
        if stage is not None and form.stage != stage:
            continue
        title = group_title(form)
        if title != heading:
            head = QStandardItem(title)
            head.setEnabled(False)
            head.setSelectable(False)
            head.setFont(bold)
            model.appendRow(head)
            heading = title
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
