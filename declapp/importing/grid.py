"""What a file shows, as rows of cells with merges resolved: the parser's only input.

Every reader (Word, Excel, our PDF) turns its file into a ``SourceGrid``: the lines above
the table, the table as rows of ``Slot``s (left to right, each naming the cell that covers
that part of the row and whether the cell starts in this row or continues a vertical
merge from above), and the lines below it. Positions are in the reader's own unit; the
parser only compares them within one grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from declapp.form.text import clean_text


@dataclass(eq=False)
class SourceCell:
    """One cell of the table as the file shows it (merged cells are one cell)."""

    text: str = ""


@dataclass(frozen=True)
class Slot:
    """The part of one row that *cell* covers, from ``x0`` to ``x1``."""

    cell: SourceCell
    x0: float
    x1: float
    first: bool = True  # False: the cell continues from the row above (vertical merge)


@dataclass
class SourceGrid:
    rows: list[list[Slot]] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # paragraphs above the table
    after: list[str] = field(default_factory=list)  # paragraphs below or between tables


_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_EDGE = " \t\u3000\u00a0\u200b\ufeff"  # what a line may end in that the form does not show


def text_lines(text: str) -> list[str]:
    """The lines of a cell as the form means them: no control characters, no spaces at
    either end of a line, no empty lines (stray empty paragraphs and trailing spaces are
    how Word files look, not what the clerk wrote)."""
    lines = (line.strip(_EDGE) for line in clean_text(text).split("\n"))
    return [line for line in lines if line]


def clean_block(text: str) -> str:
    """A free text (goals, notes, a name) as a draft keeps it: its lines joined by ``\\n``."""
    return "\n".join(text_lines(text))


def squeeze(text: str) -> str:
    """*text* without any white space or line break: how a label is compared."""
    return _SPACE.sub("", clean_text(text).replace("\n", ""))


_HALF_TO_FULL = (("(", "（"), (")", "）"), (":", "："), (",", "，"), (";", "；"))


def replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """*text* with each character of *pairs* replaced (none is replaced twice): what
    ``str.translate`` does, some forty times faster on a long cell (it looks up every
    character of the text in the table; each ``replace`` is one pass in C)."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def unify(text: str) -> str:
    """*text* squeezed, with full-width brackets, colons and commas."""
    return replace_each(squeeze(text), _HALF_TO_FULL)


def label_key(text: str) -> str:
    """A label in one spelling: no spaces or line breaks, full-width brackets, no colon
    at the end (``部门(单位)名称：`` and ``部门（单位）\\n名称`` are the same label)."""
    return unify(text).rstrip("：")


@dataclass
class Columns:
    """The columns a heading row names: each from ``x0`` to ``x1``, with its key (None for
    a heading the form does not know, kept with its text to name what is under it)."""

    spans: list[tuple[float, float, str | None, str]] = field(default_factory=list)

    def add(self, slot: Slot, key: str | None) -> None:
        self.spans = [s for s in self.spans if not _overlap(s[0], s[1], slot.x0, slot.x1)]
        self.spans.append((slot.x0, slot.x1, key, squeeze(slot.cell.text)))
        self.spans.sort()

    def __bool__(self) -> bool:
        return bool(self.spans)

    def at(self, slot: Slot) -> tuple[str | None, str] | None:
        """(key, heading) of the column *slot* lies most in; None when under none."""
        best, found = 0.0, None
        for x0, x1, key, heading in self.spans:
            overlap = _overlap(x0, x1, slot.x0, slot.x1)
            if overlap > best:
                best, found = overlap, (key, heading)
        return found

    def wider(self, slot: Slot) -> bool:
        """Does *slot* run over more than the column it lies most in (a note written
        across the table)?"""
        best, width = 0.0, 0.0
        for x0, x1, _key, _heading in self.spans:
            overlap = _overlap(x0, x1, slot.x0, slot.x1)
            if overlap > best:
                best, width = overlap, x1 - x0
        return bool(width) and slot.x1 - slot.x0 > 1.5 * width

    def key_at(self, slot: Slot) -> str | None:
        found = self.at(slot)
        return found[0] if found else None

    def start(self, key: str) -> float | None:
        return next((x0 for x0, _x1, k, _h in self.spans if k == key), None)

    @property
    def left(self) -> float:
        return self.spans[0][0] if self.spans else 0.0

    def keys(self) -> list[str]:
        return [k for _x0, _x1, k, _h in self.spans if k is not None]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))
