"""One parser for every format: walk a ``SourceGrid`` by its labels and fill a ``Draft``.

Rows are recognised by their labels (``labels.match_label``), wherever they stand and in
whatever spelling; the indicator part by its heading row (一级指标, 二级指标, 具体指标),
which also tells which column is which. What cannot be placed is never dropped: it is
collected, with its label where it had one, and goes to the end of 其他说明的问题 under
a marker line, with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from declapp.errors import ClerkError
from declapp.form.definition import FormDefinition
from declapp.form.model import (
    YEAR_MAX,
    YEAR_MIN,
    Category,
    Draft,
    Group,
    Item,
)
from declapp.form.money import ZERO, parse_amount
from declapp.form.text import UNPLACED_MARKER
from declapp.importing.grid import (
    Slot,
    SourceCell,
    SourceGrid,
    clean_block,
    label_key,
    squeeze,
    text_lines,
    unify,
)
from declapp.importing.labels import (
    HEADER_KEYS,
    amount_keys,
    amount_part_total,
    core_keys,
    detect_template,
    field_keys,
    field_name,
    is_part,
    match_label,
    numbering,
    own_keys,
    parse_group_label,
    spanning_keys,
    split_inline_label,
    tree_keys,
)

# Lines under the table that belong to the paper, not to the form.
_SIGNATURE = re.compile(r"填报人|填表人|制表人|经办人|联系人|审核人|审批人|复核人|负责人|"
                        r"日期|盖章|签字|签章|联系电话|续表|第\d+页")
_YEAR = re.compile(r"(\d{4})\s*年")
_YEAR_LINE = re.compile(r"\d{4}年度?")
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class NotAForm(ClerkError):
    """The file holds no 部门整体支出绩效目标申报表 the parser can read."""


@dataclass
class Parsed:
    draft: Draft
    form: FormDefinition
    warnings: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def parse_grid(grid: SourceGrid, default_year: int) -> Parsed:
    """The draft *grid* shows; ``NotAForm`` when it shows no form of ours."""
    walker = _Walker()
    for row in grid.rows:
        walker.row(row)
    for line in [*walker.before, *grid.after]:
        walker.loose_line(line)  # a title in the table is dropped, other lines kept
    return walker.finish([*grid.before, *walker.before], default_year)


class _Walker:
    def __init__(self) -> None:
        self.texts: dict[str, list[str]] = {}
        self.amounts: dict[str, str] = {}
        self.found: set[str] = set()
        self.groups: list[Group] = []
        self.group_labels: list[str] = []
        self.unplaced: list[str] = []
        self.warnings: list[str] = []
        self.before: list[str] = []
        self.columns: list[tuple[float, float]] | None = None  # 一级, 二级, 具体指标
        self.in_indicators = False
        self.last_key = ""
        self.last_label: SourceCell | None = None

    # --- rows ------------------------------------------------------------------------------
    def row(self, slots: list[Slot]) -> None:
        new = [s for s in slots if s.first and s.cell.text.strip()]
        if not new:
            return
        keys = [match_label(s.cell.text) for s in new]
        if any(k in HEADER_KEYS for k in keys):
            self.header(new, keys)
            return
        if self.in_indicators:
            a_cells = [(s, k) for s, k in zip(new, keys, strict=True) if self.left_of_b(s)]
            ends = any(k not in spanning_keys() for _s, k in a_cells)
            if not ends:
                self.indicator_row(slots)
                return
            self.in_indicators = False
        if not self.found and not any(keys) and not any(split_inline_label(s.cell.text)
                                                          for s in new):
            self.before.extend(s.cell.text for s in new)  # a title inside the table
            return
        self.field_row(slots, new, keys)

    def header(self, new: list[Slot], keys: list[str]) -> None:
        spots = {k: s for s, k in zip(new, keys, strict=True) if k in HEADER_KEYS}
        self.found.update(k for k in keys if k)
        if len(spots) == 3:
            self.columns = [(spots[k].x0, spots[k].x1) for k in HEADER_KEYS]
        self.in_indicators = True

    def left_of_b(self, slot: Slot) -> bool:
        if self.columns is None:
            return False
        return slot.x1 <= self.columns[0][0] + 0.25 * (self.columns[0][1] - self.columns[0][0])

    def field_row(self, slots: list[Slot], new: list[Slot], keys: list[str]) -> None:
        if not any(keys) and not any(split_inline_label(s.cell.text) for s in new):
            if self.last_label is not None and slots[0].cell is self.last_label \
                    and not slots[0].first:
                self.assign(self.last_key, [s.cell.text for s in new])  # a merged label's next row
                return
            if len(new) > 1 and len(squeeze(new[0].cell.text)) <= 20:  # an unknown label
                self.unplace(squeeze(new[0].cell.text), [s.cell.text for s in new[1:]])
            else:
                self.unplace("", [s.cell.text for s in new])
            return
        key, values, label_cell = "", [], None
        after_label = False
        for slot in (s for s in slots if s.first):
            if after_label and not is_part(key):
                after_label = False
                values.append(slot.cell.text)  # the cell after a label is its value
                continue
            if not slot.cell.text.strip():
                continue
            k = match_label(slot.cell.text)
            inline = None if k else split_inline_label(slot.cell.text)
            if k:  # a label cell: its value is in the cells after it
                new_key, new_values = k, []
            elif inline is not None:  # a label with its value in the same cell
                new_key, new_values = inline[0], [inline[1]]
            else:
                values.append(slot.cell.text)
                continue
            self.flush(key, values, label_cell)
            key, values, label_cell, after_label = new_key, new_values, slot.cell, bool(k)
            self.found.add(key)
        self.flush(key, values, label_cell)

    def flush(self, key: str, values: list[str], label_cell: SourceCell | None) -> None:
        if not key:
            if values:
                self.unplace("", values)
            return
        if key in tree_keys() or key in HEADER_KEYS:
            self.in_indicators = True
            if values:
                self.unplace(field_name(key), values)
            return
        if is_part(key):  # an amounts block's label with a value beside it: its total
            if values:
                key = amount_part_total(key)
            else:
                return
        self.assign(key, values)
        self.last_key, self.last_label = key, label_cell

    def assign(self, key: str, values: list[str]) -> None:
        if key in amount_keys():
            text = " ".join(squeeze(v) for v in values if v.strip())
            if self.amounts.get(key):
                self.unplace(field_name(key), [text])
            else:
                self.amounts[key] = text
            return
        text = "\n".join(t for t in (clean_block(v) for v in values) if t)
        if text:
            self.texts.setdefault(key, []).append(text)

    def unplace(self, label: str, values: list[str]) -> None:
        text = "\n".join(t for t in (clean_block(v) for v in values) if t)
        if not text:
            return
        shown = f"{label}：{text}" if label else text
        self.unplaced.append(shown)
        where = f"“{label}”" if label else f"“{text.splitlines()[0][:20]}”"
        self.warnings.append(f"{where}无法归入表中的栏目，已放到“其他说明的问题”末尾，请核对。")

    def loose_line(self, line: str) -> None:
        text = unify(line)
        if not text or _SIGNATURE.search(text) or "申报表" in text or _YEAR_LINE.fullmatch(
                text.translate(_FULL_DIGITS).strip("（）")):
            return
        self.unplace("", [line])

    # --- indicators ------------------------------------------------------------------------
    def indicator_row(self, slots: list[Slot]) -> None:
        by_column: dict[int, Slot] = {}
        extra: list[Slot] = []
        for slot in slots:
            col = self.column_of(slot, slots)
            if col is None:
                if slot.first and slot.cell.text.strip() and not match_label(slot.cell.text):
                    extra.append(slot)
                continue
            by_column.setdefault(col, slot)
        b, c, d = (by_column.get(i) for i in range(3))
        if b is not None and b.first and b.cell.text.strip():
            self.new_group(b.cell.text)
        if c is not None and c.first:
            self.current_group().categories.append(Category(label_key(c.cell.text)))
        if d is not None and d.first and d.cell.text.strip():
            category = self.current_category()
            category.items.extend(self.items(d.cell.text, category.name))
        for slot in extra:
            self.unplace("", [slot.cell.text])

    def column_of(self, slot: Slot, slots: list[Slot]) -> int | None:
        if self.columns is None:  # no heading row: B, C, D are the last three cells
            pos = len(slots) - 1 - slots.index(slot)
            return 2 - pos if pos < 3 else None
        overlaps = [min(slot.x1, hi) - max(slot.x0, lo) for lo, hi in self.columns]
        best = max(range(3), key=lambda i: overlaps[i])
        return best if overlaps[best] > 0 else None

    def new_group(self, text: str) -> None:
        label = parse_group_label(text)
        if not label.recognised:
            self.warnings.append(f"一级指标“{squeeze(text)[:30]}”不是“产出指标…”或“效果指标”，"
                                 "已作为产出指标导入，请核对。")
        self.groups.append(Group(kind=label.kind, name=label.name))
        self.group_labels.append(text)

    def current_group(self) -> Group:
        if not self.groups:
            self.groups.append(Group(kind="output"))
        return self.groups[-1]

    def current_category(self) -> Category:
        group = self.current_group()
        if not group.categories:
            group.categories.append(Category())
        return group.categories[-1]

    def items(self, text: str, category: str) -> list[Item]:
        """Items of a 具体指标 cell: a line numbered ``1、`` ``1.`` ``（1）`` ``①`` … starts
        one, the next number of the same kind starts the next; other lines continue the
        item above. A cell without numbers is one item. Values are never guessed."""
        items: list[list[str]] = []
        style, number = "", 0
        for line in text_lines(text):
            found = numbering(line)
            if found and ((not style and found[1] == 1)
                          or (found[0] == style and found[1] == number + 1)):
                style, number = found[0], found[1]
                items.append([found[2]] if found[2] else [])
                continue
            if found and found[0] == style:
                self.warnings.append(f"“{category or '二级指标'}”中的“{line[:12]}…”编号不连续，"
                                     "已并入上一条，请核对。")
            if items:
                items[-1].append(line)
            else:
                items.append([line])
        return [Item(content="\n".join(lines)) for lines in items if lines]

    # --- the draft -------------------------------------------------------------------------
    def finish(self, before: list[str], default_year: int) -> Parsed:
        form_keys = self.found & field_keys()
        if not (core_keys() & self.found) or len(self.found) < 3:
            raise NotAForm(_not_a_form_message(before, self.found))
        form = detect_template(form_keys, self.group_labels)
        year, year_found = _year(before, default_year)
        for group in self.groups:
            group.categories = [c for c in group.categories if c.name or c.items]
        amounts = {k: self.amount(k) for k in sorted(self.amounts)}
        texts = {k: "\n".join(v) for k, v in self.texts.items()}
        notes = form.with_role("notes")
        assert notes is not None  # every template has one
        if self.unplaced:
            texts[notes.id] = "\n".join(
                t for t in (texts.get(notes.id, ""), UNPLACED_MARKER, *self.unplaced) if t)
        draft = Draft(template=form.id, year=year, texts=texts, amounts=amounts)
        draft.indicators = self.groups
        form.complete(draft)
        warnings = list(self.warnings)
        if not year_found:
            warnings.insert(0, f"表头中没有找到年度（如“（  2021  年度）”），已按 {year} 年导入，"
                               "请核对年度。")
        printed = own_keys(form)
        hidden = [field_name(k) for k in sorted(form_keys) if k not in printed]
        if hidden:
            warnings.append(f"表中有“{'”“'.join(hidden)}”，{form.name}的表格不显示它们；"
                            "内容已保留在草稿中。")
        return Parsed(draft, form, warnings, list(self.unplaced))

    def amount(self, key: str) -> Decimal:
        text = self.amounts.get(key, "")
        if not text:
            return ZERO
        try:
            return parse_amount(text)
        except ValueError:
            self.unplace(field_name(key), [text])
            self.warnings[-1] = (f"“{field_name(key)}”的金额“{text}”不是以万元计的数字，"
                                 "已按 0 导入，原文放到“其他说明的问题”末尾。")
            return ZERO


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


def _not_a_form_message(before: list[str], found: set[str]) -> str:
    title = next((squeeze(t) for t in before if "表" in t), "")
    if title and "部门整体支出" not in title:
        return (f"文件中的表格是“{title[:40]}”，不是部门整体支出绩效目标申报表，无法导入。")
    return ("文件中没有找到部门整体支出绩效目标申报表：表格里缺少“部门（单位）名称”"
            "“部门（单位）绩效目标”等栏目。")
