"""Every text of a draft, with its place: what the stale-year check reads, what 查找/替换
searches, and how a place is named in the form's own words.
"""

from __future__ import annotations

from collections.abc import Iterator

from declapp.form import locations as loc
from declapp.form.definition import FormDefinition, IndicatorsPart, strip_colon
from declapp.form.model import ITEM_FIELDS, OPS, Draft, Group


def texts_of(draft: Draft) -> Iterator[tuple[str, str]]:
    """(location, text) of every free text of the draft, in the order of its file: fields,
    table cells, then each tree's names and item texts (a sign is not a text)."""
    yield from draft.texts.items()
    for table_id, rows in draft.tables.items():
        for r, row in enumerate(rows):
            for key, text in row.items():
                yield loc.cell(table_id, r, key), text
    for tree, groups in draft.all_groups():
        for gi, group in enumerate(groups):
            yield loc.group(gi, "name", tree), group.name
            for ci, category in enumerate(group.categories):
                yield loc.category(gi, ci, "name", tree), category.name
                for ii, item in enumerate(category.items):
                    for attr in ITEM_FIELDS:
                        text = getattr(item, attr)
                        if attr != "op" or text not in OPS:
                            yield loc.item(gi, ci, ii, attr, tree), text
                    for key, text in item.extra.items():
                        yield loc.item(gi, ci, ii, key, tree), text


_ITEM_ATTR_NAMES = {"content": "指标内容", "value": "指标值", "name": "三级指标名称",
                    "op": "计算符号", "unit": "计量单位", "explanation": "指标解释",
                    "scoring": "评（扣）分标准"}


def _tree_place(form: FormDefinition, tree: IndicatorsPart, groups: list[Group],
                place: loc.Location) -> list[str]:
    labels = tree.group_labels(groups)
    path = place.path
    words = [strip_colon(tree.label) or "绩效指标"] if tree.id != "indicators" else []
    if path and path[0] < len(groups):
        group = groups[path[0]]
        if tree.levels > 1:
            words.append(labels[path[0]])
        if len(path) > 1 and path[1] < len(group.categories):
            category = group.categories[path[1]]
            if tree.levels > 1:
                words.append(category.name.strip() or "（未命名的二级指标）")
            if len(path) > 2:
                words.append(f"第 {path[2] + 1} 项")
    if place.attr and len(path) == 3:
        column = tree.column(place.attr)
        words.append(column.label if column and column.is_extra
                     else _ITEM_ATTR_NAMES.get(place.attr, place.attr))
    elif place.attr == "name" and len(path) == 1:
        words.append("名称")
    return words


def place_name(draft: Draft, form: FormDefinition, location: str) -> str:
    """The place *location* names, as the form says it: ``资金情况 › 基本支出``,
    ``产出指标一（…） › 产出数量指标 › 第 3 项``, ``年度主要任务 › 第 2 行 › 总额``."""
    place = loc.parse(location)
    if place is None:
        return location
    if place.tree:
        tree = next((t for t in form.trees() if t.id == place.tree), None)
        if tree is None:
            return location
        words = _tree_place(form, tree, draft.trees.get(place.tree, []), place)
        return " › ".join(words) or strip_colon(tree.label)
    if place.table:
        table = next((t for t in form.tables() if t.id == place.table), None)
        name = strip_colon(table.label) if table else place.table
        words = [name, f"第 {place.path[0] + 1} 行"]
        column = table.column(place.attr) if table and place.attr else None
        if column is not None:
            words.append(strip_colon(column.label))
        return " › ".join(words)
    if place.field == "year":
        return "年度"
    if place.field == "template":
        return "模板"
    label = form.label(place.field)
    for part in form.amount_parts():
        if place.field.split("@")[0] in {r.id for r in part.rows}:
            return f"{strip_colon(part.label)} › {label}"
    return label or location
