"""What a proposal may call a measure: a noun phrase a reviewer reads as its name.

The words before a measure (``苗木存活率达到95%以上`` → 苗木存活率) or a value
(``群众满意度`` / ``≥95%``) become a 三级指标名称 only when they name what is measured:
no list number (``5.``), no word of instruction (需, 确保), no trailing ``：``, nothing
after the measure that it counts (``设置20个宣传栏``), and a last word that fits the
unit: a rate for ``%``, an amount of money for 万元, a time for 工作日. Words that name
a thing counted are named as the count (``开展培训`` + 次 → 开展培训次数, ``社工人员`` +
名 → 社工人数); ``费用高于项目总额的30%`` names a share (费用占项目总额比例 ＞ 30 %).
Anything else is no name, and the reason says why: better no proposal than a bad one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from declapp.form.model import NAME_MAX_CHARS, OP_EQ, OP_GE, OP_GT, OP_LE, OP_LT
from declapp.indicators.measures import MIN_FOUND_NAME, half_width, measures_in, strip_name

# "5." "1、" "（3）" "(2)" "一、" "①" before the words of an item (read half-width).
_LIST_NUMBER = re.compile(r"^\s*(?:[（(]\s*(?:[0-9]+|[一二三四五六七八九十]+)\s*[)）]"
                          r"|[0-9]+\s*[.、)）](?![0-9])|[一二三四五六七八九十]+\s*[、.]"
                          r"|[①-⑳⑴-⒇⒈-⒛])\s*")
# Words that tell the clerk what to do, not what is measured: dropped before a name.
_INSTRUCTION = ("必须", "务必", "需要", "要求", "应当", "争取", "力争", "确保", "保证", "做到",
                "需", "须", "应", "要", "请")
# Words asking to improve something: a name that starts with one is an instruction.
_IMPERATIVE = ("加强", "推进", "推动", "完善", "落实", "深化", "做好", "坚持", "持续", "强化",
               "优化", "健全", "严格", "切实", "积极", "全力", "着力", "大力", "不断", "进一步",
               "逐步", "努力", "认真", "抓好", "增强", "扎实", "提高", "提升", "降低", "减少")
# A change, not a level: "提高满意度10%" may mean by ten points.
_CHANGE = ("提高", "提升", "降低", "减少", "增加", "增长", "下降", "上升")
_CHANGE_INSIDE = ("同比", "环比", "比上年", "较上年", "比去年", "较去年")
_TRAILING = ("共计", "合计", "总计", "累计", "达到", "的", "为", "达", "约", "计", "在", "已",
             "均", "共", "是")
# Words of scope at the end move to the front: 社区议事协商活动每年 → 每年社区议事协商活动.
_SCOPE = ("每季度", "每年", "每月", "每周", "每天", "每日", "全年", "年均", "年内", "当年")
# A name that starts with a preposition says where or how, not what.
_PREPOSITION = ("按照", "根据", "依据", "通过", "围绕", "针对", "在", "按", "为", "由")
_DROPPED_PREPOSITION = ("对于", "对")  # 对低保家庭入户核查覆盖率 → 低保家庭入户核查覆盖率
# Words that begin with one of those, and are no instruction or preposition:
# 应急处置率, 需求响应率, 按期办结率, 在岗率, 对象满意度, 持续影响年限.
_NOT_A_WORD_BEFORE = ("需求", "应急", "应用", "应对", "应收", "应付", "要素", "要点", "要件",
                      "请示", "须知", "按期", "按时", "按月", "按季", "按年", "按需", "在岗",
                      "在职", "在校", "在册", "在线", "在建", "在编", "为民", "为老", "对象",
                      "对接", "对口", "对比", "对外", "由此", "持续影响")


def _starts_with(name: str, words: tuple[str, ...]) -> str:
    """The word of *words* that *name* starts with (not as part of a longer word), or ""."""
    if name.startswith(_NOT_A_WORD_BEFORE):
        return ""
    return next((w for w in words if name.startswith(w)), "")
# Comparisons inside a share: 费用高于项目总额的30%.
_SHARE_WORDS: tuple[tuple[str, str | None], ...] = (
    ("不低于", OP_GE), ("不少于", OP_GE), ("不小于", OP_GE), ("不超过", OP_LE),
    ("不高于", OP_LE), ("不大于", OP_LE), ("高于", OP_GT), ("超过", OP_GT), ("大于", OP_GT),
    ("多于", OP_GT), ("低于", OP_LT), ("少于", OP_LT), ("小于", OP_LT), ("占", None))

# The last word of a name, by the kind of unit it fits.
RATIO, MONEY, COUNT, TIME, AREA, LENGTH, MASS, OTHER = (
    "ratio", "money", "count", "time", "area", "length", "mass", "other")
_NOUNS: dict[str, tuple[str, ...]] = {
    RATIO: ("率", "度", "比例", "比重", "占比", "覆盖面", "感", "指数"),
    MONEY: ("成本", "经费", "费用", "费", "资金", "金", "金额", "支出", "投入", "预算", "补贴",
            "补助", "工资", "收入", "款", "额", "价格", "标准"),
    COUNT: ("数", "量", "人次", "户次", "场次", "件次", "规模", "频次"),
    TIME: ("时限", "时间", "时长", "天数", "周期", "期限", "时效", "工期", "年限"),
    AREA: ("面积", "规模", "量"),
    LENGTH: ("长度", "里程", "距离", "量"),
    MASS: ("量", "重量", "体积"),
}
_UNIT_KIND = {
    "%": RATIO, "％": RATIO, "‰": RATIO, "个百分点": RATIO,
    "元": MONEY, "万元": MONEY, "亿元": MONEY, "千元": MONEY,
    "天": TIME, "工作日": TIME, "个工作日": TIME, "小时": TIME, "分钟": TIME, "个月": TIME,
    "周": TIME, "季度": TIME,
    "平方米": AREA, "平方公里": AREA, "公顷": AREA, "㎡": AREA,
    "米": LENGTH, "公里": LENGTH, "千米": LENGTH, "吨": MASS, "立方米": MASS,
}
_COUNT_UNITS = frozenset("个项次户人名件场期条处所家座台辆份批篇册张棵株间套栋幢区支队课节") | {
    "人次", "户次", "件次", "场次", "万人次"}
# What a count is called after the words that name the thing counted.
_COUNT_NOUN = {"次": "次数", "件次": "次数", "人次": "人次", "万人次": "人次", "户次": "户次",
               "场": "场次", "场次": "场次", "户": "户数", "人": "人数", "名": "人数", "期": "期数",
               "件": "件数"}
_TIME_NOUN = {"天": "天数", "工作日": "时限", "个工作日": "时限"}
_EXTENDED = {AREA: "面积", LENGTH: "长度", MASS: "量"}
_PEOPLE = ("人员", "者", "员", "党员", "群众", "居民", "老人", "儿童")
# What a value that is words (定性) may belong to.
_WORK = ("工作", "任务", "内容", "目标", "事项", "项目", "进度", "计划", "活动", "工程", "建设",
         "整治", "选举", "换届", "验收", "考核", "评估", "审核", "审批", "检查", "收缴")
_QUALITY = ("质量", "效果", "水平", "情况", "状况")
_DONE = ("完成", "办结", "到位", "落实", "执行", "达标", "达成", "开展", "办理")


@dataclass(frozen=True)
class Named:
    """A name for a measure, and its sign when the words give one (a share)."""

    name: str
    op: str | None = None


def unit_kind(unit: str) -> str:
    """What a unit measures: ``RATIO`` for %, ``MONEY`` for 万元, ``COUNT`` for 项 …"""
    base = half_width(unit).split("/")[0].strip()
    if base in _UNIT_KIND:
        return _UNIT_KIND[base]
    if base in _COUNT_UNITS:
        return COUNT
    return OTHER


def clean(words: str) -> str:
    """*words* without list numbers, words of instruction, trailing particles and colons;
    a word of scope at the end goes to the front."""
    name = words
    for _ in range(4):  # "1、（2）确保…": each pass takes off what the last one uncovered
        before = name
        name = strip_name(name.strip().rstrip("：:，,、；;。！!？? \u3000"))
        number = _LIST_NUMBER.match(half_width(name))
        if number:
            name = name[number.end():]
        word = _starts_with(name, _INSTRUCTION)
        if word and len(name) > len(word) + 1:
            name = name[len(word):]
        for word in _TRAILING:
            if name.endswith(word) and len(name) > len(word) + 1:
                name = name[:-len(word)]
        word = _starts_with(name, _DROPPED_PREPOSITION)
        if word and len(name) > len(word) + 2:
            name = name[len(word):]
        if name == before:
            break
    for word in _SCOPE:
        if name.endswith(word) and len(name) > len(word) + 1:
            name = word + name[:-len(word)]
            break
    return name.strip()


def _ends_with(name: str, kind: str) -> bool:
    return name.endswith(_NOUNS.get(kind, ()))


def _measure_kind(name: str) -> str | None:
    """The kind of measure the name's last word says, if it says one."""
    for kind in (RATIO, MONEY, TIME, COUNT, AREA, LENGTH, MASS):
        if _ends_with(name, kind):
            return kind
    return None


def _two_measures(name: str) -> bool:
    """``市民诉求解决率和满意率``: two measures under one name."""
    nouns = [n for kind in (RATIO, MONEY, TIME) for n in _NOUNS[kind] if len(n) > 1 or n in "率度"]
    return any(f"{noun}{joint}" in name[:-1] for noun in nouns for joint in "和及与、")


def _share(name: str, op: str) -> Named | None:
    """``费用高于项目总额`` + %: 费用占项目总额比例, ＞."""
    for word, share_op in _SHARE_WORDS:
        subject, found, base = name.rpartition(word)
        if found and subject and base:
            subject, base = clean(subject), clean(base.removesuffix("的"))
            if len(subject) >= 2 and len(base) >= 2:
                return Named(f"{subject}占{base}比例", share_op or op)
    return None


def _is_change(name: str, kind: str) -> bool:
    """``发案率同比下降``, ``投诉量减少``: a change, not a level (``整治提升`` + 条 is
    the work counted)."""
    if any(word in name for word in _CHANGE_INSIDE):
        return True
    for word in _CHANGE:
        if name.endswith(word):
            return kind != COUNT or _measure_kind(name[:-len(word)]) is not None
    return False


def _problem(name: str, shortest: int = MIN_FOUND_NAME, kind: str = OTHER) -> str:
    """Why *name* names no measure (of *kind*), or ``""``."""
    if len(re.sub(r"[\W\d_]", "", name)) < shortest:  # words, not digits or signs
        return f"“{name}”太短，说不清计量的是什么" if name else "指标值前没有说明计量的是什么"
    # "全年走访300户、慰问" says another measure; 12345热线 or 2018年 are part of a name.
    if measures_in(name) or len(re.findall(r"[0-9]+", half_width(name))) > 1:
        return f"“{name}”中还有别的数值，不止一个指标值"
    if _starts_with(name, _PREPOSITION):
        return f"“{name}”以介词开头，不是指标名称"
    if _is_change(name, kind):
        return f"“{name}”说的是变化的幅度，不是要达到的数值"
    if _two_measures(name):
        return f"“{name}”含有两个指标，应分成两项"
    return ""


def measure_name(words: str, unit: str, op: str, *, extend: bool = True,
                 shortest: int = MIN_FOUND_NAME) -> Named | str:
    """The name for the measure *unit* (sign *op*) that *words* stand for, or why there is
    none. With *extend*, words naming a thing counted become the count's name; a name
    the clerk wrote as such (the whole 指标内容) may be as short as *shortest*."""
    name = clean(words)
    kind = unit_kind(unit)
    if kind == RATIO and not _ends_with(name, RATIO):
        shared = _share(name, op)
        if shared is not None:
            problem = _problem(shared.name, shortest, kind)
            if not problem and len(shared.name) > NAME_MAX_CHARS:
                problem = f"“{shared.name}”超过 {NAME_MAX_CHARS} 个字"
            return problem or shared
    for word in ("提高", "提升", "降低", "减少"):
        if name.startswith(word) and len(name) > len(word) + 2:
            if op == OP_EQ:
                return f"“{name}”说的可能是变化的幅度"
            name = name[len(word):]  # "提高满意度达到95%": the level is the measure
    problem = _problem(name, shortest, kind)
    if problem:
        return problem
    said = _measure_kind(name)
    fits = said == kind or (kind == OTHER and said is not None) or _ends_with(name, kind)
    if not fits:
        extension = _extension(name, unit, kind) if extend and said is None else ""
        if not extension:
            return f"“{name}”没有说明计量的是什么（与单位“{unit}”不相称）" if unit else \
                f"“{name}”没有说明计量的是什么"
        if _starts_with(name, _IMPERATIVE):
            return f"“{name}”是工作要求，不是指标名称"
        if measures_in(extension):  # "热线12345" + 次 would read 12345次
            return f"“{name}”以数字结尾，说不清计量的是什么"
        name = extension
    if len(name) > NAME_MAX_CHARS:
        return f"“{name}”超过 {NAME_MAX_CHARS} 个字"
    return Named(name)


def _extension(name: str, unit: str, kind: str) -> str:
    """*name* of a thing counted (or measured) made the name of the count: ``""`` if the
    unit gives no such name."""
    base = half_width(unit).split("/")[0].strip()
    if kind == COUNT:
        noun = _COUNT_NOUN.get(base, "数量")
        if noun in ("人数", "人次") and name.endswith("人员"):
            return name[:-2] + noun  # 社工人员 → 社工人数
        if noun == "数量" and name.endswith(_PEOPLE):
            return name + "人数" if base in ("人", "名") else name + noun
        return name + noun
    if kind == TIME:
        return name + _TIME_NOUN.get(base, "时长")
    if kind in _EXTENDED:
        return name + _EXTENDED[kind]
    return ""


def qualitative_name(words: str, value: str, shortest: int = MIN_FOUND_NAME) -> Named | str:
    """The name for a value in words (``按期完成``, ``不低于上年``), or why there is none:
    a task for a value that says it is done, a measure or a quality for any other."""
    name = clean(words)
    problem = _problem(name, shortest)
    if problem:
        return problem
    if _starts_with(name, _IMPERATIVE):
        return f"“{name}”是工作要求，不是指标名称"
    done = any(word in value for word in _DONE)
    if (done and name.endswith(_WORK)) or _measure_kind(name) is not None \
            or name.endswith(_QUALITY):
        return Named(name) if len(name) <= NAME_MAX_CHARS else \
            f"“{name}”超过 {NAME_MAX_CHARS} 个字"
    return f"“{name}”没有说明“{value}”说的是哪项工作或哪个指标"
