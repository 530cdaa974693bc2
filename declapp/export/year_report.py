"""The year overview (年度概览) as an Excel sheet a department head reads on one page, and
the drafts of a year found beside each other in a folder."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from declapp.form.model import Draft
from declapp.indicators.year_view import (
    MAX_FOLDER_DRAFTS,
    Overview,
    OverviewError,
    Stagedraft,
    family_of,
    overview,
)
from declapp.storage.atomic import atomic_write_zip
from declapp.storage.fileformat import DraftError, load

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")


def drafts_beside(path: Path) -> list[tuple[Draft, Path | None]]:
    """The readable drafts in *path*'s folder (and *path* itself), oldest saved first, so
    that of two drafts of one stage the latest one wins."""
    folder = path.parent
    try:
        files = sorted((p for p in folder.glob("*.json") if p.is_file()),
                       key=lambda p: p.stat().st_mtime_ns)[-MAX_FOLDER_DRAFTS:]
    except OSError:
        files = []
    found: list[tuple[Draft, Path | None]] = []
    for file in files:
        try:
            found.append((load(file), file))
        except DraftError:
            continue  # not a draft, or not readable: not of this year's family
    return found


def year_of(paths: list[Path]) -> Overview:
    """The overview of the year the drafts *paths* belong to: with one draft, its family
    is looked for beside it; with several, they are the family."""
    if not paths:
        raise OverviewError("请给出至少一份草稿。")
    first = load(paths[0])
    if len(paths) == 1:
        candidates = drafts_beside(paths[0])
    else:
        candidates = [(load(p), p) for p in paths]
    family = family_of(first, candidates)
    if not family:
        raise OverviewError("没有找到同一单位、同一年度的申报、监控或自评草稿。")
    return overview(family)


def headings(view: Overview) -> list[str]:
    return ["一级指标", "二级指标", "指标", "年度指标值", "调整后指标值", *view.mid_columns,
            "全年实际完成值", "分值", "得分", "得分说明"]


def row_cells(view: Overview, index: int) -> list[str]:
    row = view.rows[index]
    return [row.group, row.category, row.name, row.target, row.adjusted, *row.mid,
            row.actual, row.points, row.score, row.reason]


def write_year_report(view: Overview, target: Path | str) -> None:
    """Write *view* to *target* (``.xlsx``) atomically."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "年度概览"
    title = f"{view.unit} {view.year} 年度绩效目标执行概览"
    sheet.append([title])
    stages = "、".join(f"{s.stage}（{s.path.name if s.path else s.form.name}）"
                       for s in view.stages)
    sheet.append([f"依据：{stages}"])
    heads = headings(view)
    sheet.append(heads)
    for n in range(len(view.rows)):
        sheet.append(row_cells(view, n))
    if view.total:
        sheet.append(["预算执行率", view.execution, "", "总分", view.total, "自评等级", view.grade])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = _HEAD
    widths = [14, 14, 30, 12, 12, *(14 for _ in view.mid_columns), 14, 8, 8, 40]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=3, max_row=sheet.max_row, max_col=len(heads)):
        for cell in row:
            cell.border = _BOX
            cell.alignment = _HEAD if cell.row == 3 else _WRAP
            if isinstance(cell.value, str) and cell.value:
                cell.data_type = "s"  # what the clerk typed stays text, never a formula
    sheet.freeze_panes = "A4"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "3:3"

    # Built whole in memory first: a zip written straight into the file is left open
    # and half-written by a full disk ("Exception ignored in: ZipFile.__del__").
    atomic_write_zip(target, workbook.save)


__all__ = ["OverviewError", "Stagedraft", "drafts_beside", "headings", "row_cells",
           "write_year_report", "year_of"]
