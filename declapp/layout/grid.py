"""The layout grid: a format-neutral table of cells that every writer draws.

``declapp.layout.build`` fills it from a draft and its template; the Word, Excel and PDF
writers in ``declapp.export`` only render it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from declapp.form.text import CONTINUED_MARK, NO_LINE_END, NO_LINE_START, clean_text

Role = Literal["label", "text", "amount"]

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


def continued_paragraphs(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A label's paragraphs as its part after a page end prints them (none for none)."""
    if not paragraphs:
        return ()
    return (*paragraphs[:-1], f"{paragraphs[-1]}{CONTINUED_MARK}")


def without_lone_last(lines: list[str]) -> list[str]:
    """A label's lines (one paragraph's) with no last character alone on its line: the
    line before hands it its last one (服务对象 / 满意度指 / 标 → 服务对象 / 满意度 / 指标),
    as long as that line keeps two and no mark ends up where it may not stand."""
    if len(lines) < 2 or len(lines[-1].strip()) != 1 or len(lines[-2]) < 3:
        return lines
    before, moved = lines[-2][:-1], lines[-2][-1]
    if moved in NO_LINE_START or moved == " " or before[-1] in NO_LINE_END:
        return lines
    return [*lines[:-2], before, moved + lines[-1]]


# Words of the forms' labels that a line end should not cut (服务对象满 / 意度指标).
LABEL_WORDS = ("满意度", "指标", "效益", "影响", "万元")


def label_breaks(lines: list[str], fits: Callable[[str], bool]) -> list[str]:
    """A label's lines (one paragraph's) broken where they read well: a word of
    ``LABEL_WORDS`` cut by the last line end goes whole to the last line, with an opening
    bracket before it (情况（万 / 元） → 情况 / （万元）), where that line still *fits* and
    the line before keeps two characters (服务对象满 / 意度指标 → 服务对象 / 满意度指标),
    and no last character stands alone (``without_lone_last``). The lines themselves
    when nothing moves."""
    if len(lines) >= 2:
        before, last = lines[-2], lines[-1]
        for word in LABEL_WORDS:
            for k in range(1, len(word)):
                if not (before.endswith(word[:k]) and last.startswith(word[k:])):
                    continue
                while k < len(before) and before[-k - 1] in NO_LINE_END:
                    k += 1
                if len(before) - k >= 2 and fits(before[-k:] + last):
                    return [*lines[:-2], before[:-k], before[-k:] + last]
    return without_lone_last(lines)


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
    # Lines between the year line and the table (单位：万元; 填报日期：…), with their
    # alignment: left, center or right.
    lines_above: tuple[tuple[str, str], ...] = ()
    # Rows that head the table below them (一级指标 | 二级指标 | …), in order: Word repeats
    # them at the top of every page the table continues on.
    header_rows: tuple[int, ...] = ()
    # The last row of the table each header row heads (where its indicators end), in the
    # same order: the PDF and Excel repeat a header only on pages those rows run on to.
    header_ends: tuple[int, ...] = ()

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

    def header_runs(self) -> list[tuple[tuple[int, ...], int]]:
        """Each run of consecutive header rows with the last row of the table it heads
        (without ``header_ends``: up to the next header, or the end of the grid)."""
        runs: list[tuple[int, ...]] = []
        ends: list[int] = []
        for n, r in enumerate(self.header_rows):
            end = self.header_ends[n] if n < len(self.header_ends) else None
            if runs and r == runs[-1][-1] + 1:
                runs[-1] += (r,)
                ends[-1] = end if end is not None else ends[-1]
            else:
                runs.append((r,))
                ends.append(end if end is not None else -1)
        found = []
        for n, (run, end) in enumerate(zip(runs, ends, strict=True)):
            if end < 0:
                end = runs[n + 1][0] - 1 if n + 1 < len(runs) else self.n_rows - 1
            found.append((run, end))
        return found

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
        return [self.title, self.year_line, *(text for text, _align in self.lines_above),
                *(c.text for c in self.cells if c.text)]


