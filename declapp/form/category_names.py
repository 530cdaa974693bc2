"""The 二级指标 names of one measure as the templates spell it: 数量指标 is 产出数量指标 on a
form whose output categories say so, and 时效指标 is 产出进度指标 — the names the templates
give the same place in the same kind of group. Import and a change of template both put
a category under the new form's own name with this.
"""

from __future__ import annotations

from functools import cache

from declapp.form.definition import GroupKind, IndicatorsPart
from declapp.form.templates import all_templates, generation

MIN_MATCH = 4  # a name this long at least may stand for a longer one ending with it


def _key(name: str) -> str:
    return "".join(name.split())


@cache
def _same_place(_generation: int) -> dict[str, frozenset[str]]:
    """Each name → the names other templates give its place, in a group of the same role
    with as many categories (产出进度指标 ↔ 时效指标, 生态效益指标 ↔ 环境效益指标)."""
    lists: dict[str, list[list[str]]] = {}
    for form in all_templates():
        for tree in form.trees():
            for kind in tree.groups:
                names = [_key(c) for c in kind.categories if c != kind.satisfaction_category]
                if kind.role and names:
                    lists.setdefault(kind.role, []).append(names)
    found: dict[str, set[str]] = {}
    for groups in lists.values():
        for a in groups:
            for b in groups:
                if len(a) == len(b):
                    for x, y in zip(a, b, strict=True):
                        found.setdefault(x, set()).add(y)
    return {k: frozenset(v) for k, v in found.items()}


def standard_category(name: str, kind: GroupKind | None, tree: IndicatorsPart) -> str:
    """The template's name for the 二级指标 *name*: itself when the template has it, the one
    it is a shorter or longer spelling of, the one in the same place on other forms; *name*
    as written otherwise. *kind*'s own categories are preferred to the other kinds'."""
    key = _key(name)
    names = [_key(c) for c in (kind.categories if kind else ())]
    names += [_key(c) for k in tree.groups if k is not kind for c in k.categories]
    if not key or key in names:
        return key
    longer = [n for n in names if len(key) >= MIN_MATCH and n.endswith(key)]
    shorter = [n for n in names if len(n) >= MIN_MATCH and key.endswith(n)]
    for found in (longer, shorter):
        if len(set(found)) == 1:
            return found[0]
    others = set(_same_place(generation()).get(key, frozenset()))
    for other in list(others):
        others |= {n for n in names if n.endswith(other) or other.endswith(n)}
    matches = [n for n in names if n in others]
    return matches[0] if matches else name.strip()
