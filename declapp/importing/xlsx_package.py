"""The parts of an Excel (.xlsx) package the import needs, read as streams.

Not openpyxl: it unpacks every sheet into Python objects and makes an object for every
cell of every merged range (``A1:XFD1048576`` never finished), where the form needs the
values, the merged ranges as written, and whether a cell has a rule above or below it.
Every part is bounded (``xml_parts``); values come out as openpyxl gives them with
``data_only=True`` (numbers as int or float, dates as datetimes, cached formula results,
shared and inline strings with phonetic runs left out), so the grid reads as before.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml.etree import _Element as Element  # lxml's element type (it ships no stubs)

from declapp.importing import xml_parts
from declapp.importing.source_file import SourceError

_SMALL_PART = 16 * xml_parts.MB  # workbook, relationships, styles
MAX_SHEET_CELLS = 1_000_000  # cells with a value or a rule; a form has a few thousand
MAX_SHEETS_LOOKED_AT = 20  # sheets searched for the form's labels
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_ANY_NS_ID = "id"  # r:id, whatever the relationships namespace (transitional or strict)


@dataclass(frozen=True)
class SheetEntry:
    name: str
    state: str  # visible, hidden, veryHidden
    part: str


@dataclass
class Styles:
    """Per cell style (``s``): its top and bottom rules, and whether it shows a date."""

    rules: list[tuple[bool, bool]] = field(default_factory=lambda: [(False, False)])
    dates: set[int] = field(default_factory=set)
    timedeltas: set[int] = field(default_factory=set)

    def rule(self, style: int) -> tuple[bool, bool]:
        return self.rules[style] if 0 <= style < len(self.rules) else (False, False)


@dataclass
class Sheet:
    """What the import needs of one sheet."""

    values: dict[tuple[int, int], object] = field(default_factory=dict)
    styles: dict[tuple[int, int], int] = field(default_factory=dict)  # ruled cells only
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    order: list[tuple[int, int]] = field(default_factory=list)  # value cells, as written
    style_table: Styles = field(default_factory=Styles)

    def rules(self, style: int) -> tuple[bool, bool]:
        """(rule above, rule below) of cells of *style*."""
        return self.style_table.rule(style)


class Workbook:
    """An .xlsx package, read part by part; *file* names the clerk's file in messages."""

    def __init__(self, package: zipfile.ZipFile, file: str) -> None:
        self.package = package
        self.file = file
        self.part = _office_document(package, file)
        rels = _relationships(package, self.part, file)
        self.sheets, self.date1904 = self._sheets(rels)
        self.styles = self._styles(rels)
        self._strings_part = next((t for kind, t in rels.values()
                                   if kind.endswith("/sharedStrings")), None)
        self._strings: list[str] | None = None

    # --- the workbook ----------------------------------------------------------------------
    def _sheets(self, rels: dict[str, tuple[str, str]]) -> tuple[list[SheetEntry], bool]:
        sheets: list[SheetEntry] = []
        date1904 = False
        for _event, el in xml_parts.iterparse(self.package, self.part, self.file,
                                              limit=_SMALL_PART):
            name = xml_parts.local(el.tag)
            if name == "sheet":
                rid = next((v for k, v in el.attrib.items()
                            if str(k).startswith("{") and xml_parts.local(k) == _ANY_NS_ID), "")
                if rid in rels and len(sheets) < 1000:
                    sheets.append(SheetEntry(str(el.get("name", "")),
                                             str(el.get("state", "visible")), rels[rid][1]))
            elif name == "workbookPr":
                date1904 = el.get("date1904", "0") in ("1", "true")
        return sheets, date1904

    def _styles(self, rels: dict[str, tuple[str, str]]) -> Styles:
        from openpyxl.styles.numbers import (
            BUILTIN_FORMATS,
            is_date_format,
            is_timedelta_format,
        )

        part = next((t for kind, t in rels.values() if kind.endswith("/styles")), None)
        styles = Styles()
        if part is None or xml_parts.part_size(self.package, part) is None:
            return styles
        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        borders: list[tuple[bool, bool]] = []
        xfs: list[tuple[int, int]] = []
        in_cell_xfs = False
        for event, el in xml_parts.iterparse(self.package, part, self.file, ("start", "end"),
                                             limit=_SMALL_PART):
            name = xml_parts.local(el.tag)
            if name == "cellXfs":
                in_cell_xfs = event == "start"
            if event != "end":
                continue
            if name == "numFmt":
                formats[_int(el.get("numFmtId"))] = str(el.get("formatCode", ""))
            elif name == "border" and len(borders) < 100_000:
                sides = {xml_parts.local(child.tag): child for child in el}
                borders.append((_ruled(sides.get("top")), _ruled(sides.get("bottom"))))
            elif name == "xf" and in_cell_xfs and len(xfs) < 100_000:
                xfs.append((_int(el.get("numFmtId")), _int(el.get("borderId"))))
        if not xfs:
            return styles
        styles.rules = [borders[b] if 0 <= b < len(borders) else (False, False)
                        for _fmt, b in xfs]
        for style, (fmt, _border) in enumerate(xfs):
            code = formats.get(fmt)
            if is_date_format(code):
                styles.dates.add(style)
                if is_timedelta_format(code):
                    styles.timedeltas.add(style)
        return styles

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._strings_part and \
                    xml_parts.part_size(self.package, self._strings_part) is not None:
                for _event, el in xml_parts.iterparse(self.package, self._strings_part,
                                                      self.file, what="共享文本"):
                    if xml_parts.local(el.tag) == "si":
                        self._strings.append(_text_of(el).replace("x005F_", ""))
                        xml_parts.drop(el)
        return self._strings

    # --- a sheet ---------------------------------------------------------------------------
    def cells(self, entry: SheetEntry, merges: list[tuple[int, int, int, int]] | None = None
              ) -> Iterator[tuple[int, int, object, int]]:
        """(row, column, value, style) of each cell of *entry* as written; the value as
        openpyxl gives it (``data_only``), None for an empty cell. The merged ranges are
        added to *merges* on the way."""
        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

        epoch = MAC_EPOCH if self.date1904 else WINDOWS_EPOCH
        row = column = 0
        row_element: Element | None = None
        for _event, el in xml_parts.iterparse(self.package, entry.part, self.file,
                                              what=f"工作表“{entry.name}”"):
            name = xml_parts.local(el.tag)
            if name == "mergeCell" and merges is not None and len(merges) < MAX_SHEET_CELLS:
                first, _, last = str(el.get("ref", "")).partition(":")
                r1, c1 = _position(first, self.file)
                r2, c2 = _position(last or first, self.file)
                merges.append((min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)))
                continue
            if name == "row":
                xml_parts.drop(el)
                continue
            if name != "c":
                continue
            parent = el.getparent()
            if parent is not row_element:  # the first cell of a row: count from its start
                row_element = parent
                number = parent.get("r") if parent is not None else None
                row = _int(number) if number is not None else row + 1
                column = 0
            ref = el.get("r")
            if ref:
                row, column = _position(ref, self.file)
            else:
                column += 1
            if not (0 < row <= EXCEL_ROWS and 0 < column <= EXCEL_COLUMNS):
                raise xml_parts.damaged(self.file)
            style = _int(el.get("s"))
            yield row, column, self._value(el, style, epoch, from_excel, from_ISO8601), style

    def _value(self, el: Element, style: int, epoch: dt.datetime, from_excel: object,
               from_iso: object) -> object:
        kind = el.get("t", "n")
        if kind == "inlineStr":
            inline = next((c for c in el if xml_parts.local(c.tag) == "is"), None)
            return _text_of(inline) if inline is not None else None
        raw = next((c.text for c in el if xml_parts.local(c.tag) == "v"), None)
        if not raw:
            return None
        try:
            if kind == "n":
                number: int | float = float(raw) if any(ch in raw for ch in ".eE") \
                    else int(raw)
                if style in self.styles.dates:
                    try:
                        return from_excel(number, epoch,  # type: ignore[operator]
                                          timedelta=style in self.styles.timedeltas)
                    except (OverflowError, ValueError):
                        return "#VALUE!"
                return number
            if kind == "s":
                index = int(raw)
                strings = self.strings
                return strings[index] if 0 <= index < len(strings) else None
            if kind == "b":
                return bool(int(raw))
            if kind == "d":
                return from_iso(raw)  # type: ignore[operator]
        except (ValueError, TypeError, OverflowError):
            raise xml_parts.damaged(self.file) from None
        return raw  # "str" (a formula's text), "e" (an error such as #N/A)

    def sheet(self, entry: SheetEntry, rules: bool = True) -> Sheet:
        """The values (and, with *rules*, the ruled cells) and merges of *entry*."""
        sheet = Sheet(style_table=self.styles)
        for row, column, value, style in self.cells(entry, sheet.merges):
            if value is not None:
                sheet.values[row, column] = value
                sheet.order.append((row, column))
            if rules and style and self.styles.rule(style) != (False, False):
                sheet.styles[row, column] = style
            if len(sheet.values) + len(sheet.styles) > MAX_SHEET_CELLS:
                raise SourceError(f"“{self.file}”中的内容异常大（工作表“{entry.name}”有超过 "
                                  f"{MAX_SHEET_CELLS:,} 个填写或带边框的单元格），"
                                  "不像一份申报表，无法导入。")
        return sheet

    def rows(self, entry: SheetEntry, columns: int = 2) -> Iterator[tuple[object, ...]]:
        """The values of the first *columns* cells of each row, in order (rows of our data
        sheet: a kind and a text)."""
        current: list[object] = [None] * columns
        current_row = 0
        for row, column, value, _style in self.cells(entry):
            if row != current_row:
                if current_row:
                    yield tuple(current)
                current, current_row = [None] * columns, row
            if column <= columns:
                current[column - 1] = value
        if current_row:
            yield tuple(current)


def _int(text: object) -> int:
    try:
        return int(str(text)) if text is not None and len(str(text)) < 10 else 0
    except ValueError:
        return 0


def _ruled(side: Element | None) -> bool:
    return side is not None and side.get("style", "none") not in ("", "none")


def _text_of(el: Element) -> str:
    """A string item's text: its runs, without phonetic guides (``rPh``)."""
    parts: list[str] = []
    for child in el.iter():
        if xml_parts.local(child.tag) == "t" and child.text:
            parent = child.getparent()
            if parent is None or xml_parts.local(parent.tag) != "rPh":
                parts.append(child.text)
    return "".join(parts)


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _position(ref: str, file: str) -> tuple[int, int]:
    match = _REF.fullmatch(ref.replace("$", "").strip())
    if match is None:
        raise xml_parts.damaged(file)
    row, column = int(match.group(2)), _column_number(match.group(1))
    if not (0 < row <= EXCEL_ROWS and 0 < column <= EXCEL_COLUMNS):
        raise xml_parts.damaged(file)
    return row, column


_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _office_document(package: zipfile.ZipFile, file: str) -> str:
    rels = _relationships(package, "", file)
    return next((t for kind, t in rels.values() if kind.endswith("/officeDocument")),
                "xl/workbook.xml")


def _relationships(package: zipfile.ZipFile, part: str, file: str) -> dict[str, tuple[str, str]]:
    """The relationships of *part* ("" for the package): id → (type, target part)."""
    folder, name = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", f"{name}.rels")
    if xml_parts.part_size(package, rels_part) is None:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for _event, el in xml_parts.iterparse(package, rels_part, file, limit=_SMALL_PART):
        if xml_parts.local(el.tag) == "Relationship" and el.get("TargetMode") != "External":
            target = str(el.get("Target", ""))
            target = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            found[str(el.get("Id", ""))] = (str(el.get("Type", "")), target)
    return found
