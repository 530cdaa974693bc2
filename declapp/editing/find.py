"""查找 / 替换 over every text of a draft (``declapp.form.texts``): the window's dialog
only asks and shows; what is found and what a replace changes is decided here.

A match is a place in one text (its location and the span of characters), in the order
of the form. Replacing one match is a ``SetValue``; 全部替换 is one ``SetValues``, so it
is one undo step. A replace keeps the carried-over mark of an item from last year's
form (``carry_over``): changing a year in its text does not review its figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from declapp.editing.access import EditError, get_value, is_carried
from declapp.editing.operations import SetValue, SetValues
from declapp.form import locations as loc
from declapp.form.definition import FormDefinition
from declapp.form.model import ITEM_FIELDS, Draft
from declapp.form.texts import texts_of


@dataclass(frozen=True)
class Match:
    """*text*[start:end] of the field or node text at *location* is what was sought;
    *order* is the text's place in the form (the n-th text of ``texts_of``)."""

    location: str
    start: int
    end: int
    order: int

    @property
    def key(self) -> tuple[int, int]:
        return self.order, self.start


@dataclass(frozen=True)
class Query:
    """What to find and, for a replace, what to put instead."""

    text: str
    replacement: str = ""
    match_case: bool = False

    def pattern(self) -> re.Pattern[str] | None:
        if not self.text:
            return None
        flags = 0 if self.match_case else re.IGNORECASE
        return re.compile(re.escape(self.text), flags)


def _shown(draft: Draft, form: FormDefinition, location: str) -> bool:
    """True when the window shows the text at *location* in a field the clerk may type in
    (not a column a later stage keeps read-only, nor a name the form does not show)."""
    place = loc.parse(location)
    if place is None:
        return False
    if place.tree:
        part = form.find_tree(place.tree)
        if part is None:
            return False
        depth = len(place.path)
        column = part.column(place.attr)
        if depth == 3:
            # An item's own texts are typed in its pane (all but the 计算符号, one of six);
            # a column the template adds, if it takes text; none a later stage locks.
            if column is None:
                return place.attr in ITEM_FIELDS and place.attr != "op"
            return column.type in ("", "text") and not column.readonly \
                and place.attr != "op"
        if part.levels < 2 or part.locked:
            return False  # a flat list shows no names; a later stage renames nothing
        if depth == 2:
            return True
        groups = draft.trees.get(place.tree, [])
        kind = part.group_kind(groups[place.path[0]].kind) if place.path[0] < len(groups) \
            else None
        return kind is not None and kind.named
    if place.table:
        table = form.find_table(place.table)
        cell = table.column(place.attr) if table is not None else None
        return cell is not None and not cell.is_amount
    return any(f.id == place.field for f in form.text_fields())


def searchable_texts(draft: Draft, form: FormDefinition) -> Iterator[tuple[str, str]]:
    """The texts the clerk can see and edit in the window: the draft's free texts
    (``form.texts``), less those its form does not show or keeps read-only."""
    for location, text in texts_of(draft):
        if _shown(draft, form, location):
            yield location, text


def find_all(texts: Iterable[tuple[str, str]], query: Query) -> list[Match]:
    """Every match of *query* in *texts*, in the order of the texts, left to right."""
    pattern = query.pattern()
    if pattern is None:
        return []
    return [Match(location, m.start(), m.end(), order)
            for order, (location, text) in enumerate(texts)
            for m in pattern.finditer(text)]


def next_match(matches: list[Match], after: tuple[int, int] | None,
               backwards: bool = False) -> tuple[Match | None, bool]:
    """The match after (or before) the position *after* (``Match.key``; None: from the
    start, or the end going backwards), and whether the search went round the form."""
    if not matches:
        return None, False
    if after is None:
        return (matches[-1] if backwards else matches[0]), False
    if backwards:
        before = [m for m in matches if m.key < after]
        return (before[-1], False) if before else (matches[-1], True)
    later = [m for m in matches if m.key > after]
    return (later[0], False) if later else (matches[0], True)


def still_there(draft: Draft, match: Match, query: Query) -> bool:
    """True when *match* still names the sought text in the draft (nothing was typed
    there since it was found)."""
    pattern = query.pattern()
    try:
        text = get_value(draft, match.location)
    except EditError:
        return False
    return pattern is not None and isinstance(text, str) \
        and pattern.fullmatch(text, match.start, match.end) is not None


def replace_one(draft: Draft, match: Match, query: Query) -> SetValue | None:
    """The edit that replaces *match*; None when it is no longer there."""
    if not still_there(draft, match, query):
        return None
    text = get_value(draft, match.location)
    assert isinstance(text, str)
    new = text[:match.start] + query.replacement + text[match.end:]
    return SetValue(match.location, new, is_carried(draft, match.location))


@dataclass(frozen=True)
class Replacement:
    """What 全部替换 would do: the edit (None when nothing matches), how many matches
    it replaces and in how many texts."""

    op: SetValues | None
    count: int
    texts: int


def replace_all(draft: Draft, texts: Iterable[tuple[str, str]], query: Query) -> Replacement:
    """Every match of *query* in *texts* replaced: one edit, one undo step."""
    pattern = query.pattern()
    if pattern is None:
        return Replacement(None, 0, 0)
    changes: list[SetValue] = []
    count = 0
    for location, text in texts:
        # A function, not the string: a replacement holding \1 or \g<0> is text too.
        new, n = pattern.subn(lambda _m: query.replacement, text)
        if n and new != text:
            changes.append(SetValue(location, new, is_carried(draft, location)))
        count += n if new != text else 0
    if not changes:
        return Replacement(None, 0, 0)
    return Replacement(SetValues(tuple(changes)), count, len(changes))
