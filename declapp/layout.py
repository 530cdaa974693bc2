"""One layout, three renderers: the form as a format-neutral grid of cells.

``build_layout`` is the only place that decides what the printed form says and where;
the Word, Excel and PDF writers in ``declapp.export`` only draw the grid it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from declapp import locations as loc
from declapp.indicator_text import is_printed, item_lines
from declapp.model import Category, Draft, Item
from declapp.money import format_wanyuan
from declapp.templates import TemplateProfile, load_template
from declapp.text import clean_text, is_blank

Role = Literal["label", "text", "amount"]

DOCUMENT_NAME = "部门整体支出绩效目标申报表"
EXPORT_NAME = "绩效目标申报表"


@dataclass(frozen=True)
class Cell:
    """A cell of the table: its first row and column, spans, role and printed text.

    ``role`` decides the look: ``label`` is centred both ways, ``text`` and ``amount``
    are left-aligned and vertically centred. ``paragraphs`` holds the text as it prints,
    one entry per paragraph. ``location`` is the draft field the text comes from, in
    the same notation as check findings (``goals``, ``indicators[1].categories[0]``).
    """

    row: int
    col: int
    role: Role
    paragraphs: tuple[str, ...] = ()
    rowspan: int = 1
    colspan: int = 1
    location: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(frozen=True)
class PageSetup:
    """A4 portrait and the official margins, in millimetres."""

    width_mm: float = 210.0
    height_mm: float = 297.0
    top_mm: float = 25.4
    bottom_mm: float = 25.4
    left_mm: float = 31.8
    right_mm: float = 31.8

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm


@dataclass(frozen=True)
class Typography:
    """Sizes in points and font preferences, first installed one wins."""

    title_pt: float = 22.0  # 二号
    year_pt: float = 16.0  # 三号
    body_pt: float = 10.5  # 五号
    footer_pt: float = 9.0
    title_fonts: tuple[str, ...] = ("方正小标宋简体", "黑体", "宋体")
    year_fonts: tuple[str, ...] = ("楷体", "宋体")
    body_fonts: tuple[str, ...] = ("宋体",)
    # Latin letters and digits beside the Chinese, as Word sets Chinese documents.
    latin_font: str = "Times New Roman"


# Word's document properties hold at most 255 characters (python-docx refuses more);
# every writer cuts its title, subject and author to that, marked by an ellipsis.
MAX_PROPERTY_CHARS = 255


def property_text(text: str, one_line: bool = True) -> str:
    """*text* fit for a document property: no control characters, at most 255 characters,
    and (unless *one_line* is false) its line breaks made spaces."""
    text = clean_text(text)
    if one_line:
        text = " ".join(text.split("\n"))
    if len(text) > MAX_PROPERTY_CHARS:
        text = text[:MAX_PROPERTY_CHARS - 1] + "…"
    return text


_FOOTER_FIELD = re.compile(r"\{(page|pages)\}")


@dataclass
class FormGrid:
    title: str
    year_line: str
    doc_title: str
    doc_subject: str
    doc_author: str
    columns_mm: tuple[float, ...]
    n_rows: int
    cells: list[Cell]
    page: PageSetup = field(default_factory=PageSetup)
    type: Typography = field(default_factory=Typography)
    footer: str = "第 {page} 页 共 {pages} 页"

    @property
    def n_cols(self) -> int:
        return len(self.columns_mm)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, each row ordered by column."""
        by_row: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for row in by_row:
            row.sort(key=lambda c: c.col)
        return by_row

    def owner_map(self) -> list[list[Cell | None]]:
        """For each (row, column) the cell that covers it; None for a hole in the grid."""
        table: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.last_row + 1):
                for c in range(cell.col, cell.last_col + 1):
                    table[r][c] = cell
        return table

    def footer_pieces(self) -> list[tuple[str, str]]:
        """The footer pattern as ``("text", "第 ")``, ``("page", "")``, ``("text", " 页 共 ")``,
        ``("pages", "")``, …: each writer turns the fields into its own page numbers."""
        pieces: list[tuple[str, str]] = []
        for n, part in enumerate(_FOOTER_FIELD.split(self.footer)):
            if n % 2:
                pieces.append((part, ""))
            elif part:
                pieces.append(("text", part))
        return pieces

    def all_text(self) -> list[str]:
        """Every printed text in reading order: title, year line, then cell by cell."""
        return [self.title, self.year_line, *(c.text for c in self.cells if c.text)]


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


_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufeff\uffa0]")
# Disks allow 255 bytes for a name (ext4 counts UTF-8 bytes: a Chinese character is 3).
# Names we propose stay below that with room for what a clerk or Windows adds ("（2）",
# " - 副本"), and so do the short temp names written beside them.
MAX_FILE_NAME_BYTES = 230
DRAFT_SUFFIX = ".json"
LONGEST_EXPORT_SUFFIX = ".docx"


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of *text* whose UTF-8 form has at most *limit* bytes."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:max(limit, 0)].decode("utf-8", "ignore")


def _name_part(draft: Draft, tail: str) -> str:
    """``<部门>`` safe as a file name and short enough that ``<部门><tail>`` fits."""
    name = _INVISIBLE.sub("", draft.department.name)
    name = _UNSAFE_FILENAME.sub("_", " ".join(name.split()))
    room = MAX_FILE_NAME_BYTES - len(tail.encode("utf-8"))
    # Windows drops a trailing dot or space from a name: none is left at the cut either.
    name = cut_to_bytes(name, room).rstrip(". ")
    return name or "未命名部门"


def draft_basename(draft: Draft) -> str:
    """``<部门>-<年度>``, safe as a file name on Windows and Linux: drafts are saved so.
    ``<部门>`` is cut so that the name with ``.json`` fits any disk."""
    year = f"-{draft.year}"
    return _name_part(draft, f"{year}{DRAFT_SUFFIX}") + year


def export_basename(draft: Draft) -> str:
    """``<部门>-<年度>-绩效目标申报表``: exports are named so, cut to fit with ``.docx``."""
    tail = f"-{draft.year}-{EXPORT_NAME}"
    return _name_part(draft, f"{tail}{LONGEST_EXPORT_SUFFIX}") + tail


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
    )


class _Builder:
    def __init__(self, draft: Draft, profile: TemplateProfile) -> None:
        self.draft = draft
        self.profile = profile
        self.cells: list[Cell] = []
        self.row = 0

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
