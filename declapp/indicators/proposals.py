"""转为结构化: proposing how a free-text item splits into the budget system's fields.

``propose_item`` reads one free-text item and proposes structured items for the clerk
to confirm or change: ``完成整治：10项`` → 完成整治数量 / ＝ / 10 / 项, ``群众满意度达到95%
以上`` → 群众满意度 / ≥ / 95 / %. Nothing is applied here: ``apply_proposals`` applies
only the proposals the clerk accepted, and checks each still matches the item it was made
for.

A proposal is one a reviewer would accept (``declapp.indicators.naming``): its name
names the measure, its sign follows the words, and a sentence with no single clear
measure gets none. The clause that moved into the name and value leaves the 指标内容,
so the form does not print the value twice; what else the text says stays there,
printed on the line below the name.
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
    Value,
    measures_in,
    parse_value,
)
from declapp.indicators.naming import Named, clean, measure_name, qualitative_name
from declapp.indicators.wording import printed_text, value_text

KEPT_NOTE = "名称和指标值已从指标内容中拆出，其余文字留在指标内容中（打印在名称的下一行），请核对。"
_NO_MEASURE = "没有找到可计量的指标值（数值和单位，或“按…完成”），请手工拆分。"


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

def _structured(named: Named, value: Value, content: str = "") -> Item:
    unit = "" if value.op == OP_QUALITATIVE else value.unit
    return Item(name=named.name, op=named.op or value.op, value=value.value, unit=unit,
                content=content)


def _named(words: str, value: Value, *, extend: bool, shortest: int) -> Named | str:
    if value.op == OP_QUALITATIVE:
        return qualitative_name(words, value.value, shortest)
    return measure_name(words, value.unit, value.op, extend=extend, shortest=shortest)


# Where clauses end: the clause ending a sentence passes its mark on when it moves out.
_SENTENCE_END = "。；;！!？?\n"
_COMMA = "，,、"
_HEADING = "：:"


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of *text*, its closing mark included."""
    spans, start = [], 0
    for m in CLAUSE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _without(text: str, moved: set[int]) -> str:
    """*text* without the clauses numbered in *moved* (``_clauses``), punctuated as a
    clerk would have written what is left; ``""`` when nothing of substance is left."""
    kept: list[str] = []
    for n, (start, end) in enumerate(_clauses(text)):
        piece = text[start:end]
        if n not in moved:
            kept.append(piece)
            continue
        mark = piece[-1] if piece and piece[-1] in _SENTENCE_END else ""
        if kept and kept[-1] and kept[-1][-1] in _HEADING:
            kept.pop()  # "社会效益：" heads only the measure that moved
        if kept and kept[-1] and kept[-1][-1] in _COMMA and mark:
            kept[-1] = kept[-1][:-1] + mark
    rest = "".join(kept).strip().lstrip(_SENTENCE_END + _COMMA + _HEADING + " \u3000")
    rest = rest.rstrip(_COMMA + _HEADING + " \u3000")
    substance = re.sub(r"[\W_]", "", rest)
    return rest if len(substance) >= 2 else ""


def _from_value(content: str, value_text: str) -> tuple[tuple[Item, ...], str] | str:
    """A version 1 item with a value: the content names it, the value splits."""
    value = parse_value(value_text)
    if value is None:
        return f"指标值“{value_text.strip()}”无法拆成计算符号、数值和单位，请手工填写。"
    if len(value.value) > VALUE_MAX_CHARS:
        return f"指标值超过 {VALUE_MAX_CHARS} 个字，一体化系统不接受，请先缩短。"
    text = content.strip()
    if not _trim(text):
        return "没有指标内容可作三级指标名称，请先填写指标内容。"
    if "\n" not in text and len(clean(text)) <= NAME_MAX_CHARS:
        named = _named(text, value, extend=True, shortest=2)
        if isinstance(named, str):
            return f"{named}，请手工填写。"
        return (_structured(named, value),), ""
    # A long text: its last clause says what the value measures, as the form printed it
    # ("…，群众满意度：≥95%"); nothing is added to a name cut from running text.
    spans = _clauses(text)
    last = next((n for n in range(len(spans) - 1, -1, -1)
                 if _trim(text[spans[n][0]:spans[n][1]])), None)
    if last is None:
        return "没有指标内容可作三级指标名称，请先填写指标内容。"
    named = _named(text[spans[last][0]:spans[last][1]], value, extend=False,
                   shortest=MIN_FOUND_NAME)
    if isinstance(named, str):
        return f"指标内容的最后一句不是指标名称：{named}，请手工填写。"
    rest = _without(text, {last})
    return (_structured(named, value, rest),), KEPT_NOTE if rest else ""


def _colon_split(text: str) -> Item | str | None:
    """``完成整治：10项`` → 完成整治数量 / ＝ / 10 / 项, when the whole text is name：value;
    why not when the name is no name; None when the text is no name：value."""
    name, colon, rest = text.partition("：")
    if not colon:
        name, colon, rest = text.partition(":")
    if not colon or not _trim(name) or CLAUSE_END.search(name.strip()):
        return None
    value = parse_value(_trim(rest))
    if value is None or len(value.value) > VALUE_MAX_CHARS:
        return None
    if value.op == OP_QUALITATIVE and CLAUSE_END.search(value.value):
        return None  # a sentence after a colon is no 指标值
    named = _named(name, value, extend=True, shortest=2)
    return named if isinstance(named, str) else _structured(named, value)


# Words after a measure that say nothing more: "约50万元左右".
_AFTER_FILLER = re.compile(r"[\s”’」』）)》]*(?:左右|上下)?[\s”’」』）)》]*")


def _from_measures(text: str) -> tuple[tuple[Item, ...], str] | str | None:
    """The measures *text* states, each named by the words of its clause before it; why
    there are none when the text states measures but none a reviewer would accept."""
    spans = _clauses(text)
    found: list[tuple[Item, int]] = []
    reasons: list[str] = []
    for m in measures_in(text):
        n = next(i for i, (start, end) in enumerate(spans) if start <= m.start < end)
        start, end = spans[n]
        after = text[m.end:end].rstrip(_SENTENCE_END + _COMMA + _HEADING)
        if not _AFTER_FILLER.fullmatch(after):
            # "设置20个宣传栏", "100%保障社工利益": the measure counts what follows it.
            reasons.append(f"“{text[m.start:m.end].strip()}”后面还有“{after.strip()[:12]}”，"
                           "说不清这个数值计量的是什么")
            continue
        named = measure_name(text[start:m.start], m.unit, m.op)
        if isinstance(named, str):
            reasons.append(named)
            continue
        found.append((_structured(named, Value(m.op, m.number, m.unit)), n))
    if not found:
        return f"{reasons[0]}，请手工拆分。" if reasons else None
    rest = _without(text, {n for _item, n in found})
    items = [item for item, _n in found]
    items[0] = replace(items[0], content=rest)
    note = KEPT_NOTE if rest else ""
    if len(items) > 1:
        note = f"文中有 {len(items)} 个指标值，拆成 {len(items)} 项。{note}"
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
    if isinstance(colon, Item):
        return Proposal(location, item, (colon,))
    measured = _from_measures(text)
    if isinstance(measured, tuple):
        return Proposal(location, item, *measured)
    qualitative = _QUALITATIVE.fullmatch(text)
    if qualitative and len(qualitative.group("value")) <= VALUE_MAX_CHARS:
        named = qualitative_name(qualitative.group("name"), qualitative.group("value"))
        if isinstance(named, Named):
            return Proposal(location, item, (Item(name=named.name, op=OP_QUALITATIVE,
                                                  value=qualitative.group("value")),))
        measured = measured or f"{named}，请手工拆分。"
    if isinstance(colon, str):  # "名称：值" with no name a reviewer would accept
        measured = f"{colon}，请手工拆分。"
    return NoProposal(location, item, measured or _NO_MEASURE)


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
