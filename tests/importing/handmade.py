"""Word files that look filled in by hand, in any template's layout, written with
python-docx.

``write_handmade(draft, path, Style(...))`` types the draft into the layout its template
defines (the cells ``build_layout`` gives, drawn as a plain Word table with merged cells)
the way clerks do, with one of the variations real files show (issue 10): spacing of the
year line, labels with or without colons, half-width brackets, line breaks inside labels,
amounts in several spellings, paragraphs or soft line breaks, stray empty paragraphs and
trailing spaces, group labels in either 西城区 style, item numbering of every kind, 一级
and 二级 cells merged, repeated or written once, the indicator part in a second table
after a page break, lines under the table. ``text_read(draft)`` is what reading the text
of such a file must give back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from declapp.form import locations as loc
from declapp.form.definition import IndicatorsPart, strip_colon
from declapp.form.model import Draft, Group, Item
from declapp.form.templates import load_template
from declapp.indicators.wording import printed_text
from declapp.layout import FormGrid, build_layout
from declapp.layout.grid import Cell

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
    levels: str = "merged"  # 一级/二级 of a row-per-item table: "merged", "repeat", "blank"


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
    """What the text of the form says: rows the template does not print are not on it;
    a free-text item's value is part of its text where the form numbers items in one
    cell; a structured item keeps what its columns print; categories of a group without
    them show none; an optional table left empty is not printed."""
    profile = load_template(draft.template)
    want = draft.copy()
    own_texts = {f.id for f in profile.text_fields() if f.printed}
    own_amounts = set(profile.amount_ids())
    want.texts = {k: v for k, v in want.texts.items() if k in own_texts}
    want.amounts = {k: v for k, v in want.amounts.items() if k in own_amounts}
    for tree in profile.trees():
        groups = want.trees.get(tree.id, [])
        if tree.optional and not any(c.items for g in groups for c in g.categories):
            want.trees[tree.id] = tree.new_tree()
            continue
        for group in groups:
            kind = tree.group_kind(group.kind)
            if kind is None or not kind.named:
                group.name = ""
            if tree.levels != 1:
                group.categories = [c for c in group.categories if c.name or c.items]
            for category in group.categories:
                category.items = _items_read(category.items, tree, style, _shown(profile, tree))
    profile.complete(want)
    return want


def _shown(form, tree: IndicatorsPart) -> set[str]:
    """The extra columns whose text the form shows: the printed ones the clerk types, and
    an adjusted target a later stage prints under the declared value."""
    shown = {c.key for c in tree.extra_columns if c.printed and not c.is_computed}
    if form.scoring is not None and tree.column(form.scoring.adjusted_column) is not None:
        shown.add(form.scoring.adjusted_column)
    return shown


def _items_read(items: list[Item], tree: IndicatorsPart, style: Style,
                shown: set[str]) -> list[Item]:
    keys = {c.key for c in tree.columns}
    if "items" in keys:  # numbered in one cell: free text, the value joined on
        read = [Item(content=_joined(i, tree.item_separator))
                for i in items if printed_text(i, tree.item_separator).strip()]
        if not style.numbering and read:  # unnumbered lines are one item
            read = [Item(content="\n".join(i.content for i in read))]
        return read
    read = []
    for item in items:
        if not item.is_structured:
            read.append(Item(content=item.content, value=item.value))
            continue
        seen = Item(name=item.name, op=item.op, value=item.value, unit=item.unit,
                    extra={k: v for k, v in item.extra.items() if k in shown})
        for key in ("explanation", "scoring", "content"):
            if key in keys:
                setattr(seen, key, getattr(item, key))
        read.append(seen)
    return read


def _joined(item: Item, separator: str) -> str:
    """The item as the form prints it: ``content：value``, ``名称：≥95%``."""
    return printed_text(item, separator)


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

    def group_label(self, tree: IndicatorsPart, number: int, group: Group) -> str:
        kind = tree.group_kind(group.kind)
        name = group.name
        if kind is None or not kind.repeat:
            return tree.group_label(group, number)
        head = tree.group_label(Group(kind=group.kind), number)
        if not name:
            return head
        return {"template": tree.group_label(group, number),
                "colon": f"{head}：{name}", "brackets": f"{head}（{name}）",
                "half": f"{head}({name})", "break": f"{head}\n({name})",
                "bare": f"{head}{name}"}[self.style.group]

    def items(self, items: list[Item], separator: str) -> str:
        texts = [_joined(i, separator) for i in items if _joined(i, separator).strip()]
        if len(texts) < 2 or not self.style.numbering:
            return "\n".join(texts)
        lead = "  " if self.style.spaces else ""
        marks = [_CIRCLED[n - 1] if self.style.numbering == "①" else
                 self.style.numbering.format(n=n) for n in range(1, len(texts) + 1)]
        lines = []
        for mark, text in zip(marks, texts, strict=True):
            first, *rest = text.split("\n")
            lines += [f"{lead}{mark}{first}", *rest]
        return "\n".join(lines)

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

    # --- the grid, as a clerk types it -------------------------------------------------------
    def text_of(self, cell: Cell) -> str:
        """What the clerk types in *cell* of the form's layout, in the style asked for."""
        form, where = self.profile, loc.parse(cell.location) if cell.location else None
        if where is not None and where.tree and len(where.path) == 1 and cell.role == "label":
            tree = form.tree(where.tree)
            groups = self.draft.trees[where.tree]
            g = where.path[0]
            number = sum(1 for x in groups[:g + 1] if x.kind == groups[g].kind)
            return self.group_label(tree, number, groups[g])
        if where is not None and where.tree and len(where.path) == 2 and cell.role == "text":
            tree = form.tree(where.tree)
            category = self.draft.trees[where.tree][where.path[0]].categories[where.path[1]]
            return self.items(category.items, tree.item_separator)
        if cell.role == "amount" and cell.location in form.amount_ids() and \
                cell.text and not cell.text.endswith("%"):
            return self.amount(self.draft.amount(cell.location))
        if cell.role != "label" or (where is not None and (where.tree or where.table)):
            return cell.text
        part = next((p for p in form.parts if getattr(p, "id", None) == cell.location), None)
        if form.field(cell.location) is not None or (
                part is not None and strip_colon(cell.text) == strip_colon(part.label)):
            return self.label(cell.text)
        return self.label(cell.text, heading=True)  # a column heading

    def cells(self, grid: FormGrid) -> list[Cell]:
        """The grid's cells with their texts typed; 一级 and 二级 cells of a row-per-item
        table written in each row, or in the first only, when the style says so."""
        typed = []
        for cell in grid.cells:
            text = self.text_of(cell)
            where = loc.parse(cell.location) if cell.location else None
            level = where is not None and where.tree and 1 <= len(where.path) <= 2 and \
                cell.role == "label" and cell.rowspan > 1 and \
                self.profile.tree(where.tree).levels == 3
            if level and self.style.levels != "merged":
                for n in range(cell.rowspan):
                    shown = text if n == 0 or self.style.levels == "repeat" else ""
                    typed.append(replace(cell, row=cell.row + n, rowspan=1,
                                         paragraphs=(shown,)))
                continue
            typed.append(replace(cell, paragraphs=(text,)))
        return typed


def write_handmade(draft: Draft, path: Path, style: Style = VARIANTS["clean"]) -> Path:
    """*draft* typed into its template's layout in Word, the way clerks type it."""
    w = _Writer(draft, style)
    doc = w.document
    grid = build_layout(draft, w.profile)
    n_cols = len(grid.columns_mm)
    has_year_line = bool(w.profile.year_line)
    year_line = style.year_line.format(year=draft.year)
    title = f"{draft.year}年度{grid.title}" if style.year_line == "title" and has_year_line \
        else grid.title
    heads = [title]
    if has_year_line and style.year_line != "title":
        heads.append(year_line)
    cells = w.cells(grid)
    if style.title_in_table:
        cells = [replace(c, row=c.row + len(heads)) for c in cells]
        cells[:0] = [Cell(row=n, col=0, role="label", paragraphs=(text,), colspan=n_cols)
                     for n, text in enumerate(heads)]
    else:
        for text in heads:
            doc.add_paragraph(text)
    for text, _align in grid.lines_above:
        doc.add_paragraph(text)
    n_rows = grid.n_rows + (len(heads) if style.title_in_table else 0)
    split = _indicator_start(grid, w.profile) if style.second_table else None
    if split is not None:
        split += len(heads) if style.title_in_table else 0
        _table(w, _clip(cells, 0, split), split, n_cols)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _table(w, _clip(cells, split, n_rows), n_rows - split, n_cols)
    else:
        _table(w, cells, n_rows, n_cols)
    if style.under_table:
        doc.add_paragraph("填报人：张三　　　联系电话：010-66001234")
        doc.add_paragraph(f"填报日期：{draft.year - 1}年12月20日")
    doc.save(str(path))
    return path


def _indicator_start(grid: FormGrid, form) -> int | None:
    """The first row of the (first) indicator table: its label or heading row."""
    tree = form.trees()[0] if form.trees() else None
    rows = [c.row for c in grid.cells if tree is not None and c.location == tree.id]
    return min(rows) if rows else None


def _clip(cells: list[Cell], top: int, bottom: int) -> list[Cell]:
    """The cells of rows *top* to *bottom* (exclusive), renumbered from 0; a cell running
    across the cut is written again on the other side (a label the clerk types twice)."""
    clipped = []
    for cell in cells:
        first, last = max(cell.row, top), min(cell.last_row, bottom - 1)
        if first > last:
            continue
        clipped.append(replace(cell, row=first - top, rowspan=last - first + 1))
    return clipped


def _table(w: _Writer, cells: list[Cell], n_rows: int, n_cols: int) -> None:
    table = w.document.add_table(rows=n_rows, cols=n_cols)
    table.style = "Table Grid"
    for cell in cells:
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(cell.last_row, cell.last_col))
        w.put(target, cell.text, centred=cell.role == "label")


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
