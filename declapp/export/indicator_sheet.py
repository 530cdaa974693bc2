"""The sheet for the online system: the form's indicators as the budget system
(预算管理一体化) imports them, one row per item.

Which columns, in which order, under which headers, is data: a column set in
``resources/indicator_sheets/`` (a province whose import template differs is a new file
there, not new code). Each column names a field this module knows (``FIELDS``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from declapp.errors import ClerkError
from declapp.form import locations as loc
from declapp.form.model import (
    NAME_MAX_CHARS,
    NUMERIC_OPS,
    VALUE_MAX_CHARS,
    Category,
    Draft,
    Group,
    Item,
)
from declapp.form.templates import group_labels, unit_name
from declapp.form.text import clean_text
from declapp.indicators.measures import plain_number
from declapp.indicators.wording import printed_text
from declapp.layout import draft_basename
from declapp.storage.atomic import atomic_write_zip
from declapp.system.paths import resource_path

DEFAULT_SHEET = "standard"
MAX_COLUMNS_FILE_BYTES = 1024 * 1024  # a column set is a few hundred bytes
SHEET_NAME = "一体化指标表"
FREE_TEXT_NOTE = "自由文本指标：请在系统中拆分填写三级指标名称、计算符号、指标值和计量单位"


class SheetError(ClerkError):
    """A column set that is unknown or malformed; ``message`` says which."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    width: float


@dataclass(frozen=True)
class ColumnSet:
    id: str
    name: str
    sheet_title: str
    columns: tuple[Column, ...]
    level1_labels: dict[str, str]


@dataclass(frozen=True)
class Row:
    """One item as the sheet holds it; ``cells`` by field."""

    location: str
    free_text: bool
    cells: dict[str, str]


@dataclass(frozen=True)
class _Place:
    draft: Draft
    group: Group
    group_label: str
    category: Category
    item: Item
    sheet: ColumnSet


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _free_text_name(place: _Place) -> str:
    return _one_line(printed_text(place.item))[:NAME_MAX_CHARS]


def _value(place: _Place) -> str:
    item = place.item
    if not item.is_structured:
        return ""
    return plain_number(item.value) if item.op in NUMERIC_OPS else clean_text(item.value).strip()


def _note(place: _Place) -> str:
    item = place.item
    if not item.is_structured:
        whole = _one_line(printed_text(item))
        cut = f"；三级指标名称取前 {NAME_MAX_CHARS} 字（原文 {len(whole)} 字，全文在指标内容）" \
            if len(whole) > NAME_MAX_CHARS else ""
        return FREE_TEXT_NOTE + cut
    notes = []
    if len(item.name.strip()) > NAME_MAX_CHARS:
        notes.append(f"三级指标名称超过 {NAME_MAX_CHARS} 字，系统不接受")
    if len(item.value.strip()) > VALUE_MAX_CHARS:
        notes.append(f"指标值超过 {VALUE_MAX_CHARS} 字，系统不接受")
    return "；".join(notes)


def _text(attr: str) -> Callable[[_Place], str]:
    def read(place: _Place) -> str:
        item = place.item
        if not item.is_structured:
            return ""
        return clean_text(getattr(item, attr)).strip()
    return read


def _content(place: _Place) -> str:
    item = place.item
    if item.is_structured:
        return clean_text(item.content).strip()
    return printed_text(item)  # the whole free text: the name column holds only 30 characters


FIELDS: dict[str, Callable[[_Place], str]] = {
    "level1": lambda p: p.sheet.level1_labels.get(p.group.kind, p.group.kind),
    "level1_label": lambda p: p.group_label,  # 产出指标一（城市管理和环境建设）
    "group_name": lambda p: p.group.name.strip(),
    "level2": lambda p: p.category.name.strip(),
    "name": lambda p: p.item.name.strip() if p.item.is_structured else _free_text_name(p),
    "op": lambda p: p.item.op if p.item.is_structured else "",
    "value": _value,
    "unit": _text("unit"),
    "content": _content,
    "explanation": _text("explanation"),
    "scoring": _text("scoring"),
    "note": _note,
    "department": lambda p: unit_name(p.draft),
    "year": lambda p: str(p.draft.year),
}


def _sheets_dir() -> Path:
    return resource_path("indicator_sheets")


def available_sheets() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _sheets_dir().glob("*.json")))


def _column_set(data: dict[str, Any], source: str) -> ColumnSet:
    try:
        columns = tuple(Column(str(c["header"]), str(c["field"]), float(c.get("width", 12)))
                        for c in data["columns"])
        sheet = ColumnSet(id=str(data["id"]), name=str(data["name"]),
                          sheet_title=str(data.get("sheet_title", "绩效指标"))[:31],
                          columns=columns, level1_labels=dict(data.get("level1_labels", {})))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SheetError(f"指标表列定义 {source} 不完整：{exc}") from None
    unknown = [c.field for c in sheet.columns if c.field not in FIELDS]
    if unknown or not sheet.columns:
        what = "、".join(unknown) or "（没有列）"
        raise SheetError(f"指标表列定义 {source} 含有未知的字段：{what}"
                         f"（可用：{'、'.join(FIELDS)}）")
    return sheet


def load_sheet(sheet_id: str = DEFAULT_SHEET) -> ColumnSet:
    """A bundled column set by id, or one from a ``.json`` file path."""
    path = Path(sheet_id)
    try:
        a_file = path.suffix.lower() == ".json" and path.is_file()
        if a_file and path.stat().st_size > MAX_COLUMNS_FILE_BYTES:
            raise SheetError(f"指标表列定义 {path.name} 太大，不是列定义文件。")
    except OSError:  # a name too long for the disk, a folder without access
        a_file = False
    if not a_file:
        if sheet_id not in available_sheets():
            known = "、".join(available_sheets())
            raise SheetError(f"未知的指标表格式“{sheet_id}”（可用：{known}，"
                             "或一个 .json 列定义文件）")
        path = _sheets_dir() / f"{sheet_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SheetError(f"无法读取指标表列定义 {path.name}：{exc}") from None
    except RecursionError:
        raise SheetError(f"无法读取指标表列定义 {path.name}：JSON 嵌套过深，"
                         "不是列定义文件。") from None
    if not isinstance(data, dict):
        raise SheetError(f"指标表列定义 {path.name} 应为一个 JSON 对象。")
    return _column_set(data, path.name)


def _places(draft: Draft, sheet: ColumnSet) -> Iterator[tuple[str, _Place]]:
    for tree, groups in draft.all_groups():
        labels = group_labels(draft, tree)
        for gi, group in enumerate(groups):
            for ci, category in enumerate(group.categories):
                for ii, item in enumerate(category.items):
                    if not item.is_blank:
                        yield loc.item(gi, ci, ii, tree=tree), _Place(
                            draft, group, labels[gi], category, item, sheet)


def sheet_rows(draft: Draft, sheet: ColumnSet | None = None) -> list[Row]:
    """The rows the sheet holds for *draft*, in the order of the form; blank items skipped."""
    sheet = sheet or load_sheet()
    fields = dict.fromkeys(c.field for c in sheet.columns)
    return [Row(location, not place.item.is_structured,
                {f: FIELDS[f](place) for f in fields})
            for location, place in _places(draft, sheet)]


_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_WRAP = Alignment(wrap_text=True, vertical="top")


def build_workbook(draft: Draft, sheet: ColumnSet | None = None) -> Workbook:
    sheet = sheet or load_sheet()
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.sheet_title
    rows = sheet_rows(draft, sheet)
    table = [[c.header for c in sheet.columns]]
    table += [[row.cells[c.field] for c in sheet.columns] for row in rows]
    for r, values in enumerate(table, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=_fit_cell(clean_text(value)))
            cell.data_type = "s"  # text as typed: "=SUM(A1)" or "95" are no formula, no number
            cell.number_format = "@"
            cell.alignment = _WRAP
            if r == 1:
                cell.font = Font(bold=True)
                cell.fill = _HEADER_FILL
    for c, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = column.width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.title = f"{unit_name(draft)} {draft.year} 年度绩效指标"
    wb.properties.creator = "declapp"  # how exporting again knows the file is ours
    return wb


EXCEL_CELL_CHARS = 32_767  # Excel calls a file with a longer cell damaged
_CUT = "…（超出 Excel 单元格的字数上限，以下略）"


def _fit_cell(text: str) -> str:
    """*text* as one Excel cell can hold it: cut, and said so, past Excel's limit."""
    if len(text) <= EXCEL_CELL_CHARS:
        return text
    return text[:EXCEL_CELL_CHARS - len(_CUT)] + _CUT


def sheet_filename(draft: Draft) -> str:
    """``<部门>-<年度>-一体化指标表.xlsx``, beside ``<部门>-<年度>-绩效目标申报表.docx``."""
    return f"{draft_basename(draft)}-{SHEET_NAME}.xlsx"


def write_indicator_sheet(draft: Draft, target: Path | str,
                          sheet: ColumnSet | str | None = None) -> list[Row]:
    """Write the sheet to *target* (``.xlsx``) atomically; the rows written. Raises
    ``WriteError`` when the file cannot be written (the old file stays as it was)."""
    column_set = load_sheet(sheet) if isinstance(sheet, str) else (sheet or load_sheet())
    workbook = build_workbook(draft, column_set)
    # Built whole in memory first: a zip written straight into the file is left open
    # and half-written by a full disk ("Exception ignored in: ZipFile.__del__").
    atomic_write_zip(target, workbook.save)
    return sheet_rows(draft, column_set)
