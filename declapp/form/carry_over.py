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
from declapp.form.definition import TemplateProfile
from declapp.form.model import FUND_FIELDS, Draft, Item

META_KEY = "carried_over"
_FIGURE = re.compile(r"[0-9０-９]")


def states_a_figure(item: Item) -> bool:
    return any(_FIGURE.search(getattr(item, key)) for key in ("content", "value", "name"))


def next_year_draft(draft: Draft, profile: TemplateProfile) -> Draft:
    """This year's draft as next year's start, last year's amounts and costs marked."""
    following = draft.next_year_copy()
    following.funds.carried = {k for k in FUND_FIELDS if following.funds.get(k) != 0}
    for group in following.indicators:
        for category in group.categories:
            if category.name.strip() == profile.cost_category:
                for item in category.items:
                    item.carried = states_a_figure(item)
    return following


def carried_locations(draft: Draft) -> list[str]:
    """The location of every mark, in the order of the form (for the file's meta)."""
    found = [loc.fund(k) for k in FUND_FIELDS if k in draft.funds.carried]
    for gi, group in enumerate(draft.indicators):
        for ci, category in enumerate(group.categories):
            found += [loc.item(gi, ci, ii) for ii, item in enumerate(category.items)
                      if item.carried]
    return found


def mark(draft: Draft, locations: Any) -> None:
    """Set the marks named by *locations* (a list read from a file: anything that is not
    a location of this draft is passed over — the marks are a reminder, not the form)."""
    if not isinstance(locations, list):
        return
    for text in locations:
        place = loc.parse(text) if isinstance(text, str) else None
        if place is None:
            continue
        section, _, key = place.field.partition(".")
        if section == "funds" and key in FUND_FIELDS:
            draft.funds.carried.add(key)
        elif len(place.path) == 3 and not place.attr:
            g, c, i = place.path
            if g < len(draft.indicators) and c < len(draft.indicators[g].categories) \
                    and i < len(draft.indicators[g].categories[c].items):
                draft.indicators[g].categories[c].items[i].carried = True


def any_carried(draft: Draft) -> bool:
    return bool(draft.funds.carried) or any(
        item.carried for g in draft.indicators for c in g.categories for item in c.items)


def carried_items(draft: Draft) -> Iterable[tuple[int, int, int, Item]]:
    for gi, group in enumerate(draft.indicators):
        for ci, category in enumerate(group.categories):
            for ii, item in enumerate(category.items):
                if item.carried:
                    yield gi, ci, ii, item
