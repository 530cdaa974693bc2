"""The lines around the table: title, year, the template's lines above the table (湖北's
填报日期), and what clerks write under it.

A line the template prints above the table gives its field's value (``填报日期：2021年3月
15日``); ``label：value`` pieces of a line give the fields of the form still empty; the
title, the year line and the signature lines of the paper (填报人, 审核人, 盖章) are not
the form's text. Any other line is kept for the clerk, like a row that found no place.
"""

from __future__ import annotations

import re
from typing import Protocol

from declapp.form.definition import FormDefinition
from declapp.form.model import YEAR_MAX, YEAR_MIN
from declapp.importing.detect import title_pattern
from declapp.importing.grid import clean_block, label_key, squeeze, unify
from declapp.importing.labels import Vocabulary, split_inline

# Lines under the table that belong to the paper, not to the form.
_SIGNATURE = re.compile(r"填报人|填表人|制表人|经办人|联系人|审核人|审批人|复核人|负责人|"
                        r"日期|盖章|签字|签章|联系电话|续表|第\d+页")
_YEAR = re.compile(r"(\d{4})\s*年")
_YEAR_LINE = re.compile(r"\d{4}年度?")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_PIECES = re.compile(r"[ \t\u3000\u00a0]{2,}|\u3000")
_TITLE_END = re.compile(r"表$")


class Reader(Protocol):
    vocab: Vocabulary
    texts: dict[str, list[str]]

    def assign(self, field_id: str, texts: list[str]) -> None: ...
    def leftover(self, texts: list[str], context: str = "", always: bool = False) -> None: ...


def _line_pattern(text: str) -> re.Pattern[str]:
    """A line of the template (``填报日期：{value}``) as a pattern; the value is group 1."""
    pieces = re.split(r"(\{value\}|\{year\}|\{unit\})", unify(text))
    parts = []
    for piece in pieces:
        if piece == "{value}":
            parts.append("(.*)")
        elif piece in ("{year}", "{unit}"):
            parts.append(".*?")
        else:
            parts.append(re.escape(piece))
    return re.compile("".join(parts))


class LooseLines:
    def __init__(self, reader: Reader, form: FormDefinition) -> None:
        self.reader = reader
        self.form = form

    def read(self, before: list[str], after: list[str], default_year: int
             ) -> tuple[int, str]:
        """Place the lines; the year the heading gives, and a warning when it gives none."""
        heading = []
        for line in before:
            if self.above(line) or self.fields(line) or _SIGNATURE.search(unify(line)):
                continue
            heading.append(line)
            if not self.known(line):
                self.reader.leftover([line])
        for line in after:
            if not (self.above(line) or self.fields(line) or self.known(line)):
                self.reader.leftover([line])
        year, found = _year(heading, default_year)
        if found:
            return year, ""
        return year, f"表头中没有找到年度，已按 {year} 年导入，请核对年度。"

    def above(self, line: str) -> bool:
        """True when *line* is one the template prints above the table with a field in
        it (``填报日期：{value}``); the field takes its value."""
        text = unify(line)
        for above in self.form.above_table:
            if above.field is None:
                continue
            m = _line_pattern(above.text).fullmatch(text)
            if m:  # the first such line counts; a second one is the paper's, under the table
                if m.group(1).strip() and not self.reader.texts.get(above.field.id):
                    self.reader.assign(above.field.id, [m.group(1)])
                return True
        return False

    def known(self, line: str) -> bool:
        """Lines that are no text of the form: the title, the year line, the template's
        fixed lines above the table, the signature lines of the paper."""
        text = unify(line)
        if not text:
            return True
        if any(unify(a.text) == text for a in self.form.above_table if a.field is None):
            return True
        if title_pattern(self.form).search(label_key(line)) or \
                (_TITLE_END.search(text) and len(text) <= 40):
            return True
        if _YEAR_LINE.fullmatch(text.translate(_FULL_DIGITS).strip("（）")):
            return True
        return bool(_SIGNATURE.search(text))

    def fields(self, line: str) -> bool:
        """``label：value`` pieces that are all fields of the form: each empty one takes
        its value (湖北's 填报人 written under the table)."""
        pieces = [p for p in _PIECES.split(clean_block(line).replace("\n", "  ")) if p.strip()]
        found = [split_inline(p, self.reader.vocab) for p in pieces]
        if not found or not all(f is not None and f[0].kind == "field" for f in found):
            return False
        for word_value in found:
            assert word_value is not None
            word, value = word_value
            if not self.reader.texts.get(word.ref):
                self.reader.assign(word.ref, [value])
        return True


def _year(before: list[str], default: int) -> tuple[int, bool]:
    candidates = []
    for line in before:
        text = squeeze(line).translate(_FULL_DIGITS)
        for m in _YEAR.finditer(text):
            year = int(m.group(1))
            candidates.append((("年度" in text[m.end() - 1:m.end() + 1]), year))
    in_range = [c for c in candidates if YEAR_MIN <= c[1] <= YEAR_MAX]
    for pool in (in_range, candidates):
        if pool:
            return max(pool, key=lambda c: c[0])[1], True
    return default, False
