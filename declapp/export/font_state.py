"""A face reportlab parsed, as plain data and back (what ``font_cache`` stores).

``state_of`` takes what reportlab's parse leaves in a ``TTFontFace`` apart into numbers,
strings, bytes and arrays of numbers, refusing anything else (``CacheRefused``: another
reportlab that keeps other things). ``face_from_state`` makes a ``CachedFace`` of it that
reportlab uses as its own parse: the character map and widths as dictionaries (looked up
for every character drawn), the metrics and glyph positions left in their arrays (looked
up only for the glyphs of a PDF's subsets), the ``glyf`` table sliced where it lies in the
font file.
"""

from __future__ import annotations

import contextlib
import mmap
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import Any, overload

from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

# Attributes rebuilt here rather than stored: the font's bytes, its path, and a function.
_NOT_STORED = ("_ttf_data", "filename", "_pdfScale", "_glyph_to_char")
_PLAIN_LEAVES = (type(None), bool, int, float, str)


class CacheRefused(ValueError):
    """A parsed face holds something this format does not store (another reportlab):
    it is used as parsed and not cached."""


def face_from_state(state: dict[str, Any], data: bytes | mmap.mmap,
                    filename: str) -> TTFontFace:
    """A ``TTFontFace`` equal to reportlab's parse of *data*, from a stored *state*."""
    attrs: dict[str, Any] = dict(state["attrs"])
    for attr, (raw, text) in state["names"].items():
        attrs[attr] = _name_bytes(raw, text)
    arrays = {k: array(code, raw) for k, (code, raw) in state["arrays"].items()}
    attrs["charToGlyph"] = dict(zip(arrays["cmap_codes"], arrays["cmap_glyphs"], strict=True))
    attrs["charWidths"] = dict(zip(arrays["width_codes"], arrays["widths"], strict=True))
    # Only the glyphs of a PDF's subsets are looked up: read from the arrays then.
    attrs["hmetrics"] = Metrics(arrays["advances"], arrays["bearings"],
                                frozenset(arrays["advance_floats"]))
    attrs["glyphPos"] = arrays["glyph_pos"]
    face = CachedFace.__new__(CachedFace)
    face.__dict__.update(attrs)
    face._glyph_to_char = (arrays["g2c_glyphs"], arrays["g2c_counts"], arrays["g2c_chars"])
    face._ttf_data = data
    face.filename = filename
    face._pdfScale = _pdf_scale(face.unitsPerEm)
    return face


class Metrics(Sequence[tuple[int | float, int]]):
    """A face's (advance, left side bearing) per glyph, as reportlab's ``hmetrics`` list
    holds them (an advance is an int, or a float where reportlab scaled it), kept in the
    cache's arrays."""

    def __init__(self, advances: array[float], bearings: array[int],
                 floats: frozenset[int]) -> None:
        self._advances, self._bearings, self._floats = advances, bearings, floats

    def __len__(self) -> int:
        return len(self._advances)

    def _at(self, index: int) -> tuple[int | float, int]:
        advance = self._advances[index]
        index = index % len(self._advances)
        return (advance if index in self._floats else int(advance), self._bearings[index])

    @overload
    def __getitem__(self, index: int) -> tuple[int | float, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int | float, int]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        return self._at(index)

    def __eq__(self, other: object) -> bool:
        return list(self) == other if isinstance(other, list) else \
            isinstance(other, Metrics) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class _Table:
    """A table of the font, sliced where it lies: reportlab takes each glyph of a subset
    from the ``glyf`` table, which it would otherwise copy whole (13 MB) per subset."""

    def __init__(self, data: bytes | mmap.mmap, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, part: slice) -> bytes:
        begin, end, step = part.indices(self._length)
        if step != 1:
            raise ValueError("a font table is sliced in order")
        return bytes(self._data[self._start + begin:self._start + max(begin, end)])


class CachedFace(TTFontFace):
    """A face rebuilt from the cache. ``glyphToChar`` (used by reportlab's text shaping
    only) is built when first asked for: it took as long as the rest together."""

    _glyph_to_char: tuple[array[int], array[int], array[int]]

    def __getattr__(self, name: str) -> Any:
        if name != "glyphToChar":
            raise AttributeError(name)
        glyphs, counts, flat = self.__dict__["_glyph_to_char"]
        chars = iter(flat)
        table = {glyph: [next(chars) for _ in range(count)]
                 for glyph, count in zip(glyphs, counts, strict=True)}
        self.glyphToChar = table
        return table

    def get_table(self, tag: str) -> Any:
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _Table(self._ttf_data, start, length)


def _name_bytes(raw: bytes, text: str) -> TTFNameBytes:
    name: TTFNameBytes = bytes.__new__(TTFNameBytes, raw)
    name.ustr = text
    return name


def _pdf_scale(units_per_em: int) -> Callable[[float], float]:
    # As reportlab's extractInfo makes it.
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def state_of(face: TTFontFace) -> dict[str, Any]:
    """What ``face_from_state`` needs to rebuild *face*: plain data only, else
    ``CacheRefused``."""
    attrs: dict[str, Any] = {}
    names: dict[str, tuple[bytes, str]] = {}
    big = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "glyphToChar")
    for attr, value in face.__dict__.items():
        if attr in _NOT_STORED or attr in big:
            continue
        if isinstance(value, TTFNameBytes):
            names[attr] = (bytes(value), str(value.ustr))
        else:
            _check_plain(value, attr)
            attrs[attr] = value
    if attrs.get("unitsPerEm") is None or not callable(face.__dict__.get("_pdfScale")):
        raise CacheRefused("not a face parsed by reportlab's extractInfo")
    cmap: dict[int, int] = _int_dict(face.charToGlyph, "charToGlyph")
    widths = _dict(face.charWidths, "charWidths")
    hmetrics = face.hmetrics
    if not isinstance(hmetrics, list) or \
            not all(isinstance(m, tuple) and len(m) == 2 for m in hmetrics):
        raise CacheRefused("hmetrics")
    # reportlab gives the glyphs after the last full metric the last advance scaled (a
    # float where the font has other than 1000 units per em), the others unscaled (ints).
    advances = [m[0] for m in hmetrics]
    float_at = [i for i, v in enumerate(advances) if type(v) is float]
    g2c = _dict(face.glyphToChar, "glyphToChar")  # (built, for a CachedFace)
    if not all(isinstance(v, list) for v in g2c.values()):
        raise CacheRefused("glyphToChar")
    arrays = {
        "cmap_codes": _ints(cmap.keys()), "cmap_glyphs": _ints(cmap.values()),
        "width_codes": _ints(widths.keys()), "widths": _numbers(widths.values()),
        "advances": _doubles(advances), "advance_floats": _ints(float_at),
        "bearings": _ints(m[1] for m in hmetrics),
        "glyph_pos": _ints(face.glyphPos),
        "g2c_glyphs": _ints(g2c.keys()), "g2c_counts": _ints(len(v) for v in g2c.values()),
        "g2c_chars": _ints(c for v in g2c.values() for c in v),
    }
    return {"attrs": attrs, "names": names, "arrays": arrays}


def _check_plain(value: Any, where: str) -> None:
    if type(value) in _PLAIN_LEAVES or type(value) is bytes:
        return
    if type(value) in (list, tuple):
        for item in value:
            _check_plain(item, where)
        return
    if type(value) is dict:
        for k, v in value.items():
            if type(k) not in (str, int):
                raise CacheRefused(where)
            _check_plain(v, where)
        return
    raise CacheRefused(f"{where}: {type(value).__name__}")


def _dict(value: Any, where: str) -> dict[Any, Any]:
    if type(value) is not dict:
        raise CacheRefused(where)
    return value


def _int_dict(value: Any, where: str) -> dict[int, int]:
    found = _dict(value, where)
    if not all(type(k) is int and type(v) is int for k, v in found.items()):
        raise CacheRefused(where)
    return found


def _ints(values: Iterable[Any]) -> tuple[str, bytes]:
    items = list(values)
    if not all(type(v) is int for v in items):
        raise CacheRefused("a number that is not an integer")
    for code in ("i", "q"):
        with contextlib.suppress(OverflowError):
            return code, array(code, items).tobytes()
    raise CacheRefused("an integer too large")


def _doubles(values: list[Any]) -> tuple[str, bytes]:
    """Integers and floats as doubles; integers only where a double holds them exactly."""
    if not all(type(v) is float or (type(v) is int and abs(v) < 2 ** 53) for v in values):
        raise CacheRefused("a number that is neither an integer nor a float")
    return "d", array("d", values).tobytes()


def _numbers(values: Iterable[Any]) -> tuple[str, bytes]:
    """Integers stay integers and floats floats, as reportlab made them."""
    items = list(values)
    if all(type(v) is float for v in items):
        return "d", array("d", items).tobytes()
    return _ints(items)
