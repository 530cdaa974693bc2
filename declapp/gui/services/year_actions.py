"""The window's year: 以此为基础新建下一年度, 转入年中监控 / 转入年末自评 (the next stage's
draft, new and unsaved) and 年度概览 in the 文件 menu, each telling the clerk what to check
next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from declapp.gui.main_window import MainWindow


class YearActions(QObject):
    """The year's actions of *window*, added to its 文件 menu after 以此为基础新建下一年度."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._add_actions()

    def next_year(self) -> bool:
        """This draft, year + 1, as a new unsaved draft; the panel shows the stale years."""
        if not self.window.file_actions.next_year():
            return False
        self.window.show_problems()
        findings = self.window.problems.model.findings
        stale = sum(1 for f in findings if f.id == "stale-year")
        carried = sum(1 for f in findings if f.id.startswith("carried-"))
        left = [f"{stale} 处文字仍写着往年的年份"] if stale else []
        left += [f"{carried} 个金额和成本数字来自上一年度"] if carried else []
        check = f"{'，'.join(left)}，请逐项核对（见问题列表）。" if left else ""
        self.window.note(f"已生成 {self.window.doc.draft.year} 年度草稿（尚未保存）。{check}",
                         15000)
        return True

    def _add_actions(self) -> None:
        """文件 > 转入年中监控 / 转入年末自评 / 年度概览…, after 以此为基础新建下一年度."""
        menu = self.window.menus["menuFile"]
        anchor = self.window.menu_actions["actionNextYear"]
        index = menu.actions().index(anchor) + 1
        after = menu.actions()[index] if index < len(menu.actions()) else QAction(self.window)
        self.stage_actions: dict[str, QAction] = {}
        for stage, text in (("监控", "转入年中监控(&M)"), ("自评", "转入年末自评(&E)")):
            action = QAction(text, self.window)
            action.setObjectName(f"actionStage{'Monitor' if stage == '监控' else 'Evaluate'}")
            action.setStatusTip(f"由这份草稿生成{'年中监控' if stage == '监控' else '年末自评'}"
                                "草稿：指标带入，只读")
            action.triggered.connect(lambda _=False, s=stage: self.go_to_stage(s))
            menu.insertAction(after, action)
            self.stage_actions[stage] = action
            self.window.menu_actions[action.objectName()] = action
        overview = QAction("年度概览(&Y)…", self.window)
        overview.setObjectName("actionYearOverview")
        overview.triggered.connect(self.show_year_overview)
        menu.insertAction(after, overview)
        self.window.menu_actions["actionYearOverview"] = overview
        self.update()
        self.window.doc.draftReplaced.connect(self.update)

    def update(self) -> None:
        from declapp.editing.stages import next_stages

        possible = next_stages(self.window.doc.form)
        for stage, action in self.stage_actions.items():
            action.setEnabled(stage in possible)

    def go_to_stage(self, stage: str) -> bool:
        """转入年中监控 / 转入年末自评: the next stage's draft, new and unsaved."""
        from declapp.editing.stages import stage_word

        name = self.window.doc.display_name()
        if not self.window.file_actions.to_stage(stage):
            return False
        self.window.show_problems()
        self.window.note(f"已由 {name} 生成{stage_word(stage)}草稿（尚未保存）：指标的名称、"
                         "计算符号、指标值和计量单位只读，请填写本阶段的各列。", 15000)
        return True

    def show_year_overview(self) -> None:
        from declapp.gui.dialogs.year_overview import YearOverviewDialog

        doc = self.window.doc
        dialog = YearOverviewDialog(doc.draft, doc.path, self.window.ops, self.window)
        dialog.show()
