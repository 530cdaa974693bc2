"""Small fonts built with fontTools for the PDF font tests (no system fonts needed).

Every glyph is a box; what matters is the font's outline format (TrueType ``glyf`` or
CFF), its names and which characters its cmap covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont

from declapp.layout import FormGrid

FOOTER_CHARS = "第页共0123456789 "


def grid_chars(grid: FormGrid) -> str:
    """Every character the PDF of *grid* prints, footer included."""
    chars = set(FOOTER_CHARS)
    for text in grid.all_text():
        chars.update(text)
    chars.discard("\n")
    return "".join(sorted(chars))


def _box(pen, width: int) -> None:
    pen.moveTo((50, -100))
    pen.lineTo((50, 800))
    pen.lineTo((width - 50, 800))
    pen.lineTo((width - 50, -100))
    pen.closePath()


def proportional(ch: str) -> int:
    """Times-like advance widths: narrow i and l, wide m and W, digits half an em."""
    if ch.isdigit():
        return 500
    if ch in "ijlt.,:;!'| ":
        return 250
    if ch in "mwMW@":
        return 900
    return 600 if ch.isupper() else 450


def _builder(chars: Iterable[str], family: str, truetype: bool,
             width_of: Callable[[str], int] | None = None) -> FontBuilder:
    chars = sorted(set(chars))
    names = [".notdef"] + [f"uni{ord(ch):04X}" for ch in chars]
    widths = {".notdef": 500}
    for ch, name in zip(chars, names[1:], strict=True):
        if width_of is not None:
            widths[name] = width_of(ch)
        else:
            widths[name] = 1000 if ord(ch) > 0x2E80 else 500
    fb = FontBuilder(1000, isTTF=truetype)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(ch): name for ch, name in zip(chars, names[1:], strict=True)})
    if truetype:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            _box(pen, widths[name])
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    else:
        charstrings = {}
        for name in names:
            pen = T2CharStringPen(widths[name], None)
            _box(pen, widths[name])
            charstrings[name] = pen.getCharString()
        ps_name = family.replace(" ", "")
        fb.setupCFF(ps_name, {"FullName": family}, charstrings, {})
    fb.setupHorizontalMetrics({name: (widths[name], 50) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular",
                       "psName": family.replace(" ", "") + "-Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                fsType=0)
    fb.setupPost()
    return fb


def make_font(path: Path, chars: Iterable[str], family: str = "DeclappTest",
              truetype: bool = True, width_of: Callable[[str], int] | None = None) -> Path:
    """Write a font covering *chars*: TrueType outlines, or CFF when *truetype* is false;
    half-em Latin and full-em CJK advances unless *width_of* says otherwise."""
    _builder(chars, family, truetype, width_of).save(str(path))
    return path


ASCII = "".join(chr(c) for c in range(0x20, 0x7F))


def make_latin_font(folder: Path, family: str = "Liberation Serif",
                    file: str = "LiberationSerif-Regular.ttf") -> Path:
    """A Times-like stand-in: every printable ASCII character, proportional widths."""
    return make_font(folder / file, ASCII, family=family, width_of=proportional)


def make_collection(path: Path, fonts: list[Path]) -> Path:
    """Write a .ttc holding the given font files, in that order."""
    collection = TTCollection()
    collection.fonts = [TTFont(str(f)) for f in fonts]
    collection.save(str(path))
    return path
