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
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import textobject
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from declapp.export.pdf_text import TextStyle

NBSP = 0xA0  # reportlab draws it as a space: left to splitString
_RUNS = re.compile(r"(.)\1*", re.DOTALL)  # runs of one subset
# Lines up to this long are remembered split (most repeats are short), this many at most:
# a form of unrepeated text gains nothing and keeps at most some 25 MB.
SEEN_CHARS = 40
SEEN_LINES = 100_000
# A style's font subsets are named by characters of the private use area in the lines
# translated to them (``_StyleCodes``); a line's own characters of that range are never
# taken for them.
SLOT_BASE = 0xE000
SLOTS = 256
_NOTHING = re.compile("(?!)")
_UNLEARNT = re.compile(f"[^{chr(SLOT_BASE)}-{chr(SLOT_BASE + SLOTS - 1)}]")


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


class _StyleCodes:
    """Each character's font subset and escaped byte in one text style's fonts, for lines
    whose every character has them: such a line is written by two ``str.translate``
    calls, whatever fonts it mixes (a Chinese line with digits in the Latin face).

    A character is learnt once a line holding it has been written the long way
    (``TextOps.textLine`` and the style's runs), which gives it its place: it is drawn in
    ``style.font_of(ch)`` in every line. Spaces (whose font follows the character before)
    and no-break spaces are never learnt: their lines go the long way."""

    def __init__(self, writer: TextWriter, style: TextStyle) -> None:
        self.writer = writer
        self.style = style
        # A line's characters of the slots' own range are never learnt: they go to "\0",
        # which marks the line as not all learnt.
        self.slot_of: dict[int, str] = {code: "\0" for code in range(SLOT_BASE,
                                                                       SLOT_BASE + SLOTS)}
        self.escaped: dict[int, str] = {}
        self.slots: list[tuple[str, int]] = []  # (font, subset) of each slot
        self.slot_index: dict[tuple[str, int], str] = {}
        self.body: set[str] = set()  # the slots in the style's own font
        self.tried: set[str] = set()
        self.switches: dict[str, dict[str, str]] = {}  # by size operands
        self.foreign = _NOTHING  # finds a slot of another font than the style's own
        self.past: dict[str, re.Pattern[str]] = {}  # finds a character of another slot

    def learn(self, text: str) -> None:
        """Learn the places of *text*'s characters, which has just been written."""
        for ch in set(text) - self.tried:
            self.tried.add(ch)
            code = ord(ch)
            if ch == " " or code == NBSP or code in self.slot_of:
                continue
            font = self.style.font_of(ch)
            places = self.writer.places(font)
            subset = places.subset_of.get(code)
            if subset is None:
                continue  # no place in its font: its lines always go the long way
            key = (font, ord(subset))
            slot = self.slot_index.get(key)
            if slot is None:
                if len(self.slots) == SLOTS:
                    continue
                slot = self.slot_index[key] = chr(SLOT_BASE + len(self.slots))
                self.slots.append(key)
                self.past[slot] = re.compile(f"[^{re.escape(slot)}]")
                if font == self.style.font:
                    self.body.add(slot)
                else:
                    others = "".join(sorted(set(self.slot_index.values()) - self.body))
                    self.foreign = re.compile(f"[{re.escape(others)}]")
            self.slot_of[code] = slot
            self.escaped[code] = places.escaped[code]

    def switches_at(self, size_operands: str) -> dict[str, str]:
        """The font switch to each slot at *size_operands*: ``/F1+0 10.5 Tf 14.18 TL``."""
        found = self.switches.get(size_operands)
        if found is None or len(found) < len(self.slots):
            found = self.switches[size_operands] = {
                chr(SLOT_BASE + n): f"{self.writer.subset_name(font, subset)} {size_operands}"
                for n, (font, subset) in enumerate(self.slots)}
        return found

    def encode(self, text: str, current: str, size_operands: str) -> tuple[str, str] | None:
        """*text*'s operators from the font subset *current* (a slot, or "" for none set)
        in a text object whose font size operands are *size_operands*, and the slot
        current after them; None if a character is not learnt.

        As ``pdf_writer`` writes a line with a run in another font than the style's own,
        each font's run names its font at the style's size and leading, and the style's
        font is set again after the line (no slot current)."""
        key = text.translate(self.slot_of)
        if not key or _UNLEARNT.search(key):
            return None
        first = key[0]
        if key.count(first) == len(key):  # one subset: the usual Chinese line
            if first in self.body:
                if first == current:
                    return f"({text.translate(self.escaped)}) Tj", current
                switch = self.switches_at(size_operands)[first]
                return f"{switch} ({text.translate(self.escaped)}) Tj", first
            style = self.style
            switch = self.switches_at(self.writer.size_operands(style.size, style.leading))[first]
            return f"{switch} ({text.translate(self.escaped)}) Tj", ""
        other = self.foreign.search(key) is not None
        if other:
            style = self.style
            current, size_operands = "", self.writer.size_operands(style.size, style.leading)
        switches = self.switches_at(size_operands)
        escaped = self.escaped
        parts: list[str] = []
        append = parts.append
        past = self.past
        start, size = 0, len(key)
        while start < size:
            # A run of one slot ends at the first character of another: a search for a
            # class of characters, quicker than a back-reference per character.
            slot = key[start]
            found = past[slot].search(key, start)
            end = found.start() if found is not None else size
            if slot != current:
                append(switches[slot])
                current = slot
            append(f"({text[start:end].translate(escaped)}) Tj")
            start = end
        return " ".join(parts), "" if other else current


class TextWriter:
    """Text objects for one canvas; ``None`` from ``for_canvas`` where reportlab's must
    be used."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._places: dict[str, _FontPlaces] = {}
        self._names: dict[tuple[str, int], str] = {}
        self._sizes: dict[tuple[float, float], str] = {}
        self._numbers: dict[float, str] = {}
        self._codes: dict[tuple[str, tuple[str, ...], str | None], _StyleCodes] = {}

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

    def codes(self, style: TextStyle) -> _StyleCodes:
        key = (style.font, style.fallbacks, style.latin)
        found = self._codes.get(key)
        if found is None:
            found = self._codes[key] = _StyleCodes(self, style)
        return found

    def size_operands(self, size: float, leading: float) -> str:
        """What follows a subset's name in its font switch: ``size Tf leading TL``."""
        key = (size, leading)
        found = self._sizes.get(key)
        if found is None:
            found = self._sizes[key] = \
                f"{textobject.fp_str(size)} Tf {textobject.fp_str(leading)} TL"
        return found

    def origin(self, x: float, y: float) -> str:
        """``1 0 0 1 x y Tm``, each number formatted once (a form's pages repeat their
        column edges and line positions)."""
        numbers = self._numbers
        at_x, at_y = numbers.get(x), numbers.get(y)
        if at_x is None:
            at_x = numbers[x] = textobject.fp_str(x)
        if at_y is None:
            at_y = numbers[y] = textobject.fp_str(y)
        return f"1 0 0 1 {at_x} {at_y} Tm"

    def begin(self, x: float = 0.0, y: float = 0.0) -> TextOps:
        return TextOps(self, x, y)


class TextOps:
    """The part of ``PDFTextObject`` the form uses (origin, font, text out, text line),
    writing the same operators."""

    def __init__(self, writer: TextWriter, x: float, y: float) -> None:
        self._writer = writer
        # As beginText(x, y): reportlab sets that origin first.
        self._code = ["BT", writer.origin(x, y)]
        self._font = ""
        self._places: _FontPlaces | None = None
        self._tf = ""
        self._subset = -1

    def setTextOrigin(self, x: float, y: float) -> None:
        self._code.append(self._writer.origin(x, y))

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

    def _quick(self, codes: _StyleCodes, text: str) -> str | None:
        """*text* in *codes*' style as the text objects write it from here, or None."""
        if self._font != codes.style.font:
            return None
        current = ""
        if self._subset >= 0:
            current = codes.slot_index.get((self._font, self._subset), "\0")
        done = codes.encode(text, current, self._tf)
        if done is None:
            return None
        code, current = done
        self._subset = codes.slots[ord(current) - SLOT_BASE][1] if current else -1
        return code

    def style_lines(self, style: TextStyle, texts: Iterable[str],
                    slow: Callable[[TextOps, TextStyle, str], None]) -> None:
        """Each of *texts* as a line in *style* (whose font is set), as *slow* writes it:
        *slow* writes those with a character not met before."""
        codes = self._writer.codes(style)
        append = self._code.append
        for text in texts:
            code = self._quick(codes, text)
            if code is None:
                slow(self, style, text)
                codes.learn(text)
            else:
                append(f"{code} T*")

    def style_out(self, style: TextStyle, text: str,
                  slow: Callable[[TextOps, TextStyle, str], None]) -> None:
        """*text* in *style* (whose font is set) at the cursor, as *slow* writes it."""
        codes = self._writer.codes(style)
        code = self._quick(codes, text)
        if code is None:
            slow(self, style, text)
            codes.learn(text)
        else:
            self._code.append(code)

    def textLine(self, text: str = "") -> None:
        self._code.append(f"{self._formatted(text)} T*")

    def getCode(self) -> str:
        self._code.append("ET")
        return " ".join(self._code)
