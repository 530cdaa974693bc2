"""PDF export: read every produced file back with pypdf, as a clerk's viewer would."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from form_cases import CASES, example, long_item_draft, markup_draft, no_break_draft
from pypdf import PdfReader

from declapp.export import ExportOptions, export_draft
from declapp.export.fonts import pdf_fonts
from declapp.export.pdf_table import PAD_X, plan_table
from declapp.export.pdf_text import TextStyle, break_paragraphs
from declapp.form.text import NO_LINE_START
from declapp.layout import CONTINUED_MARK, FormGrid, build_layout

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without any white space: line breaks are the renderer's business."""
    return _SPACE.sub("", text)


def read_pdf(path: Path) -> tuple[PdfReader, list[str]]:
    """The reader and each page's text, footer checked and removed."""
    reader = PdfReader(path)
    pages = []
    n = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = squash(page.extract_text())
        footer = f"第{number}页共{n}页"
        assert text.endswith(footer), f"page {number} lacks its footer: {text[-40:]!r}"
        pages.append(text[: -len(footer)])
    return reader, pages


def header_text(grid: FormGrid) -> str:
    """The indicators' header row as one line of text (一级指标二级指标…)."""
    return "".join(squash(c.text) for c in sorted(grid.cells, key=lambda c: c.col)
                   if c.row in grid.header_rows and c.rowspan == 1)


def without_repeats(grid: FormGrid, text: str) -> str:
    """*text* without the labels printed again at the head of a page (产出指标（续）) and
    the header printed again there (any but its first time)."""
    labels = {squash(c.text) for c in grid.cells if c.role == "label" and c.text}
    for label in sorted(labels, key=len, reverse=True):
        text = text.replace(label + CONTINUED_MARK, "")
    header = header_text(grid)
    if header and header in text:
        at = text.index(header) + len(header)
        text = text[:at] + text[at:].replace(header, "")
    return text


def assert_all_text_in_order(grid, pages: list[str]) -> None:
    """Title, year line and every cell's text appear whole and in the form's order."""
    body = without_repeats(grid, "".join(pages))
    pos = 0
    cells = sorted((c for c in grid.cells if c.text), key=lambda c: (c.row, c.col))
    for label, text in [("title", grid.title), ("year", grid.year_line),
                        *((c.location or f"r{c.row}c{c.col}", c.text) for c in cells)]:
        wanted = squash(text)
        found = body.find(wanted, pos)
        assert found >= 0, f"{label}: {text[:60]!r} missing or out of order"
        pos = found + len(wanted)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_character_prints_in_order(case: str, tmp_path: Path) -> None:
    draft = CASES[case]()
    target = tmp_path / "form.pdf"
    result = export_draft(draft, target)
    grid = build_layout(draft)
    reader, pages = read_pdf(target)
    assert_all_text_in_order(grid, pages)
    assert reader.metadata.title == grid.doc_title
    assert reader.metadata.subject == grid.doc_subject
    assert all("STSong" not in w for w in result.warnings)  # a TrueType font is installed here
    chars = sum(len(c.text) for c in grid.cells)
    # A4 at 10.5 pt holds about 1,000 characters of this form a page.
    assert 1 <= len(pages) <= chars // 300 + 2


@pytest.mark.parametrize("template", ["xicheng-2021", "xicheng-2019"])
def test_real_form_in_both_templates(template: str, tmp_path: Path) -> None:
    draft = example(template)
    target = tmp_path / "zhanlanlu.pdf"
    export_draft(draft, target)
    reader, pages = read_pdf(target)
    assert 3 <= len(pages) <= 8
    assert pages[0].startswith("部门整体支出绩效目标申报表（2021年度）部门（单位）名称")
    assert reader.metadata.author == "北京市西城区人民政府展览路街道办事处"
    first = reader.pages[0]
    assert first.mediabox.width == pytest.approx(595.28, abs=0.5)
    assert first.mediabox.height == pytest.approx(841.89, abs=0.5)
    if template == "xicheng-2019":
        assert "部门（单位）负责人" in pages[0] and "其他：0.00万元" in pages[0]


def test_long_item_continues_over_pages(tmp_path: Path) -> None:
    short, long_ = tmp_path / "short.pdf", tmp_path / "long.pdf"
    export_draft(CASES["markup"](), short)
    draft = long_item_draft(n_chars=3000)
    export_draft(draft, long_)
    _, short_pages = read_pdf(short)
    _, pages = read_pdf(long_)
    assert len(pages) >= len(short_pages) + 2
    item = squash(draft.indicators[1].categories[0].items[0].content)
    grid = build_layout(draft)
    assert item in without_repeats(grid, "".join(pages))
    # The item really is split between pages, not squeezed onto one.
    assert not any(item in without_repeats(grid, page) for page in pages)


def test_table_keeps_its_columns_and_page_frame() -> None:
    """Columns 22/30/22/72.4 mm from the left margin; no sub-row leaves the frame."""
    grid = build_layout(long_item_draft())
    fonts = pdf_fonts()
    style = TextStyle(fonts.body, 10.5, 14.18)
    mm = 72 / 25.4
    top, height = (297 - 25.4) * mm, (297 - 50.8) * mm
    plan = plan_table(grid, style, 31.8 * mm, top, height, 60.0)
    widths = [b - a for a, b in itertools.pairwise(plan.col_x)]
    assert widths == pytest.approx([22 * mm, 30 * mm, 22 * mm, 72.4 * mm])
    for row in plan.rows:
        assert row.top <= top + 0.01
        assert row.top - row.height >= top - height - 0.01
    assert len(plan.pages) >= 4
    # Rows on a page follow one another without a gap.
    for indices in plan.pages:
        for a, b in itertools.pairwise(indices):
            assert plan.rows[b].top == pytest.approx(plan.rows[a].top - plan.rows[a].height)


def test_line_breaking_keeps_every_character_within_the_width() -> None:
    fonts = pdf_fonts()
    style = TextStyle(fonts.body, 10.5, 14.18)
    width = 72.4 * 72 / 25.4 - 2 * PAD_X
    texts = [no_break_draft().texts["goals"], "A" * 120 + "0123456789" * 20,
             "中" * 40 + "。，、" * 5, "（" * 30 + "测试", "word " * 60, "\t缩进  两格　全角",
             "他说：“好。”" * 30]
    for text in texts:
        lines = break_paragraphs([text], style, width)
        assert "".join(lines.texts) == text.replace("\t", "    ")
        for line, w in zip(lines.texts, lines.widths, strict=True):
            assert w <= width + 0.01 or line.endswith(" ")
        for line in lines.texts[1:]:
            if "。" not in text[:5]:
                assert not line or line[0] not in NO_LINE_START or set(text) <= NO_LINE_START


@pytest.mark.parametrize("template", ["xicheng-2021", "xicheng-2019"])
def test_markup_like_text_prints_as_typed(template: str, tmp_path: Path) -> None:
    target = tmp_path / "markup.pdf"
    export_draft(markup_draft(template), target)
    _, pages = read_pdf(target)
    text = "".join(pages)
    for typed in ["<b>加粗</b>&符号&amp;<br/>不是标签", "=SUM(A1)", "+86：-1", "@提及"]:
        assert typed in text
    assert ("-010-1234" in text) == (template == "xicheng-2019")  # 2021 has no phone row


def test_empty_categories_keep_their_rows(tmp_path: Path) -> None:
    draft = CASES["empty-categories-2021"]()
    target = tmp_path / "empty.pdf"
    export_draft(draft, target)
    _, pages = read_pdf(target)
    text = "".join(pages)
    assert "产出指标二（空的产出指标）" in text
    assert text.endswith("其他说明的问题")


def test_twenty_output_groups(tmp_path: Path) -> None:
    target = tmp_path / "groups.pdf"
    export_draft(CASES["twenty-groups"](), target)
    _, pages = read_pdf(target)
    text = "".join(pages)
    labels = [f"产出指标{n}（第{i}项工作）" for i, n in
              [(1, "一"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十")]]
    positions = [text.find(label) for label in labels]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_rewrite_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "form.pdf"
    target.write_bytes(b"old")
    export_draft(example(), target, options=ExportOptions())
    assert target.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.pdf"]


_SIGNS = "≥≤＞＜><="
_GLUED = re.compile(r"[≥≤＞＜><=]?\d+(?:\.\d+)?(?:%|万元|平方米|项)?")


def test_numbers_signs_and_units_stay_together_on_a_line() -> None:
    """``≥`` never ends a line, ``100%`` never breaks as ``10`` / ``0%``, a phone number
    or ``6416.19万元`` moves whole to the next line, at any cell width where it fits."""
    fonts = pdf_fonts()
    style = TextStyle(fonts.body, 10.5, 14.18, fonts.fallbacks, fonts.latin)
    texts = ["苗木存活率达到100%以上，全部完成任务", "群众满意度：≥95%", "联系电话83998540号",
             "成本控制在6416.19万元之内，占全年项目支出总额的20.73%。",
             "辖区绿地面积约95000平方米，完成整治2021项。", "办结率＞90%，投诉量<5件"]
    for text in texts:
        glued = [m.span() for m in _GLUED.finditer(text)]
        for width in range(30, 200):
            lines = break_paragraphs([text], style, float(width))
            assert "".join(lines.texts) == text
            ends = list(itertools.accumulate(len(t) for t in lines.texts))[:-1]
            for end, line in zip(ends, lines.texts, strict=False):
                assert line[-1] not in _SIGNS, (width, lines.texts)
                for a, b in glued:
                    if a < end < b:
                        # Only a run wider than the whole line may be cut.
                        assert sum(style.widths(text[a:b])) > width, (width, lines.texts)


def test_rule_path_is_what_move_to_and_line_to_write() -> None:
    from reportlab.pdfgen.pathobject import PDFPathObject

    from declapp.export.pdf_rules import rule_path

    numbers = [0.0, -0.0, 1e-8, -1e-8, 0.5, 1.0, 72, 595.2755905511812, 841.8897637795277,
               -12.345678, 1234567.891, 1e-6, 0.1 + 0.2, 56.69291338582678]
    segments = [(a, b, c, d) for a, b, c, d in zip(numbers, numbers[3:] + numbers[:3],
                                                   numbers[5:] + numbers[:5],
                                                   reversed(numbers), strict=True)]
    segments += [(72.0, 700.0, 72.0, 650.5), (72.0, 650.5, 523.3, 650.5)] * 3
    reportlab = PDFPathObject()
    for x1, y1, x2, y2 in segments:
        reportlab.moveTo(x1, y1)
        reportlab.lineTo(x2, y2)
    assert rule_path(segments).getCode() == reportlab.getCode()
    assert rule_path([]).getCode() == PDFPathObject().getCode()
