"""Every text of a draft, with its place: what the stale-year check reads, what 查找/替换
searches, and how a place is named in the form's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from declapp.form import locations as loc
from declapp.form.definition import (
    AmountsPart,
    FieldsPart,
    FormDefinition,
    IndicatorsPart,
    strip_colon,
)
from declapp.form.model import ITEM_FIELDS, OPS, Draft, Group, Item


def texts_of(draft: Draft, *, blank: bool = True) -> Iterator[tuple[str, str]]:
    """(location, text) of every free text of the draft, in the order of its file: fields,
    table cells, then each tree's names and item texts (a sign is not a text). With
    ``blank=False`` empty texts are left out (and their places never built: a draft at the
    format's limit holds a million of them)."""
    for location, text in draft.texts.items():
        if blank or text:
            yield location, text
    for table_id, rows in draft.tables.items():
        for r, row in enumerate(rows):
            for key, text in row.items():
                if blank or text:
                    yield loc.cell(table_id, r, key), text
    for tree, groups in draft.all_groups():
        for gi, group in enumerate(groups):
            if blank or group.name:
                yield loc.group(gi, "name", tree), group.name
            for ci, category in enumerate(group.categories):
                if blank or category.name:
                    yield loc.category(gi, ci, "name", tree), category.name
                for ii, item in enumerate(category.items):
                    for attr in ITEM_FIELDS:
                        text = getattr(item, attr)
                        if (blank or text) and (attr != "op" or text not in OPS):
                            yield loc.item(gi, ci, ii, attr, tree), text
                    for key, text in item.extra.items():
                        if blank or text:
                            yield loc.item(gi, ci, ii, key, tree), text


_ITEM_ATTR_NAMES = {"content": "指标内容", "value": "指标值", "name": "三级指标名称",
                    "op": "计算符号", "unit": "计量单位", "explanation": "指标解释",
                    "scoring": "评（扣）分标准"}


def _tree_place(form: FormDefinition, tree: IndicatorsPart, groups: list[Group],
                place: loc.Location) -> list[str]:
    path = place.path
    words = [strip_colon(tree.label) or "绩效指标"] if tree.id != "indicators" else []
    if path and path[0] < len(groups):
        group = groups[path[0]]
        if tree.levels > 1:
            words.append(tree.label_of(groups, path[0]))
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
        tree = form.find_tree(place.tree)
        if tree is None:
            return location
        words = _tree_place(form, tree, draft.trees.get(place.tree, []), place)
        return " › ".join(words) or strip_colon(tree.label)
    if place.table:
        table = form.find_table(place.table)
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


def value_at(draft: Draft, location: str) -> str:
    """The text at *location* as the clerk typed it ("" where there is none): what a
    finding that was looked at (已核对) remembers, to know whether it changed since."""
    place = loc.parse(location)
    if place is None:
        return ""
    if place.tree:
        node: object = draft.trees.get(place.tree, [])
        for depth, row in enumerate(place.path):
            nodes = node if depth == 0 else (
                node.categories if depth == 1 else node.items)  # type: ignore[attr-defined]
            if not isinstance(nodes, list) or not 0 <= row < len(nodes):
                return ""
            node = nodes[row]
        if not place.attr:
            return ""
        if isinstance(node, Item):
            return node.get(place.attr)
        return str(getattr(node, place.attr, ""))
    if place.table:
        rows = draft.tables.get(place.table, [])
        row = place.path[0]
        return rows[row].get(place.attr, "") if 0 <= row < len(rows) else ""
    if place.field in draft.texts:
        return draft.texts[place.field]
    if place.field in draft.amounts:
        return str(draft.amounts[place.field])
    return ""


def order_key(draft: Draft, form: FormDefinition) -> Callable[[str], tuple[int, ...]]:
    """A sort key that puts locations in the order the form prints them: fields and
    amounts by their row, table cells by row and column, indicators as printed."""
    rank: dict[str, tuple[int, ...]] = {"year": (-2, 0), "template": (-2, 1)}
    for n, line in enumerate(form.above_table):
        if line.field is not None:
            rank[line.field.id] = (-1, n)
    trees: dict[str, tuple[int, IndicatorsPart]] = {}
    for p, part in enumerate(form.parts):
        if isinstance(part, FieldsPart):
            rank.update({f.id: (p, k) for k, f in enumerate(part.fields)})
        elif isinstance(part, AmountsPart):
            rank[part.id] = (p, -1)
            rank.update({a: (p, k) for k, a in enumerate(part.stored_ids())})
        else:
            rank[part.id] = (p, -1)
            if isinstance(part, IndicatorsPart):
                trees[part.id] = (p, part)
    printed = {tid: {g: n for n, g in enumerate(part.printing_order(draft.trees.get(tid, [])))}
               for tid, (_p, part) in trees.items()}
    last = (len(form.parts) + 1,)

    def key(location: str) -> tuple[int, ...]:
        place = loc.parse(location)
        if place is None:
            return last
        if place.tree and place.tree in trees:
            p, _part = trees[place.tree]
            path = list(place.path)
            if path:
                path[0] = printed[place.tree].get(path[0], path[0])
            return (p, *path, *([-1] * (3 - len(path))))
        if place.table:
            base = rank.get(place.table, last)
            return (*base, *place.path)
        return rank.get(place.field.split("@")[0] if place.field not in rank else place.field,
                        last)

    return key


def paragraph_of(text: str, words: str) -> int:
    """Which paragraph (1, 2, …) of a text of several the first *words* stand in; 0 when
    the text is one paragraph or the words are not in it."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) < 2 or not words:
        return 0
    return next((n for n, p in enumerate(paragraphs, 1) if words in p), 0)
