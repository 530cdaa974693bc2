"""A stale year: text that dates this year's plan with another year.

This is what catches a draft copied from last year, however the year is written
(2020年, ２０２０年, 二〇二〇年). Years that name something else are left alone: inside 《…》
titles, 〔2012〕 document numbers, comparisons (与2020年度相比), spans (2019年以来), and
future target years (到2025年) that a plan may well name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from declapp.checks.findings import WARNING, CheckContext, Finding
from declapp.form.texts import texts_of

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(度)?")
# Years as clerks write them: full-width ２０２０ and 二〇二〇 read as 2020. One character
# for one, so a match's place is its place in the clerk's text.
_DIGITS = str.maketrans("０１２３４５６７８９〇○零一二三四五六七八九",
                        "0123456789000123456789")
# Spans whose years are names, not dates of this plan.
_QUOTED = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】|<<[^>]*>>")
# Paragraph openings: "2019年，…", "（一）2019年…", "1、2019年…".
_OPENING = re.compile(r"^[\s　]*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])?[\s　]*$")
_AS_OF = ("截止", "截至", "截止到", "截至到")
_SINCE = ("以来", "至今", "起", "开始", "到", "至")
_REFERENCE = ("与", "较", "比", "根据", "对比", "相比", "同", "依据", "按照")
_DATE_AFTER = re.compile(r"\s*(?:(?:\d{1,2}|十\d?)\s*月|[底末内前]|上半年|下半年)")
# "计划2020年完成": a year the plan is to be done in, named mid-sentence.
_PLAN_BEFORE = ("计划", "预计", "力争", "争取", "确保", "拟", "拟于", "将于", "于", "在", "定于",
                "要在", "到", "务必", "预期", "期望", "目标")
_PLAN_AFTER = ("完成", "实现", "达到", "达成", "建成", "全面", "基本", "开展", "启动", "推进",
               "开工", "竣工", "投入", "落实", "继续", "持续", "着力", "重点", "力争", "争取",
               "计划", "预计", "将", "要")
# Comparisons and spans stay: 与2020年相比, 2020年同期, 2018年至2020年, 自2019年起.
_COMPARED_AFTER = ("相比", "比较", "同期", "水平", "基础上", "基数", "数据", "决算")
_SPAN_START = ("自", "从", "由")
_SPAN_END = re.compile(r"年度?\s*(?:至|到|—|－|-|～|~)\s*$")


def stale_year_spans(text: str, year: int) -> list[tuple[int, int]]:
    """Where *text* dates the plan with a year other than *year*: (start, end) of each
    mention, so that a window can select it."""
    masked = _QUOTED.sub(lambda m: "※" * len(m.group(0)), text.translate(_DIGITS))
    found: list[tuple[int, int]] = []
    for match in _YEAR.finditer(masked):
        mentioned = int(match.group(1))
        if mentioned == year:
            continue
        line_start = masked.rfind("\n", 0, match.start()) + 1
        before = masked[line_start:match.start()].rstrip()
        after = masked[match.end():match.end() + 4]
        past = mentioned < year
        span = after.startswith(_SINCE) or before.endswith(_SPAN_START) \
            or bool(_SPAN_END.search(before))
        compared = before.endswith(_REFERENCE) or after.lstrip().startswith(_COMPARED_AFTER)
        # "2019年，…" opens a plan; "2019年以来…" looks back over a span and may open one.
        # "2025年底前完工" opening a value is a deadline ahead: a multi-year plan's target.
        ahead = not past and bool(_DATE_AFTER.match(after))
        opening = bool(_OPENING.match(before)) and not after.startswith(_SINCE) \
            and not compared and not ahead
        as_of = before.endswith(_AS_OF) and past
        # "2019年度" dates a plan, unless it is compared with or relied on: 与2019年度相比.
        dated_year = match.group(2) is not None and past and not before.endswith(_REFERENCE)
        # "于2021年12月31日前完成", "2021年底前", "计划2021年6月完成": a deadline in the past.
        deadline = match.group(2) is None and past and bool(_DATE_AFTER.match(after))
        # "计划2020年完成", "力争2020年全面建成": the year the work is planned for.
        planned = past and not span and not compared and (
            before.endswith(_PLAN_BEFORE) or after.lstrip().startswith(_PLAN_AFTER))
        if opening or as_of or dated_year or deadline or planned:
            found.append((match.start(), match.end()))
    return found


def stale_years(text: str, year: int) -> list[str]:
    """The year mentions in *text* that date the plan with a year other than *year*,
    as the clerk wrote them (``2020年``, ``２０２０年``, ``二〇二〇年度``)."""
    return [text[start:end] for start, end in stale_year_spans(text, year)]


def _year_of(mention: str) -> int:
    return int(_YEAR.match(mention.translate(_DIGITS)).group(1))  # type: ignore[union-attr]


def stale_year(ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.draft.year
    # A form is filled in before its year begins: a date field (湖北's 填报日期) of the
    # year before is on time.
    dates = {f.id for f in ctx.form.text_fields() if f.type == "date"}
    shown_fields = {f.id for f in ctx.form.text_fields()}
    for location, text in texts_of(ctx.draft, blank=False):
        if "年" not in text:  # every mention the rule reads ends in 年
            continue
        if location in ctx.draft.texts and location not in shown_fields:
            continue  # kept from an earlier stage or template, not on this form's page
        found = stale_years(text, year)
        if location in dates:
            found = [s for s in found if _year_of(s) != year - 1]
        if found:
            shown = "、".join(dict.fromkeys(f"“{s}”" for s in found))
            yield Finding(
                "stale-year", WARNING,
                f"文字中的{shown}与表单年度 {year} 不符，可能是从往年草稿复制来的。", location,
                found[0],
                theme=f"以下文字中的年份与表单年度 {year} 不符，可能是从往年草稿复制来的。")


RULES = [stale_year]
