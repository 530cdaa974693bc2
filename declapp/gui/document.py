"""One open draft: the data, its file, its undo stack and its indicator model.

Views never write to the draft; they push commands (``undo_commands``,
``tree_commands``) that call the setters here, which emit ``fieldChanged`` so every
view showing the field follows — after typing, undo and redo alike.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from declapp.gui.tree_model import IndicatorModel
from declapp.gui.undo_commands import SetFieldCommand
from declapp.model import DEPARTMENT_FIELDS, FUND_FIELDS, Draft
from declapp.templates import DEFAULT_TEMPLATE, TemplateProfile, available_templates, load_template

TEXT_FIELDS = (*(f"department.{k}" for k in DEPARTMENT_FIELDS), "goals", "notes")
AMOUNT_FIELDS = tuple(f"funds.{k}" for k in FUND_FIELDS)
FIELDS = (*TEXT_FIELDS, *AMOUNT_FIELDS, "year", "template")

# What the undo menu says for each field ("撤销 编辑部门（单位）名称").
FIELD_NAMES = {
    "department.name": "部门（单位）名称", "department.head": "部门（单位）负责人",
    "department.phone": "联系电话", "department.functions": "部门（单位）职能概述",
    "goals": "绩效目标", "notes": "其他说明的问题", "funds.total": "资金总额",
    "funds.basic": "基本支出", "funds.project": "项目支出", "funds.other": "其他",
    "year": "年度", "template": "模板",
}


class Document(QObject):
    """The draft being edited in one window."""

    fieldChanged = Signal(str)
    draftReplaced = Signal()
    pathChanged = Signal()

    def __init__(self, draft: Draft, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.path = path
        self.stack = QUndoStack(self)
        self.model = IndicatorModel(self)

    # --- whole draft -------------------------------------------------------------------
    def replace(self, draft: Draft, path: Path | None) -> None:
        """Show another draft: a fresh history, clean (nothing to save yet)."""
        self.stack.clear()
        self.draft = draft
        self.path = path
        self.model.reset_from_draft()
        self.stack.setClean()
        self.draftReplaced.emit()
        self.pathChanged.emit()

    def set_path(self, path: Path) -> None:
        self.path = path
        self.pathChanged.emit()

    def display_name(self) -> str:
        return self.path.name if self.path else "未命名.json"

    @property
    def profile(self) -> TemplateProfile:
        """The draft's template; an unknown id (a newer release's) shows as the default."""
        template = self.draft.template
        return load_template(template if template in available_templates() else DEFAULT_TEMPLATE)

    # --- single fields -----------------------------------------------------------------
    def get_field(self, key: str) -> str | Decimal | int:
        if key.startswith("department."):
            return getattr(self.draft.department, key.split(".", 1)[1])
        if key.startswith("funds."):
            return self.draft.funds.get(key.split(".", 1)[1])
        if key in ("goals", "notes", "year", "template"):
            return getattr(self.draft, key)
        raise KeyError(key)

    def set_field(self, key: str, value: str | Decimal | int) -> None:
        """Called by commands only: write the field and tell the views."""
        if key.startswith("department."):
            setattr(self.draft.department, key.split(".", 1)[1], value)
        elif key.startswith("funds."):
            setattr(self.draft.funds, key.split(".", 1)[1], value)
        elif key in ("goals", "notes", "year", "template"):
            setattr(self.draft, key, value)
        else:
            raise KeyError(key)
        if key == "template":
            self.model.refresh_group_labels()
        self.fieldChanged.emit(key)

    def edit_field(self, key: str, value: str | Decimal | int, token: object = None) -> None:
        """A clerk's edit of *key*: one undo step, merged with the burst it continues."""
        old = self.get_field(key)
        if _same(old, value):
            return
        self.stack.push(SetFieldCommand(self, key, old, value, token,
                                        f"编辑“{FIELD_NAMES.get(key, key)}”"))

    def fund_sum(self) -> Decimal:
        """Sum of the fund rows the template shows below 资金总额."""
        return self.profile.fund_subtotal(self.draft.funds)


def _same(a: object, b: object) -> bool:
    # Decimal("1.5") == Decimal("1.50"), but the clerk typed a different amount.
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return str(a) == str(b)
    return a == b
