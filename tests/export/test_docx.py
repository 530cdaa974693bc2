"""The Word export read back with python-docx: texts, merges, widths, fonts, footer."""

from __future__ import annotations

import dataclasses
import zipfile
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from form_cases import (
    CASES,
    cell_texts,
    chinese_text,
    example,
    long_item_draft,
    markup_draft,
    small_draft,
)
from lxml import etree
from rendered_text import (
    column_mismatches,
    needs_real_reader,
    read_pdf,
    real_reader,
    squeeze_all,
    to_pdf,
)
from samples import OUTPUT

from declapp.export import ExportOptions, docx_writer, export_draft
from declapp.form.model import Category, Group, Item
from declapp.layout import build_layout

TWIPS_PER_MM = 1440 / 25.4


def table_rows(doc):
    """Every ``w:tr`` of the form's table. Word holds it as two or three tables, the
    second from the indicator header to the last indicator, so that Word repeats that
    header on every page the indicators run on to, and on no other."""
    assert len(doc.tables) in (2, 3)
    return [tr for table in doc.tables for tr in table._tbl.tr_lst]


def tc_text(tc) -> str:
    paragraphs = tc.findall(qn("w:p"))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)


def read_rows(doc):
    """Per row: (column, gridSpan, vMerge, text) of every w:tc."""
    rows = []
    for tr in table_rows(doc):
        col, cells = 0, []
        for tc in tr.tc_lst:
            cells.append((col, tc.grid_span, tc.vMerge, tc_text(tc)))
            col += tc.grid_span
        rows.append(cells)
    return rows


@pytest.mark.parametrize("case", sorted(CASES))
def test_table_has_the_cells_merges_and_texts_of_the_layout(case, tmp_path):
    draft = CASES[case]()
    grid = build_layout(draft)
    target = tmp_path / "form.docx"
    result = export_draft(draft, target)
    assert result.warnings == []
    doc = Document(str(target))
    rows = read_rows(doc)
    assert len(rows) == grid.n_rows
    owners = grid.owner_map()
    cut = grid.header_rows[0]  # the second table starts here
    for r, row in enumerate(rows):
        assert sum(span for _, span, _, _ in row) == 4
        for col, span, vmerge, text in row:
            cell = owners[r][col]
            assert cell.col == col and cell.colspan == span
            # A label merged over the cut (绩效目标 in 2019) is merged in each table.
            first, last = cell.row, cell.last_row
            if first < cut <= last:
                first, last = (first, cut - 1) if r < cut else (cut, last)
            if first == last:
                assert vmerge is None
            elif first == r:
                assert vmerge == "restart"
            else:
                assert vmerge == "continue"
            assert text == (cell.text if cell.row == r else "")
    # Every text of the grid, in reading order, and nothing else.
    printed = [t for row in rows for _, _, _, t in row if t]
    assert printed == cell_texts(grid)


def test_widths_are_fixed_in_the_grid_and_on_every_cell(tmp_path):
    grid = build_layout(example())
    target = tmp_path / "f.docx"
    docx_writer.write(grid, target, ExportOptions())
    doc = Document(str(target))
    expected = [round(mm * TWIPS_PER_MM) for mm in (22, 30, 22, 72.4)]
    for table in doc.tables:
        tbl = table._tbl
        cols = [int(gc.get(qn("w:w"))) for gc in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert cols == expected
        assert table.autofit is False
        layout = tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
    for tr in table_rows(doc):
        # A short row is never cut by a page end; a long one (the goals, the first work
        # area's items) may continue on the next page rather than leave half a page blank.
        longest = max(len(tc_text(tc)) for tc in tr.tc_lst)
        kept = tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        assert kept if longest < 150 else not kept if longest > 300 else True
        col = 0
        for tc in tr.tc_lst:
            tc_w = tc.tcPr.find(qn("w:tcW"))
            assert tc_w.get(qn("w:type")) == "dxa"
            assert int(tc_w.get(qn("w:w"))) == sum(cols[col:col + tc.grid_span])
            borders = tc.tcPr.find(qn("w:tcBorders"))
            for side in ("top", "left", "bottom", "right"):
                edge = borders.find(qn(f"w:{side}"))
                assert edge.get(qn("w:val")) == "single"
                assert edge.get(qn("w:color")) == "000000"
            col += tc.grid_span


def test_page_title_fonts_and_alignment(tmp_path):
    grid = build_layout(example("xicheng-2019"))
    target = tmp_path / "f.docx"
    docx_writer.write(grid, target, ExportOptions())
    doc = Document(str(target))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.left_margin - Mm(31.8)) < Mm(0.1)
    assert abs(section.right_margin - Mm(31.8)) < Mm(0.1)
    assert abs(section.top_margin - Mm(25.4)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(25.4)) < Mm(0.1)

    title, year = doc.paragraphs[0], doc.paragraphs[1]
    assert title.text == "部门整体支出绩效目标申报表"
    assert year.text == grid.year_line and "2021" in year.text
    for paragraph, font, size, bold in ((title, "方正小标宋简体", 22, True),
                                        (year, "楷体", 16, None)):
        assert paragraph.alignment == 1  # centred
        run = paragraph.runs[0]
        assert run.font.size.pt == size and run.font.bold is bold
        assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == font
        assert run._r.rPr.rFonts.get(qn("w:ascii")) == "Times New Roman"  # the 2021 digits

    normal = doc.styles["Normal"]
    assert normal.font.size.pt == 10.5
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    # Latin letters and digits as Word sets a Chinese document, and as the PDF prints them.
    assert normal.element.rPr.rFonts.get(qn("w:ascii")) == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:hAnsi")) == "Times New Roman"
    # Theme fonts in the defaults would win over the names: none are left.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:rFonts')}")
    assert defaults.get(qn("w:eastAsia")) == "宋体"
    assert defaults.get(qn("w:ascii")) == "Times New Roman"
    assert not [a for a in defaults.attrib if "Theme" in a or "theme" in a]
    owners = {(c.row, c.col): c for c in grid.cells}
    for r, tr in enumerate(table_rows(doc)):
        col = 0
        for tc in tr.tc_lst:
            cell = owners.get((r, col))
            for p in tc.findall(qn("w:p")):
                jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val"))
                if cell is not None:
                    assert jc == ("center" if cell.role == "label" else "left")
                for run in p.findall(qn("w:r")):
                    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
                    assert fonts.get(qn("w:eastAsia")) == "宋体"
                    assert fonts.get(qn("w:hAnsi")) == "Times New Roman"
                    assert run.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "21"
            assert tc.tcPr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
            col += tc.grid_span


def test_font_table_names_the_fallback_fonts(tmp_path):
    target = tmp_path / "f.docx"
    export_draft(example(), target)
    with zipfile.ZipFile(target) as zf:
        fonts = etree.fromstring(zf.read("word/fontTable.xml"))
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")) for f in fonts.findall(qn("w:font"))}
    assert alt["方正小标宋简体"].get(qn("w:val")) == "黑体"
    assert alt["黑体"].get(qn("w:val")) == "宋体"
    assert alt["楷体"].get(qn("w:val")) == "宋体"


def test_footer_counts_pages_with_fields(tmp_path):
    target = tmp_path / "f.docx"
    export_draft(example(), target)
    footer = Document(str(target)).sections[0].footer
    p = footer.paragraphs[0]
    assert p.alignment == 1
    instructions = [t.text.strip() for t in p._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [c.get(qn("w:fldCharType")) for c in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    texts = "".join(t.text for t in p._p.iter(qn("w:t")))
    assert texts == "第 1 页 共 1 页"  # the shown values until Word lays the pages out
    sizes = {s.get(qn("w:val")) for s in p._p.iter(qn("w:sz"))}
    assert sizes == {"18"}


def test_core_properties(tmp_path):
    draft = example()
    target = tmp_path / "f.docx"
    export_draft(draft, target)
    props = Document(str(target)).core_properties
    assert props.title == "北京市西城区人民政府展览路街道办事处-2021-部门整体支出绩效目标申报表"
    assert props.subject == build_layout(draft).doc_subject


def test_long_item_stays_whole_in_paragraphs(tmp_path):
    draft = long_item_draft()
    content = draft.indicators[1].categories[0].items[0].content
    assert len(content.replace("\n", "")) == 3000
    target = tmp_path / "f.docx"
    export_draft(draft, target)
    rows = table_rows(Document(str(target)))
    texts = [tc_text(tc) for tr in rows for tc in tr.tc_lst]
    assert content in texts  # one cell, its paragraph breaks kept as paragraphs
    # Its row is taller than a page: it may flow over the page end; the others may not.
    split = [any(tc_text(tc) == content for tc in tr.tc_lst) for tr in rows]
    keep = [tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for tr in rows]
    assert split.count(True) == 1 and keep == [not s for s in split]


def test_markup_and_formulas_print_as_typed(tmp_path):
    target = tmp_path / "f.docx"
    export_draft(markup_draft(), target)
    texts = [tc_text(tc) for tr in table_rows(Document(str(target))) for tc in tr.tc_lst]
    assert "<b>加粗</b> & 符号 &amp; <br/> 不是标签" in texts
    assert "1、=SUM(A1)\n2、+86：-1" in texts
    assert "=SUM(A1)" in texts


def test_control_characters_are_dropped_not_fatal(tmp_path):
    grid = build_layout(example())
    goals = next(c for c in grid.cells if c.location == "goals" and c.role == "text")
    dirty = dataclasses.replace(goals, paragraphs=("甲\x0b乙\x00丙\x0c丁", "第二段\t制表"))
    grid.cells[grid.cells.index(goals)] = dirty
    target = tmp_path / "f.docx"
    docx_writer.write(grid, target, ExportOptions())
    texts = [tc_text(tc) for tr in table_rows(Document(str(target))) for tc in tr.tc_lst]
    assert "甲乙丙丁\n第二段制表" in texts  # the tab is a w:tab element, not lost text
    assert Document(str(target)).tables[0]._tbl.xpath(".//w:tab")


def test_writes_through_the_dispatch_with_a_path_string(tmp_path):
    target = tmp_path / "表.docx"
    result = export_draft(example(), str(target))
    assert result.format == "docx" and Path(result.path) == target
    assert Document(str(target)).tables


@real_reader
@needs_real_reader
def test_libreoffice_prints_every_character_of_the_real_form(tmp_path):
    draft = example()
    grid = build_layout(draft)
    target = tmp_path / "form.docx"
    export_draft(draft, target)
    printed = read_pdf(to_pdf(target, tmp_path), grid, tmp_path)
    assert printed.head == squeeze_all(grid.title + grid.year_line)
    assert printed.pages >= 3
    assert printed.footers == [f"第{i}页共{printed.pages}页" for i in range(1, printed.pages + 1)]
    assert column_mismatches(grid, printed) == []


def rows_at_page_ends_draft():
    """Twenty groups of rows 5 to 9 lines tall, so that page ends fall inside rows, and
    a 3,000-character item that must flow over pages."""
    draft = small_draft()
    groups = [Group(OUTPUT, f"第{i + 1}项工作", [Category("产出数量指标", [
        Item(f"第{i + 1}组第{k + 1}项" + chinese_text(70 + 13 * ((i + k) % 5), 3 * i + k),
             f"{k + 1}项") for k in range(2)])]) for i in range(20)]
    effect = long_item_draft().indicators[-1]
    draft.indicators = [*groups, effect]
    draft.texts["notes"] = "说明" + chinese_text(150, 5)
    return draft


@real_reader
@needs_real_reader
def test_libreoffice_never_splits_a_row_that_fits_on_a_page(tmp_path):
    draft = rows_at_page_ends_draft()
    grid = build_layout(draft)
    target = tmp_path / "rows.docx"
    export_draft(draft, target)
    pdf = pdfium.PdfDocument(str(to_pdf(target, tmp_path)))
    pages = [squeeze_all(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    texts = Counter(squeeze_all(c.text) for c in grid.cells)
    long_item = squeeze_all(draft.indicators[-1].categories[0].items[0].content)
    checked = split = 0
    for cell in grid.cells:
        text = squeeze_all(cell.text)
        if len(text) < 6 or texts[text] > 1 or cell.row in grid.header_rows:
            continue  # a text printed in several places says nothing about its page
        on = [n for n, page in enumerate(pages) if text in page]
        if long_item in text:
            split += not on  # flowed over pages: no page holds it whole
        else:
            assert len(on) == 1, f"{cell.location} {cell.text[:20]!r} split over a page end"
            checked += 1
    assert checked > 40 and split == 1 and len(pages) >= 5
    printed = read_pdf(tmp_path / "rows.pdf", grid)
    assert column_mismatches(grid, printed) == []  # and every character printed


def _keeps_next(tr) -> bool:
    paragraphs = tr.findall(f".//{qn('w:p')}")
    return bool(paragraphs) and all(
        p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs)


def _border(tc, side: str) -> str:
    return tc.tcPr.find(qn("w:tcBorders")).find(qn(f"w:{side}")).get(qn("w:val"))


@pytest.mark.parametrize("template", ["xicheng-2021", "xicheng-2019"])
def test_the_indicator_header_repeats_on_every_page_and_keeps_with_the_next_row(
        template, tmp_path):
    grid = build_layout(example(template))
    target = tmp_path / "f.docx"
    docx_writer.write(grid, target, ExportOptions())
    doc = Document(str(target))
    first, second, after = (t._tbl for t in doc.tables)
    # Word repeats only the rows a table starts with: the indicators are a table of
    # their own, from the grid's header row on, to their last row; 其他说明的问题 below
    # them is in a third, so a page it starts gets no header over it.
    (_run, end), = grid.header_runs()
    assert len(first.tr_lst) == grid.header_rows[0]
    assert len(second.tr_lst) == end + 1 - grid.header_rows[0]
    assert tc_text(after.tr_lst[0].tc_lst[0]) == "其他说明的问题"
    assert not after.xpath(".//w:tblHeader")
    head = second.tr_lst[0]
    assert [tc_text(tc) for tc in head.tc_lst][-3:] == ["一级指标", "二级指标",
                                                        "具体指标（指标内容、指标值）"]
    repeated = [tr for tr in table_rows(doc) if tr.find(f".//{qn('w:tblHeader')}") is not None]
    assert repeated == [head]
    assert head.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    assert _keeps_next(head)  # never alone at the foot of a page
    assert not any(_keeps_next(tr) for tr in second.tr_lst[1:])
    # Between the tables, a paragraph that prints nothing: the tables meet, no gap.
    for above, below in ((first, second), (second, after)):
        between = above.getnext()
        assert between.tag == qn("w:p") and between.getnext() is below
        assert between.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:vanish')}") is not None
        assert not "".join(between.itertext()).strip()
    # A label merged over the cut continues in the second table without a rule between.
    goals_label = next(c for c in grid.cells if c.location == "goals" and c.role == "label")
    if goals_label.last_row >= grid.header_rows[0]:  # 2019: 绩效目标 spans the indicators
        last_a, head_a = first.tr_lst[-1].tc_lst[0], head.tc_lst[0]
        assert tc_text(last_a) == "部门（单位）绩效目标" and tc_text(head_a) == ""
        assert _border(last_a, "bottom") == "nil" and _border(head_a, "top") == "nil"
        assert head_a.vMerge == "restart"


def test_which_row_heads_the_indicators_comes_from_the_grid(tmp_path):
    grid = build_layout(example())
    # Other words in the header row: still the header, for the grid says so.
    renamed = dataclasses.replace(grid, cells=[
        dataclasses.replace(c, paragraphs=(f"第{c.col}列",)) if c.row in grid.header_rows
        and c.rowspan == 1 else c for c in grid.cells])
    docx_writer.write(renamed, tmp_path / "renamed.docx", ExportOptions())
    doc = Document(str(tmp_path / "renamed.docx"))
    head = doc.tables[1]._tbl.tr_lst[0]
    assert head.find(f".//{qn('w:tblHeader')}") is not None
    assert [tc_text(tc) for tc in head.tc_lst][-3:] == ["第1列", "第2列", "第3列"]
    # A grid without header rows is one table that repeats nothing.
    docx_writer.write(dataclasses.replace(grid, header_rows=()), tmp_path / "plain.docx",
                      ExportOptions())
    plain = Document(str(tmp_path / "plain.docx"))
    assert len(plain.tables) == 1 and not plain.tables[0]._tbl.xpath(".//w:tblHeader")


@real_reader
@needs_real_reader
@pytest.mark.parametrize("template", ["xicheng-2021", "xicheng-2019"])
def test_libreoffice_repeats_the_header_and_never_leaves_it_at_a_page_foot(template,
                                                                           tmp_path):
    draft = example(template)
    grid = build_layout(draft)
    target = tmp_path / "form.docx"
    export_draft(draft, target)
    printed = read_pdf(to_pdf(target, tmp_path), grid, tmp_path)
    assert column_mismatches(grid, printed) == []  # every character, in order, once
    header = squeeze_all("".join(c.text for c in grid.cells
                                 if c.row in grid.header_rows and c.rowspan == 1))
    pdf = pdfium.PdfDocument(str(tmp_path / "form.pdf"))
    pages = [squeeze_all(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    first = next(n for n, page in enumerate(pages, start=1) if "一级指标" in page)
    # Every later page begins with the header again…
    assert printed.repeated_header == list(range(first + 1, printed.pages + 1))
    # …and where it first prints, the first work area's row prints under it.
    first_group = next(c for c in grid.cells if c.row == grid.header_rows[-1] + 1
                       and c.col == 1)
    assert squeeze_all(first_group.text)[:4] in pages[first - 1].split("一级指标")[1]
    assert header


@pytest.mark.parametrize("text", ["", "宋体", "a & b < c > d", "Times \"New\" Roman",
                                  "it's", "both \" and '", "tab\there\nnew\rline", "&amp;"])
def test_the_table_markup_escapes_as_the_standard_library_does(text: str) -> None:
    from xml.sax.saxutils import escape, quoteattr

    from declapp.export import docx_table

    assert docx_table.escape(text) == escape(text)
    assert docx_table.quoteattr(text) == quoteattr(text)
