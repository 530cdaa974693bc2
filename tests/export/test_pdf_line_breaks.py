"""Line breaking for the PDF finds each line's end by adding the widths in windows; the
lines must be exactly those of a walk character by character (the rule the module
states), for any text, widths and line width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from declapp.export import pdf_text
from declapp.export.pdf_text import Lines, _before_glued, _break_one
from declapp.form.text import NO_LINE_END, NO_LINE_START

ALPHABET = "测试文本部门整体支出绩效目标申报表" + "abcXYZ019-_.,%" + "≥＜％万元件" + "  " + \
    "".join(sorted(NO_LINE_START))[:6] + "".join(sorted(NO_LINE_END))[:4]


def walk(text: str, widths: list[float], width: float) -> Lines:
    """The line breaking rule, one character at a time."""
    out = Lines()
    fuzz = pdf_text._FUZZ
    n = len(text)
    start, used, i = 0, 0.0, 0
    while i < n:
        ch, w = text[i], widths[i]
        if used + w <= width + fuzz or i == start:
            used += w
            i += 1
            continue
        if ch == " ":
            brk = i + 1
        else:
            brk = i
            if ch in NO_LINE_START:
                j = i
                while j - 1 > start and text[j] in NO_LINE_START:
                    j -= 1
                if text[j] not in NO_LINE_START:
                    brk = j
            brk = _before_glued(text, widths, start, brk, width)
            while brk - 1 > start and text[brk - 1] in NO_LINE_END:
                brk -= 1
        out.texts.append(text[start:brk])
        out.widths.append(sum(widths[start:brk]))
        start = brk
        i = max(i, brk)
        used = sum(widths[start:i])
    if start < n:
        out.texts.append(text[start:])
        out.widths.append(sum(widths[start:]))
    return out


class Metrics:
    """Widths per character, as a font's would be (an odd fraction each, so that sums
    round)."""

    def __init__(self, widths: dict[str, float]) -> None:
        self.table = widths

    def widths(self, text: str) -> list[float]:
        return [self.table[ch] for ch in text]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=400),
       width=st.floats(min_value=1.0, max_value=300.0),
       seed=st.integers(min_value=0, max_value=10_000))
def test_lines_are_those_of_the_character_walk(text: str, width: float, seed: int) -> None:
    table = {ch: ((ord(ch) * 7919 + seed) % 1000) / 97.0 + (0.0 if ch == " " else 0.3)
             for ch in set(ALPHABET)}
    metrics = Metrics(table)
    out = Lines()
    _break_one(text, metrics, width, out)  # type: ignore[arg-type]
    expected = walk(text, metrics.widths(text), width)
    assert out.texts == expected.texts
    assert out.widths == expected.widths
    assert "".join(out.texts) == text


def test_a_line_filled_to_the_last_bit_keeps_its_last_character() -> None:
    text = "一二三四五六七八九十" * 3
    metrics = Metrics(dict.fromkeys(text, 1.0))
    fuzz = pdf_text._FUZZ
    widths = [3.0, 3.0 - fuzz, 3.0 + fuzz, 2.5, 7.0 - fuzz, 10.0 - fuzz]
    assert any(w + fuzz == round(w + fuzz) for w in widths)  # a sum equal to the limit
    for width in widths:
        out = Lines()
        _break_one(text, metrics, width, out)  # type: ignore[arg-type]
        assert out.texts == walk(text, metrics.widths(text), width).texts, width
