"""Every free text of a draft, with its location: what the stale-year check reads and
what 查找 / 替换 searches.

One function names them all, in the order of the form, so that a new field (or a new
draft model) is added here once and every reader follows. Amounts, the year, the
template and an item's 计算符号 (one of six signs) are not free text.
"""

from __future__ import annotations

from collections.abc import Iterator

from declapp.form import locations as loc
from declapp.form.model import DEPARTMENT_FIELDS, Draft

# The texts of an item the clerk writes (its 计算符号 is chosen from a list).
ITEM_TEXT_ATTRS = tuple(a for a in loc.ITEM_ATTRS if a != "op")


def texts_of(draft: Draft) -> Iterator[tuple[str, str]]:
    """(location, text) of every free text of *draft*, in the order of the form."""
    for key in DEPARTMENT_FIELDS:
        yield loc.department(key), getattr(draft.department, key)
    yield "goals", draft.goals
    for gi, group in enumerate(draft.indicators):
        yield loc.group(gi, "name"), group.name
        for ci, category in enumerate(group.categories):
            yield loc.category(gi, ci, "name"), category.name
            for ii, item in enumerate(category.items):
                for attr in ITEM_TEXT_ATTRS:
                    yield loc.item(gi, ci, ii, attr), getattr(item, attr)
    yield "notes", draft.notes
