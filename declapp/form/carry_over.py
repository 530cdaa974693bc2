"""Last year's figures in next year's form: marked until the clerk has looked at them.

以此为基础新建下一年度 keeps every text and amount of last year's form. Texts that date
the plan are found by the stale-year check; amounts cannot be told from this year's by
reading them, so they are marked when the copy is made: every amount of 资金情况 that is
not zero, and every 产出成本指标 item that states a figure. A mark goes when the clerk
edits the field (``editing`` clears it, undo puts it back), and a check lists each one.

The marks travel with the draft file in ``meta.carried_over`` (their locations), so
closing and reopening the new draft does not forget them. They change nothing of the
form: a release that ignores them only loses the reminder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from declapp.form import locations as loc
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft, Item

META_KEY = "carried_over"
_FIGURE = re.compile(r"[0-9０-９]")


def states_a_figure(item: Item) -> bool:
    return any(_FIGURE.search(getattr(item, key)) for key in ("content", "value", "name"))


def next_year_draft(draft: Draft, form: FormDefinition) -> Draft:
    """This year's draft as next year's start, last year's amounts and costs marked."""
    following = draft.next_year_copy()
    following.carried = {k for k, v in following.amounts.items() if v != 0}
    for tree in form.trees():
        for group in following.trees.get(tree.id, []):
            kind = tree.group_kind(group.kind)
            cost = kind.cost_category if kind else ""
            for category in group.categories:
                if cost and category.name.strip() == cost:
                    for item in category.items:
                        item.carried = states_a_figure(item)
    return following


def carried_items(draft: Draft) -> Iterable[tuple[str, int, int, int, Item]]:
    """(tree, group, category, item, the item) of every marked item, in the form's order."""
    for tree, groups in draft.all_groups():
        for gi, group in enumerate(groups):
            for ci, category in enumerate(group.categories):
                for ii, item in enumerate(category.items):
                    if item.carried:
                        yield tree, gi, ci, ii, item


def carried_locations(draft: Draft) -> list[str]:
    """The location of every mark, amounts first (for the file's meta)."""
    found = sorted(k for k in draft.carried if k in draft.amounts)
    return found + [loc.item(gi, ci, ii, tree=tree)
                    for tree, gi, ci, ii, _item in carried_items(draft)]


def mark(draft: Draft, locations: Any) -> None:
    """Set the marks named by *locations* (a list read from a file: anything that is not
    a location of this draft is passed over — the marks are a reminder, not the form)."""
    if not isinstance(locations, list):
        return
    for text in locations:
        place = loc.parse(text) if isinstance(text, str) else None
        if place is None:
            continue
        if place.field and place.field in draft.amounts:
            draft.carried.add(place.field)
        elif place.tree and len(place.path) == 3 and not place.attr:
            g, c, i = place.path
            groups = draft.trees.get(place.tree, [])
            if g < len(groups) and c < len(groups[g].categories) \
                    and i < len(groups[g].categories[c].items):
                groups[g].categories[c].items[i].carried = True


def any_carried(draft: Draft) -> bool:
    return bool(draft.carried) or any(True for _ in carried_items(draft))
