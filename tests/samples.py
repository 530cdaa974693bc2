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
    or fund given with content (kept, as an older file would keep it; one of spaces only
    is no content, and the reader leaves it out)."""
    form = load_template(template)
    own = {f.id for f in form.fields()}
    draft = Draft(template=template, year=year)
    for f in fields(Department):
        value = getattr(department or Department(), f.name)
        if value.strip() or f"department.{f.name}" in own:
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


# Indicators as real 2019 forms word them (and as clerks type them), per work area and
# 产出 category: (指标内容, 指标值). Numbered items, values in the value column or in the
# sentence, two measures in one sentence, shares, costs, and sentences with no measure.
_WORDED_OUTPUTS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "强化党的领导、统筹辖区工作": (
        (("1.组织党员干部集中学习培训", "12次"),
         ("开展“不忘初心、牢记使命”主题教育专题党课不少于4次", ""),
         ("发展党员：8名", ""),
         ("全年召开党工委理论学习中心组学习会议12次，组织基层党组织书记培训2期。", "")),
        (("基层党组织按期换届率", "100%"),
         ("党员教育培训覆盖率达到95%以上", ""),
         ("软弱涣散基层党组织整顿转化率100%；", ""),
         ("严格落实“三会一课”制度，确保党组织生活规范开展。", "")),
        (("党建工作按照年度计划时间节点推进完成；", ""),
         ("各项学习教育活动", "按时完成"),
         ("2.党费收缴", "每季度完成"),
         ("主题教育各阶段任务按照上级要求及时完成。", "")),
        (("强化党的领导、统筹辖区工作成本控制在1286.45万元之内，占全年项目支出总额的10.41%。", ""),
         ("党建工作经费", "≤156万元"),
         ("开展党员教育活动，需经费35万元。", ""),
         ("党组织活动经费按照每名党员每年不低于200元的标准安排。", ""))),
    "城市管理和环境建设": (
        (("完成背街小巷环境精细化整治提升：12条", ""),
         ("辖区内绿地面积约95000平方米，由专业养护队伍按一级标准养护。", ""),
         ("在辖区主要路口及社区设置20个垃圾分类宣传栏", ""),
         ("全年清运生活垃圾约5.6万吨，大件垃圾清运1200车。", "")),
        (("5.垃圾分类居民参与率达到90%以上", ""),
         ("绿化养护按照《北京市绿化养护质量标准》执行，苗木存活率达到95%以上；", ""),
         ("违法建设拆除面积：8000平方米", ""),
         ("道路清扫保洁达到“十无”标准，机扫率不低于98%。", "")),
        (("环境整治项目", "按期完成"),
         ("重大活动环境保障任务完成及时率100%", ""),
         ("12345热线环境类诉求办结时限不超过5个工作日", ""),
         ("冬季扫雪铲冰在雪停后24小时内完成", "")),
        (("城市管理和环境建设工作成本控制在6416.19万元之内，占全年项目支出总额的20.73%。", ""),
         ("环境卫生外包服务费用高于项目总额的30%", ""),
         ("垃圾分类设施购置费", "≤320万元"),
         ("绿化养护费用按每平方米6元标准测算。", ""))),
    "民生服务和保障": (
        (("走访慰问辖区困难群众300余户", ""),
         ("组织开展就业培训12期，参训人员不少于600人次。", ""),
         ("为辖区60岁以上老年人提供助餐服务", ""),
         ("发放各类救助金", "≥580万元")),
        (("低保、低收入家庭审核准确率", "100%"),
         ("城镇登记失业人员就业率达到70%", ""),
         ("对低保家庭入户核查覆盖率达到100%", ""),
         ("残疾人基本服务状况和需求信息数据动态更新率不低于95%", "")),
        (("救助资金按月足额发放到位。", ""),
         ("保障房资格审核", "20个工作日内完成"),
         ("常规工作内容按照年度工作计划安排的进度完成；", ""),
         ("突发性或临时性工作目标按照相关部门要求及时完成。", "")),
        (("民生服务和保障工作成本控制在5338.97万元之内，占全年项目支出总额的17.25%。", ""),
         ("社区养老服务驿站运营补贴", "120万元"),
         ("就业培训人均成本不超过800元", ""),
         ("临时救助支出占民生保障经费的比例不高于15%", ""))),
    "社区建设": (
        (("保障社区工作者日常、激励等各项工作经费保障到位，涉及社工人员300余名。", ""),
         ("每千人配备社区工作者不少于5名", ""),
         ("（3）社区议事协商活动每年不少于4次", ""),
         ("全年举办各类社区文体活动50场", "")),
        (("社工考核合格率达到100%，优秀率达到27%。", ""),
         ("社区办公用房面积不低于350平方米", ""),
         ("提高市民诉求解决率和满意率", "≥95%"),
         ("社区服务站每周开放时间不少于40小时", "")),
        (("社区居委会换届选举", "按期完成"),
         ("社工工资按月发放，社会保险按时缴纳。", ""),
         ("社区规范化建设项目于10月底前完成验收。", ""),
         ("各项工作", "按照年度计划完成")),
        (("社区建设工作成本控制在9142.08万元之内，占全年项目支出总额的29.54%。", ""),
         ("社区公益金", "每个社区20万元"),
         ("社工人事代理服务费按50元/人/月标准支付", ""),
         ("社区办公经费人均为7元测算拨付。", ""))),
    "综治维稳": (
        (("全年开展安全生产检查不少于200次", ""),
         ("出租房屋登记", "4500户"),
         ("开展法律咨询、人民调解等服务，年调解纠纷200件以上。", ""),
         ("全年走访300户、慰问50人", "")),
        (("流动人口登记率达95%", ""),
         ("消防安全隐患整改率", "100%"),
         ("可防性案件发案率同比下降5个百分点", ""),
         ("1、矛盾纠纷调解成功率达到98%以上；2、群众安全感不低于95%", "")),
        (("重点时期安保任务", "按要求完成"),
         ("信访事项按期办结率达到90%以上", ""),
         ("突发事件在第一时间内给予应急处置", ""),
         ("矛盾纠纷排查每月1次", "")),
        (("综治维稳工作成本控制在1793.72万元之内，占全年项目支出总额的5.80%。", ""),
         ("治安巡逻队员补贴", "≤2000元/人/月"),
         ("综治中心运行维护费用", "85万元"),
         ("安全生产检查聘请第三方费用不超过总成本的10%", ""))),
}
_WORDED_EFFECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "经济效益指标": (("不涉及。", ""), ("带动辖区就业岗位", "200个"),
                 ("通过垃圾分类减量，年节约垃圾处理费用约50万元", ""),
                 ("吸引社会资金参与老旧小区改造", "不少于500万元")),
    "环境效益指标": (("辖区绿化覆盖率达到32%以上", ""),
                 ("环境效益：空气质量优良天数比例不低于上年", ""),
                 ("垃圾分类准确投放率", "≥80%"),
                 ("通过区域环境综合整治，使辖区生态环境得到优化", "")),
    "可持续影响指标": (("优化管理效能，不断提升社区建设发展水平；", ""),
                  ("建立长效管理机制，背街小巷环境问题复发率控制在5%以内", ""),
                  ("社区自治组织覆盖率", "100%"), ("持续影响年限", "3年")),
    "服务对象满意度指标": (("服务对象满意度", "≥90%"), ("社会效益：辖区群众安全感达到95%以上", ""),
                    ("接诉即办工单响应率100%，办结率不低于90%，满意率达到85%以上。", ""),
                    ("居民对社区服务满意度调查满意率", "95%以上")),
}


def form_2019_worded(seed: int = 2019) -> Draft:
    """``form_2019`` with its indicators worded as real 2019 forms word them (96 items and
    the 2,000-character 社会效益指标 cell): the test form for 转为结构化."""
    draft = form_2019(seed)
    for group in draft.groups_of_kind(OUTPUT):
        for category, items in zip(group.categories, _WORDED_OUTPUTS[group.name], strict=True):
            category.items = [Item(content, value) for content, value in items]
    for category in draft.groups_of_kind(EFFECT)[0].categories:
        if category.name in _WORDED_EFFECTS:
            category.items = [Item(c, v) for c, v in _WORDED_EFFECTS[category.name]]
    return draft
