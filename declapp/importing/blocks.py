"""The parts of a form that take more than one row: amounts blocks, tables and rows of
headings over their values (labels above).

Each reader is started on the row where its part's label stands and is then offered the
rows that follow; it takes a row while the row belongs to its part (the part's label
runs down beside it, or the row's label is one of the part's) and gives it back
otherwise. Columns are told apart by the heading rows, by position, so that a cell is
read as what stands above it: an amount under 占比 (a share the program works out) is
never taken for an amount, and a cell under no heading is kept for the clerk.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Protocol

from declapp.form.definition import (
    AmountColumn,
    AmountsPart,
    FieldsPart,
    TablePart,
    amount_id,
    strip_colon,
)
from declapp.form.money import format_amount, parse_amount
from declapp.importing.grid import Columns, Slot, clean_block, squeeze
from declapp.importing.labels import TOTAL_WORDS, Vocabulary, Word, key_of

_YEAR_OFFSET = re.compile(r"\{year([+-]\d)?\}")
_YEAR_IN = re.compile(r"(\d{4})")
# A cell beside an amount that only says what the amount is in.
_UNIT_ONLY = {"万元", "元", "（万元）", "单位：万元"}


class Sink(Protocol):
    """Where the readers put what they read (the parser's walker)."""

    vocab: Vocabulary

    def assign(self, field_id: str, texts: list[str]) -> None: ...
    def amount(self, key: str, text: str, label: str) -> None: ...
    def leftover(self, texts: list[str], context: str = "", always: bool = False) -> None: ...


def firsts(slots: list[Slot]) -> list[Slot]:
    """The cells that start in this row (a vertically merged cell is read once)."""
    return [s for s in slots if s.first]


def texts_of(slots: list[Slot]) -> list[str]:
    return [s.cell.text for s in slots if s.first and s.cell.text.strip()]


class Block(ABC):
    """A part being read: the cells beside it (its label, merged down) are skipped."""

    def __init__(self, sink: Sink, beside: list[Slot]) -> None:
        self.sink = sink
        self.beside: set[int] = {id(s.cell) for s in beside}

    def split(self, slots: list[Slot]) -> tuple[list[Slot], bool]:
        """The row's own cells, and whether the part's label runs down beside it."""
        rest = [s for s in slots if id(s.cell) not in self.beside]
        return rest, len(rest) < len(slots)

    @abstractmethod
    def start(self, slots: list[Slot]) -> None:
        """Read the row the part's label (or first heading) stands in, from that cell."""

    @abstractmethod
    def take(self, slots: list[Slot]) -> bool:
        """Read a following row if it belongs to the part; False to give it back."""


class AmountsReader(Block):
    def __init__(self, sink: Sink, beside: list[Slot], part: AmountsPart) -> None:
        super().__init__(sink, beside)
        self.part = part
        self.section = 0
        self.columns = Columns()

    def word(self, text: str) -> Word | None:
        found = [w for w in self.sink.vocab.words(text) if w.part == self.part.id]
        rows = [w for w in found if w.kind == "amount_row"]
        if rows:  # 合计 of the section being read, or of the first section after it
            later = [w for w in rows if w.index >= self.section]
            return (later or rows)[0]
        if found:
            return found[0]
        if key_of(text) in TOTAL_WORDS:
            totals = [Word("amount_row", s.total.id, self.part.id, n)
                      for n, s in enumerate(self.part.sections) if s.total]
            return next((w for w in totals if w.index >= self.section), None) or \
                next(iter(totals), None)
        return None

    def start(self, slots: list[Slot]) -> None:
        label = slots[0]
        if self.word(label.cell.text) == Word("amounts", self.part.id, self.part.id):
            self.beside.add(id(label.cell))
            slots = slots[1:]
        self.row(slots)

    def take(self, slots: list[Slot]) -> bool:
        rest, beside = self.split(slots)
        new = [s for s in rest if s.first and s.cell.text.strip()]
        if not new:
            return beside
        if not beside and self.word(new[0].cell.text) is None:
            return False
        self.row(rest)
        return True

    def row(self, slots: list[Slot]) -> None:
        cells = firsts(slots)
        labelled = next((n for n, s in enumerate(cells) if s.cell.text.strip()), None)
        if labelled is None:
            return
        head = cells[labelled]
        word = self.word(head.cell.text)
        if word is None:
            self.sink.leftover(texts_of(cells))
        elif word.kind == "section":
            self.section = word.index
            self.header(slots[slots.index(head) + 1:])
        elif word.kind in ("amount_column", "column_group"):
            self.header(slots)
        elif word.kind == "amount_row":
            self.section = word.index
            self.values(word.ref, strip_colon(head.cell.text), cells[labelled + 1:])
        else:  # the block's own label again (a table split over pages)
            self.row(cells[labelled + 1:])

    def header(self, slots: list[Slot]) -> None:
        years: list[Slot] = []
        for slot in slots:
            text = slot.cell.text
            if not text.strip():
                continue
            found = [w for w in self.sink.vocab.words(text)
                     if w.part == self.part.id and w.kind == "amount_column"]
            if len(found) > 1 or (found and "{year" in self._column(found[0].ref).label):
                years.append(slot)
            elif found:
                self.columns.add(slot, found[0].ref)
            elif slot.first and not any(w.kind == "column_group" for w in
                                        self.sink.vocab.words(text)):
                self.columns.add(slot, None)
        self._years(years)

    def _column(self, key: str) -> AmountColumn:
        return next(c for c in self.part.columns if c.key == key)

    def _years(self, slots: list[Slot]) -> None:
        """Year columns by their years: the earliest year is the furthest back."""
        columns = [c for c in self.part.columns if _YEAR_OFFSET.search(c.label)]
        offsets = sorted(columns, key=lambda c: _offset(c.label))
        years = sorted(slots, key=lambda s: (_year_in(s.cell.text), s.x0))
        for slot, column in zip(years, offsets, strict=False):
            self.columns.add(slot, column.key)

    def values(self, row: str, label: str, cells: list[Slot]) -> None:
        stored = [c for c in self.part.columns if c.stored]
        leftover: list[str] = []
        taken = False
        for slot in cells:
            text = slot.cell.text
            if self.columns:
                key = self.columns.key_at(slot)
                column = next((c for c in self.part.columns if c.key == key), None)
            else:  # no heading row: the first cell holds the amount
                column = stored[0] if not taken else None
            if column is not None and not column.stored:
                continue  # a share the program works out
            if column is not None:
                taken = True
                if text.strip():
                    name = label if not column.key else f"{label}（{strip_colon(column.label)}）"
                    self.sink.amount(amount_id(row, column.key), text, name)
            elif text.strip() and squeeze(text) not in _UNIT_ONLY:
                leftover.append(text)
        if leftover:
            self.sink.leftover(leftover, label)


def _offset(label: str) -> int:
    """``{year-2}年`` → -2."""
    m = _YEAR_OFFSET.search(label)
    return int(m.group(1)) if m and m.group(1) else 0


def _year_in(text: str) -> int:
    m = _YEAR_IN.search(squeeze(text))
    return int(m.group(1)) if m else 0


class TableReader(Block):
    def __init__(self, sink: Sink, beside: list[Slot], part: TablePart) -> None:
        super().__init__(sink, beside)
        self.part = part
        self.columns = Columns()
        self.rows: list[dict[str, str]] = []
        self.done = False

    def word(self, text: str) -> Word | None:
        found = self.sink.vocab.word(text, part=self.part.id)
        if found is None and key_of(text) in TOTAL_WORDS:
            return Word("table_totals", "", self.part.id)
        return found

    def start(self, slots: list[Slot]) -> None:
        if self.word(slots[0].cell.text) == Word("table", self.part.id, self.part.id):
            self.beside.add(id(slots[0].cell))
            slots = slots[1:]
        self.header(slots)

    def header(self, slots: list[Slot]) -> None:
        for slot in slots:
            word = self.word(slot.cell.text) if slot.cell.text.strip() else None
            if word is not None and word.kind == "table_column":
                self.columns.add(slot, word.ref)

    def take(self, slots: list[Slot]) -> bool:
        rest, beside = self.split(slots)
        new = [s for s in rest if s.first and s.cell.text.strip()]
        if self.done or not new:
            return bool(beside) and not self.done
        words = [self.word(s.cell.text) for s in new]
        if words[0] is not None and words[0].kind == "table_totals":
            self.done = True  # the totals are worked out; the checks compare them
            return True
        if any(w is not None and w.kind in ("table_column", "column_group") for w in words):
            self.header(rest)
            return True
        if not beside and self.sink.vocab.word(new[0].cell.text) is not None:
            return False
        self.body(firsts(rest))
        return True

    def body(self, cells: list[Slot]) -> None:
        row: dict[str, str] = {}
        leftover: list[str] = []
        for slot in cells:
            key = self.columns.key_at(slot)
            column = self.part.column(key) if key else None
            text = clean_block(slot.cell.text)
            if column is None:
                if text:
                    leftover.append(text)
                continue
            if column.is_amount and text:
                try:
                    text = format_amount(parse_amount(text))
                except ValueError:
                    pass  # kept as written: the table checks say it is no amount
            if text:
                row[column.key] = f"{row[column.key]}\n{text}" if row.get(column.key) else text
        if row:
            self.rows.append(row)
        if leftover:
            self.sink.leftover(leftover, strip_colon(self.part.label))


class AboveReader(Block):
    """A row of headings (中期目标 | 年度目标) over a row of their values."""

    def __init__(self, sink: Sink, beside: list[Slot], part: FieldsPart) -> None:
        super().__init__(sink, beside)
        self.part = part
        self.columns = Columns()
        self.done = False

    def start(self, slots: list[Slot]) -> None:
        word = self.sink.vocab.word(slots[0].cell.text, part=self.part.id)
        if word is not None and word.kind == "fields_above":
            self.beside.add(id(slots[0].cell))
            slots = slots[1:]
        for slot in slots:
            found = self.sink.vocab.word(slot.cell.text, ("field",), self.part.id) \
                if slot.cell.text.strip() else None
            if found is not None:
                self.columns.add(slot, found.ref)

    def take(self, slots: list[Slot]) -> bool:
        rest, _beside = self.split(slots)
        if self.done or not self.columns:
            return False
        self.done = True
        leftover = []
        for slot in firsts(rest):
            key = self.columns.key_at(slot)
            if key:
                self.sink.assign(key, [slot.cell.text])
            elif slot.cell.text.strip():
                leftover.append(slot.cell.text)
        if leftover:
            self.sink.leftover(leftover, strip_colon(self.part.label))
        return True
