"""One layout, three renderers: ``build_layout`` turns a draft and its template into
the grid (``declapp.layout.grid``).

It is the only place that decides what the printed form says and where; the Word, Excel
and PDF writers in ``declapp.export`` only draw the grid it returns.
"""

from __future__ import annotations

from declapp.form import locations as loc
from declapp.form.definition import TemplateProfile, load_template
from declapp.form.model import Category, Draft, Item
from declapp.form.money import format_wanyuan
from declapp.form.text import clean_text, is_blank
from declapp.indicators.wording import is_printed, item_lines
from declapp.layout.grid import Cell, FormGrid, Role, property_text

DOCUMENT_NAME = "部门整体支出绩效目标申报表"
COLUMNS_MM = (22.0, 30.0, 22.0, 72.4)


def item_paragraphs(items: list[Item], separator: str) -> tuple[str, ...]:
    """The 具体指标 cell: ``1、`` ``2、`` … when there are several items; each item as
    ``indicator_text.item_lines`` prints it (``content：value``, ``名称：≥95%``)."""
    printed = [i for i in items if is_printed(i)]
    numbered = len(printed) > 1
    paragraphs: list[str] = []
    for n, item in enumerate(printed, start=1):
        lines = item_lines(item, separator)
        if numbered:
            lines[0] = f"{n}、{lines[0].lstrip()}"
        paragraphs.extend(lines)
    return tuple(paragraphs)


def clean_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """No character XML cannot hold, and a stray line end makes a new paragraph.

    Every cell's text passes here, so no writer ever sees a control character.
    """
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(clean_text(paragraph).split("\n"))
    return tuple(out)


def text_paragraphs(text: str) -> tuple[str, ...]:
    """A free text as paragraphs; leading and trailing blank lines dropped."""
    text = clean_text(text).strip("\n")
    return () if is_blank(text) else tuple(text.split("\n"))


def build_layout(draft: Draft, profile: TemplateProfile | None = None) -> FormGrid:
    """Turn *draft* into the grid of its template (or of *profile*)."""
    profile = profile or load_template(draft.template)
    builder = _Builder(draft, profile)
    for row_kind in profile.rows:
        getattr(builder, f"_row_{row_kind}")()
    dept = "未命名部门" if is_blank(draft.department.name) else draft.department.name.strip()
    return FormGrid(
        title=profile.title,
        year_line=profile.format_year_line(draft.year),
        # Cut to what Word takes; the writers also make them one line.
        doc_title=property_text(f"{dept}-{draft.year}-{DOCUMENT_NAME}", one_line=False),
        doc_subject=property_text(f"{draft.year}年度{DOCUMENT_NAME}（{profile.name}）",
                                  one_line=False),
        doc_author=property_text(" ".join(dept.split()), one_line=False),
        columns_mm=COLUMNS_MM,
        n_rows=builder.row,
        cells=builder.cells,
        header_rows=tuple(builder.header_rows),
    )


class _Builder:
    def __init__(self, draft: Draft, profile: TemplateProfile) -> None:
        self.draft = draft
        self.profile = profile
        self.cells: list[Cell] = []
        self.row = 0
        self.header_rows: list[int] = []

    def add(self, col: int, role: Role, paragraphs: tuple[str, ...], *, rowspan: int = 1,
            colspan: int = 1, location: str = "", row: int | None = None) -> None:
        self.cells.append(Cell(row=self.row if row is None else row, col=col, role=role,
                               paragraphs=clean_paragraphs(paragraphs), rowspan=rowspan,
                               colspan=colspan, location=location))

    def label(self, key: str) -> tuple[str, ...]:
        text = self.profile.label(key)
        return (text,) if text else ()

    def _label_and_text(self, key: str, text: str, location: str) -> None:
        """A row of a label in A and a text merged over B–D."""
        self.add(0, "label", self.label(key), location=location)
        self.add(1, "text", text_paragraphs(text), colspan=3, location=location)
        self.row += 1

    def _row_name(self) -> None:
        self._label_and_text("name", self.draft.department.name, loc.department("name"))

    def _row_head_phone(self) -> None:
        dept = self.draft.department
        head, phone = loc.department("head"), loc.department("phone")
        self.add(0, "label", self.label("head"), location=head)
        self.add(1, "text", text_paragraphs(dept.head), location=head)
        self.add(2, "label", self.label("phone"), location=phone)
        self.add(3, "text", text_paragraphs(dept.phone), location=phone)
        self.row += 1

    def _row_funds(self) -> None:
        keys = self.profile.fund_rows
        self.add(0, "label", self.label("funds"), rowspan=len(keys), location="funds")
        for key in keys:
            self.add(1, "label", self.label(key), location=loc.fund(key))
            self.add(2, "amount", (format_wanyuan(self.draft.funds.get(key)),), colspan=2,
                     location=loc.fund(key))
            self.row += 1

    def _row_functions(self) -> None:
        self._label_and_text("functions", self.draft.department.functions,
                             loc.department("functions"))

    def _row_goals(self) -> None:
        span = 1
        if self.profile.goals_label_spans_indicators:
            span += 1 + self._indicator_row_count()
        self.add(0, "label", self.label("goals"), rowspan=span, location="goals")
        self.add(1, "text", text_paragraphs(self.draft.goals), colspan=3, location="goals")
        self.row += 1

    def _row_notes(self) -> None:
        self._label_and_text("notes", self.draft.notes, "notes")

    def _indicator_row_count(self) -> int:
        return sum(max(1, len(g.categories)) for g in self.draft.indicators)

    def _row_indicators(self) -> None:
        if not self.profile.goals_label_spans_indicators:
            self.add(0, "label", self.label("indicators"),
                     rowspan=1 + self._indicator_row_count(), location="indicators")
        for col, key in ((1, "level1"), (2, "level2"), (3, "level3")):
            self.add(col, "label", self.label(key), location="indicators")
        self.header_rows.append(self.row)
        self.row += 1
        labels = self.profile.group_labels(self.draft)
        sep = self.profile.item_value_separator
        for gi in self.draft.printing_order():
            group, group_label = self.draft.indicators[gi], labels[gi]
            g_loc = loc.group(gi)
            categories = group.categories or [Category()]
            self.add(1, "label", (group_label,), rowspan=len(categories), location=g_loc)
            for ci, category in enumerate(categories):
                c_loc = loc.category(gi, ci) if group.categories else g_loc
                self.add(2, "label", text_paragraphs(category.name), location=c_loc)
                self.add(3, "text", item_paragraphs(category.items, sep), location=c_loc)
                self.row += 1
