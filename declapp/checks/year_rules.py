"""A stale year: text that dates this year's plan with another year.

This is what catches a draft copied from last year. Years that name something else are
left alone: inside 《…》 titles, 〔2012〕 document numbers, and future target years
(到2025年) that a plan may well name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from declapp import locations as loc
from declapp.checks.findings import WARNING, CheckContext, Finding
from declapp.model import Draft

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年(度)?")
# Spans whose years are names, not dates of this plan.
_QUOTED = re.compile(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|【[^】]*】|<<[^>]*>>")
# Paragraph openings: "2019年，…", "（一）2019年…", "1、2019年…".
_OPENING = re.compile(r"^[\s　]*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])?[\s　]*$")
_AS_OF = ("截止", "截至", "截止到", "截至到")
_SINCE = ("以来", "至今", "起", "开始", "到", "至")
_REFERENCE = ("与", "较", "比", "根据", "对比", "相比", "同", "依据", "按照")
_DATE_AFTER = re.compile(r"\s*(?:\d{1,2}\s*月|[底末内前]|上半年|下半年)")


def texts_of(draft: Draft) -> Iterator[tuple[str, str]]:
    """(location, text) of every free text of the draft."""
    yield loc.department("name"), draft.department.name
    yield loc.department("functions"), draft.department.functions
    yield "goals", draft.goals
    for gi, group in enumerate(draft.indicators):
        yield loc.group(gi, "name"), group.name
        for ci, category in enumerate(group.categories):
            for ii, item in enumerate(category.items):
                for attr in loc.ITEM_ATTRS:
                    yield loc.item(gi, ci, ii, attr), getattr(item, attr)
    yield "notes", draft.notes


def stale_years(text: str, year: int) -> list[str]:
    """The year mentions in *text* that date the plan with a year other than *year*."""
    masked = _QUOTED.sub(lambda m: "※" * len(m.group(0)), text)
    found: list[str] = []
    for match in _YEAR.finditer(masked):
        mentioned = int(match.group(1))
        if mentioned == year:
            continue
        line_start = masked.rfind("\n", 0, match.start()) + 1
        before = masked[line_start:match.start()]
        after = masked[match.end():match.end() + 4]
        past = mentioned < year
        # "2019年，…" opens a plan; "2019年以来…" looks back over a span and may open one.
        opening = bool(_OPENING.match(before)) and not after.startswith(_SINCE)
        as_of = before.rstrip().endswith(_AS_OF) and past
        # "2019年度" dates a plan, unless it is compared with or relied on: 与2019年度相比.
        dated_year = match.group(2) is not None and past and \
            not before.rstrip().endswith(_REFERENCE)
        # "于2021年12月31日前完成", "2021年底前", "计划2021年6月完成": a deadline in the past.
        deadline = match.group(2) is None and past and bool(_DATE_AFTER.match(after))
        if opening or as_of or dated_year or deadline:
            found.append(match.group(0))
    return found


def stale_year(ctx: CheckContext) -> Iterator[Finding]:
    year = ctx.draft.year
    for location, text in texts_of(ctx.draft):
        found = stale_years(text, year)
        if found:
            shown = "、".join(dict.fromkeys(f"“{s}”" for s in found))
            yield Finding(
                "stale-year", WARNING,
                f"文字中的{shown}与表单年度 {year} 不符，可能是从往年草稿复制来的。", location,
                found[0])


RULES = [stale_year]
