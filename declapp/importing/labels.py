"""The words of a form: every label its definition prints, and how a cell's text is
matched to one.

A ``Vocabulary`` is made from one template's definition: field labels and their aliases,
the label of each amounts block, its section headings, row labels and column headings
(year columns as patterns: ``{year-1}年`` reads ``2020年``), a table's label, headings and
totals row, an indicator table's label and column headings. A label is matched in any
spelling clerks use: with or without spaces, colons, a required mark ``*``, half-width
brackets, the ``部门（单位）`` prefix or a ``（万元）`` unit after it. Indicator column
headings are also known by the names other forms give them (具体指标, 指标名称, 计量单位…):
the columns are a closed set, so their common names are the program's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from declapp.form.definition import (
    INDICATOR_COLUMNS,
    AmountsPart,
    FieldsPart,
    FormDefinition,
    IndicatorsPart,
    TablePart,
)
from declapp.form.templates import all_templates, generation, load_template
from declapp.importing.grid import label_key, replace_each

# A label may carry a prefix a clerk left out or spelled otherwise.
_PREFIX = re.compile(r"^(部门（单位）|部门|单位)")
_UNIT_AFTER = re.compile(r"（(单位[：:]?)?万元）$")
# Placeholders a heading may hold (``{year-1}年``, ``1–{months}月执行数``) and what they
# read as on a form.
_PLACEHOLDERS = {"year": r"\d{4}", "months": r"\d{1,2}"}
_PLACEHOLDER = re.compile(r"\{(year|months)(?:[+-]\d)?\}")
# What indicator tables call their columns on forms of every region.
COLUMN_SPELLINGS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称", "三级指标名称", "绩效指标名称", "指标"),
    "items": ("具体指标", "具体指标（指标内容、指标值）", "指标内容、指标值"),
    "value": ("指标值", "年度指标值", "指标值（包含数字及文字描述）", "目标值", "绩效指标值"),
    "unit": ("计量单位", "单位", "度量单位"),
    "op": ("指标性质", "计算符号", "符号"),
    "value_type": ("指标值类型", "指标类型", "指标属性"),
    "explanation": ("指标解释", "指标说明"),
    "scoring": ("评（扣）分标准", "评分标准", "评扣分标准"),
    "content": ("指标内容",),
}
# A row that sums an amounts block's section, however the form calls it.
TOTAL_WORDS = ("合计", "总计", "小计", "合计数")


@dataclass(frozen=True)
class Word:
    """What a label names: ``kind`` (field, amounts, section, amount_row, amount_column,
    column_group, table, table_column, table_totals, tree, tree_column, fields_above),
    the id or key it names, and the part it belongs to."""

    kind: str
    ref: str
    part: str = ""
    index: int = 0  # an amounts block's section


_DASHES = tuple((dash, "-") for dash in "–—－~～至")


def key_of(text: str) -> str:
    """A label as it is compared: one spelling, no required mark, one dash (``1–6月``,
    ``1-6月``, ``1～6月``, ``1至6月``)."""
    return replace_each(label_key(text).lstrip("*＊"), _DASHES)


def core(key: str) -> str:
    """The label without the prefix and unit clerks add or leave out: ``部门（单位）名称``
    → ``名称``, ``项目资金（万元）`` → ``项目资金``."""
    return _UNIT_AFTER.sub("", _PREFIX.sub("", key))


@dataclass
class Vocabulary:
    form: FormDefinition
    exact: dict[str, list[Word]] = field(default_factory=dict)
    cores: dict[str, list[Word]] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern[str], Word]] = field(default_factory=list)
    printed: set[Word] = field(default_factory=set)  # the labels the form shows

    def add(self, text: str, word: Word, printed: bool = True, generic: bool = False) -> None:
        key = key_of(text)
        if not key:
            return
        if printed and not generic:
            self.printed.add(word)
        if _PLACEHOLDER.search(key):
            pieces = _PLACEHOLDER.split(key)  # text, name, text, name, …, text
            pattern = "".join(re.escape(p) if n % 2 == 0 else _PLACEHOLDERS[p]
                              for n, p in enumerate(pieces))
            self.patterns.append((re.compile(pattern), word))
            return
        if word not in self.exact.setdefault(key, []):
            self.exact[key].append(word)
        short = core(key)
        if len(short) >= 2 and word not in self.cores.setdefault(short, []):
            self.cores[short].append(word)

    def words(self, text: str) -> list[Word]:
        """Every label *text* may be, best spelling first; ``[]`` for none."""
        key = key_of(text)
        if not key or len(key) > 40:
            return []
        if key in self.exact:
            return self.exact[key]
        found = [w for p, w in self.patterns if p.fullmatch(key)]
        return found or self.cores.get(core(key), [])

    def word(self, text: str, kinds: tuple[str, ...] = (), part: str = "") -> Word | None:
        """The first label *text* may be, of one of *kinds* and in *part* when given."""
        for w in self.words(text):
            if (not kinds or w.kind in kinds) and (not part or w.part == part):
                return w
        return None


def _fields(vocab: Vocabulary, part: FieldsPart) -> None:
    if part.labels_above and part.label:
        vocab.add(part.label, Word("fields_above", part.id, part.id))
    for f in part.fields:
        for n, text in enumerate((f.label, *f.aliases)):
            vocab.add(text, Word("field", f.id, part.id if part.labels_above else ""),
                      printed=f.printed and n == 0)


def _amounts(vocab: Vocabulary, part: AmountsPart) -> None:
    vocab.add(part.label, Word("amounts", part.id, part.id))
    for index, section in enumerate(part.sections):
        if section.heading:
            vocab.add(section.heading, Word("section", part.id, part.id, index))
        for row in section.rows:
            word = Word("amount_row", row.id, part.id, index)
            for n, text in enumerate((row.label, *row.aliases)):
                vocab.add(text, word, printed=n == 0)
    for column in part.columns:
        if column.label:
            vocab.add(column.label, Word("amount_column", column.key, part.id),
                      printed=part.has_header)
    if part.column_group:
        vocab.add(part.column_group[0], Word("column_group", "", part.id))


def _table(vocab: Vocabulary, part: TablePart) -> None:
    vocab.add(part.label, Word("table", part.id, part.id))
    for column in part.columns:
        vocab.add(column.label, Word("table_column", column.key, part.id))
    if part.column_group:
        vocab.add(part.column_group[0], Word("column_group", "", part.id))
    if part.totals_label:
        vocab.add(part.totals_label, Word("table_totals", "", part.id))


def _tree(vocab: Vocabulary, part: IndicatorsPart) -> None:
    if part.label:
        vocab.add(part.label, Word("tree", part.id, part.id),
                  printed=part.label_position != "joined")
    for column in part.columns:
        vocab.add(column.label, Word("tree_column", column.key, part.id))
    own = {c.key for c in part.columns}
    for key in INDICATOR_COLUMNS:
        for text in COLUMN_SPELLINGS.get(key, ()):
            # 三级指标 is the items column of a two-level table.
            target = "items" if key == "name" and "items" in own and text == "三级指标" \
                else key
            vocab.add(text, Word("tree_column", target, part.id), generic=True)


def vocabulary(form: FormDefinition) -> Vocabulary:
    """The words of *form* (kept until the templates are read again)."""
    return _vocabulary(form.id, generation()) if form.bundled or form.source \
        else _build(form)


@cache
def _vocabulary(form_id: str, _generation: int) -> Vocabulary:
    return _build(load_template(form_id))


def _build(form: FormDefinition) -> Vocabulary:
    vocab = Vocabulary(form)
    for line in form.above_table:
        if line.field is not None:
            vocab.add(line.field.label, Word("field", line.field.id), printed=False)
    for part in form.parts:
        if isinstance(part, FieldsPart):
            _fields(vocab, part)
        elif isinstance(part, AmountsPart):
            _amounts(vocab, part)
        elif isinstance(part, TablePart):
            _table(vocab, part)
        else:
            _tree(vocab, part)
    return vocab


def all_vocabularies() -> list[Vocabulary]:
    return [vocabulary(form) for form in all_templates()]


def match_label(text: str) -> str:
    """The id or key of the label *text* is on any form this program knows, or ``""``
    (how a sheet holding a form is told from a sheet of notes)."""
    for vocab in all_vocabularies():
        found = vocab.words(text)
        if found:
            return found[0].ref or found[0].part
    return ""


_INLINE = re.compile(r"^\s*([^：:\n]{2,20})[：:]\s*(\S.*)$", re.S)


def split_inline(text: str, vocab: Vocabulary) -> tuple[Word, str] | None:
    """``资金总额：41421.22万元`` in one cell → (the 资金总额 row, ``41421.22万元``)."""
    m = _INLINE.match(text)
    if not m:
        return None
    word = vocab.word(m.group(1), ("field", "amount_row"))
    return (word, m.group(2).strip()) if word else None
