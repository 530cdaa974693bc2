"""The table's text operators, written as reportlab writes them, a hundred times quicker.

A form of 100,000 items draws some 750,000 lines. reportlab's ``PDFTextObject`` spends
most of an export on them: per character it assigns the glyph to a font subset
(``TTFont.splitString``) and escapes the byte (``escapePDF``), in Python, and per line it
formats the font switch again. Here each character is looked up once per document: a
line whose characters all have their place in a subset already is turned into subset
and escaped bytes by two ``str.translate`` calls; any other line goes through
reportlab's ``splitString``, which assigns the new characters, and the places it gave
them are learnt. The operators are the same text, byte for byte, as ``PDFTextObject``
would write (``tests/export/test_pdf_textops.py`` compares whole files), for the
TrueType fonts the form uses; with any other font (the STSong-Light fallback) the writer
keeps reportlab's text objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import textobject
from reportlab.pdfgen.canvas import Canvas

NBSP = 0xA0  # reportlab draws it as a space: left to splitString
_RUNS = re.compile(r"(.)\1*", re.DOTALL)  # runs of one subset
# Lines up to this long are remembered split (most repeats are short), this many at most:
# a form of unrepeated text gains nothing and keeps at most some 25 MB.
SEEN_CHARS = 40
SEEN_LINES = 100_000


def _byte_escapes() -> tuple[str, ...] | None:
    """How ``escapePDF`` writes each byte, or None if it does not write bytes one by one
    (then this module is not used)."""
    table = tuple(escapePDF(bytes([b])) for b in range(256))
    return table if escapePDF(bytes(range(256))) == "".join(table) else None


_ESCAPES = _byte_escapes()


class _FontPlaces:
    """Where the characters met so far sit in one font's subsets, for ``str.translate``."""

    def __init__(self, font: Any, canv: Canvas) -> None:
        self.font = font
        self.doc = canv._doc
        self.known: set[str] = set()
        self.in_subset: dict[int, set[str]] = {}  # the known characters of each subset
        self.subset_of: dict[int, str] = {}  # code point -> chr(subset)
        self.escaped: dict[int, str] = {}  # code point -> its byte in the subset, escaped
        # Lines met before, split: a character's place never changes once it has one,
        # and a form repeats many short lines (指标 names, units, 100%, 按期完成).
        self.seen: dict[str, tuple[tuple[int, str], ...]] = {}

    def split(self, text: str) -> tuple[tuple[int, str], ...]:
        """*text* as (subset, escaped bytes) runs, as ``splitString`` and ``escapePDF``."""
        found = self.seen.get(text)
        if found is not None:
            return found
        if not text:
            return ()
        chars = set(text)
        if not chars <= self.known:
            runs = self.font.splitString(text, self.doc)
            self._learn(chars)
            return tuple((subset, escapePDF(data)) for subset, data in runs)
        first = ord(self.subset_of[ord(text[0])])
        if chars <= self.in_subset[first]:
            found = ((first, text.translate(self.escaped)),)
        else:
            subsets = text.translate(self.subset_of)
            escaped = self.escaped
            found = tuple((ord(run.group(1)), text[run.start():run.end()].translate(escaped))
                          for run in _RUNS.finditer(subsets))
        if len(text) <= SEEN_CHARS and len(self.seen) < SEEN_LINES:
            self.seen[text] = found
        return found

    def _learn(self, chars: Iterable[str]) -> None:
        assert _ESCAPES is not None
        assignments = self.font.state[self.doc].assignments
        for ch in chars:
            code = ord(ch)
            place = assignments.get(code)
            if code == NBSP or place is None:
                continue  # no glyph (drawn as .notdef) or a character splitString maps
            self.known.add(ch)
            self.in_subset.setdefault(place >> 8, set()).add(ch)
            self.subset_of[code] = chr(place >> 8)
            self.escaped[code] = _ESCAPES[place & 0xFF]


class TextWriter:
    """Text objects for one canvas; ``None`` from ``for_canvas`` where reportlab's must
    be used."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._places: dict[str, _FontPlaces] = {}
        self._names: dict[tuple[str, int], str] = {}
        self._sizes: dict[tuple[float, float], str] = {}

    @classmethod
    def for_canvas(cls, canv: Canvas, font_names: Iterable[str]) -> TextWriter | None:
        if _ESCAPES is None or not canv.bottomup:
            return None
        for name in font_names:
            font = pdfmetrics.getFont(name)
            if not getattr(font, "_dynamicFont", False) or not hasattr(font, "splitString"):
                return None
        return cls(canv)

    def places(self, font_name: str) -> _FontPlaces:
        found = self._places.get(font_name)
        if found is None:
            found = self._places[font_name] = _FontPlaces(pdfmetrics.getFont(font_name),
                                                          self.canv)
        return found

    def subset_name(self, font_name: str, subset: int) -> str:
        key = (font_name, subset)
        name = self._names.get(key)
        if name is None:
            font = self._places[font_name].font
            name = self._names[key] = font.getSubsetInternalName(subset, self.canv._doc)
        return name

    def size_operands(self, size: float, leading: float) -> str:
        """What follows a subset's name in its font switch: ``size Tf leading TL``."""
        key = (size, leading)
        found = self._sizes.get(key)
        if found is None:
            found = self._sizes[key] = \
                f"{textobject.fp_str(size)} Tf {textobject.fp_str(leading)} TL"
        return found

    def begin(self, x: float = 0.0, y: float = 0.0) -> TextOps:
        return TextOps(self, x, y)


class TextOps:
    """The part of ``PDFTextObject`` the form uses (origin, font, text out, text line),
    writing the same operators."""

    def __init__(self, writer: TextWriter, x: float, y: float) -> None:
        self._writer = writer
        # As beginText(x, y): reportlab sets that origin first.
        self._code = ["BT", f"1 0 0 1 {textobject.fp_str(x, y)} Tm"]
        self._font = ""
        self._places: _FontPlaces | None = None
        self._tf = ""
        self._subset = -1

    def setTextOrigin(self, x: float, y: float) -> None:
        self._code.append(f"1 0 0 1 {textobject.fp_str(x, y)} Tm")

    def setFont(self, font: str, size: float, leading: float | None = None) -> None:
        if leading is None:
            leading = size * 1.2
        self._font = font
        self._places = self._writer.places(font)
        self._tf = self._writer.size_operands(size, leading)
        self._subset = -1

    def _formatted(self, text: str) -> str:
        assert self._places is not None, "setFont first"
        parts: list[str] = []
        for subset, escaped in self._places.split(text):
            if subset != self._subset:
                parts.append(f"{self._writer.subset_name(self._font, subset)} {self._tf}")
                self._subset = subset
            parts.append(f"({escaped}) Tj")
        return " ".join(parts)

    def textOut(self, text: str) -> None:
        self._code.append(self._formatted(text))

    def textLine(self, text: str = "") -> None:
        self._code.append(f"{self._formatted(text)} T*")

    def getCode(self) -> str:
        self._code.append("ET")
        return " ".join(self._code)
