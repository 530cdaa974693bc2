"""PDF export (reportlab): the form on A4 pages, drawn from the layout grid.

The table is planned by ``pdf_table`` (sub-rows, pages) and drawn here straight onto
the canvas in reading order, so a text extractor or screen reader meets every cell in
the order of the form. The page count is known before drawing, which gives the footer
``第 X 页 共 Y 页`` in one pass.
"""

from __future__ import annotations

import functools
import io
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import textobject
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from declapp import __version__
from declapp.export.embedding import MARK_TAG, add_to_canvas
from declapp.export.fonts import PdfFonts, missing_glyphs, pdf_fonts, with_fallbacks
from declapp.export.pdf_rules import PageRules
from declapp.export.pdf_table import (
    LEADING_FACTOR,
    PAD_X,
    Block,
    PlanCell,
    SubRow,
    TablePlan,
    band_cells,
    plan_table,
)
from declapp.export.pdf_text import Lines, TextStyle, break_paragraphs
from declapp.export.pdf_textops import TextOps, TextWriter
from declapp.layout import Cell, FormGrid, property_text
from declapp.storage.atomic import atomic_write_bytes

if TYPE_CHECKING:
    from declapp.export import ExportOptions

TITLE_LINE = 1.5  # line heights of the title and year line, times their size
TITLE_GAP = 4.0  # between the year line and the table, points
FOOTER_Y_MM = 15.0
FAKE_BOLD_STROKE = 0.045  # stroke width for the bold title, times its size


def write(grid: FormGrid, target: Path, options: ExportOptions,
          payload: bytes | None = None) -> list[str]:
    """Write *grid* as a PDF to *target* atomically, with *payload* (the draft) as an
    embedded file when given; return warnings for the clerk."""
    fonts = pdf_fonts(options.font_file)
    missing = missing_glyphs(fonts.body, _all_text(grid))
    if fonts.latin:  # what the Times-like face draws is not missing
        covered = missing_glyphs(fonts.latin, [missing])
        missing = "".join(ch for ch in missing if not " " <= ch <= "~" or ch in covered)
    if missing:
        fonts, missing = with_fallbacks(fonts, missing)
    warnings = list(fonts.warnings)
    if missing:
        shown = "".join(missing[:20]) + ("…" if len(missing) > 20 else "")
        warnings.append(f"PDF 字体中没有以下字符的字形，打印时会显示为空白：{shown}")
    data = render_pdf(grid, fonts, payload)
    atomic_write_bytes(target, data)
    return warnings


def render_pdf(grid: FormGrid, fonts: PdfFonts, payload: bytes | None = None) -> bytes:
    """The PDF file for *grid* drawn with *fonts*, as bytes."""
    page = grid.page
    left, top = page.left_mm * mm, (page.height_mm - page.top_mm) * mm
    frame_h = page.text_height_mm * mm
    frame_w = page.text_width_mm * mm
    body = grid.type.body_pt
    style = TextStyle(fonts.body, body, round(body * LEADING_FACTOR, 2), fonts.fallbacks,
                      fonts.latin)
    heading = _Heading(grid, fonts, frame_w)
    plan = plan_table(grid, style, left, top, frame_h, heading.height)

    buf = io.BytesIO()
    saved_a85 = rl_config.useA85
    # Plain zlib streams: ASCII85 on top only serves 7-bit channels, and reportlab's
    # pure-Python encoder took a quarter of the time for a large form.
    rl_config.useA85 = 0
    saved_fp_str = textobject.fp_str
    textobject.fp_str = _remembered_fp_str
    try:
        _draw_document(grid, fonts, plan, heading, buf, payload)
    finally:
        rl_config.useA85 = saved_a85
        textobject.fp_str = saved_fp_str
    return buf.getvalue()


@functools.lru_cache(maxsize=4096)
def _fp_str_of(numbers: tuple[float, ...]) -> str:
    return str(fp_str(*numbers))


def _remembered_fp_str(*numbers: Any) -> str:
    """reportlab's number formatting, remembered: without its C accelerator it formatted
    the same font size and leading again at every change of font subset, an eighth of
    the time of a large form."""
    try:
        return _fp_str_of(numbers)
    except TypeError:  # a list, which cannot be remembered
        return str(fp_str(*numbers))


def _draw_document(grid: FormGrid, fonts: PdfFonts, plan: TablePlan, heading: _Heading,
                   buf: io.BytesIO, payload: bytes | None) -> None:
    page_w, page_h = grid.page.width_mm * mm, grid.page.height_mm * mm
    left, top = grid.page.left_mm * mm, page_h - grid.page.top_mm * mm
    # The body font as the initial font keeps reportlab's Helvetica out of the file.
    canv = Canvas(buf, pagesize=(page_w, page_h), pageCompression=1,
                  initialFontName=fonts.body, initialFontSize=grid.type.body_pt)
    canv.setTitle(property_text(grid.doc_title))
    canv.setSubject(property_text(grid.doc_subject))
    canv.setAuthor(property_text(grid.doc_author))
    canv.setCreator(f"declapp {__version__}")
    canv.setKeywords(fonts_used(fonts))
    n_pages = len(plan.pages)
    text = _Text(canv, fonts)
    footer_style = TextStyle(fonts.body, grid.type.footer_pt, grid.type.footer_pt,
                             fonts.fallbacks, fonts.latin)
    for number, indices in enumerate(plan.pages, start=1):
        if number == 1:
            heading.draw(canv, left, top)
        _draw_page_rows(canv, plan, indices, text, plan.bands[number - 1])
        footer = grid.footer.format(page=number, pages=n_pages)
        width = sum(footer_style.widths(footer))
        text_obj = text.begin(page_w / 2 - width / 2, FOOTER_Y_MM * mm)
        text_obj.setFont(footer_style.font, footer_style.size)
        _write_out(text_obj, footer_style, footer)
        canv.drawText(text_obj)
        canv.showPage()
    if payload is not None:
        add_to_canvas(canv, payload)
    canv.save()


class _Text:
    """Text objects for the table and the footer: ``pdf_textops``' where the fonts allow,
    else reportlab's."""

    def __init__(self, canv: Canvas, fonts: PdfFonts) -> None:
        self.canv = canv
        latin = (fonts.latin,) if fonts.latin else ()
        self.writer = TextWriter.for_canvas(canv, (fonts.body, *fonts.fallbacks, *latin))

    def begin(self, x: float = 0.0, y: float = 0.0) -> PDFTextObject | TextOps:
        return self.writer.begin(x, y) if self.writer is not None else self.canv.beginText(x, y)


def fonts_used(fonts: PdfFonts) -> str:
    """The document-properties line naming every font the PDF draws with: which one was
    used is then visible in a viewer's 文档属性 and checkable by a test."""
    names: dict[str, None] = {}
    latin = (fonts.latin,) if fonts.latin else ()
    for registered in (fonts.body, fonts.title, fonts.year, *fonts.fallbacks, *latin):
        # A TrueType face's name is its PostScript name, in bytes; the CID font's is text.
        ps_name = getattr(getattr(pdfmetrics.getFont(registered), "face", None), "name",
                          registered)
        if isinstance(ps_name, bytes):
            ps_name = ps_name.decode("latin-1")
        names[ps_name] = None
    files = "、".join(dict.fromkeys(Path(f).name for f in fonts.files))
    embedded = f"（{files}）" if files else "（未嵌入）"
    return f"字体：{'、'.join(names)}{embedded}"


def _all_text(grid: FormGrid) -> list[str]:
    return [*grid.all_text(), grid.footer.format(page=0, pages=0), "0123456789"]


class _Heading:
    """The title and the year line, centred above the table on page 1."""

    def __init__(self, grid: FormGrid, fonts: PdfFonts, width: float) -> None:
        t = grid.type
        self.width = width
        self.parts: list[tuple[TextStyle, list[str], list[float], bool, str]] = []
        heads = [(grid.title, fonts.title, t.title_pt, True, "center")]
        if grid.year_line:
            heads.append((grid.year_line, fonts.year, t.year_pt, False, "center"))
        heads += [(text, fonts.body, t.body_pt, False, align) for text, align in grid.lines_above]
        for text, font, size, bold, align in heads:
            style = TextStyle(font, size, size * TITLE_LINE, (fonts.body, *fonts.fallbacks),
                              fonts.latin)
            lines = break_paragraphs([text], style, width)
            self.parts.append((style, lines.texts, lines.widths, bold, align))
        self.height = sum(s.leading * len(texts) for s, texts, *_rest in self.parts) + TITLE_GAP

    def draw(self, canv: Canvas, left: float, top: float) -> None:
        y = top
        for style, texts, widths, bold, align in self.parts:
            text_obj = canv.beginText()
            text_obj.setFont(style.font, style.size)
            if bold:
                # 宋体 and 黑体 have no bold face: stroke the outlines as Word does.
                text_obj.setTextRenderMode(2)
                canv.setLineWidth(style.size * FAKE_BOLD_STROKE)
            for text, width in zip(texts, widths, strict=True):
                room = self.width - width
                x = left + (0 if align == "left" else room if align == "right" else room / 2)
                text_obj.setTextOrigin(x, y - style.baseline)
                _text_out(text_obj, style, text)
                y -= style.leading
            if bold:
                text_obj.setTextRenderMode(0)
            canv.drawText(text_obj)


def _draw_page_rows(canv: Canvas, plan: TablePlan, indices: list[int], text: _Text,
                    band: list[tuple[int, SubRow]]) -> None:
    if not indices:
        return
    rows = plan.rows
    rules = PageRules()
    previous: SubRow | None = None
    if band:
        _draw_band(canv, band, text)
        for _k, copy in band:
            rules.add_row(plan.col_x, copy, previous)
            previous = copy
    # Labels printed again head the page's text: where a program takes the text off the
    # page, the rows there read under their group, as on paper.
    for pc, top, height in sorted((again for s in indices for again in rows[s].repeats),
                                  key=lambda again: again[0].cell.col):
        inner = pc.continued()
        _draw_repeat(canv, pc, inner, top - (height - inner.height) / 2, text)
    for pos, s in enumerate(indices):
        row = rows[s]
        items: list[tuple[int, PlanCell, Block | None]] = [
            (pc.cell.col, pc, None) for pc in row.floats]
        items += [(pc.cell.col, pc, block) for pc, block in row.inflow]
        for _col, pc, block in sorted(items, key=lambda item: item[0]):
            if block is None:
                top, height = pc.area
                inner = pc.blocks[0]
                _draw_block(canv, pc, inner, top - (height - inner.height) / 2, text)
            else:
                _draw_block(canv, pc, block, row.top - row.page_pad - block.pad_top, text)
        rules.add_row(plan.col_x, row, rows[indices[pos - 1]] if pos else previous)
    last = rows[indices[-1]]
    bottom = last.top - last.height
    rules.horizontal(bottom, plan.col_x[0], plan.col_x[-1])
    rules.draw(canv)


def _draw_block(canv: Canvas, pc: PlanCell, block: Block, top: float, text: _Text) -> None:
    style = pc.style
    lines = block.lines
    y = top - style.baseline
    numbers = lines.paragraphs
    if numbers and numbers[0] == numbers[-1]:  # one paragraph (numbers never decrease)
        parts = [(numbers[0], lines)]
    else:
        parts = []
        start = 0
        for number, group in itertools.groupby(numbers):
            stop = start + sum(1 for _ in group)
            parts.append((number, lines.slice(start, stop)))
            start = stop
    for number, part in parts:
        # Each paragraph's lines are marked with the grid cell and the paragraph they
        # belong to, so that importing the PDF rebuilds the cells and their paragraphs.
        canv.addLiteral(paragraph_mark(pc.cell, number))
        _draw_lines(canv, pc, part, y, text)
        canv.addLiteral("EMC")
        y -= len(part) * style.leading


def _draw_repeat(canv: Canvas, pc: PlanCell, block: Block, top: float, text: _Text) -> None:
    """A label printed again after a page end: a pagination artifact (PDF 14.8.2.2), so
    that importing the PDF, and a screen reader, meet the label once."""
    canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
    _draw_lines(canv, pc, block.lines, top - pc.style.baseline, text)
    canv.addLiteral("EMC")


def _draw_band(canv: Canvas, band: list[tuple[int, SubRow]], text: _Text) -> None:
    """The header printed again at the top of a page (一级指标 | 二级指标 | …): a
    pagination artifact, as a label printed again is, so that importing the PDF, and a
    screen reader, meet the header once."""
    top_of = {k: copy.top for k, copy in band}
    height_of = {k: copy.height for k, copy in band}
    canv.addLiteral("/Artifact <</Type /Pagination /Subtype /Header>> BDC")
    for pc in band_cells(band):
        if not pc.blocks:
            continue
        if pc.floating:
            top = top_of[pc.first]
            height = sum(height_of[k] for k in range(pc.first, pc.last + 1))
            inner = pc.blocks[0]
            _draw_lines(canv, pc, inner.lines,
                        top - (height - inner.height) / 2 - pc.style.baseline, text)
            continue
        for i, block in enumerate(pc.blocks):
            _draw_lines(canv, pc, block.lines,
                        top_of[pc.first + i] - block.pad_top - pc.style.baseline, text)
    canv.addLiteral("EMC")


def paragraph_mark(cell: Cell, number: int) -> str:
    """The marked-content operator that opens paragraph *number* of grid *cell*."""
    return (f"/{MARK_TAG} <</R {cell.row} /C {cell.col} /RS {cell.rowspan} "
            f"/CS {cell.colspan} /P {number}>> BDC")


def _draw_lines(canv: Canvas, pc: PlanCell, lines: Lines, y: float, text: _Text) -> None:
    style = pc.style
    text_obj = text.begin()
    text_obj.setFont(style.font, style.size, style.leading)
    if pc.cell.role == "label":
        inner = pc.width - 2 * PAD_X
        for line, width in zip(lines.texts, lines.widths, strict=True):
            if line:
                text_obj.setTextOrigin(pc.x + PAD_X + max(inner - width, 0.0) / 2, y)
                _write_out(text_obj, style, line)
            y -= style.leading
    else:
        # Relative line moves (T*) keep the page stream small and quick to write.
        text_obj.setTextOrigin(pc.x + PAD_X, y)
        if isinstance(text_obj, TextOps):
            text_obj.style_lines(style, lines.texts, _line)
        else:
            for line in lines.texts:
                _line(text_obj, style, line)
    canv.drawText(text_obj)


def _line(text_obj: PDFTextObject | TextOps, style: TextStyle, text: str) -> None:
    if style.single_font(text):  # the usual line: one run in the font already set
        text_obj.textLine(text)
    else:
        _text_line(text_obj, style, text)


def _write_out(text_obj: PDFTextObject | TextOps, style: TextStyle, text: str) -> None:
    """``_text_out``, by the quick way where the text object has one."""
    if isinstance(text_obj, TextOps):
        text_obj.style_out(style, text, _text_out)
    else:
        _text_out(text_obj, style, text)


def _text_out(text_obj: PDFTextObject | TextOps, style: TextStyle, text: str) -> None:
    """Write *text* at the cursor, switching to a fallback font where a glyph is missing."""
    runs = style.runs(text)
    # The text object draws in the body font: any other run (a line of digits alone in
    # the Latin serif, too) names its font.
    switch = any(font != style.font for font, _run in runs)
    for font, run in runs:
        if switch:
            text_obj.setFont(font, style.size, style.leading)
        text_obj.textOut(run)
    if switch:
        text_obj.setFont(style.font, style.size, style.leading)


def _text_line(text_obj: PDFTextObject | TextOps, style: TextStyle, text: str) -> None:
    """Write *text* as a line and move to the next: one call for a line in the body font
    (the last run ends the line, sparing reportlab a width it has no use for)."""
    runs = style.runs(text)
    if len(runs) == 1 and runs[0][0] == style.font:
        text_obj.textLine(text)
        return
    for font, run in runs[:-1]:
        text_obj.setFont(font, style.size, style.leading)
        text_obj.textOut(run)
    font, run = runs[-1]
    text_obj.setFont(font, style.size, style.leading)
    text_obj.textLine(run)
    text_obj.setFont(style.font, style.size, style.leading)
