"""Drafts that exporters must print whole: the real form and the hard cases of issue 3."""

from __future__ import annotations

from decimal import Decimal

from samples import EFFECT, OUTPUT, Department, Funds, xicheng_draft

from declapp.editing.stages import to_stage
from declapp.form.definition import IndicatorsPart
from declapp.form.model import Category, Draft, Group, Item
from declapp.form.templates import load_template
from declapp.indicators.wording import value_text
from declapp.layout import FormGrid
from declapp.storage.fileformat import load
from declapp.system.paths import example_path

SENTENCE = ("坚持以人民为中心的发展思想，推进街道社区治理体系建设，"
            "完成背街小巷环境整治提升任务2021项，群众满意度达到95%以上。")


def chinese_text(n_chars: int, seed: int = 0) -> str:
    """*n_chars* characters of plausible form text, different for each *seed*."""
    base = SENTENCE[seed % len(SENTENCE):] + SENTENCE
    text = (base * (n_chars // len(SENTENCE) + 2))[:n_chars]
    return text


def example(template: str = "xicheng-2021") -> Draft:
    draft = load(example_path("zhanlanlu-2021.json"))
    draft.template = template
    load_template(template).complete(draft)  # the rows of the other template, empty
    return draft


def small_draft(template: str = "xicheng-2021") -> Draft:
    return xicheng_draft(
        template=template, year=2022,
        department=Department(name="北京市西城区人民政府测试街道办事处", head="张三",
                              phone="010-12345678", functions="负责辖区综合管理。"),
        funds=Funds(total=Decimal("100.5"), basic=Decimal("60.25"),
                    project=Decimal("40.25"), other=Decimal("0")),
        goals="目标一：做好工作。\n目标二：服务群众。",
        indicators=[
            Group(OUTPUT, "城市管理", [
                Category("产出数量指标", [Item("完成整治", "10项"), Item("培训人次", "200人次")]),
                Category("产出质量指标", [Item("合格率", "100%")]),
            ]),
            Group(EFFECT, "", [Category("社会效益指标", [Item("群众满意度", "95%")])]),
        ],
        notes="无。",
    )


def long_item_draft(template: str = "xicheng-2021", n_chars: int = 3000) -> Draft:
    """A 3,000-character item (several paragraphs), taller than an A4 page in any format."""
    draft = small_draft(template)
    paragraphs = [chinese_text(700, seed=i) for i in range(n_chars // 700)]
    paragraphs.append(chinese_text(n_chars - sum(map(len, paragraphs)), seed=7))
    draft.indicators[1].categories[0].items = [Item("\n".join(paragraphs), "")]
    return draft


def no_break_draft(template: str = "xicheng-2021") -> Draft:
    """A 500-character line with no punctuation and no line break, and a long ASCII run."""
    draft = small_draft(template)
    draft.texts["goals"] = "".join(chr(0x4E00 + (i * 37) % 2000) for i in range(500))
    draft.texts["notes"] = "A" * 120 + "0123456789" * 20
    return draft


def markup_draft(template: str = "xicheng-2021") -> Draft:
    """Text that looks like markup or like a spreadsheet formula must print as typed."""
    draft = small_draft(template)
    draft.texts["goals"] = "<b>加粗</b> & 符号 &amp; <br/> 不是标签"
    draft.indicators[0].categories[0].items = [Item("=SUM(A1)", ""), Item("+86", "-1")]
    draft.indicators[0].categories[1].items = [Item("@提及", "")]
    draft.texts["notes"] = "=SUM(A1)"
    draft.texts["department.phone"] = "-010-1234"
    return draft


def empty_categories_draft(template: str = "xicheng-2021") -> Draft:
    """A group without categories, a category without items or name, and empty texts."""
    draft = small_draft(template)
    draft.indicators.insert(1, Group(OUTPUT, "空的产出指标", []))
    draft.indicators[0].categories.append(Category("", []))
    draft.indicators[0].categories.append(Category("产出时效指标", []))
    draft.texts["goals"] = ""
    draft.texts["notes"] = ""
    return draft


def many_groups_draft(template: str = "xicheng-2021", n_groups: int = 20) -> Draft:
    draft = small_draft(template)
    groups = [
        Group(OUTPUT, f"第{i + 1}项工作", [
            Category("产出数量指标", [Item(chinese_text(40, i), f"{i}项")]),
            Category("产出质量指标", [Item(chinese_text(25, i + 3), "")]),
        ])
        for i in range(n_groups)
    ]
    draft.indicators = [*groups, draft.indicators[-1]]
    return draft


def cell_texts(grid: FormGrid) -> list[str]:
    """The grid's non-empty cell texts in reading order."""
    return [c.text for c in sorted(grid.cells, key=lambda c: (c.row, c.col)) if c.text]


def squeeze(text: str) -> str:
    """*text* without line ends, to compare text that a renderer may wrap differently."""
    return text.replace("\n", "").replace("\r", "")


EXAMPLES = sorted(p.stem for p in example_path("zhanlanlu-2021.json").parent.glob("*.json"))


def stage_draft(example_name: str, stage: str) -> Draft:
    """The example's draft made into the year's later stage: 监控, or 自评 (by way of 监控),
    as ``declapp stage`` makes it."""
    draft = load(example_path(f"{example_name}.json"))
    for step in ("监控", "自评")[:("监控", "自评").index(stage) + 1]:
        draft = to_stage(draft, load_template(draft.template), step)
    return draft


def filled_stage_draft(example_name: str, stage: str) -> Draft:
    """The example's 监控 or 自评 draft filled in as a clerk fills it, with the widest of the
    usual values: amounts up to 99999.99 (万元), rates, dates, each indicator's completion
    written like its 指标值 (≥95%, 2386.20万元, 6月底前足额发放), the longest choices."""
    draft = stage_draft(example_name, stage)
    form = load_template(draft.template)
    for amount_id in form.amount_ids():
        total = amount_id.split("@")[0].endswith("total")
        draft.amounts[amount_id] = Decimal("99999.99") if total else Decimal("49999.99")
    items = [i for g in draft.indicators for c in g.categories for i in c.items]
    adjusted = next((p.column("adjusted") for p in form.parts
                     if isinstance(p, IndicatorsPart)), None)
    adjusted_printed = adjusted is not None and adjusted.printed
    if stage == "监控":
        draft.texts["monitor.months"] = "6"
        draft.texts["monitor.cause"] = "经费保障到位，个别项目受天气影响进度滞后。"
        draft.texts["monitor.measures"] = "加快项目进度，三季度完成招标。"
    else:
        draft.texts["goals_result"] = "年度目标基本完成。"
        draft.texts["evaluation.execution_note"] = "无。"
    for n, item in enumerate(items):
        done = "2024-12-31" if n % 5 == 4 else f"{item.value}{item.unit}" if \
            item.is_structured else item.value[:12]
        if stage == "监控":
            item.extra.update({"progress": done, "expected": value_text(item) or done,
                               "likelihood": ("确定能", "有可能", "完全不可能")[n % 3],
                               "cause": "无" if n % 2 else "受天气影响，三季度赶工。"})
        else:
            item.extra.update({"actual": done, "deviation": "无" if n % 2 else "进度滞后。"})
            if n % 4 == 1 and item.is_structured:
                # As typed: the whole value where the form prints it in a column of its
                # own, else the number, which the form prints with the unit.
                item.extra["adjusted"] = value_text(item) if adjusted_printed else item.value
            if not item.is_structured:
                item.extra["band"] = "部分达成并具有一定效果"
    return draft


# Every example and the drafts of the later stages made from it: ``m-`` 监控, ``s-`` 自评.
YEAR_DRAFTS = {
    **{name: (lambda name=name: load(example_path(f"{name}.json"))) for name in EXAMPLES},
    **{f"m-{name}": (lambda name=name: stage_draft(name, "监控")) for name in EXAMPLES},
    **{f"s-{name}": (lambda name=name: stage_draft(name, "自评")) for name in EXAMPLES},
}
# The later stages' drafts filled in (``filled_stage_draft``): ``mf-`` 监控, ``sf-`` 自评.
FILLED_STAGES = {
    **{f"mf-{name}": (lambda name=name: filled_stage_draft(name, "监控")) for name in EXAMPLES},
    **{f"sf-{name}": (lambda name=name: filled_stage_draft(name, "自评")) for name in EXAMPLES},
}


CASES = {
    "example-2021": lambda: example("xicheng-2021"),
    "example-2019": lambda: example("xicheng-2019"),
    "long-item-2021": lambda: long_item_draft("xicheng-2021"),
    "long-item-2019": lambda: long_item_draft("xicheng-2019"),
    "no-break": no_break_draft,
    "markup": markup_draft,
    "empty-categories-2021": lambda: empty_categories_draft("xicheng-2021"),
    "empty-categories-2019": lambda: empty_categories_draft("xicheng-2019"),
    "twenty-groups": many_groups_draft,
}
