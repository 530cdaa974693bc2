"""转为结构化: proposing how a free-text item splits into the budget system's fields.

``propose_item`` reads one free-text item and proposes structured items for the clerk
to confirm or change: ``完成整治：10项`` → 完成整治 / ＝ / 10 / 项, ``群众满意度达到95%以上``
→ 群众满意度 / ≥ / 95 / %. Nothing is applied here: ``apply_proposals`` applies only the
proposals the clerk accepted, and checks each still matches the item it was made for.

Text is never lost: when the name and the measure do not account for the whole text
(connectives such as 确保 aside), the whole text stays in the proposed item's 指标内容.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from declapp.errors import ClerkError
from declapp.form import locations as loc
from declapp.form.model import NAME_MAX_CHARS, OP_QUALITATIVE, VALUE_MAX_CHARS, Draft, Item
from declapp.form.text import clean_text
from declapp.indicators.measures import (
    CLAUSE_END,
    MIN_FOUND_NAME,
    Measure,
    Value,
    named_measures,
    parse_value,
    strip_name,
)
from declapp.indicators.wording import printed_text, value_text

KEPT_NOTE = "原文保留在指标内容中，请删去已拆出的部分。"


@dataclass(frozen=True)
class Proposal:
    """Structured items proposed for the free-text item at *location* (usually one; one
    per measure when the text states several). ``note`` says what the clerk should look at."""

    location: str
    old: Item
    items: tuple[Item, ...]
    note: str = ""


@dataclass(frozen=True)
class NoProposal:
    """A free-text item that cannot be split, and why (a sentence for the clerk)."""

    location: str
    old: Item
    reason: str


def _trim(text: str) -> str:
    return text.strip().strip("。；;，,：: \u3000")


# --- one item --------------------------------------------------------------------------

def _structured(name: str, value: Value, content: str = "") -> Item:
    unit = "" if value.op == OP_QUALITATIVE else value.unit
    return Item(name=name, op=value.op, value=value.value, unit=unit, content=content)


def _from_value(content: str, value_text: str) -> tuple[tuple[Item, ...], str] | str:
    """A version 1 item with a value: the content names it, the value splits."""
    value = parse_value(value_text)
    if value is None:
        return f"指标值“{value_text.strip()}”无法拆成计算符号、数值和单位，请手工填写。"
    if len(value.value) > VALUE_MAX_CHARS:
        return f"指标值超过 {VALUE_MAX_CHARS} 个字，一体化系统不接受，请先缩短。"
    name = _trim(content)
    if not name:
        return "没有指标内容可作三级指标名称，请先填写指标内容。"
    if "\n" not in name and len(name) <= NAME_MAX_CHARS:
        return (_structured(name, value),), ""
    clauses = [c for c in map(strip_name, CLAUSE_END.split(name)) if c]
    last = clauses[-1] if clauses else ""
    if 2 <= len(last) <= NAME_MAX_CHARS:
        return (_structured(last, value, content.strip()),), KEPT_NOTE
    return f"指标内容超过 {NAME_MAX_CHARS} 个字，找不到合适的三级指标名称，请手工填写。"


def _colon_split(text: str) -> Item | None:
    """``完成整治：10项`` → 完成整治 / ＝ / 10 / 项, when the whole text is name：value."""
    name, colon, rest = text.partition("：")
    if not colon:
        name, colon, rest = text.partition(":")
    name = strip_name(name)
    if not colon or not name or len(name) > NAME_MAX_CHARS or CLAUSE_END.search(name):
        return None
    value = parse_value(_trim(rest))
    if value is None or len(value.value) > VALUE_MAX_CHARS:
        return None
    if value.op == OP_QUALITATIVE and CLAUSE_END.search(value.value):
        return None  # a sentence after a colon is no 指标值
    return _structured(name, value)


def _consumed(text: str, name: str, measure: Measure) -> bool:
    """True when the text is nothing but the name and the measure (and filler words such
    as 全年, 确保): then nothing needs keeping in 指标内容."""
    return strip_name(_trim(text[:measure.start])) == name and not _trim(text[measure.end:])


def _from_measures(text: str) -> tuple[tuple[Item, ...], str] | None:
    found = [(name, m) for name, m in named_measures(text)
             if MIN_FOUND_NAME <= len(name) <= NAME_MAX_CHARS]
    if not found:
        return None
    items = [_structured(name, Value(m.op, m.number, m.unit)) for name, m in found]
    name, measure = found[0]
    if len(found) == 1 and _consumed(text, name, measure):
        return (items[0],), ""
    items[0] = replace(items[0], content=text.strip())
    note = KEPT_NOTE
    if len(found) > 1:
        note = f"文中有 {len(found)} 个指标值，拆成 {len(found)} 项；{KEPT_NOTE}"
    return tuple(items), note


# "突发性或临时性工作目标按照相关部门要求及时完成" → 定性: what / how it is done.
_QUALITATIVE = re.compile(r"(?P<name>[^，,；;。]{3,30}?)(?P<value>(?:按照|按|根据|依据)[^，,；;。]+"
                          r"(?:完成|执行|落实|到位|开展|办理))[。；;]?")
_NOTHING = ("不涉及", "无", "暂无", "没有")


def propose_item(item: Item, location: str = "") -> Proposal | NoProposal:
    """A proposal for the free-text *item*, or why there is none."""
    item = replace(item)  # a copy: the window edits items in place while the list is open
    if item.is_structured:
        return NoProposal(location, item, "已是结构化指标。")
    content, value = clean_text(item.content), clean_text(item.value)
    if not content.strip() and not value.strip():
        return NoProposal(location, item, "空白指标，没有可拆分的内容。")
    if value.strip():
        result = _from_value(content, value)
        if isinstance(result, str):
            return NoProposal(location, item, result)
        return Proposal(location, item, *result)
    text = content.strip()
    if _trim(text) in _NOTHING:
        return NoProposal(location, item, f"写的是“{_trim(text)}”，没有指标值可拆分。")
    colon = _colon_split(text)
    if colon is not None:
        return Proposal(location, item, (colon,))
    measured = _from_measures(text)
    if measured is not None:
        return Proposal(location, item, *measured)
    qualitative = _QUALITATIVE.fullmatch(text)
    if qualitative and len(qualitative.group("value")) <= VALUE_MAX_CHARS:
        name = strip_name(qualitative.group("name"))
        if len(name) >= MIN_FOUND_NAME:
            return Proposal(location, item, (Item(name=name, op=OP_QUALITATIVE,
                                                  value=qualitative.group("value")),))
    return NoProposal(location, item, "没有找到可计量的指标值（数值和单位，或“按…完成”），"
                                      "请手工拆分。")


# --- many items ------------------------------------------------------------------------

def propose_category(draft: Draft, g: int, c: int) -> list[Proposal | NoProposal]:
    """Proposals for every free-text item of the category at (*g*, *c*), in order;
    structured and blank items are left out."""
    items = draft.indicators[g].categories[c].items
    return [propose_item(item, loc.item(g, c, i)) for i, item in enumerate(items)
            if not item.is_structured and (item.content.strip() or item.value.strip())]


def propose_draft(draft: Draft) -> list[Proposal | NoProposal]:
    """Proposals for every free-text item of the form, in the order of the form."""
    return [p for g, group in enumerate(draft.indicators)
            for c in range(len(group.categories)) for p in propose_category(draft, g, c)]


class StaleProposal(ClerkError):
    """A proposal whose item has changed since it was made."""


def replaced_items(draft: Draft, accepted: Iterable[Proposal]
                   ) -> dict[tuple[int, int], list[Item]]:
    """The new item list of every category an accepted proposal changes, keyed by
    (group, category): what one undoable step puts in place (and undo puts back). The
    proposed items are copies; an item no proposal touches is the draft's own object,
    so that the step leaves it (and whatever shows it) as it is.

    Every proposal must still match its item (``StaleProposal`` otherwise, and nothing
    is applied): the draft may have been edited while the clerk reviewed the list.
    """
    by_place: dict[tuple[int, int, int], Proposal] = {}
    for proposal in accepted:
        place = loc.parse(proposal.location)
        path = place.path if place is not None else ()
        if len(path) != 3 or not proposal.items:
            raise ValueError(f"not an item proposal: {proposal.location!r}")
        g, c, i = path
        try:
            current = draft.indicators[g].categories[c].items[i]
        except IndexError:
            current = None
        if current != proposal.old or (g, c, i) in by_place:
            raise StaleProposal("建议生成后指标已被修改，请重新生成“转为结构化”建议。")
        by_place[(g, c, i)] = proposal
    lists: dict[tuple[int, int], list[Item]] = {}
    # From the last item back, so that a split into several items moves nothing ahead.
    for (g, c, i), proposal in sorted(by_place.items(), reverse=True):
        items = lists.setdefault((g, c), list(draft.indicators[g].categories[c].items))
        items[i:i + 1] = [replace(p) for p in proposal.items]  # copies
    return lists


def apply_proposals(draft: Draft, accepted: Iterable[Proposal]) -> Draft:
    """A copy of *draft* with each accepted proposal's item replaced by its items; the
    draft itself is left as it is. ``StaleProposal`` as for ``replaced_items``."""
    result = draft.copy()
    for (g, c), items in replaced_items(draft, accepted).items():
        result.indicators[g].categories[c].items = [replace(i) for i in items]
    return result


# --- the way back ----------------------------------------------------------------------

def free_text_of(item: Item) -> Item:
    """The structured *item* as a free-text item that prints exactly as it did: the name
    with its 指标值 as the value (``名称`` / ``≥95%``) when there is no 指标内容, else
    the whole printed text as content. 指标解释 and 评（扣）分标准, which the form does not
    print, are not kept: the window asks before it drops them. A free-text item keeps its
    content and value and loses any structured field it held without a name."""
    if not item.is_structured:
        return Item(content=item.content, value=item.value)
    if not item.content.strip():
        return Item(content=" ".join(clean_text(item.name).split()), value=value_text(item))
    return Item(content=printed_text(item))
