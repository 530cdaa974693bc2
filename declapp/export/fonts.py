"""Fonts for the PDF: choose among the machine's TrueType faces and register them.

The CJK faces come from ``font_files``, the Times-like face for Latin letters and digits
from ``latin_fonts``. With no usable CJK font the PDF falls back to the STSong-Light CID
font, which embeds nothing; with no Latin serif, letters and digits keep the CJK font's
own; the clerk is told either way.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from declapp.export import font_cache, latin_fonts
from declapp.export.font_files import (
    FontFace,
    bundled_faces_first,
    clear_faces_cache,
    faces_in_file,
    system_faces,
)

FALLBACK_FONT = "STSong-Light"
# Characters every usable font must have: the form's own title.
REQUIRED_CHARS = "部门整体支出绩效目标申报表"

# Which styles suit which use, best first (the official form: 宋体 body, 黑体 title, 楷体 year).
PREFERENCES: dict[str, tuple[str, ...]] = {
    "body": ("song", "fang", "hei", "kai", "xbs", "other"),
    "title": ("xbs", "hei", "song", "fang", "kai", "other"),
    "year": ("kai", "song", "fang", "hei", "xbs", "other"),
}


@dataclass(frozen=True)
class PdfFonts:
    """The registered reportlab font names for the three kinds of text on the form."""

    body: str
    title: str
    year: str
    embedded: bool
    files: tuple[Path, ...]
    warnings: tuple[str, ...] = ()
    fallbacks: tuple[str, ...] = ()  # fonts for characters the body font lacks
    latin: str | None = None  # the Times-like font for ASCII letters, digits and signs


def clear_cache() -> None:
    clear_faces_cache()
    latin_fonts.clear_cache()
    _registered.clear()
    _unusable.clear()


NO_LATIN_SERIF = ("本机没有找到 Times New Roman 或与它等宽的西文衬线字体（如 Liberation Serif、"
                  "Tinos），PDF 中的字母和数字使用了中文字体自带的西文字形。")


# --- choosing and registering ---------------------------------------------------------

# Keyed by the characters asked for too: a Latin face is usable for ASCII, not for Chinese.
_registered: dict[tuple[str, int, int, str], TTFont] = {}
_unusable: set[tuple[str, int, int, str]] = set()
_serial = itertools.count()  # reportlab never forgets a font name: never reuse one


def register_face(path: Path, index: int, required: str = REQUIRED_CHARS) -> TTFont:
    """Register a face with reportlab (once); ``TTFError``/``OSError`` if it cannot be used
    or lacks a character of *required*."""
    path = Path(path)
    key = (str(path.resolve()), index, path.stat().st_mtime_ns, required)
    font = _registered.get(key)
    if font is not None:
        return font
    if key in _unusable:
        raise TTFError(f"{path.name} cannot be embedded")
    try:
        face = font_cache.load_face(path, index)
        font = font_cache.make_font(f"declapp-{next(_serial)}-{path.stem}-{index}", face)
        missing = [ch for ch in required if ord(ch) not in font.face.charToGlyph]
        if missing:
            raise TTFError(f"font lacks characters it must have ({''.join(missing)})")
    except Exception:
        _unusable.add(key)
        raise
    pdfmetrics.registerFont(font)
    # reportlab hands out the font registered first for the same face (PostScript) name.
    font = pdfmetrics.getFont(font.fontName)
    _registered[key] = font
    return font


def _ranked(faces: Sequence[FontFace], use: str) -> list[FontFace]:
    # The bundled font before any style preference: the same PDF on every PC.
    order = PREFERENCES[use]
    return sorted(faces, key=lambda f: (not f.bundled, order.index(f.style), f.penalty, f.rank))


def _first_usable(candidates: Iterable[FontFace],
                  required: str = REQUIRED_CHARS) -> TTFont | None:
    for face in candidates:
        try:
            return register_face(face.path, face.index, required)
        except (TTFError, OSError, ValueError, KeyError, struct.error):
            continue
    return None


def _with_latin(fonts: PdfFonts) -> PdfFonts:
    """*fonts* with the Times-like face for ASCII, or a warning that there is none."""
    # The bundled face comes first when usable: the machine's fonts are searched (fc-list,
    # font folders) only when it is not.
    latin = _first_usable(latin_fonts.bundled_latin_faces(), latin_fonts.REQUIRED_LATIN) or \
        _first_usable(latin_fonts.latin_faces(), latin_fonts.REQUIRED_LATIN)
    if latin is None:
        return replace(fonts, warnings=(*fonts.warnings, NO_LATIN_SERIF))
    path = Path(latin.face.filename)
    return replace(fonts, latin=latin.fontName, files=tuple(dict.fromkeys((*fonts.files, path))))


def _chosen_font(font_file: Path) -> tuple[TTFont | None, str]:
    """The clerk's own font file, or ``None`` and the reason in Chinese."""
    name = Path(font_file).name
    if not Path(font_file).is_file():
        return None, f"找不到所选字体文件“{name}”，已自动选择字体。"
    faces = faces_in_file(Path(font_file))
    if not faces:
        return None, (f"所选字体“{name}”不能嵌入 PDF（只支持 TrueType 轮廓字体，"
                      "不支持 .otf 等 CFF 字体），已自动选择字体。")
    font = _first_usable(faces)
    if font is None:
        return None, f"所选字体“{name}”缺少汉字或不允许嵌入，已自动选择字体。"
    return font, ""


def _fallback(warnings: list[str]) -> PdfFonts:
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    warnings.append("本机没有找到可嵌入 PDF 的中文 TrueType 字体（如宋体 simsun.ttc、"
                    "文泉驿正黑），PDF 使用了不嵌入的 STSong-Light 字体："
                    "在没有该字体的电脑上可能显示为其他字体。")
    return PdfFonts(FALLBACK_FONT, FALLBACK_FONT, FALLBACK_FONT, embedded=False, files=(),
                    warnings=tuple(warnings))


def pdf_fonts(font_file: Path | None = None,
              faces: Sequence[FontFace] | None = None) -> PdfFonts:
    """Register and return the body, title and year fonts.

    *font_file* (the clerk's choice) is used for all Chinese text when it can be
    embedded; otherwise the bundled font, else the best faces of *faces* (default: this
    machine's) by the official form's preferences; with none, STSong-Light and a warning.
    ASCII letters, digits and signs are drawn in a Times-like face (``latin``) where one is
    found.
    """
    return _with_latin(_cjk_fonts(font_file, faces))


def _cjk_fonts(font_file: Path | None, faces: Sequence[FontFace] | None) -> PdfFonts:
    warnings: list[str] = []
    if font_file is not None:
        font, reason = _chosen_font(Path(font_file))
        if font is not None:
            path = Path(font_file)
            return PdfFonts(font.fontName, font.fontName, font.fontName, embedded=True,
                            files=(path,))
        warnings.append(reason)
    if faces is None:
        # Bundled faces rank first for every use, so when one is usable the machine's own
        # fonts would not be chosen: they are searched only when it is not.
        bundled = bundled_faces_first()
        faces = bundled if _first_usable(_ranked(bundled, "body")) else system_faces()
    body = _first_usable(_ranked(faces, "body"))
    if body is None:
        return _fallback(warnings)
    title = _first_usable(_ranked(faces, "title")) or body
    year = _first_usable(_ranked(faces, "year")) or body
    files = tuple(dict.fromkeys(Path(f.face.filename) for f in (body, title, year)))
    return PdfFonts(body.fontName, title.fontName, year.fontName, embedded=True, files=files,
                    warnings=tuple(warnings))


def missing_glyphs(font_name: str, text: Iterable[str]) -> str:
    """Characters of *text* that the registered TrueType font *font_name* cannot draw."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    cmap = getattr(face, "charToGlyph", None)
    if not cmap:
        return ""
    # Each distinct character once, in the order of first appearance.
    distinct = dict.fromkeys(itertools.chain.from_iterable(text))
    return "".join(ch for ch in distinct
                   if ord(ch) not in cmap and not ch.isspace() and ch.isprintable())


def with_fallbacks(fonts: PdfFonts, missing: str,
                   faces: Sequence[FontFace] | None = None) -> tuple[PdfFonts, str]:
    """*fonts* with other faces added for the *missing* characters; what is still missing.

    Rare characters (生僻字) are often in one installed font and not in another.
    """
    if not fonts.embedded:
        return fonts, missing
    faces = system_faces() if faces is None else faces
    # The title or year face may well hold what the body face lacks (a 黑体 with Hangul):
    # a character printed in another face beats a blank.
    used = {fonts.body, *fonts.fallbacks}
    extra: list[str] = []
    files = list(fonts.files)
    for face in _ranked(faces, "body"):
        if not missing:
            break
        font = _first_usable([face])
        if font is None or font.fontName in used:
            continue
        cmap = font.face.charToGlyph
        covered = "".join(ch for ch in missing if ord(ch) in cmap)
        if covered:
            used.add(font.fontName)
            extra.append(font.fontName)
            files.append(face.path)
            missing = "".join(ch for ch in missing if ord(ch) not in cmap)
    if not extra:
        return fonts, missing
    return replace(fonts, fallbacks=(*fonts.fallbacks, *extra),
                   files=tuple(dict.fromkeys(files))), missing
