"""The template chooser: every bundled profile by name, and one this release lacks."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from declapp.form.templates import DEFAULT_TEMPLATE, available_templates, load_template


def fill_template_combo(combo: QComboBox, current: str, keep_unknown: bool = True) -> None:
    """List the bundled templates (data: their id) and select *current*. A template this
    release does not know is listed as such (*keep_unknown*), or the default is chosen."""
    combo.clear()
    for template_id in available_templates():
        combo.addItem(load_template(template_id).name, template_id)
    if not keep_unknown and current not in available_templates():
        current = DEFAULT_TEMPLATE
    select_template(combo, current)


def select_template(combo: QComboBox, current: str) -> None:
    index = combo.findData(current)
    if index < 0:
        combo.addItem(f"未知模板：{current}", current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
