"""Word files that look filled in by hand, in either template, written with python-docx.

``write_handmade(draft, path, Style(...))`` lays the draft out the way clerks do in the
official Word template, with one of the variations real files show (issue 10): spacing of
the year line, labels with or without colons, half-width brackets, line breaks inside
labels, amounts in several spellings, paragraphs or soft line breaks, stray empty
paragraphs and trailing spaces, group labels in either template's style, item numbering
of every kind, the indicator part in a second table after a page break, lines under the
table. ``text_read(draft)`` is what reading the text of such a file must give back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from declapp.form.definition import (
    AmountsPart,
    FieldsPart,
    IndicatorsPart,
    chinese_number,
    strip_colon,
)
from declapp.form.model import Draft, Group, Item
from declapp.form.templates import load_template

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULL = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@dataclass(frozen=True)
class Style:
    year_line: str = "（  {year}  年度）"  # or "（{year}年度）", "{year}年度", in the title
    colon: str = ""  # after every label: "", "：" or ":"
    half_brackets: bool = False  # 部门(单位)名称
    label_breaks: bool = False  # 部门（单位）\n名称
    amount: str = "万元"  # "plain", "thousands", "万元", "fullwidth"
    zero_empty: bool = False  # an amount of 0 left empty
    soft_breaks: bool = False  # lines of a text as w:br in one paragraph
    stray_empty: bool = False  # empty paragraphs before, between and after
    spaces: bool = False  # trailing spaces, and leading ones before item numbers
    group: str = "template"  # "template", "colon", "brackets", "half", "break", "bare"
    numbering: str = "{n}、"  # "{n}." "{n}．" "（{n}）" "({n})" "①" or "" (no numbers)
    second_table: bool = False  # the indicators after a page break, heading row again
    under_table: bool = False  # 填报人 / 日期 lines under the table
    title_in_table: bool = False  # title and year line as the table's first rows


VARIANTS = {
    "clean": Style(),
    "compact-year-colons": Style(year_line="（{year}年度）", colon="：", amount="plain"),
    "bare-year-half-colons": Style(year_line="{year}年度", colon=":", half_brackets=True,
                                   amount="thousands", zero_empty=True),
    "year-in-title": Style(year_line="title", label_breaks=True, amount="fullwidth",
                           group="half"),
    "soft-breaks-messy": Style(soft_breaks=True, stray_empty=True, spaces=True,
                               numbering="{n}．", group="break"),
    "paragraphs-messy": Style(stray_empty=True, spaces=True, numbering="（{n}）",
                              group="colon"),
    "half-paren-numbers": Style(numbering="({n})", group="brackets", under_table=True),
    "circled": Style(numbering="①", group="bare"),
    "dot-numbers": Style(numbering="{n}.", second_table=True, under_table=True),
    "no-numbers-one-item": Style(numbering=""),
    "title-in-table": Style(title_in_table=True, colon="：", second_table=True),
}


def text_read(draft: Draft, style: Style = VARIANTS["clean"]) -> Draft:
    """What the text of the form says: rows the template lacks are not on it, an item's
    value is part of its text, categories of a group without them show none."""
    profile = load_template(draft.template)
    want = draft.copy()
    own_texts = {f.id for f in profile.text_fields() if f.printed}
    own_amounts = set(profile.amount_ids())
    want.texts = {k: v for k, v in want.texts.items() if k in own_texts}
    want.amounts = {k: v for k, v in want.amounts.items() if k in own_amounts}
    tree = profile.tree()
    for group in want.indicators:
        kind = tree.group_kind(group.kind)
        if kind is None or not kind.named:
            group.name = ""
        group.categories = [c for c in group.categories if c.name or c.items]
        for category in group.categories:
            items = [Item(content=_joined(i, profile.tree().item_separator))
                     for i in category.items if (i.content + i.value).strip()]
            if not style.numbering and items:  # unnumbered lines are one item
                items = [Item(content="\n".join(i.content for i in items))]
            category.items = items
    return want


def _joined(item: Item, separator: str) -> str:
    if item.content and item.value:
        return f"{item.content}{separator}{item.value}"
    return item.content or item.value


class _Writer:
    def __init__(self, draft: Draft, style: Style) -> None:
        self.draft, self.style = draft, style
        self.profile = load_template(draft.template)
        self.document = Document()

    def label(self, text: str, heading: bool = False) -> str:
        text = strip_colon(text)
        if self.style.half_brackets:
            text = text.replace("（", "(").replace("）", ")")
        if self.style.label_breaks and len(text) > 6:
            text = f"{text[:4]}\n{text[4:]}"
        return text if heading else text + self.style.colon

    def amount(self, value: Decimal) -> str:
        if value == 0 and self.style.zero_empty:
            return ""
        plain = f"{value:.2f}"
        return {"plain": plain, "thousands": f"{value:,.2f}", "万元": f"{plain}万元",
                "fullwidth": f"{plain}万元".translate(_FULL)}[self.style.amount]

    def group_label(self, number: int, group: Group) -> str:
        tree = self.profile.tree()
        kind = tree.group_kind(group.kind)
        name = group.name
        if kind is None or not kind.repeat:
            return tree.group_label(group, number)
        head = f"产出指标{chinese_number(number)}"
        if not name:
            return head
        return {"template": tree.group_label(group, number),
                "colon": f"{head}：{name}", "brackets": f"{head}（{name}）",
                "half": f"{head}({name})", "break": f"{head}\n({name})",
                "bare": f"{head}{name}"}[self.style.group]

    def items(self, items: list[Item]) -> str:
        texts = [_joined(i, self.profile.tree().item_separator) for i in items
                 if (i.content + i.value).strip()]
        if len(texts) < 2 or not self.style.numbering:
            return "\n".join(texts)
        lead = "  " if self.style.spaces else ""
        return "\n".join(
            f"{lead}{_CIRCLED[n - 1] if self.style.numbering == '①' else self.style.numbering.format(n=n)}"
            f"{text}" for n, text in enumerate(texts, start=1))

    def put(self, cell, text: str, centred: bool = False) -> None:
        """*text* into *cell*: lines as paragraphs or soft breaks, with the mess asked for."""
        lines = text.split("\n") if text else []
        if self.style.spaces:
            lines = [f"{line}   " for line in lines]
        first = cell.paragraphs[0]
        if self.style.soft_breaks and lines:
            run = first.add_run(lines[0])
            for line in lines[1:]:
                run.add_break(WD_BREAK.LINE)
                run.add_text(line)
            paragraphs = [first]
        else:
            paragraphs = [first] + [cell.add_paragraph() for _ in lines[1:]]
            for paragraph, line in zip(paragraphs, lines, strict=False):
                paragraph.add_run(line)
        if self.style.stray_empty and lines:
            cell.add_paragraph("")
            first.insert_paragraph_before("")
        if centred:
            for paragraph in cell.paragraphs:
                paragraph.alignment = 1


def write_handmade(draft: Draft, path: Path, style: Style = VARIANTS["clean"]) -> Path:
    w = _Writer(draft, style)
    doc = w.document
    year_line = style.year_line.format(year=draft.year)
    title = f"{draft.year}年度部门整体支出绩效目标申报表" if style.year_line == "title" \
        else "部门整体支出绩效目标申报表"
    rows: list[list[tuple[int, str, bool]]] = []  # per row: (colspan, text, label?)
    merges_down: list[tuple[int, int, int]] = []  # (first row, column, last row)
    if style.title_in_table:
        rows.append([(4, title, True)])
        if style.year_line != "title":
            rows.append([(4, year_line, True)])
    else:
        doc.add_paragraph(title)
        if style.year_line != "title":
            doc.add_paragraph(year_line)
    profile = w.profile
    second_start = None
    goals_row = 0
    for part in profile.parts:
        if isinstance(part, FieldsPart):
            row = []
            for f in part.fields:
                row += [(f.label_span, w.label(f.label), True), (f.span, draft.text(f.id), False)]
            rows.append(row)
            goals_row = len(rows) - 1
        elif isinstance(part, AmountsPart):
            top = len(rows)
            for n, f in enumerate(part.rows):
                rows.append([(1, w.label(part.label) if n == 0 else "", True),
                             (1, w.label(f.label), True), (2, w.amount(draft.amount(f.id)), False)])
            merges_down.append((top, 0, len(rows) - 1))
        elif isinstance(part, IndicatorsPart):
            second_start = len(rows)
            a_label = w.label(part.label) if part.label_position == "left" else ""
            rows.append([(1, a_label, True), *((1, w.label(c.label, heading=True), True)
                                               for c in part.columns)])
            counts: dict[str, int] = {}
            for group in draft.indicators:
                counts[group.kind] = counts.get(group.kind, 0) + 1
                categories = group.categories
                top = len(rows)
                for n, category in enumerate(categories):
                    label = w.group_label(counts[group.kind], group) if n == 0 else ""
                    rows.append([(1, "", True), (1, label, True), (1, category.name, True),
                                 (1, w.items(category.items), False)])
                if len(categories) > 1:
                    merges_down.append((top, 1, len(rows) - 1))
            a_top = goals_row if part.label_position == "joined" else second_start
            merges_down.append((a_top, 0, len(rows) - 1))
    if style.second_table and second_start is not None:
        _two_tables(w, rows, merges_down, second_start)
    else:
        _table(w, rows, merges_down)
    if style.under_table:
        doc.add_paragraph("填报人：张三　　　联系电话：010-66001234")
        doc.add_paragraph(f"填报日期：{draft.year - 1}年12月20日")
    doc.save(str(path))
    return path


def _table(w: _Writer, rows, merges_down, repeat_a: str = "") -> None:
    table = w.document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    cells = []
    for r, row in enumerate(rows):
        col, placed = 0, []
        for span, text, is_label in row:
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            placed.append((cell, text, is_label, col))
            col += span
        cells.append(placed)
    for top, col, bottom in merges_down:
        if bottom > top:
            table.cell(top, col).merge(table.cell(bottom, col))
    for r, placed in enumerate(cells):
        for cell, text, is_label, col in placed:
            covered = any(top < r <= bottom and c == col for top, c, bottom in merges_down)
            if not covered:
                w.put(cell, text, centred=is_label)
    if repeat_a:
        w.put(table.cell(0, 0), repeat_a, centred=True)


def _two_tables(w: _Writer, rows, merges_down, split: int) -> None:
    """Rows before *split* in one table; a page break; the heading row and the rest in a
    second table, its column A label written again."""
    first = [m for m in merges_down if m[2] < split]
    second = [(max(t, split) - split, c, b - split) for t, c, b in merges_down if b >= split]
    _table(w, rows[:split], first)
    w.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    joined = w.profile.parts[w.profile.parts.index(w.profile.tree()) - 1]
    _table(w, rows[split:], second,
           repeat_a="" if rows[split][0][1] else w.label(joined.fields[0].label))


def with_style(**changes) -> Style:
    return replace(VARIANTS["clean"], **changes)


def write_from_extracted_text(text: str, path: Path) -> Path:
    """The real form's Word file again, from its extracted text (shared/forms/*.txt): a
    tab opens a cell, a blank line ends a row, an empty cell continues a vertical merge.
    Two cells in a row are label | B–D, three label | label | C–D, four one per column.
    The extractor's ``[bookmark: _GoBack]`` goes back to being a bookmark."""
    head: list[str] = []
    rows: list[list[str]] = []
    row: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("\t"):
            if row is None:
                row = []
                rows.append(row)
            row.append(line[1:])
        elif row is not None and line == "":
            row = None
        elif row is not None:
            row[-1] += "\n" + line
        elif line.strip():
            head.append(line)
    doc = Document()
    for line in head:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    spans = {2: (1, 3), 3: (1, 1, 2), 4: (1, 1, 1, 1)}
    above: dict[int, int] = {}  # column → row where its merge started
    for r, cells in enumerate(rows):
        col = 0
        for span, content in zip(spans[len(cells)], cells, strict=True):
            cell = table.cell(r, col)
            if span > 1:
                cell = cell.merge(table.cell(r, col + span - 1))
            if content == "" and col in above:
                table.cell(above[col], col).merge(table.cell(r, col))
            else:
                above[col] = r
                _put_real(cell, content)
            col += span
    doc.save(str(path))
    return path


def _put_real(cell, content: str) -> None:
    lines = content.split("\n")
    cell.paragraphs[0].add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)
    for paragraph in cell.paragraphs:
        if "[bookmark: _GoBack]" in paragraph.text:
            text = paragraph.text.replace("[bookmark: _GoBack]", "")
            for run in paragraph.runs:
                run.text = ""
            p = paragraph._p
            start = p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): "0",
                                                          qn("w:name"): "_GoBack"})
            end = p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): "0"})
            p.append(start)
            p.append(end)
            paragraph.add_run(text)
