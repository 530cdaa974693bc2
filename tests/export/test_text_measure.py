"""A text's width in a sheet cell is the same however often it is asked for: remembered
texts (up to a few thousand characters), longer ones and a full memory all give the
character-by-character sum."""

from __future__ import annotations

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
    assert lines == -(-added(paragraph) // measure.units_per_line)
    assert measure.lines_within(paragraph, 0, lines) == lines
    assert measure.lines_within(paragraph, 0, 2) == 3  # more than asked about
