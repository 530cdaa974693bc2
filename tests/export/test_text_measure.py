"""A text's width in a sheet cell is the same however often it is asked for: remembered
texts (up to a few thousand characters), longer ones and a full memory all give the
character-by-character sum."""

from __future__ import annotations

import math

import pytest

from declapp.export import text_measure
from declapp.export.text_measure import Measure, char_units, text_units

TEXTS = ["", "目标", "完成率≥95%", "GB/T 12345-2021 标准", "\t缩进", "é́ combining",
         "产出数量指标" * 20, "指" * 4096, "指" * 4097, "ABC" * 5000, "𠀀𪚥生僻"]


def added(text: str) -> float:
    total = 0.0
    for ch in text:
        total += char_units(ch)
    return total


@pytest.mark.parametrize("text", TEXTS)
def test_units_are_the_sum_of_the_characters_every_time(text: str) -> None:
    assert [text_units(text) for _ in range(3)] == [added(text)] * 3


def test_a_full_memory_starts_again(monkeypatch) -> None:
    monkeypatch.setattr(text_measure, "_KEPT_TEXTS", 3)
    monkeypatch.setattr(text_measure, "_text_units", {})
    for text in TEXTS * 2:
        assert text_units(text) == added(text)
    assert len(text_measure._text_units) <= 3


def test_lines_of_a_long_paragraph() -> None:
    measure = Measure(200.0, 10.5)
    paragraph = "完成率达到百分之九十五，" * 30
    lines = measure.paragraph_lines(paragraph)
    assert lines == math.ceil(added(paragraph) / measure.units_per_line)
    assert measure.lines_within(paragraph, 0, lines) == lines
    assert measure.lines_within(paragraph, 0, 2) == 3  # more than asked about


def sliced_lines(measure: Measure, paragraph: str, start: int, most: int) -> int:
    """lines_within as the room asked about decides it: slice by slice, no memory."""
    if not start and len(paragraph) <= 64:
        return max(1, math.ceil(added(paragraph) / measure.units_per_line))
    cap = (most + 1) * measure.units_per_line
    step = int(cap) // 2 + 16
    used = 0.0
    for i in range(start, len(paragraph), step):
        used += sum(map(char_units, paragraph[i:i + step]))
        if used > cap:
            return most + 1
    return max(1, math.ceil(used / measure.units_per_line))


@pytest.mark.parametrize("width", [60.0, 200.0, 420.0])
def test_lines_within_however_often_asked(width: float) -> None:
    measure = Measure(width, 10.5)
    texts = ["完成率达到百分之九十五，" * n + "ABC 12%" * (n % 3) for n in range(1, 40, 3)]
    for text in texts:
        for start in (0, 1, len(text) // 2):
            for most in (0, 1, 3, 8, 40):
                want = sliced_lines(measure, text, start, most)
                assert [measure.lines_within(text, start, most) for _ in range(2)] == [want] * 2


def test_a_label_printed_again_is_its_continued_lines_every_time() -> None:
    from declapp.export.sheet_plan import Piece, again_paragraphs
    from declapp.export.text_measure import cell_measure, wrap_label
    from declapp.layout import CONTINUED_MARK, Cell, FormGrid

    grid = FormGrid("t", "", "t", "s", "a", (22.0, 30.0, 22.0, 72.4), 4, [])
    for col, text in [(1, "产出数量指标"), (0, "产出指标一（城市管理和环境建设）"), (1, "产出数量指标")]:
        cell = Cell(0, col, "label", (text,), rowspan=4)
        piece = Piece(cell, cell.paragraphs, 0, 3)
        want = wrap_label(text + CONTINUED_MARK, cell_measure(grid, cell))
        assert again_paragraphs(grid, piece) == again_paragraphs(grid, piece) == want
    text_cell = Cell(0, 3, "text", ("完成整治",))
    assert again_paragraphs(grid, Piece(text_cell, text_cell.paragraphs, 0, 0)) == ()
