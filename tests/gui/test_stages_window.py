"""The rest of the year in the window: 转入年中监控 and 转入年末自评 from the real form,
the stage's columns beside the declared ones (read-only, greyed), a score and its reason,
调整指标值, and the year overview."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit

from declapp.storage.fileformat import load, save

from .clerk_input import type_text


def _item_path(window):
    assert window.navigate_to("indicators[0].categories[1].items[0]")
    return (0, 1, 0)


def test_a_year_in_the_window(qtbot, make_window, example_draft, tmp_path, monkeypatch):
    declared = tmp_path / "2021-申报.json"
    save(example_draft, declared)
    window = make_window(load(declared))
    window.doc.set_path(declared)
    actions = window.menu_actions
    assert actions["actionStageMonitor"].isEnabled() and actions["actionStageEvaluate"].isEnabled()

    actions["actionStageMonitor"].trigger()
    assert window.doc.draft.template == "monitor-department"
    assert window.doc.path is None and not window.doc.stack.isClean()  # new, unsaved
    assert "年中监控草稿" in window.statusBar().currentMessage()
    assert not actions["actionStageMonitor"].isEnabled()  # forward only
    tabs = [window.tab_widget.tabText(i) for i in range(window.tab_widget.count())]
    assert tabs == ["单位信息", "预算执行", "绩效指标", "偏差与纠偏"]
    months = window.editor("monitor.months")
    months.setCurrentIndex(months.findData("6"))
    months.activated.emit(months.currentIndex())
    assert window.doc.draft.texts["monitor.months"] == "6"
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    _item_path(window)
    items = window.indicators_tab.detail.items
    # The declared text is shown, greyed, and cannot be typed into; the stage's own columns can.
    assert not items.content.isEnabled() and not items.name.isEnabled()
    assert not window.menu_actions["actionAddItem"].isEnabled()
    assert not window.menu_actions["actionDeleteNode"].isEnabled()
    progress = items.columns.editors["progress"]
    type_text(qtbot, progress, "完成65%")
    assert window.doc.draft.indicators[0].categories[1].items[0].extra["progress"] == "完成65%"
    combo = items.columns.editors["likelihood"]
    combo.setCurrentIndex(combo.findData("有可能"))
    combo.activated.emit(combo.currentIndex())
    assert window.doc.draft.indicators[0].categories[1].items[0].extra["likelihood"] == "有可能"
    monitor_file = tmp_path / "2021-监控.json"
    window.file_actions.write(monitor_file)
    window.doc.set_path(monitor_file)

    actions["actionStageEvaluate"].trigger()
    assert window.doc.draft.template == "selfeval-department"
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    path = _item_path(window)
    item = window.doc.draft.indicators[0].categories[1].items[0]
    assert item.extra["progress"] == "完成65%"  # the mid-year value travels, unprinted
    # Make it a structured ≥95% indicator, as declared forms often are, then score it.
    item.name, item.op, item.value, item.unit = "拆除率", "≥", "95", "%"
    window.indicators_tab.detail.show_node(window.indicators_tab.model.node_at(path))
    points = Decimal(item.extra["points"])
    actual = items.columns.editors["actual"]
    type_text(qtbot, actual, "76")
    score = items.columns.editors["score"]
    assert isinstance(score, QLabel)
    expected = (Decimal(76) / Decimal(95) * points).quantize(Decimal("0.01"))
    assert score.text() == f"{expected:.2f}"
    assert score.toolTip() == f"实际 76 ÷ 目标 95 × 分值 {points.normalize():f} = " \
                              f"{expected.normalize():f}"
    tree_tip = window.indicators_tab.model.index_of(path).data(3)  # ToolTipRole
    assert "得分：实际 76 ÷ 目标 95" in tree_tip
    # A score below full without a word is what reviewers send back.
    window.show_problems()
    assert any(f.id == "score-without-cause" for f in window.problems.model.findings)

    # 调整指标值: the declared value stays, the adjusted one is judged, one undo step.
    adjusted = items.columns.editors["adjusted"]
    assert isinstance(adjusted, QLineEdit) and adjusted.isReadOnly()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("75", True))
    button = next(w for w in window.indicators_tab.findChildren(object)
                  if getattr(w, "objectName", lambda: "")() == "adjust:adjusted")
    button.click()
    assert item.extra["adjusted"] == "75" and item.value == "95"
    assert score.text() == f"{points:.2f}"  # 76 ≥ the adjusted 75: full points
    window.undo_action.trigger()
    assert item.extra.get("adjusted", "") == ""

    # The year on one page: the three drafts side by side.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    from declapp.gui.dialogs.year_overview import YearOverviewDialog

    window.doc.set_path(tmp_path / "2021-自评.json")
    window.file_actions.write(tmp_path / "2021-自评.json")
    dialog = YearOverviewDialog(window.doc.draft, window.doc.path, window.ops, window)
    assert "申报（2021-申报.json）、监控（2021-监控.json）、自评（2021-自评.json）" in \
        dialog.heading.text()
    table = dialog.table
    assert table.rowCount() == 51
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    row = next(r for r in range(51) if table.item(r, 2).text() == "符合区拆违办要求，确保新生"
               "违法建设“零增长”，帐内违法建设拆除率100%；")
    assert table.item(row, heads.index("1–6月实际完成值")).text() == "完成65%"
    assert table.item(row, heads.index("全年实际完成值")).text() == "76"
    assert table.item(row, heads.index("得分")).toolTip().startswith("实际 76 ÷ 目标 95")
    target = tmp_path / "概览.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert dialog.export() and target.exists()
    dialog.close()


def test_a_qualitative_indicators_score_is_given_within_its_band(qtbot, make_window,
                                                                 example_draft):
    """定性: the clerk chooses how far it was reached; the score is the band's top unless
    a score within the band is typed, which is checked against the band and undoes."""
    from declapp.editing.stages import to_stage
    from declapp.form.templates import load_template

    monitor = to_stage(example_draft, load_template(example_draft.template), "监控")
    final = to_stage(monitor, load_template(monitor.template), "自评")
    item = final.indicators[0].categories[1].items[0]
    item.op, item.value = "定性", "按期完成"
    window = make_window(final)
    window.tab_widget.setCurrentWidget(window.indicators_tab)
    path = _item_path(window)
    columns = window.indicators_tab.detail.items.columns
    given = columns.qualitative_score
    assert given is not None and given.isVisibleTo(window) and not given.isEnabled()
    points = Decimal(item.extra["points"])
    band = columns.editors["band"]
    band.setCurrentIndex(band.findData("部分达成并具有一定效果"))
    band.activated.emit(band.currentIndex())
    score = columns.editors["score"]
    assert given.isEnabled()
    assert score.text() == f"{(points * Decimal('0.8')).quantize(Decimal('0.01')):.2f}"

    low = (points * Decimal("0.7")).quantize(Decimal("0.01"))
    type_text(qtbot, given, f"{low}")
    assert window.doc.draft.indicators[0].categories[1].items[0].extra["score"] == f"{low}"
    assert score.text() == f"{low:.2f}" and "评定得分" in score.toolTip()
    given.selectAll()
    type_text(qtbot, given, f"{points}")  # above the band: no score, said why
    assert score.text().startswith("—") and "之间" in score.toolTip()
    window.undo_action.trigger()  # the typing in the field was one step: all of it goes
    assert score.text() == f"{(points * Decimal('0.8')).quantize(Decimal('0.01')):.2f}"
    assert "score" not in window.doc.draft.indicators[0].categories[1].items[0].extra \
        or window.doc.draft.indicators[0].categories[1].items[0].extra["score"] == ""
    assert given.text() == ""
    structured = window.doc.draft.indicators[0].categories[0].items[0]
    window.indicators_tab.detail.show_node(window.indicators_tab.model.node_at((0, 0, 0)))
    assert structured.op != "定性" and not given.isVisibleTo(window)
    assert path == (0, 1, 0)
