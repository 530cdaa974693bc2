"""Another template for a draft: every value the new form has a place for goes there,
the rest goes, labelled, to the end of the new form's notes (其他说明), never lost.

Values move by their ids (``department.name`` is the unit's name in every bundled form),
table cells by their table and column, indicator groups by kind (or by role: the output
group of one form is the output group of another), categories by name (a category that
is a standard one of another kind of the new form goes to that kind's group). What a
form of one level cannot hold (the 一级/二级 of a flat list, a 权重 the new form does not
print) is written out in the notes.
"""

from __future__ import annotations

from declapp.editing.operations import ReplaceDraft
from declapp.form.definition import FormDefinition, GroupKind, IndicatorsPart
from declapp.form.model import Category, Draft, Group, Item
from declapp.form.money import format_amount
from declapp.form.text import SWITCH_MARKER as SWITCH_MARKER
from declapp.indicators.wording import printed_text


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
        return (old.label(key) if old else "") or key

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
        part = next((t for t in new.trees() if t.id == tree_id), None)
        if part is None and keep:
            result.trees[tree_id] = groups  # a project's 中期 indicators: kept as they are
            continue
        if part is None:
            part = new.tree()  # a second tree the new form lacks joins the first
            if any(c.items for g in groups for c in g.categories):
                name = old.label(tree_id) if old else tree_id
                left.append(f"（以下指标原在“{name}”中，已并入“{new.label(part.id)}”）")
        old_part = next((t for t in old.trees() if t.id == tree_id), None) if old else None
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
                old_part = next((t for t in old.tables() if t.id == table_id), None) \
                    if old else None
                cells = "；".join(f"{_column_label(old_part, k)}：{v.strip()}" for k, v in lost)
                left.append(f"{name} 第 {n} 行：{cells}")


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
                    left.append(f"第 {first}–{last} 项原属“{group_label}”的"
                                f"“{category.name.strip()}”")
                flat.items.extend(category.items)
                continue
            owner = _kind_of_category(category.name.strip(), kind, part)
            holder = home if owner is kind else _group_for(owner, "", part, target)
            same = next((c for c in holder.categories
                         if c.name.strip() == category.name.strip()), None)
            if same is not None:
                same.items.extend(category.items)
            else:
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
                left.append(f"指标“{printed_text(item)[:20]}”的"
                            f"{_column_label(old_part, key)}：{value.strip()}")


def _complete_tree(part: IndicatorsPart, groups: list[Group]) -> None:
    """Every fixed kind present once, one of each repeating kind at least, in order."""
    for kind in part.groups:
        if not kind.optional and not any(g.kind == kind.kind for g in groups):
            groups.append(part.new_group(kind.kind))
    if part.levels == 1:
        for group in groups:
            _flat_category(group)
    groups.sort(key=lambda g: part.kind_order(g.kind))
