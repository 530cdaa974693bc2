"""An indicator table read back into a tree of groups, categories and items.

The heading row says which column is which (一级指标, 二级指标, 具体指标 or 三级指标,
指标值, 计量单位, …, by the template's labels and the names other forms use). A form that
numbers the items of a 二级指标 in one cell (西城区) gives free-text items, split at their
numbers; a form with a row per 三级指标 gives structured items: name, the sign written in
指标值 or given by 指标值类型 / 指标性质, value, unit, 指标解释, 评（扣）分标准 and the
template's extra columns (权重, 备注). 一级 and 二级 cells merged down over their rows, or
repeated (also as ``产出指标（续）`` after a page end), or left empty below their first
row, all mean the same group and category.
"""

from __future__ import annotations

import re

from declapp.form.definition import IndicatorsPart
from declapp.form.model import OP_QUALITATIVE, Category, Group, Item
from declapp.form.text import CONTINUED_MARK
from declapp.importing.blocks import Block, Sink
from declapp.importing.grid import Columns, Slot, clean_block, label_key, squeeze, text_lines
from declapp.importing.indicator_words import (
    kind_of_categories,
    numbering,
    parse_group_label,
    sign_of,
    split_value,
    standard_category,
)

_LEVELS = ("level1", "level2")
_ADJUSTED = re.compile(r"[（(]调整后[：:\s]*(.*?)[）)]")
_ITEM_TEXTS = ("explanation", "scoring", "content")


class TreeReader(Block):
    def __init__(self, sink: Sink, beside: list[Slot], part: IndicatorsPart) -> None:
        super().__init__(sink, beside)
        self.part = part
        self.columns = Columns()
        self.groups: list[Group] = []
        self.sources: list[tuple[str, str]] = []  # per group: (its 一级 text, its last 二级)
        self.unknown_groups: list[tuple[int, str]] = []
        self.renamed: dict[str, str] = {}
        self.warnings: list[str] = []

    # --- rows ------------------------------------------------------------------------------
    def start(self, slots: list[Slot]) -> None:
        first = slots[0]
        word = self.sink.vocab.word(first.cell.text, ("tree",), self.part.id)
        if word is not None:
            self.beside.add(id(first.cell))
            slots = slots[1:]
        if self.is_header(slots):
            self.header(slots)
        elif any(s.first and s.cell.text.strip() for s in slots):
            self.body(slots)  # no heading row: the label's row is the first of the table

    def is_header(self, slots: list[Slot]) -> bool:
        found = [self.column_word(s.cell.text) for s in slots if s.first and s.cell.text.strip()]
        return sum(k is not None for k in found) >= 2

    def column_word(self, text: str) -> str | None:
        word = self.sink.vocab.word(text, ("tree_column",), self.part.id)
        return word.ref if word else None

    def header(self, slots: list[Slot]) -> None:
        self.columns = Columns()
        keys = [self.column_word(s.cell.text) if s.first and s.cell.text.strip() else None
                for s in slots]
        # 三级指标 beside a 指标值 column is a row per indicator, not a numbered cell.
        row_per_item = any(k in ("value", "unit", "op", "value_type") for k in keys)
        for slot, key in zip(slots, keys, strict=True):
            if slot.first and slot.cell.text.strip():
                self.columns.add(slot, "name" if key == "items" and row_per_item else key)

    def take(self, slots: list[Slot]) -> bool:
        rest, beside = self.split(slots)
        new = [s for s in rest if s.first and s.cell.text.strip()]
        if not new:
            return True
        if self.is_header(rest):
            other = [w for s in new for w in self.sink.vocab.words(s.cell.text)
                     if w.kind == "tree" and w.part != self.part.id]
            if other:
                return False
            self.header(rest)
            return True
        if not beside and self.ends(new[0]):
            return False
        self.body(rest)
        return True

    def ends(self, slot: Slot) -> bool:
        """A row that starts with a label of the form's other rows, at the table's left."""
        word = self.sink.vocab.word(slot.cell.text)
        if word is None or word.kind == "tree_column":
            return False
        if word.kind == "tree" and word.part == self.part.id:
            return False
        return not self.columns or slot.x0 <= self.columns.left + 1e-6 or word.kind == "tree"

    # --- the tree --------------------------------------------------------------------------
    def group(self) -> Group:
        if not self.groups:
            self.new_group("")
        return self.groups[-1]

    def category(self) -> Category:
        group = self.group()
        if not group.categories:
            group.categories.append(Category())
        return group.categories[-1]

    def new_group(self, text: str) -> None:
        if self.part.levels == 1 or not text:
            kind = self.part.groups[0].kind if self.part.groups else ""
            group = self.part.new_group(kind) if self.part.levels == 1 else Group(kind=kind)
            self.groups.append(group)
            self.sources.append((text, ""))
            return
        label = parse_group_label(text, self.part)
        if not label.recognised:
            self.unknown_groups.append((len(self.groups), squeeze(text)))
        self.groups.append(Group(kind=label.kind, name=label.name))
        self.sources.append((label_key(text), ""))

    def new_category(self, text: str) -> None:
        group = self.group()
        kind = self.part.group_kind(group.kind)
        name = standard_category(text, kind, self.part)
        if name != label_key(text) and label_key(text):
            self.renamed[label_key(text)] = name
        group.categories.append(Category(name))
        self.sources[-1] = (self.sources[-1][0], label_key(text))

    def fallback(self, slots: list[Slot]) -> Columns:
        """No heading row: the template's columns are the row's last cells, in order."""
        columns = Columns()
        keys = [c.key for c in self.part.columns]
        for slot, key in zip(slots[-len(keys):], keys[-len(slots):], strict=True):
            columns.add(slot, key)
        return columns

    def body(self, slots: list[Slot]) -> None:
        cells: dict[str, Slot] = {}
        unknown: list[tuple[str, str]] = []
        if not self.columns:
            self.columns = self.fallback(slots)
        for slot in slots:
            found = None if self.columns.wider(slot) else self.columns.at(slot)
            if found is None:
                if slot.first and slot.cell.text.strip():
                    unknown.append(("", slot.cell.text))
                continue
            key, heading = found
            if key is None:
                if slot.first and slot.cell.text.strip():
                    unknown.append((heading, slot.cell.text))
                continue
            cells.setdefault(key, slot)
        self.levels(cells)
        if "items" not in cells:
            self.row_item(cells, unknown)
            return
        self.numbered(cells["items"])
        others = [s.cell.text for k, s in cells.items()
                  if k not in (*_LEVELS, "items") and s.first and s.cell.text.strip()]
        if unknown or others:
            self.sink.leftover([t for _h, t in unknown] + others)

    def levels(self, cells: dict[str, Slot]) -> None:
        one, two = (cells.get(k) for k in _LEVELS)
        started = False
        if one is not None and one.first and one.cell.text.strip():
            if not self.groups or not _same_label(one.cell.text, self.sources[-1][0]) or \
                    self.part.levels == 1:
                if self.part.levels == 1:
                    self.sink.leftover([one.cell.text])
                else:
                    self.new_group(one.cell.text)
                    started = True
        if two is None or not two.first:
            return
        text = two.cell.text
        if self.part.levels == 1:
            if text.strip():
                self.sink.leftover([text])
            return
        if "items" in cells or started or (text.strip() and
                                           not _same_label(text, self.sources[-1][1])):
            if text.strip() or "items" in cells:
                self.new_category(text)

    def numbered(self, slot: Slot) -> None:
        """Items of a 具体指标 cell: a line numbered ``1、`` ``1.`` ``（1）`` ``①`` … starts
        one, the next number of the same kind starts the next; other lines continue the
        item above. A cell without numbers is one item. Values are never guessed."""
        if not slot.first or not slot.cell.text.strip():
            return
        category = self.category()
        items: list[list[str]] = []
        style, number = "", 0
        for line in text_lines(slot.cell.text):
            found = numbering(line)
            if found and ((not style and found[1] == 1)
                          or (found[0] == style and found[1] == number + 1)):
                style, number = found[0], found[1]
                items.append([found[2]] if found[2] else [])
                continue
            if found and found[0] == style:
                self.warnings.append(f"“{category.name or '二级指标'}”中的“{line[:12]}…”"
                                     "编号不连续，已并入上一条，请核对。")
            if items:
                items[-1].append(line)
            else:
                items.append([line])
        category.items.extend(Item(content="\n".join(lines)) for lines in items if lines)

    def row_item(self, cells: dict[str, Slot], unknown: list[tuple[str, str]]) -> None:
        """A row per 三级指标: an item of the category being read. A cell the item has no
        place for (a column the template lacks, a sign it cannot read) is kept by row."""
        texts = {k: clean_block(s.cell.text) for k, s in cells.items()
                 if s.first and k not in _LEVELS}
        if not any(texts.values()):
            if unknown:
                self.sink.leftover([t for _h, t in unknown])
            return
        later = self.adjusted(texts)
        if "items" in {c.key for c in self.part.columns}:  # a template that numbers items
            item = Item(content=texts.get("name", ""), value=texts.get("value", ""))
            used = {"name", "value"}
        else:
            item, used = self.structured(texts)
        for column in self.part.extra_columns:
            if column.is_computed:
                used.add(column.key)  # the program works it out (a self-evaluation's 得分)
            elif texts.get(column.key):
                item.extra[column.key] = texts[column.key]
                used.add(column.key)
        if later is not None:
            key, text = later
            unit = item.unit.strip()
            item.extra[key] = text[:-len(unit)] if unit and text.endswith(unit) else text
        strays = [t for k, t in texts.items() if t and k not in used]
        left = [t for _h, t in unknown] + strays
        self.category().items.append(item)
        if left:
            self.sink.leftover(left, item.name or item.content, always=True)

    def adjusted(self, texts: dict[str, str]) -> tuple[str, str] | None:
        """A later stage prints an adjusted target under the declared one in 指标值
        (``（调整后 15条）``) where it has no column of its own: (its column, its text),
        taken out of *texts*."""
        scoring = self.sink.vocab.form.scoring
        column = self.part.column(scoring.adjusted_column) if scoring else None
        lines = texts.get("value", "").split("\n")
        if column is None or column.printed or len(lines) < 2:
            return None
        m = _ADJUSTED.fullmatch(lines[-1].strip())
        if m is None:
            return None
        texts["value"] = "\n".join(lines[:-1])
        return column.key, m.group(1).strip()

    def structured(self, texts: dict[str, str]) -> tuple[Item, set[str]]:
        """The item a row states, and the columns it took."""
        keys = set(self.columns.keys())
        used = {"name", "value", *_ITEM_TEXTS}
        op: str | None = None
        if "op" in keys:
            cell = texts.get("op", "")
            column = self.part.column("op")
            op = sign_of(cell) if cell else (OP_QUALITATIVE if column is not None and
                                             column.qualitative_blank else None)
            if op is not None or not cell:
                used.add("op")
        if "value_type" in keys and texts.get("value_type"):
            kind = sign_of(texts["value_type"])
            if kind in ("", OP_QUALITATIVE):
                used.add("value_type")
                op = kind if op is None else op
        unit = texts.get("unit") if "unit" in keys else None
        if unit is not None:
            used.add("unit")
        value = split_value(texts.get("value", ""), op, unit)
        item = Item(name=texts.get("name", ""), op=value.op, value=value.value, unit=value.unit)
        for key in _ITEM_TEXTS:
            setattr(item, key, texts.get(key, ""))
        return item, used

    # --- the end ---------------------------------------------------------------------------
    def finish(self) -> list[Group]:
        """The groups read, with a kind for each group whose label the template does not
        know (from its 二级指标 where they tell, else the first kind, with a warning)."""
        names = {k.kind: k.label for k in self.part.groups}
        for index, text in self.unknown_groups:
            group = self.groups[index]
            kind = kind_of_categories([c.name for c in group.categories], self.part)
            if kind:
                group.kind, group.name = kind, ""
            shown = "”“".join(label_key(n.replace("{number}", "").split("{name}")[0])
                              .rstrip("（(：:") for n in names.values())
            taken = label_key(names.get(group.kind, group.kind).replace("{number}", "")
                              .split("{name}")[0]).rstrip("（(：:")
            self.warnings.append(f"一级指标“{text[:30]}”不是本表的“{shown}”，已作为{taken}导入，"
                                 "请核对。")
        if self.renamed:
            pairs = "，".join(f"“{a}”为“{b}”" for a, b in self.renamed.items())
            self.warnings.append(f"二级指标按本表的名称导入：{pairs}。")
        for group in self.groups:
            if self.part.levels != 1:
                group.categories = [c for c in group.categories if c.name or c.items]
        return self.groups


def _same_label(text: str, key: str) -> bool:
    """Does *text* name the group or category whose label reads *key* (``label_key``)?"""
    return label_key(text) in (key, key + CONTINUED_MARK)
