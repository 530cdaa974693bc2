"""Another template for a draft: every value the new form has a place for goes there,
the rest goes, labelled, to the end of the new form's notes (其他说明), never lost.

Values move by their ids (``department.name`` is the unit's name in every bundled form),
table cells by their table and column, indicator groups by kind (or by role: the output
group of one form is the output group of another), categories by name (a category that
is a standard one of another kind of the new form goes to that kind's group; 数量指标 and
产出数量指标 are one measure, the new form's name is kept). What a form of one level
cannot hold (the 一级/二级 of a flat list, a 权重 the new form does not print) is written
out in the notes, and so is a tree the new form lacks (a project's 中期 indicators are not
the year's).
"""

from __future__ import annotations

from declapp.editing.operations import ReplaceDraft
from declapp.form.amount_names import amount_name
from declapp.form.category_names import standard_category
from declapp.form.definition import (
    FormDefinition,
    GroupKind,
    IndicatorsPart,
)
from declapp.form.model import Category, Draft, Group, Item
from declapp.form.money import format_amount
from declapp.form.text import SWITCH_MARKER as SWITCH_MARKER
from declapp.indicators.wording import printed_text

# A category name shorter than this is no measure of its own (指标): never matched by suffix.
_ITEM_NAME_CHARS = 30  # the budget system's longest 三级指标名称


def switch_template(draft: Draft, old: FormDefinition | None,
                    new: FormDefinition) -> ReplaceDraft:
    """The one operation that gives *draft* the template *new*."""
    return ReplaceDraft(switched(draft, old, new))


def switched(draft: Draft, old: FormDefinition | None, new: FormDefinition,
             keep: bool = False) -> Draft:
    """A copy of *draft* laid out for *new*; nothing of *draft* is changed. With *keep*
    (a draft going on to its next stage), what *new* has no place for stays in the draft,
    unprinted, instead of going to the notes: the next stage may print it again."""
    source = draft.copy()
    result = Draft(template=new.id, year=source.year)
    result.trees.clear()
    left: list[str] = []

    def label(key: str) -> str:
        return amount_name(old, key, source) if old else key

    texts = {f.id for f in new.text_fields()}
    for key, value in source.texts.items():
        if key in texts or keep:
            result.texts[key] = value
        elif value.strip():
            left.append(f"{label(key)}：{value.strip()}")
    amounts = set(new.amount_ids())
    for key, amount in source.amounts.items():
        if key in amounts or keep:
            result.amounts[key] = amount
            if key in source.carried:
                result.carried.add(key)
        elif amount != 0:
            left.append(f"{label(key)}：{format_amount(amount)}万元")
    if keep:
        result.tables = source.tables  # (a copy): every row and cell as it was
    else:
        _move_tables(source, old, new, result, left)
    for tree_id, groups in source.all_groups():
        part = new.find_tree(tree_id)
        old_part = old.find_tree(tree_id) if old else None
        if part is None and keep:
            result.trees[tree_id] = groups  # a project's 中期 indicators: kept as they are
            continue
        if part is None:  # a tree the new form lacks: its indicators, written out
            _write_out(groups, old_part, (old.label(tree_id) if old else "") or tree_id, left)
            continue
        target = result.trees.setdefault(part.id, [])
        _move_groups(groups, old_part, part, target, left, keep)
    for part in new.trees():
        _complete_tree(part, result.trees.setdefault(part.id, []))
    new.complete(result)
    if left and not keep:
        notes = new.with_role("notes")
        assert notes is not None  # every template has one (template_rules)
        before = result.texts.get(notes.id, "")
        result.texts[notes.id] = "\n".join(t for t in (before, SWITCH_MARKER, *left) if t)
    return result


def switch_leftovers(before: Draft, switched_draft: Draft, new: FormDefinition) -> list[str]:
    """The lines a switch of *before* put at the end of the notes: none when everything
    had a place (lines an earlier switch left there are not new)."""
    notes = new.with_role("notes")
    text = switched_draft.text(notes.id) if notes is not None else ""
    if SWITCH_MARKER not in text:
        return []
    old = set("\n".join(before.texts.values()).split("\n"))
    return [line for line in text.split(SWITCH_MARKER, 1)[1].split("\n")
            if line.strip() and line not in old]


def _move_tables(source: Draft, old: FormDefinition | None, new: FormDefinition,
                 result: Draft, left: list[str]) -> None:
    tables = {t.id: t for t in new.tables()}
    for table_id, rows in source.tables.items():
        part = tables.get(table_id)
        name = (old.label(table_id) if old else "") or table_id
        for n, row in enumerate(rows, start=1):
            if part is not None:
                keep = {k: v for k, v in row.items() if part.column(k) is not None}
                result.tables.setdefault(table_id, []).append(keep)
                lost = [(k, v) for k, v in row.items() if part.column(k) is None and v.strip()]
            else:
                lost = [(k, v) for k, v in row.items() if v.strip()]
            if lost:
                old_part = old.find_table(table_id) if old else None
                cells = "；".join(f"{_column_label(old_part, k)}：{v.strip()}" for k, v in lost)
                left.append(f"{name} 第 {n} 行：{cells}")


def _write_out(groups: list[Group], old_part: IndicatorsPart | None, name: str,
               left: list[str]) -> None:
    """The indicators of a tree the new form has no place for, one line each:
    ``中期绩效指标 › 产出指标 › 成本指标：名称：≤13500万元``."""
    labels = old_part.group_labels(groups) if old_part else [g.name or g.kind for g in groups]
    for group, group_label in zip(groups, labels, strict=True):
        for category in group.categories:
            where = " › ".join(p for p in (name, group_label, category.name.strip()) if p)
            for item in category.items:
                text = printed_text(item).replace("\n", " ")
                extras = "；".join(f"{_column_label(old_part, k)}：{v.strip()}"
                                   for k, v in item.extra.items() if v.strip())
                if text or extras:
                    left.append(f"{where}：{text}" + (f"（{extras}）" if extras else ""))


def _column_label(part: object, key: str) -> str:
    column = getattr(part, "column", lambda _k: None)(key)
    return column.label if column is not None else key


def _target_kind(group: Group, old_part: IndicatorsPart | None,
                 part: IndicatorsPart) -> GroupKind:
    same = part.group_kind(group.kind)
    if same is not None:
        return same
    old_kind = old_part.group_kind(group.kind) if old_part else None
    role = old_kind.role if old_kind else ""
    by_role = next((k for k in part.groups if role and k.role == role), None)
    return by_role or part.groups[0]


def _kind_of_category(name: str, fallback: GroupKind, part: IndicatorsPart) -> GroupKind:
    if name in fallback.categories:
        return fallback
    return next((k for k in part.groups if name and name in k.categories), fallback)


def _group_for(kind: GroupKind, name: str, part: IndicatorsPart, target: list[Group]) -> Group:
    """The group of *kind* to put things in: the existing one of a fixed kind, else new."""
    if not kind.repeat or not name:
        found = next((g for g in reversed(target) if g.kind == kind.kind), None)
        if found is not None and (not kind.repeat or not found.name):
            return found
    group = Group(kind=kind.kind, name=name if kind.named else "")
    target.append(group)
    return group


def _move_groups(groups: list[Group], old_part: IndicatorsPart | None, part: IndicatorsPart,
                 target: list[Group], left: list[str], keep: bool = False) -> None:
    labels = old_part.group_labels(groups) if old_part else [g.name or g.kind for g in groups]
    extras = {c.key for c in part.extra_columns}
    for group, group_label in zip(groups, labels, strict=True):
        kind = _target_kind(group, old_part, part)
        if group.name.strip() and not (kind.named and kind.repeat):
            left.append(f"一级指标“{group_label}”的名称：{group.name.strip()}")
        home = _group_for(kind, group.name if kind.repeat else "", part, target)
        for category in group.categories:
            if not keep:
                _keep_extras(category.items, extras, old_part, left)
            if part.levels == 1:
                flat = _flat_category(home)
                if category.items and category.name.strip():
                    first = len(flat.items) + 1
                    last = first + len(category.items) - 1
                    items = f"第 {first} 项" if first == last else f"第 {first}–{last} 项"
                    left.append(f"{items}原属“{group_label}”的“{category.name.strip()}”")
                flat.items.extend(category.items)
                continue
            name = standard_category(category.name, kind, part)
            owner = _kind_of_category(name, kind, part)
            holder = home if owner is kind else _group_for(owner, "", part, target)
            same = next((c for c in holder.categories if c.name.strip() == name), None)
            if same is not None:
                same.items.extend(category.items)
            else:
                if name != category.name.strip():
                    category.name = name
                holder.categories.append(category)


def _flat_category(group: Group) -> Category:
    if not group.categories:
        group.categories.append(Category())
    return group.categories[0]


def _keep_extras(items: list[Item], keep: set[str], old_part: IndicatorsPart | None,
                 left: list[str]) -> None:
    for item in items:
        for key in [k for k in item.extra if k not in keep]:
            value = item.extra.pop(key)
            if value.strip():
                left.append(f"指标“{_item_name(item)}”的"
                            f"{_column_label(old_part, key)}：{value.strip()}")


def _item_name(item: Item) -> str:
    """An item as a line of the notes names it: its name, or the start of its text."""
    text = " ".join((item.name if item.is_structured else item.content).split())
    return text if len(text) <= _ITEM_NAME_CHARS else f"{text[:_ITEM_NAME_CHARS]}…"


def _complete_tree(part: IndicatorsPart, groups: list[Group]) -> None:
    """Every fixed kind present once, one of each repeating kind at least, in order."""
    for kind in part.groups:
        if not kind.optional and not any(g.kind == kind.kind for g in groups):
            groups.append(part.new_group(kind.kind))
    if part.levels == 1:
        for group in groups:
            _flat_category(group)
    groups.sort(key=lambda g: part.kind_order(g.kind))
