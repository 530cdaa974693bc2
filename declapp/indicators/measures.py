"""Reading the measurable part of an indicator's text: sign, number and unit.

``群众满意度达到95%以上`` holds the measure ≥ 95 %, ``成本控制在6416.19万元之内`` the
measure ≤ 6416.19 万元. The proposals (``declapp.indicators.proposals``) and the reviewer checks
read free text through here, so both understand a text the same way.

Full-width digits and signs are read as half-width through a table that keeps every
character in its place, so a match's position is a position in the clerk's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from declapp.form.model import OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT, OP_QUALITATIVE

# One character for one, so that positions stay where they were.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，％＋－＜＞＝", "0123456789.,%+-<>=")


def half_width(text: str) -> str:
    """*text* with full-width digits, ``．`` ``，`` ``％`` and signs read as half-width."""
    return text.translate(_HALF_WIDTH)


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse_number(text: str) -> Decimal | None:
    """The number a 指标值 holds (``95``, ``6416.19``, ``９５``), or None if it is not one.

    Thousands separators are not a number to the budget system: ``6,416.19`` is None.
    """
    s = half_width(text).strip()
    if not _PLAIN_NUMBER.fullmatch(s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid input
        return None


def plain_number(text: str) -> str:
    """``"6,416.19"`` → ``"6416.19"``, ``"９５"`` → ``"95"``: how a value is kept."""
    return half_width(text).replace(",", "").strip()


# Units a measure in running text may have. Only these are read in a sentence: "3类"
# or "497号" are no measures. Longest first, so that 人次 wins over 人.
UNITS = (
    "个百分点", "个工作日", "平方公里", "平方米", "立方米", "万人次", "万元", "亿元", "千元",
    "人次", "户次", "件次", "场次", "工作日", "小时", "分钟", "公里", "千米", "公顷",
    "%", "‰", "元", "个", "项", "次", "户", "人", "名", "天", "件", "场", "期", "条", "处",
    "所", "家", "座", "台", "辆", "吨", "份", "批", "篇", "册", "张", "米", "㎡", "棵", "株",
    "间", "套", "栋", "幢", "区", "支", "队", "课", "节", "周", "季度", "个月",
)
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# "50元/人/月", "3次/年": a unit per something.
_PER = r"(?:/[\u4e00-\u9fff]{1,2}){0,2}"

# Words before a number that give its sign, longest first within each sign.
_SIGN_WORDS: tuple[tuple[str, str], ...] = (
    ("大于等于", OP_GE), ("大于或等于", OP_GE), ("不低于", OP_GE), ("不少于", OP_GE),
    ("不小于", OP_GE), ("至少", OP_GE), ("达到", OP_GE), ("≥", OP_GE), (">=", OP_GE),
    ("≧", OP_GE), ("达", OP_GE),
    ("小于等于", OP_LE), ("小于或等于", OP_LE), ("不超过", OP_LE), ("不高于", OP_LE),
    ("不多于", OP_LE), ("不大于", OP_LE), ("控制在", OP_LE), ("≤", OP_LE), ("<=", OP_LE),
    ("≦", OP_LE), ("最多", OP_LE),
    ("超过", OP_GT), ("大于", OP_GT), ("高于", OP_GT), ("多于", OP_GT), (">", OP_GT),
    ("低于", OP_LT), ("小于", OP_LT), ("少于", OP_LT), ("<", OP_LT),
    ("等于", OP_EQ), ("为", OP_EQ), ("是", OP_EQ), ("=", OP_EQ),
)
_SIGN = "|".join(re.escape(w) for w, _ in sorted(_SIGN_WORDS, key=lambda p: -len(p[0])))
_SIGN_OF = dict(_SIGN_WORDS)
# Words after a measure that give or confirm its sign.
_SUFFIX_SIGN = {"及以上": OP_GE, "以上": OP_GE, "及以下": OP_LE, "以下": OP_LE,
                "以内": OP_LE, "之内": OP_LE}
_SUFFIX = "|".join(sorted(_SUFFIX_SIGN, key=len, reverse=True))
# "300余名", "20多个": at least that many.
_MORE = "余|多"


@dataclass(frozen=True)
class Measure:
    """A measure found in a text, with where it stands (``start``/``end``, sign words and
    suffix included)."""

    op: str
    number: str  # as the budget system keeps it: half-width, no thousands separators
    unit: str
    start: int
    end: int
    sign_word: str = ""


def _combine(sign_word: str, suffix: str, more: str) -> str:
    before = _SIGN_OF.get(sign_word, "")
    after = _SUFFIX_SIGN.get(suffix, "")
    if more:
        after = after or OP_GE
    # "达到95%以上", "控制在…之内": the suffix is the plainer word when they differ,
    # except after an explicit comparison (不低于, 超过, ≤ …).
    if before in ("", OP_EQ) or sign_word in ("达到", "达"):
        return after or before or OP_EQ
    return before


_GAP = r"[ \t\u3000]*"  # spaces within a line; a measure never runs over a line end
_IN_TEXT = re.compile(
    rf"(?P<sign>{_SIGN})?{_GAP}(?P<number>{_NUMBER}){_GAP}(?P<more>{_MORE})?{_GAP}"
    rf"(?P<unit>(?:{_UNIT}){_PER}){_GAP}(?P<suffix>{_SUFFIX})?")
# A year, a date or a document number is no measure: 2018年, 12月31日, 〔2012〕497号.
_NOT_BEFORE = re.compile(r"[\d.,〔\[第]$")


def measures_in(text: str) -> list[Measure]:
    """The measures a running text states, in order: ``苗木存活率达到95%以上`` gives
    ≥ 95 %. Numbers without a known unit are left alone."""
    half = half_width(text)
    found = []
    for m in _IN_TEXT.finditer(half):
        if _NOT_BEFORE.search(half[:m.start("number")]):
            continue
        op = _combine(m.group("sign") or "", m.group("suffix") or "", m.group("more") or "")
        found.append(Measure(op=op, number=plain_number(m.group("number")),
                             unit=text[m.start("unit"):m.end("unit")].replace("％", "%"),
                             start=m.start(), end=m.end(), sign_word=m.group("sign") or ""))
    return found


_VALUE = re.compile(
    rf"\s*(?P<sign>{_SIGN})?\s*(?P<number>{_NUMBER})\s*(?P<more>{_MORE})?\s*"
    rf"(?P<unit>[^\d\s]{{0,10}}?)\s*(?P<suffix>{_SUFFIX})?[\s。；;，,]*")


# A date the value keeps to (6月底前足额发放, 2025年底前完工, 12月31日前完成): the number
# is a day of the calendar, not a count with a unit; 6个月 and 3个工作日 are counts.
_DATE = re.compile(r"\s*\d{1,4}\s*(?:年(?:底|末|初|中|内|\d{1,2}月)|"
                   r"月(?:底|末|初|中|份|前|内|上旬|中旬|下旬|\d{1,2}[日号])|[日号](?:前|之前|以前))")


@dataclass(frozen=True)
class Value:
    """A 指标值 as the budget system keeps it: sign, value and unit."""

    op: str
    value: str
    unit: str


def parse_value(text: str) -> Value | None:
    """A whole 指标值 as typed in a free-text item, split: ``≥95%`` → ≥ 95 %, ``10项`` →
    ＝ 10 项, ``95%以上`` → ≥ 95 %; a text without digits (``按期完成``, ``不低于上年``)
    or one that opens with a date (``6月底前足额发放``) is 定性. None when it holds digits
    but cannot be split (``第3季度前``)."""
    text = text.strip()
    if not text:
        return None
    half = half_width(text)
    if not re.search(r"\d", half) or _DATE.match(half):
        return Value(OP_QUALITATIVE, text.rstrip("。；;，, "), "")
    m = _VALUE.fullmatch(half)
    if m is None:
        return None
    unit = text[m.start("unit"):m.end("unit")].replace("％", "%").strip()
    if any(ch in unit for ch in "，,。；;：:（）()《》“”\"'"):
        return None
    op = _combine(m.group("sign") or "", m.group("suffix") or "", m.group("more") or "")
    return Value(op, plain_number(m.group("number")), unit)


# --- what a measure measures -------------------------------------------------------------

# A clause ends at these; 、 does not end one (学习、培训次数 is one name).
CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n]")
# Connectives that open a clause without saying anything of the indicator: dropped from
# a name. Scope words (全年, 累计) say something and stay.
_LEADING = ("确保", "保证", "力争", "实现", "其中", "并且", "同时", "主要", "具体", "涉及",
            "共", "并", "且", "使", "让", "将")
_TRAILING = ("的", "在", "要", "需", "应", "已", "均", "共", "约")
# A share follows the amount it belongs to: "…6416.19万元，占全年项目支出总额的20.73%".
_SHARE_OPENING = "占"
MIN_FOUND_NAME = 3  # "人均", "具体" name nothing a reviewer would recognise


def strip_name(name: str) -> str:
    """*name* without quotes, leading connectives (确保, 实现) and trailing particles."""
    name = name.strip(" \t\u3000“”\"'")
    changed = True
    while changed and name:
        changed = False
        for word in _LEADING:
            if name.startswith(word) and len(name) > len(word):
                name, changed = name[len(word):].lstrip(), True
        for word in _TRAILING:
            if name.endswith(word) and len(name) > len(word):
                name, changed = name[:-len(word)].rstrip(), True
    return name


def named_measures(text: str) -> list[tuple[str, Measure]]:
    """Each measure of *text* with what it measures: the words of its clause before it
    (``苗木存活率达到95%以上`` → 苗木存活率). Shares of an amount (占…的20.73%) are left out;
    a name may be empty or long, the caller decides what it accepts."""
    found = []
    for measure in measures_in(text):
        clause_start = 0
        for m in CLAUSE_END.finditer(text, 0, measure.start):
            clause_start = m.end()
        name = strip_name(text[clause_start:measure.start])
        if not name.startswith(_SHARE_OPENING):
            found.append((name, measure))
    return found
