"""Chinese line breaking for the PDF: text cut into lines that fit a cell's width.

reportlab's ``Paragraph`` with ``wordWrap='CJK'`` measures every character again on
each wrap and split (7.5 s for a 500,000-character form on this machine, without the
optional C accelerator). The form's text is plain (no markup), so it is broken here
once, with each distinct character measured once, by the same rules: a line breaks
anywhere between Chinese characters; a closing mark that cannot start a line takes the
character before it to the next line (reportlab and Word let it hang past the line end
instead, which here would print it on the cell's border); an opening mark does not end a
line; a Latin word, and a measure with its sign and unit (``≥95%``, ``6416.19万元``,
``83998540``), moves whole to the next line unless it is wider than the line itself.
Every character of the text ends up in exactly one line, and no line is wider than the
width asked for (but a trailing space, which prints nothing).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import reduce
from itertools import accumulate
from operator import add
from typing import Any

from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth

from declapp.form.text import NO_LINE_END, NO_LINE_START
from declapp.indicators.measures import UNITS
from declapp.layout import label_breaks

_FUZZ = 1e-6


def _ttf_face(font: str) -> Any:
    face = getattr(getFont(font), "face", None)
    return face if hasattr(face, "charToGlyph") else None


_ASCII = re.compile("[ -~]")
# What a line must not cut: a sign, a number and its unit (``≥95%``, ``＜5件``,
# ``6416.19万元``), or a run of Latin letters, digits and signs (``GB/T``, a phone number).
_UNIT_AFTER = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_LATIN_RUN = r"[A-Za-z0-9\-_.,:;/%@#&+=~'\"?!]"
_GLUED = re.compile(rf"[≥≤≧≦＞＜＝><=±~～]?[0-9０-９]+(?:[.,．][0-9０-９]+)*"
                    rf"(?:％|‰|℃|{_UNIT_AFTER})?{_LATIN_RUN}*|{_LATIN_RUN}+")
# Characters a glued run may hold besides printable ASCII: most breaks fall between
# other characters and need no search.
_GLUE_CHARS = frozenset("≥≤≧≦＞＜＝±～０１２３４５６７８９．％‰℃" + "".join(UNITS))
# How far past a break a glued run is followed: one longer than a line is cut anyway.
_GLUE_REACH = 64
_SEGMENTS = re.compile("[ -~]+|[^ -~]+")


@dataclass
class TextStyle:
    """A font at a size with its line height; measures characters once each.

    ASCII letters, digits and signs are drawn in *latin* (a Times-like face, as Word
    prints them beside 宋体) where it has them. A character the font has no glyph for is
    drawn with the first of *fallbacks* that has one, so rare characters print instead
    of leaving a blank.
    """

    font: str
    size: float
    leading: float
    fallbacks: tuple[str, ...] = ()
    latin: str | None = None
    _widths: dict[str, float] = field(default_factory=dict, repr=False)
    _fonts: dict[str, str] = field(default_factory=dict, repr=False)
    # The characters measured so far, by width (spaces left out: theirs depends on the
    # character before): a text all of one width needs no lookup per character.
    _same: dict[float, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        ascent, descent = getAscentDescent(self.font, self.size)
        # Baseline offset from a line's top: the glyph box centred in the line height.
        self.baseline = (self.leading + ascent + descent) / 2
        # TrueType faces know their glyphs and widths; a CID font (STSong-Light) does not.
        self._faces = [(name, _ttf_face(name)) for name in (self.font, *self.fallbacks)]
        self._latin_face = _ttf_face(self.latin) if self.latin else None
        self._face_of = dict(self._faces)
        if self.latin:
            self._face_of[self.latin] = self._latin_face

    def font_of(self, ch: str) -> str:
        font = self._fonts.get(ch)
        if font is None:
            font = self.font
            code = ord(ch)
            if self.latin is not None and self._latin_face is not None and \
                    0x20 <= code <= 0x7E and code in self._latin_face.charToGlyph:
                font = self.latin
            else:
                for name, face in self._faces:
                    if face is None or code in face.charToGlyph:
                        font = name
                        break
            self._fonts[ch] = font
        return font

    def char_width(self, ch: str) -> float:
        width = self._widths.get(ch)
        if width is None:
            face = self._face_of.get(self.font_of(ch))
            if face is not None:
                width = face.charWidths.get(ord(ch), face.defaultWidth) * 0.001 * self.size
            else:
                width = stringWidth(ch, self.font_of(ch), self.size)
            self._widths[ch] = width
            if ch != " ":
                self._same.setdefault(width, set()).add(ch)
        return width

    def _space_font(self, previous: str) -> str:
        """The font a space is drawn in after a character in *previous*: the same one, so
        that no run starts with a space (a PDF reader such as pdfium then adds a space of
        its own at the end of the run before, and the text reads with two)."""
        face = self._face_of.get(previous)
        if face is None or 0x20 in face.charToGlyph:
            return previous
        return self.font_of(" ")

    def _width_in(self, font: str, ch: str) -> float:
        key = f"{font}\x00{ch}"
        width = self._widths.get(key)
        if width is None:
            face = self._face_of.get(font)
            if face is not None:
                width = face.charWidths.get(ord(ch), face.defaultWidth) * 0.001 * self.size
            else:
                width = stringWidth(ch, font, self.size)
            self._widths[key] = width
        return width

    def _char_fonts(self, text: str) -> list[str]:
        """The font of each character of *text*, spaces following the character before."""
        fonts: list[str] = []
        previous: str | None = None
        for segment in _SEGMENTS.findall(text):
            if not self.fallbacks and not " " <= segment[0] <= "~":
                # Chinese and the like: all in the body font when there are no fallbacks.
                fonts.extend([self.font] * len(segment))
                previous = self.font
                continue
            for ch in segment:
                if ch == " " and previous is not None:
                    fonts.append(self._space_font(previous))
                else:
                    previous = self.font_of(ch)
                    fonts.append(previous)
        return fonts

    def single_font(self, text: str) -> bool:
        """Whether all of *text* is drawn in the body font (one run)."""
        return not self.fallbacks and (self.latin is None or not _ASCII.search(text))

    def widths(self, text: str) -> list[float]:
        """The advance of each character of *text* as ``runs`` draws it."""
        measured = self._widths
        if text:
            same = self._same.get(measured.get(text[0], -1.0))
            if same is not None and same.issuperset(text):  # Chinese text, most often
                return [measured[text[0]]] * len(text)
        try:
            widths = list(map(measured.__getitem__, text))
        except KeyError:  # characters met for the first time: measured once each
            for ch in set(text):
                self.char_width(ch)
            widths = list(map(measured.__getitem__, text))
        if " " not in text or self.single_font(text):
            return widths
        # Only a space's font depends on its neighbour: every other character is drawn in
        # font_of(ch), whose width char_width has.
        usual = self.font_of(" ")
        for i, font in enumerate(self._char_fonts(text)):
            if text[i] == " " and font != usual:
                widths[i] = self._width_in(font, " ")
        return widths

    def runs(self, text: str) -> list[tuple[str, str]]:
        """*text* as (font, characters) runs: at least one, so that a blank line (an
        empty paragraph between two in a fallback font) is drawn as a line too."""
        if not text or self.single_font(text):
            return [(self.font, text)]  # most Chinese lines: one run, found quickly
        runs: list[tuple[str, list[str]]] = []
        for font, ch in zip(self._char_fonts(text), text, strict=True):
            if runs and runs[-1][0] == font:
                runs[-1][1].append(ch)
            else:
                runs.append((font, [ch]))
        return [(font, "".join(chars)) for font, chars in runs]


@dataclass(slots=True)
class Lines:
    """Text broken into lines, each with its width and the number of its paragraph (from
    0); blank paragraphs are empty lines."""

    texts: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)

    def slice(self, start: int, stop: int) -> Lines:
        return Lines(self.texts[start:stop], self.widths[start:stop],
                     self.paragraphs[start:stop])


def break_paragraphs(paragraphs: tuple[str, ...] | list[str], style: TextStyle,
                     width: float) -> Lines:
    """All *paragraphs* broken into lines no wider than *width* (but a hanging mark)."""
    out = Lines()
    for number, text in enumerate(paragraphs):
        text = text.replace("\t", "    ")
        if not text:
            out.texts.append("")
            out.widths.append(0.0)
        else:
            _break_one(text, style, width, out)
        out.paragraphs.extend([number] * (len(out.texts) - len(out.paragraphs)))
    return out


def label_lines(paragraphs: tuple[str, ...] | list[str], style: TextStyle,
                width: float) -> Lines:
    """A label's *paragraphs* broken into lines where they read well
    (``layout.label_breaks``)."""
    lines = break_paragraphs(paragraphs, style, width)
    out = Lines()
    start = 0
    while start < len(lines):
        number = lines.paragraphs[start]
        stop = start
        while stop < len(lines) and lines.paragraphs[stop] == number:
            stop += 1
        texts = lines.texts[start:stop]
        mended = label_breaks(texts, lambda text: sum(style.widths(text)) <= width + _FUZZ)
        out.texts += mended
        out.widths += lines.widths[start:stop] if mended is texts else \
            [sum(style.widths(text)) for text in mended]
        out.paragraphs += [number] * len(mended)
        start = stop
    return out


def _before_glued(text: str, widths: list[float], start: int, brk: int,
                  width: float) -> int:
    """*brk*, or not inside a glued run (``_GLUED``) that fits on a line: the run goes
    whole to the next line, or, when it opens this line, stays whole on it (a closing
    mark after it then starts the next line rather than cut ``20.73%`` in two)."""
    if brk <= start or brk >= len(text):
        return brk
    before, after = text[brk - 1], text[brk]
    if not (("!" <= before <= "~" or before in _GLUE_CHARS)
            and ("!" <= after <= "~" or after in _GLUE_CHARS)):
        return brk
    for m in _GLUED.finditer(text, start, brk + _GLUE_REACH):
        if m.start() >= brk:
            break
        if m.end() > brk:
            if sum(widths[m.start():m.end()]) <= width + _FUZZ:
                return m.start() if m.start() > start else m.end()
            break
    return brk


_WINDOW = 64  # characters added up at a time while looking for a line's end


def _fitting(widths: list[float], i: int, used: float, limit: float) -> tuple[int, float]:
    """The first index from *i* whose character no longer fits (``used`` plus the widths
    before it and its own above *limit*), or the end, and the width used before it.

    The widths are added one by one in order, as a walk character by character would
    (``accumulate``), so the same lines come out to the last bit; the running sums never
    decrease (no width is negative), so a bisection finds the end in each window.
    """
    n = len(widths)
    while i < n:
        stop = min(i + _WINDOW, n)
        sums = list(accumulate(widths[i:stop], initial=used))
        k = bisect_right(sums, limit, 1)  # the first sum above the limit
        if k < len(sums):
            return i + k - 1, sums[k - 1]
        i, used = stop, sums[-1]
    return n, used


def _break_one(text: str, style: TextStyle, width: float, out: Lines) -> None:
    widths = style.widths(text)
    # Most texts of a form are a line or less: the sum in the order the walk below adds
    # (never decreasing, as no width is negative) says so without walking.
    if reduce(add, widths, 0.0) <= width + _FUZZ:
        out.texts.append(text)
        out.widths.append(sum(widths))
        return
    n = len(text)
    limit = width + _FUZZ
    start, used, i = 0, 0.0, 0
    while i < n:
        if i == start:  # a line's first character goes on it, however wide
            used += widths[i]
            i += 1
            continue
        i, used = _fitting(widths, i, used, limit)
        if i == n:
            break
        ch = text[i]
        if ch == " ":
            brk = i + 1  # a space may hang: it prints nothing
        else:
            brk = i
            if ch in NO_LINE_START:
                j = i
                while j - 1 > start and text[j] in NO_LINE_START:
                    j -= 1
                if text[j] not in NO_LINE_START:
                    brk = j  # the character before the marks goes down with them
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
