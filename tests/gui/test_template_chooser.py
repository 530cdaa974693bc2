"""The template chooser of 新建 and of 单位信息: each group under one heading, in the order
a clerk looks for a form — 部门整体 by region, 项目支出, then 年中监控 and 年末自评 — the
same grouping as ``declapp template list`` (``declapp.form.templates.template_groups``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from declapp.form.templates import new_draft, template_groups
from declapp.gui.dialogs.new_draft import NewDraftDialog


def _sections(combo: QComboBox) -> list[tuple[str, list[str]]]:
    """(heading, template ids under it) as the list shows them."""
    model = combo.model()
    sections: list[tuple[str, list[str]]] = []
    for row in range(model.rowCount()):
        item = model.item(row)
        if item.data(256) is None:
            assert not item.isEnabled() and not item.isSelectable()  # a heading
            sections.append((item.text(), []))
        else:
            sections[-1][1].append(item.data(256))
    return sections


def test_new_lists_each_group_once_in_the_order_a_clerk_looks(qtbot, qtmodeltester):
    dialog = NewDraftDialog(None, "xicheng-2021", 2025)
    qtbot.addWidget(dialog)
    combo = dialog.template_combo
    qtmodeltester.check(combo.model())
    sections = _sections(combo)
    headings = [h for h, _ids in sections]
    assert len(headings) == len(set(headings)), headings  # no heading twice
    assert headings[0] == "部门整体 · 北京市西城区"
    assert all(h.startswith("部门整体 · ") for h in headings[:-3])
    assert headings[-3:] == ["项目支出", "年中监控", "年末自评"]
    ids = dict(sections)
    assert ids["项目支出"] == ["project-2011"]
    assert ids["年中监控"] == ["monitor-department", "monitor-project"]
    assert ids["年末自评"] == ["selfeval-department", "selfeval-project"]
    # The same forms in the same order as the command line lists them.
    listed = [f.id for _g, subgroups in template_groups() for _s, forms in subgroups
              for f in forms]
    assert [i for _h, group in sections for i in group] == listed
    assert combo.currentData() == "xicheng-2021"


def test_a_monitoring_draft_chooses_among_the_monitoring_forms_only(qtbot, make_window):
    window = make_window(new_draft("monitor-project", 2025))
    combo = window.form_tabs[0].template_combo
    assert _sections(combo) == [("年中监控", ["monitor-department", "monitor-project"])]
    assert combo.currentData() == "monitor-project"
