"""Generated drafts for benchmarks and tests: large, deterministic, realistic text.

``large_draft`` builds a form far bigger than any real one (by default 1,000 items and
500,000 characters), made of sentences in the style of real 绩效目标 texts, so that
exporters meet long paragraphs, numbering, values and punctuation as in practice.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, fields
from decimal import Decimal

from declapp.form.model import Category, Draft, Group, Item
from declapp.form.templates import load_template

# The group kinds of the 西城区 templates.
OUTPUT, EFFECT = "output", "effect"


@dataclass
class Department:
    """The unit rows of a 西城区 form, as tests write them."""

    name: str = ""
    head: str = ""
    phone: str = ""
    functions: str = ""


@dataclass
class Funds:
    """The fund rows of a 西城区 form (万元), as tests write them."""

    total: Decimal = Decimal(0)
    basic: Decimal = Decimal(0)
    project: Decimal = Decimal(0)
    other: Decimal = Decimal(0)


def xicheng_draft(template: str = "xicheng-2021", year: int = 2021,
                  department: Department | None = None, funds: Funds | None = None,
                  goals: str = "", indicators: list[Group] | None = None,
                  notes: str = "") -> Draft:
    """A draft of a 西城区 template: every field of the template, and any other unit row
    or fund given with content (kept, as an older file would keep it)."""
    form = load_template(template)
    own = {f.id for f in form.fields()}
    draft = Draft(template=template, year=year)
    for f in fields(Department):
        value = getattr(department or Department(), f.name)
        if value or f"department.{f.name}" in own:
            draft.texts[f"department.{f.name}"] = value
    for f in fields(Funds):
        amount = getattr(funds or Funds(), f.name)
        if amount != 0 or f"funds.{f.name}" in own:
            draft.amounts[f"funds.{f.name}"] = amount
    draft.texts["goals"] = goals
    draft.texts["notes"] = notes
    if indicators is not None:
        draft.indicators = indicators
    form.complete(draft)
    return draft

_PHRASES = (
    "坚持以人民为中心的发展思想", "持续提升城市精细化管理水平", "落实街巷长制和小巷管家工作机制",
    "推进背街小巷环境整治提升", "加强垃圾分类全流程管理", "完善社区养老服务驿站布局",
    "做好困难群众基本生活保障", "强化安全生产隐患排查治理", "推动老旧小区综合整治",
    "开展文明城区创建工作", "深化接诉即办改革", "提高市民诉求解决率和满意率",
    "按照年度工作计划安排进度完成", "严格执行各项政策标准", "确保资金使用规范有效",
    "加强基层党组织建设", "提升公共服务均等化水平", "保障辖区安全稳定",
)
_PUNCT = ("，", "，", "，", "；", "。")
_VALUES = ("100%", "≥95%", "按期完成", "不低于上年", "12次", "≤6416.19万元", "")


def _sentence(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        phrase = rng.choice(_PHRASES) + rng.choice(_PUNCT)
        parts.append(phrase)
        size += len(phrase)
    text = "".join(parts)[:length]
    return text[:-1] + "。" if len(text) > 1 else text


def large_draft(items: int = 1000, chars: int = 500_000, output_groups: int = 10,
                template: str = "xicheng-2021", seed: int = 2021) -> Draft:
    """A draft with *items* items holding about *chars* characters in all."""
    rng = random.Random(seed)
    profile = load_template(template)
    kinds = {k.kind: k for k in profile.tree().groups}
    out_cats = kinds[OUTPUT].categories
    eff_cats = kinds[EFFECT].categories
    slots = [(g, name) for g in range(output_groups) for name in out_cats]
    slots += [(output_groups, name) for name in eff_cats]
    per_item = max(10, (chars - 4000) // max(items, 1))
    groups = [Group(kind=OUTPUT, name=f"重点工作{g + 1}") for g in range(output_groups)]
    groups.append(Group(kind=EFFECT))
    categories: list[Category] = []
    for g, name in slots:
        category = Category(name=name)
        groups[g].categories.append(category)
        categories.append(category)
    for n in range(items):
        length = max(5, int(per_item * rng.uniform(0.6, 1.4)))
        text = _sentence(rng, length)
        if length > 200:
            # Real items hold several paragraphs.
            cut = rng.randrange(length // 3, 2 * length // 3)
            text = text[:cut] + "\n" + text[cut:]
        categories[n % len(categories)].items.append(Item(text, rng.choice(_VALUES)))
    return xicheng_draft(
        template=template, year=2021,
        department=Department(name="北京市西城区人民政府某某街道办事处", head="张三",
                              phone="010-12345678", functions=_sentence(rng, 600)),
        funds=Funds(total=Decimal("41421.22"), basic=Decimal("10470.23"),
                    project=Decimal("30950.99"), other=Decimal("0")),
        goals=_sentence(rng, 1500) + "\n" + _sentence(rng, 1500),
        indicators=groups,
        notes=_sentence(rng, 200),
    )


def bulky_draft(target_bytes: int = 31_000_000, items: int = 20_000,
                long_text_chars: int = 1_000_000, template: str = "xicheng-2021",
                seed: int = 2021) -> Draft:
    """A draft file of about *target_bytes* (the loader takes up to 32 MB), built from
    what slows exporters down: *items* items spread over many groups and categories
    (thousands of table rows), and goals, functions and notes each one paragraph of
    *long_text_chars* characters with no line break. Each character of the form text
    takes 3 bytes in the file."""
    rng = random.Random(seed)
    draft = large_draft(items=0, chars=0, output_groups=0, template=template, seed=seed)
    profile = load_template(template)
    # Characters are 3 bytes; an item's keys, value and indentation some 110 more.
    per_item = max(10, (target_bytes - 9 * long_text_chars - 110 * items) // (3 * max(items, 1)))
    kinds = {k.kind: k for k in profile.tree().groups}
    out_cats = kinds[OUTPUT].categories
    n_groups = max(1, items // (4 * len(out_cats)))
    groups = [Group(kind=OUTPUT, name=f"重点工作{g + 1}",
                    categories=[Category(name) for name in out_cats]) for g in range(n_groups)]
    effect = Group(kind=EFFECT, categories=[Category(n) for n in kinds[EFFECT].categories])
    slots = [c for g in (*groups, effect) for c in g.categories]
    for n in range(items):
        length = max(5, int(per_item * rng.uniform(0.6, 1.4)))
        slots[n % len(slots)].items.append(Item(_sentence(rng, length), rng.choice(_VALUES)))
    draft.indicators = [*groups, effect]
    draft.texts["goals"] = _sentence(rng, long_text_chars)
    draft.texts["department.functions"] = _sentence(rng, long_text_chars)
    draft.texts["notes"] = _sentence(rng, long_text_chars)
    return draft


def form_2019(seed: int = 2019) -> Draft:
    """A filled 2019 form of a real one's size: about 100 items over 5 work areas, a
    社会效益指标 cell of about 2,000 characters, goals and functions of as many."""
    draft = large_draft(items=100, chars=40_000, output_groups=5, template="xicheng-2019",
                        seed=seed)
    rng = random.Random(seed)
    draft.year = 2019
    for n, group in enumerate(draft.groups_of_kind(OUTPUT)):
        group.name = ("强化党的领导、统筹辖区工作", "城市管理和环境建设", "民生服务和保障",
                      "社区建设", "综治维稳")[n % 5]
    social = next(c for c in draft.groups_of_kind(EFFECT)[0].categories
                  if c.name == "社会效益指标")
    social.items = [Item("\n".join(_sentence(rng, 500) for _ in range(4)), "")]
    draft.texts["department.functions"] = "\n".join(_sentence(rng, 400) for _ in range(5))
    draft.texts["goals"] = "\n".join(_sentence(rng, 250) for _ in range(8))
    draft.amounts.update({"funds.total": Decimal("18891.87"), "funds.basic": Decimal("6543.21"),
                          "funds.project": Decimal("12348.66"), "funds.other": Decimal("0")})
    return draft


def as_old_version(draft: Draft, version: int = 1) -> str:
    """A 西城区 *draft* (free text only, for version 1) as a version 1 or 2 release
    wrote it: the fixed shape those versions had."""
    from declapp.storage.fileformat import dumps

    doc = json.loads(dumps(draft))
    texts, amounts = doc["texts"], doc["amounts"]
    old = {"format": doc["format"], "version": version, "template": doc["template"],
           "year": doc["year"],
           "department": {k: texts.get(f"department.{k}", "")
                          for k in ("name", "head", "phone", "functions")},
           "funds": {k: amounts.get(f"funds.{k}", "0")
                     for k in ("total", "basic", "project", "other")},
           "goals": texts.get("goals", ""), "indicators": doc["indicators"],
           "notes": texts.get("notes", "")}
    if "meta" in doc:
        old["meta"] = doc["meta"]
    return json.dumps(old, ensure_ascii=False, indent=2)
