"""The Excel export read back with openpyxl: merges, every character, heights, print setup."""

from __future__ import annotations

import dataclasses
import math
import unicodedata

import pypdfium2 as pdfium
import pytest
from form_cases import (
    CASES,
    chinese_text,
    example,
    long_item_draft,
    many_groups_draft,
    markup_draft,
    no_break_draft,
    squeeze,
)
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from rendered_text import (
    column_mismatches,
    hanging_rules,
    needs_real_reader,
    read_pdf,
    real_reader,
    squeeze_all,
    to_pdf,
)

from declapp.export import ExportOptions, export_draft, xlsx_writer
from declapp.layout import CONTINUED_MARK, FormGrid, build_layout

FIRST = 3  # the table starts below the title and the year line
# A line holds as many whole 10.5 pt Chinese characters as the cell's width less its
# padding (Excel: 19 in column D; LibreOffice, whose columns come out a little wider,
# fits 20), and LibreOffice sets lines 15.2 pt apart. Rows shorter than that clip text.
LINE_PT = 15.2


def export(draft, tmp_path, name="form.xlsx"):
    target = tmp_path / name
    result = export_draft(draft, target)
    assert result.warnings == []
    return build_layout(draft), load_workbook(target)


def ranges_by_anchor(ws):
    """(row, col) of each merged range's top-left cell → (last row, last col)."""
    out = {}
    for rng in ws.merged_cells.ranges:
        out[(rng.min_row, rng.min_col)] = (rng.max_row, rng.max_col)
    return out


def anchors(ws, col):
    """The cells of column *col* that start a cell (merged or not), top to bottom."""
    covered = set()
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    spans = ranges_by_anchor(ws)
    return [(r, *spans.get((r, col), (r, col))) for r in range(FIRST, ws.max_row + 1)
            if (r, col) not in covered]


def continued_over_pages(ws) -> set[tuple[int, int]]:
    """(row, column) of the sheet cells that continue the cell above over a page end, as
    the data sheet notes them."""
    data = ws.parent["declapp"]
    keys = [v for kind, v in data.iter_rows(min_col=1, max_col=2, values_only=True)
            if kind == "cut" and isinstance(v, str) and v.startswith("page:")]
    return {(int(row), int(col)) for _page, row, col in (k.split(":") for k in keys)}


def printed_again(cell, value, at_page_end: bool) -> bool:
    """Is *value* the label *cell* printed again at the head of a page (产出指标（续）)?"""
    return at_page_end and cell.role == "label" and bool(cell.text) and \
        squeeze(value or "") == squeeze(cell.text) + CONTINUED_MARK


def match_cells(grid: FormGrid, ws):
    """Match the sheet back to the grid, column by column: each grid cell is one or more
    consecutive sheet cells (a long text continues in extra rows, a label merged over a
    page end is merged on each page, printed again there) whose texts joined give the
    cell's text. Returns {grid cell: (first row, last row, last col, [pieces])}."""
    found = {}
    continued = continued_over_pages(ws)
    for col in range(grid.n_cols):
        queue = anchors(ws, col + 1)
        for cell in sorted((c for c in grid.cells if c.col == col), key=lambda c: c.row):
            want, got, pieces = squeeze(cell.text), "", []
            while not pieces or got != want or (queue and (queue[0][0], col + 1) in continued):
                assert queue, f"column {col}: sheet ran out before {cell.text[:30]!r}"
                row, last_row, last_col = queue.pop(0)
                value = ws.cell(row=row, column=col + 1).value
                pieces.append((row, last_row, last_col, value))
                if not printed_again(cell, value, (row, col + 1) in continued):
                    got += squeeze(value or "")
                assert want.startswith(got), (cell.location, got[-40:], want[:80])
            found[cell] = (pieces[0][0], pieces[-1][1], pieces)
        assert queue == [], f"column {col}: cells left over: {queue[:3]}"
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_cell_is_on_the_sheet_merged_like_the_form(case, tmp_path):
    grid, wb = export(CASES[case](), tmp_path)
    ws = wb.active
    found = match_cells(grid, ws)
    # The sheet rows of each grid row, from the cells that cover just that row.
    row_span = {}
    for cell, (first, last, _) in found.items():
        if cell.rowspan == 1:
            lo, hi = row_span.get(cell.row, (first, last))
            row_span[cell.row] = (min(lo, first), max(hi, last))
    for cell, (first, last, pieces) in found.items():
        # Labels (and short texts) beside a long text are merged over all its rows.
        assert first == row_span[cell.row][0] and last == row_span[cell.last_row][1], cell
        for row, _, last_col, _ in pieces:
            assert last_col == cell.last_col + 1, cell
            anchor = ws.cell(row=row, column=cell.col + 1)
            assert anchor.alignment.horizontal == ("center" if cell.role == "label" else "left")
            assert anchor.alignment.wrap_text
    for r in range(FIRST, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        assert height is not None and 0 < height <= 409
        for c in range(1, 5):
            cell = ws.cell(row=r, column=c)
            if cell.value is not None:
                assert cell.data_type == "s"
    # Thin rules down both sides of every cell (merged ones: on their outer edges).
    for rng in ws.merged_cells.ranges:
        if rng.min_row < FIRST:
            continue
        for r in range(rng.min_row, rng.max_row + 1):
            assert ws.cell(row=r, column=rng.min_col).border.left.style == "thin"
            assert ws.cell(row=r, column=rng.max_col).border.right.style == "thin"


def display_width(text: str) -> int:
    """Half-width units, measured here independently of the writer: CJK counts double."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def needed_height(text: str, width_mm: float) -> float:
    units = 2 * math.floor((width_mm / 25.4 * 72 - 4) / 10.5)
    lines = sum(max(1, math.ceil(display_width(p) / units)) for p in text.split("\n"))
    return lines * LINE_PT


@pytest.mark.parametrize("case", ["example-2021", "example-2019", "long-item-2021",
                                  "no-break", "twenty-groups"])
def test_rows_are_tall_enough_for_their_text(case, tmp_path):
    grid, wb = export(CASES[case](), tmp_path)
    ws = wb.active
    widths = dict(zip(range(1, 5), grid.columns_mm, strict=True))
    spans = ranges_by_anchor(ws)
    for row in ws.iter_rows(min_row=FIRST):
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            last_row, last_col = spans.get((cell.row, cell.column), (cell.row, cell.column))
            width = sum(widths[c] for c in range(cell.column, last_col + 1))
            height = sum(ws.row_dimensions[r].height for r in range(cell.row, last_row + 1))
            assert height >= needed_height(cell.value, width), (cell.coordinate, cell.value[:30])


@pytest.mark.parametrize("case", ["example-2021", "long-item-2019", "twenty-groups"])
def test_page_breaks_are_set_so_every_page_fits_a4(case, tmp_path):
    _, wb = export(CASES[case](), tmp_path)
    ws = wb.active
    printable_pt = (297 - 2 * 25.4) / 25.4 * 72
    ends = [b.id for b in ws.row_breaks.brk]
    assert ends == sorted(ends) and all(b.man for b in ws.row_breaks.brk)
    first = 1
    for end in [*ends, ws.max_row]:
        page = sum(ws.row_dimensions[r].height for r in range(first, end + 1))
        assert 0 < page <= printable_pt
        first = end + 1


def test_long_item_continues_in_extra_rows_with_labels_merged(tmp_path):
    draft = long_item_draft()
    content = draft.indicators[1].categories[0].items[0].content
    grid, wb = export(draft, tmp_path)
    ws = wb.active
    found = match_cells(grid, ws)
    item = next(c for c in grid.cells if c.text == content)
    first, last, pieces = found[item]
    assert len(pieces) >= 4  # 3,000 characters are far over 409 pt
    assert squeeze("".join(p[3] for p in pieces)) == squeeze(content)
    for r in range(first, last + 1):
        assert ws.row_dimensions[r].height <= 409
    spans = ranges_by_anchor(ws)
    page_starts = {brk.id + 1 for brk in ws.row_breaks.brk}
    # 效果指标 (B) and 社会效益指标 (C) are merged over all the pieces' rows, on each page.
    for col in (2, 3):
        label = next(c for c in grid.cells if c.col == col - 1 and c.row == item.row)
        assert found[label][0] == first and found[label][1] == last
        assert_merged_on_each_page(found[label], spans, col, page_starts)
    # No rule between the pieces, so they read as one cell; but at a page end the cell
    # is closed, as Word and the PDF print it.
    assert any(row in page_starts for row, _, _, _ in pieces)
    for row, _, _, _ in pieces[1:]:
        rule = "thin" if row in page_starts else None
        assert ws.cell(row=row, column=4).border.top.style == rule
        assert ws.cell(row=row - 1, column=4).border.bottom.style == rule
    assert ws.cell(row=first, column=4).border.top.style == "thin"
    assert ws.cell(row=last, column=4).border.bottom.style == "thin"


def test_a_line_without_breaks_is_cut_but_kept_whole(tmp_path):
    draft = no_break_draft()
    grid, wb = export(draft, tmp_path)
    found = match_cells(grid, wb.active)
    goals = next(c for c in grid.cells if c.location == "goals" and c.role == "text")
    assert "".join(p[3] for p in found[goals][2]) == draft.texts["goals"]


def test_formulas_stay_text(tmp_path):
    _, wb = export(markup_draft("xicheng-2019"), tmp_path)
    ws = wb.active
    values = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    for text in ("=SUM(A1)", "1、=SUM(A1)\n2、+86：-1", "@提及", "-010-1234",
                 "<b>加粗</b> & 符号 &amp; <br/> 不是标签"):
        assert values[text].data_type == "s"
    assert all(c.data_type == "s" for c in values.values())


def test_print_setup_and_properties(tmp_path):
    draft = example("xicheng-2019")
    grid, wb = export(draft, tmp_path)
    ws = wb.active
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_options.horizontalCentered is True
    margins = ws.page_margins
    assert (round(margins.left * 25.4, 1), round(margins.right * 25.4, 1)) == (31.8, 31.8)
    assert (round(margins.top * 25.4, 1), round(margins.bottom * 25.4, 1)) == (25.4, 25.4)
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.oddFooter.center.size == 9
    assert ws.print_title_rows is None
    assert wb.properties.title == grid.doc_title
    assert wb.properties.subject == grid.doc_subject


def test_columns_title_and_year_line(tmp_path):
    grid, wb = export(example(), tmp_path)
    ws = wb.active
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, 5)]
    # Excel's unit: (pixels − 5) / 7 at 96 dpi; D, the text column, is the wide one.
    for width, mm in zip(widths, (22, 30, 22, 72.4), strict=True):
        assert abs(width * 7 + 5 - mm / 25.4 * 96) < 1
    assert max(widths) == widths[3]
    assert ws["A1"].value == "部门整体支出绩效目标申报表"
    assert ws["A1"].font.b and ws["A1"].font.sz == 22
    assert ws["A1"].font.name == "方正小标宋简体"
    assert ws["A2"].value == grid.year_line and ws["A2"].font.sz == 16
    assert ws["A2"].font.name == "楷体"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:D1", "A2:D2"} <= merged
    assert ws["A1"].alignment.horizontal == "center"
    body = ws.cell(row=FIRST, column=2)
    assert body.font.name == "宋体" and body.font.sz == 10.5


def test_twenty_groups_each_merged_over_its_categories(tmp_path):
    grid, wb = export(many_groups_draft(), tmp_path)
    found = match_cells(grid, wb.active)
    spans = ranges_by_anchor(wb.active)
    groups = [c for c in grid.cells if c.col == 1 and c.text.startswith("产出指标")]
    assert len(groups) == 20
    assert groups[-1].text.startswith("产出指标二十")
    page_starts = {brk.id + 1 for brk in wb.active.row_breaks.brk}
    for cell in groups:
        assert_merged_on_each_page(found[cell], spans, 2, page_starts)


def assert_merged_on_each_page(found, spans, col, page_starts) -> None:
    """A label is one merged cell over its rows, or, over a page end, one on each page
    (closed there as on paper) with its text in one of them and printed again, marked
    （续）, in each after that."""
    first, last, pieces = found
    rows = []
    for row, last_row, _, _ in pieces:
        assert spans.get((row, col), (row, col)) == (last_row, col)
        rows.extend(range(row, last_row + 1))
        if row != first:
            assert row in page_starts  # cut only where a page ends
    assert rows == list(range(first, last + 1))
    texts = [squeeze(value or "") for *_, value in pieces]
    label = next(text for text in texts if text)
    holder = texts.index(label)
    assert texts[:holder] == [""] * holder
    assert texts[holder + 1:] == [label + CONTINUED_MARK] * (len(texts) - holder - 1)


def test_control_characters_are_dropped_not_fatal(tmp_path):
    grid = build_layout(example())
    goals = next(c for c in grid.cells if c.location == "goals" and c.role == "text")
    grid.cells[grid.cells.index(goals)] = dataclasses.replace(
        goals, paragraphs=("甲\x0b乙\x00丙\x0c丁", "=第二段"))
    target = tmp_path / "f.xlsx"
    xlsx_writer.write(grid, target, ExportOptions())
    values = [c.value for row in load_workbook(target).active.iter_rows() for c in row]
    assert "甲乙丙丁\n=第二段" in values


@real_reader
@needs_real_reader
@pytest.mark.parametrize("case", ["example-2019", "long-item-2021"])
def test_libreoffice_prints_every_character_on_the_pages_we_set(case, tmp_path):
    draft = CASES[case]()
    grid, wb = export(draft, tmp_path)
    printed = read_pdf(to_pdf(tmp_path / "form.xlsx", tmp_path), grid, tmp_path)
    assert printed.head == squeeze_all(grid.title + grid.year_line)
    assert printed.pages == len(wb.active.row_breaks.brk) + 1
    assert printed.footers == [f"第{i}页共{printed.pages}页" for i in range(1, printed.pages + 1)]
    # Every cell's text, in order, column by column: nothing clipped, nothing lost.
    assert column_mismatches(grid, printed) == []


@real_reader
@needs_real_reader
@pytest.mark.parametrize("case", ["example-2021", "example-2019"])
def test_libreoffice_closes_the_table_at_every_page_end(case, tmp_path):
    """A cell cut by a page end is closed there, as Word and the PDF print it: no side
    rule of a merged label or a continued text hangs open at the foot of a page or
    above the first row of the next."""
    draft = CASES[case]()
    export(draft, tmp_path)
    pdf = to_pdf(tmp_path / "form.xlsx", tmp_path)
    assert len(pdfium.PdfDocument(str(pdf))) >= 5
    assert hanging_rules(pdf) == []


def test_labels_break_the_chinese_way(tmp_path):
    # Calc and Excel would start a line with "）": "部门（单位" / "）名称".
    _, wb = export(example("xicheng-2019"), tmp_path)
    texts = {c.value for row in wb.active.iter_rows() for c in row if isinstance(c.value, str)}
    assert "部门（单\n位）名称" in texts
    assert "部门（单\n位）负责人" in texts
    assert not any(line.startswith(("）", "，", "。", "、")) for t in texts
                   for line in t.split("\n") if len(t) < 40)


def test_a_very_long_paragraph_is_cut_once_through_every_character():
    from declapp.export.sheet_plan import split_paragraphs
    from declapp.export.text_measure import Measure, Rest

    paragraph = chinese_text(300_000)
    measure = Measure(72.4 * 72 / 25.4, 10.5)
    pieces = split_paragraphs(("开头", paragraph, "", "结尾"), measure, 409.0)
    assert "".join(p for piece in pieces for p in piece) == "开头" + paragraph + "结尾"
    assert all(measure.height(piece) <= 409.0 for piece in pieces)
    rest = Rest((paragraph,))
    rest.take(measure, 409.0)
    # What is left is measured only as far as asked: taller than a page, and exactly.
    assert rest.height_within(measure, 700.0) > 700.0
    short = Rest(("一二三",))
    assert short.height_within(measure, 700.0) == measure.height(("一二三",))
