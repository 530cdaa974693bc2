"""How much room text takes in a spreadsheet cell, estimated with room to spare.

Excel and LibreOffice never fit a row to its text, so every height is computed here:
characters in half-em units (Chinese two, Latin about one), lines of a cell's width,
whole Chinese characters per line, and labels wrapped the Chinese way. ``Rest`` walks a
long text piece by piece without copying what is left of it.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass

from declapp.form.text import NO_LINE_END, NO_LINE_START
from declapp.layout import Cell, FormGrid, label_breaks

PT_PER_MM = 72 / 25.4
# Measured against LibreOffice 7.4 with the CJK fonts of a Linux desktop (Noto Sans CJK
# stands in for 宋体): lines are 1.45 em apart, 20 Chinese characters fill a line of
# column D, DejaVu digits are 0.64 em wide, capitals up to 0.8 em. The estimate adds room
# on top: Chinese line breaking (no ， at a line start, Latin words kept whole) leaves
# lines short.
LINE_EM = 1.5
CELL_PAD_PT = 6.0
CELL_SIDE_PAD_PT = 5.0
FILL = 0.95
_BREAK_AFTER = "。；！？!?;，,、：:）)」』”’ "


def char_units(ch: str) -> float:
    """Width of *ch* in half-em units, on the generous side for the fonts that print it."""
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 2.0
    if ch == "\t":
        return 8.0
    if unicodedata.combining(ch):
        return 0.0
    if ch.isupper() or ch in "mwMW@%&#":
        return 1.6
    return 1.3


_UNITS: dict[str, float] = {}  # char_units of each character met, looked up in C
# The units of each text measured, up to this long (a cell's paragraph, as the grid holds
# it or as a piece of a sheet row holds it): a sheet plan measures each several times
# (the row's need, its pieces, the rows' heights, the page ends). A text kept as a key is
# one the grid or the plan holds anyway; longer ones are measured as they come.
_KEPT = 4096
_SHORT = 64  # measured whole by lines_within, however little room is asked about
_KEPT_TEXTS = 300_000
_text_units: dict[str, float] = {}


def _unit_of(ch: str) -> float:
    units = _UNITS.get(ch)
    if units is None:
        units = _UNITS[ch] = char_units(ch)
    return units


def _units_of(text: str) -> float:
    """The units of *text*, added character by character in order."""
    try:
        return sum(map(_UNITS.__getitem__, text))
    except KeyError:  # characters met for the first time
        for ch in set(text):
            _unit_of(ch)
        return sum(map(_UNITS.__getitem__, text))


def text_units(text: str) -> float:
    units = _text_units.get(text)
    if units is None:
        units = _units_of(text)
        if len(text) <= _KEPT:
            if len(_text_units) >= _KEPT_TEXTS:
                _text_units.clear()
            _text_units[text] = units
    return units


@dataclass(frozen=True)
class Measure:
    """Lines and heights of text in a cell of a given width, at one font size."""

    width_pt: float
    font_pt: float

    @functools.cached_property  # asked for each paragraph measured
    def units_per_line(self) -> float:
        usable = max(self.width_pt - CELL_SIDE_PAD_PT, self.font_pt)
        # Whole Chinese characters: a narrow label column fits 5, not 5.2.
        return max(2.0, 2 * math.floor(usable * FILL / self.font_pt))

    @property
    def line_pt(self) -> float:
        return self.font_pt * LINE_EM

    def paragraph_lines(self, paragraph: str) -> int:
        return max(1, math.ceil(text_units(paragraph) / self.units_per_line))

    def lines(self, paragraphs: tuple[str, ...] | list[str]) -> int:
        return sum(self.paragraph_lines(p) for p in paragraphs) if paragraphs else 1

    def height(self, paragraphs: tuple[str, ...] | list[str]) -> float:
        return self.lines(paragraphs) * self.line_pt + CELL_PAD_PT

    def max_lines(self, limit_pt: float) -> int:
        return max(1, int((limit_pt - CELL_PAD_PT) // self.line_pt))

    def lines_within(self, paragraph: str, start: int, most: int) -> int:
        """Lines ``paragraph[start:]`` takes, or *most* + 1 once it is clear that it takes
        more than *most*: the cost is the room asked about, never the paragraph's length."""
        if not start and len(paragraph) <= _SHORT:
            return self.paragraph_lines(paragraph)
        cap = (most + 1) * self.units_per_line
        step = int(cap) // 2 + 16  # in characters: two or three slices decide
        used, end = 0.0, len(paragraph)
        if not start and end <= step:  # one slice, the whole paragraph: remembered
            used += text_units(paragraph)
            return most + 1 if used > cap else max(1, math.ceil(used / self.units_per_line))
        for i in range(start, end, step):
            used += _units_of(paragraph[i:i + step])
            if used > cap:
                return most + 1
        return max(1, math.ceil(used / self.units_per_line))

    def cut_at(self, paragraph: str, start: int, lines: int) -> int:
        """Where to end a head of ``paragraph[start:]`` that fits *lines* lines: after a
        sentence or clause if one ends in the last tenth of the room; never at *start*."""
        room = lines * self.units_per_line
        used, end = 0.0, start
        for i in range(start, len(paragraph)):
            used += _unit_of(paragraph[i])
            if used > room:
                break
            end = i + 1
        end = max(end, start + 1)
        for i in range(end, max(start, start + int((end - start) * 0.9)), -1):
            if paragraph[i - 1] in _BREAK_AFTER:
                return i
        return end


def cell_measure(grid: FormGrid, cell: Cell) -> Measure:
    width_mm = sum(grid.columns_mm[cell.col:cell.last_col + 1])
    return Measure(width_mm * PT_PER_MM, grid.type.body_pt)


def round_height(height: float) -> float:
    """Excel draws rows in whole pixels (0.75 pt at 96 dpi): round up, never down."""
    return math.ceil(height / 0.75 - 1e-9) * 0.75


class Rest:
    """What is left of a cell's text: a place in its paragraphs, not a copy of them, so
    that cutting a million-character paragraph into pieces copies each character once."""

    def __init__(self, paragraphs: tuple[str, ...]) -> None:
        self.paragraphs = paragraphs
        self.index = 0  # the paragraph the rest starts in
        self.offset = 0  # and where in it

    def __bool__(self) -> bool:
        return self.index < len(self.paragraphs)

    def take(self, measure: Measure, limit_pt: float) -> tuple[str, ...]:
        """The paragraphs from here that fit in *limit_pt* (cutting one if that fills the
        room better); never empty while text remains."""
        max_lines = measure.max_lines(limit_pt)
        head: list[str] = []
        used = 0
        paragraphs = self.paragraphs
        while self.index < len(paragraphs):
            paragraph = paragraphs[self.index]
            room = max_lines - used
            need = measure.lines_within(paragraph, self.offset, room)
            if need <= room:
                head.append(paragraph[self.offset:] if self.offset else paragraph)
                used += need
                self.index, self.offset = self.index + 1, 0
                continue
            if head and room < 2:
                break
            end = measure.cut_at(paragraph, self.offset, max(room, 1))
            head.append(paragraph[self.offset:end])
            if end < len(paragraph):
                self.offset = end
            else:
                self.index, self.offset = self.index + 1, 0
            break
        return tuple(head)

    def height_within(self, measure: Measure, most_pt: float) -> float:
        """The height of the rest, or anything above *most_pt* once it is clear that the
        rest is taller than that (the cost is the room asked about)."""
        most = measure.max_lines(most_pt) + 1
        lines = 0
        for i in range(self.index, len(self.paragraphs)):
            start = self.offset if i == self.index else 0
            lines += measure.lines_within(self.paragraphs[i], start, most - lines)
            if lines > most:
                break
        return max(lines, 1) * measure.line_pt + CELL_PAD_PT


def wrap_label(paragraph: str, measure: Measure) -> tuple[str, ...]:
    """A short label cut into lines where the cell ends, the Chinese way.

    Excel and LibreOffice Calc break "部门（单位）名称" as "部门（单位" / "）名称"; the
    other formats print "部门（单" / "位）名称". Labels get the breaks written in.
    """
    room = measure.units_per_line
    lines: list[str] = []
    line, used = "", 0.0
    for ch in paragraph:
        width = _unit_of(ch)
        if line and used + width > room:
            carry = ""
            if ch in NO_LINE_START and len(line) > 1:
                line, carry = line[:-1], line[-1]  # the mark takes a character along
            elif line[-1] in NO_LINE_END and len(line) > 1:
                line, carry = line[:-1], line[-1]
            lines.append(line)
            line, used = carry, text_units(carry)
        line += ch
        used += width
    if line:
        lines.append(line)
    return tuple(label_breaks(lines, lambda text: text_units(text) <= room))
