"""转为结构化: what is proposed for free-text items, on the real form and typical texts,
and that applying proposals changes only what the clerk accepted."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from declapp.form.model import NAME_MAX_CHARS, NUMERIC_OPS, Item
from declapp.indicators.measures import measures_in
from declapp.indicators.proposals import (
    NoProposal,
    Proposal,
    StaleProposal,
    apply_proposals,
    free_text_of,
    propose_category,
    propose_draft,
    propose_item,
    replaced_items,
)
from declapp.indicators.wording import printed_text
from declapp.layout import build_layout


def _fields(item: Item) -> tuple[str, str, str, str]:
    return item.name, item.op, item.value, item.unit


@pytest.mark.parametrize(("content", "value", "expected"), [
    ("完成整治：10项", "", ("完成整治数量", "＝", "10", "项")),
    ("群众满意度达到95%以上", "", ("群众满意度", "≥", "95", "%")),
    ("确保群众满意度不低于90%。", "", ("群众满意度", "≥", "90", "%")),
    ("背街小巷整治完成率100%", "", ("背街小巷整治完成率", "＝", "100", "%")),
    ("全年开展培训不少于12次", "", ("全年开展培训次数", "≥", "12", "次")),
    ("投诉量控制在５件以内", "", ("投诉量", "≤", "5", "件")),
    ("常规工作按期完成", "", ("常规工作", "定性", "按期完成", "")),
    ("群众满意度", "≥95%", ("群众满意度", "≥", "95", "%")),
    ("工作成本", "≤6416.19万元", ("工作成本", "≤", "6416.19", "万元")),
    ("工作成本", "6,416.19万元", ("工作成本", "＝", "6416.19", "万元")),
    ("合格率", "100%", ("合格率", "＝", "100", "%")),
    ("合格率", "95%以上", ("合格率", "≥", "95", "%")),
    ("办结率", "＞９０％", ("办结率", "＞", "90", "%")),
    ("开展培训", "12次", ("开展培训次数", "＝", "12", "次")),
    ("走访", "300余户", ("走访户数", "≥", "300", "户")),
    ("任务完成时限", "按期完成", ("任务完成时限", "定性", "按期完成", "")),
    ("收入", "不低于上年", ("收入", "定性", "不低于上年", "")),
])
def test_typical_texts_split_as_a_clerk_would(content, value, expected):
    proposal = propose_item(Item(content, value))
    assert isinstance(proposal, Proposal)
    assert [_fields(i) for i in proposal.items] == [expected]
    assert proposal.items[0].content == ""  # the whole text is in the fields
    assert proposal.note == ""


def test_the_clause_that_moved_leaves_the_content_and_the_rest_stays():
    text = "绿化养护按照标准执行，主要达到无缺苗现象，苗木存活率达到95%以上；"
    proposal = propose_item(Item(text, ""))
    assert [_fields(i) for i in proposal.items] == [("苗木存活率", "≥", "95", "%")]
    assert proposal.items[0].content == "绿化养护按照标准执行，主要达到无缺苗现象；"
    assert "其余文字留在指标内容中" in proposal.note


def test_several_measures_become_several_items():
    text = "对社区工作者进行考核，社工考核合格率达到100%，优秀率达到27%。"
    proposal = propose_item(Item(text, ""))
    assert [_fields(i) for i in proposal.items] == [("社工考核合格率", "≥", "100", "%"),
                                                    ("优秀率", "≥", "27", "%")]
    assert proposal.items[0].content == "对社区工作者进行考核。"
    assert proposal.items[1].content == ""
    assert "拆成 2 项" in proposal.note


@pytest.mark.parametrize(("content", "value", "expected"), [
    # No list number, word of instruction or trailing colon in a name.
    ("5.垃圾分类居民参与率达到90%以上", "", ("垃圾分类居民参与率", "≥", "90", "%")),
    ("（3）社区议事协商活动每年不少于4次", "", ("每年社区议事协商活动次数", "≥", "4", "次")),
    ("1、消防安全隐患整改率：", "100%", ("消防安全隐患整改率", "＝", "100", "%")),
    ("需确保信访事项按期办结率达到90%以上", "", ("信访事项按期办结率", "≥", "90", "%")),
    # …but words that merely begin with such a character stay whole.
    ("应急处置及时率达到100%", "", ("应急处置及时率", "≥", "100", "%")),
    ("按期办结率不低于90%", "", ("按期办结率", "≥", "90", "%")),
    ("需求响应率", "≥95%", ("需求响应率", "≥", "95", "%")),
    ("对象满意度", "90%", ("对象满意度", "＝", "90", "%")),
    ("经费执行率达到95%", "", ("经费执行率", "≥", "95", "%")),
    # The sign follows the words.
    ("环境卫生外包服务费用高于项目总额的30%", "",
     ("环境卫生外包服务费用占项目总额比例", "＞", "30", "%")),
    ("第三方费用不超过总成本的10%", "", ("第三方费用占总成本比例", "≤", "10", "%")),
    ("工单办结率超过90%", "", ("工单办结率", "＞", "90", "%")),
    ("问题复发率低于5%", "", ("问题复发率", "＜", "5", "%")),
    ("问题复发率控制在5%以内", "", ("问题复发率", "≤", "5", "%")),
    ("12345热线诉求办结时限不超过5个工作日", "", ("12345热线诉求办结时限", "≤", "5", "个工作日")),
    ("社区办公用房面积不低于350平方米", "", ("社区办公用房面积", "≥", "350", "平方米")),
    # Words that name a thing counted are named as the count.
    ("涉及社工人员300余名", "", ("社工人数", "≥", "300", "名")),
    ("组织开展就业培训12期", "", ("组织开展就业培训期数", "＝", "12", "期")),
    ("全年举办各类社区文体活动50场", "", ("全年举办各类社区文体活动场次", "＝", "50", "场")),
])
def test_the_name_names_the_measure_and_the_sign_follows_the_words(content, value, expected):
    proposal = propose_item(Item(content, value))
    assert isinstance(proposal, Proposal), proposal
    assert [_fields(i) for i in proposal.items] == [expected]


@pytest.mark.parametrize(("content", "value", "words"), [
    ("开展党员教育活动，需经费35万元。", "", "“经费”太短"),  # was named 需经费
    ("在辖区主要路口及社区设置20个垃圾分类宣传栏", "", "“20个”后面还有“垃圾分类宣传栏”"),
    ("严格控制会议费等费用，高于预算总额的30%须报批。", "", "后面还有“须报批”"),
    ("提高市民诉求解决率和满意率", "≥95%", "含有两个指标"),
    ("可防性案件发案率同比下降5个百分点", "", "变化的幅度"),
    ("提高群众满意度10%", "", "变化的幅度"),
    ("全年走访300户、慰问50人", "", "“300户”后面还有“、慰问50人”"),
    ("吸引社会资金参与老旧小区改造", "不少于500万元", "没有说明计量的是什么"),
    ("加强垃圾分类", "12次", "工作要求"),
    ("环境效益：空气质量优良天数比例不低于上年", "", "没有说明“空气质量优良天数比例不低于上年”"),
])
def test_a_sentence_with_no_single_clear_measure_gets_no_proposal(content, value, words):
    result = propose_item(Item(content, value))
    assert isinstance(result, NoProposal), result
    assert words in result.reason and result.reason.endswith("。")


def test_accepting_prints_the_value_once():
    """绿地面积 moves into the fields: the form prints 辖区内绿地面积：95000平方米 and,
    under it, what else the sentence says, not the sentence that says 95000 again."""
    from declapp.form.templates import new_draft

    draft = new_draft("xicheng-2019", 2019)
    text = "辖区内绿地面积约95000平方米，由专业养护队伍按一级标准养护。"
    draft.indicators[0].categories[0].items = [Item(text, "")]
    proposal = propose_category(draft, 0, 0)[0]
    assert isinstance(proposal, Proposal)
    after = apply_proposals(draft, [proposal])
    item = after.indicators[0].categories[0].items[0]
    assert printed_text(item) == "辖区内绿地面积：95000平方米\n由专业养护队伍按一级标准养护。"
    assert sum(t.count("95000") for t in build_layout(after).all_text()) == 1
    # Nothing but the name and the value: no 指标内容 at all.
    alone = propose_item(Item("确保群众满意度达到95%以上。", ""))
    assert alone.items[0].content == "" and alone.note == ""
    heading = propose_item(Item("社会效益：辖区群众安全感达到95%以上", ""))
    assert _fields(heading.items[0]) == ("辖区群众安全感", "≥", "95", "%")
    assert heading.items[0].content == ""


@pytest.mark.parametrize(("content", "value", "words"), [
    ("不涉及。", "", "不涉及"),
    ("做好为老服务工作。", "", "没有找到可计量的指标值"),
    ("据京民基发〔2012〕497号文件，落实2018年方案，于12月31日前完成。", "", "没有找到"),
    ("对3类保障房申请家庭进行资格复核", "", "没有找到"),
    ("人均为7元测算拨付", "", "7元”后面还有“测算拨付”"),  # 7元 measures what follows
    ("", "按期完成", "没有指标内容"),
    ("完成", "第3季度前", "无法拆成"),
    ("", "", "空白"),
])
def test_no_proposal_says_why(content, value, words):
    result = propose_item(Item(content, value))
    assert isinstance(result, NoProposal)
    assert words in result.reason


def test_a_structured_item_is_not_proposed_again():
    item = Item(name="群众满意度", op="≥", value="95", unit="%")
    assert isinstance(propose_item(item), NoProposal)


def test_the_real_2021_form(example_draft):
    results = propose_draft(example_draft)
    assert len(results) == example_draft.item_count() == 51
    proposals = [r for r in results if isinstance(r, Proposal)]
    found = {r.location: [_fields(i) for i in r.items] for r in proposals}
    assert found == {
        "indicators[0].categories[1].items[0]": [("帐内违法建设拆除率", "＝", "100", "%")],
        "indicators[0].categories[1].items[3]": [("苗木存活率", "≥", "95", "%")],
        "indicators[0].categories[2].items[0]": [
            ("常规工作内容", "定性", "按照年度工作计划安排的进度完成", "")],
        "indicators[0].categories[2].items[1]": [
            ("突发性或临时性工作目标", "定性", "按照相关部门要求及时完成", "")],
        "indicators[0].categories[3].items[0]": [
            ("城市管理和环境建设工作成本", "≤", "6416.19", "万元")],
        "indicators[1].categories[3].items[0]": [("民生服务和保障工作成本", "≤", "5338.97", "万元")],
        "indicators[2].categories[0].items[5]": [("社工人数", "≥", "300", "名")],
        "indicators[2].categories[1].items[0]": [("社工考核合格率", "≥", "100", "%"),
                                                 ("优秀率", "≥", "27", "%")],
        "indicators[2].categories[2].items[0]": [
            ("常规工作内容", "定性", "按照年度工作计划安排进度及相关政策文件要求完成", "")],
        "indicators[2].categories[2].items[1]": [
            ("突发性或临时性工作目标", "定性", "按照相关部门要求及时完成", "")],
        "indicators[2].categories[3].items[0]": [("社区建设工作成本", "≤", "9142.08", "万元")],
        "indicators[3].categories[3].items[0]": [("综治维稳工作成本", "≤", "1793.72", "万元")],
        "indicators[4].categories[3].items[0]": [
            ("街道自身建设及事业发展工作成本", "≤", "8260.03", "万元")],
    }
    # The share of 项目支出 after each amount is no indicator of its own: it stays in
    # 指标内容, which no longer says the value that moved into the fields.
    kept = {r.location: r.items[0].content for r in proposals if r.items[0].content}
    assert kept["indicators[0].categories[1].items[0]"] == "符合区拆违办要求，确保新生违法建设“零增长”；"
    assert kept["indicators[0].categories[1].items[3]"] == (
        "绿化养护按照《北京市绿化养护质量标准》执行，主要达到园林绿化无缺苗、死苗现象；")
    assert kept["indicators[0].categories[3].items[0]"] == "占全年项目支出总额的20.73%。"
    assert kept["indicators[2].categories[0].items[5]"].endswith("高效便捷的服务水平。")
    assert kept["indicators[2].categories[1].items[0]"].endswith("充分调动广大社区工作者的积极性。")
    assert len(kept) == 9  # the rest said nothing but the name and the value
    for proposal in proposals:
        content = proposal.items[0].content
        assert bool(content) == bool(proposal.note)
        for item in proposal.items:
            if item.op != "定性":  # the number said once less: where it moved from
                assert content.count(item.value) == proposal.old.content.count(item.value) - 1


def test_accepted_proposals_print_on_the_form_and_nothing_else_changes(example_draft):
    results = propose_draft(example_draft)
    accepted = [r for r in results if isinstance(r, Proposal)
                and r.location in ("indicators[0].categories[1].items[3]",
                                   "indicators[2].categories[1].items[0]")]
    before = example_draft.copy()
    after = apply_proposals(example_draft, accepted)
    assert example_draft == before  # the draft itself is untouched: the window applies
    quality = after.indicators[0].categories[1].items
    assert printed_text(quality[3]).startswith("苗木存活率：≥95%\n绿化养护按照")
    assert quality[4] == before.indicators[0].categories[1].items[4]
    split = after.indicators[2].categories[1].items
    assert [i.name for i in split] == ["社工考核合格率", "优秀率"]
    texts = build_layout(after).all_text()
    assert any("\n4、苗木存活率：≥95%\n绿化养护按照" in t for t in texts)
    assert any("1、社工考核合格率：≥100%" in t and "2、优秀率：≥27%" in t for t in texts)
    # Everything not accepted is as it was.
    assert after.indicators[0].categories[0] == before.indicators[0].categories[0]
    assert after.item_count() == before.item_count() + 1


def test_the_clerk_may_change_a_proposal_before_applying_it(example_draft):
    proposal = next(r for r in propose_category(example_draft, 0, 1)
                    if isinstance(r, Proposal) and r.items[0].name == "苗木存活率")
    changed = Proposal(proposal.location, proposal.old,
                       (Item(name="苗木成活率", op="≥", value="98", unit="%"),))
    after = apply_proposals(example_draft, [changed])
    assert after.indicators[0].categories[1].items[3] == changed.items[0]


def test_a_stale_proposal_applies_nothing(example_draft):
    proposals = [r for r in propose_draft(example_draft) if isinstance(r, Proposal)]
    example_draft.indicators[0].categories[1].items[3].content += "（已修改）"
    with pytest.raises(StaleProposal) as info:
        apply_proposals(example_draft, proposals)
    assert "重新生成" in info.value.message


def test_category_proposals_leave_out_structured_and_blank_items():
    from declapp.form.templates import new_draft

    draft = new_draft("xicheng-2021", 2022)
    draft.indicators[0].categories[0].items = [
        Item(name="已结构化", op="＝", value="1", unit="项"), Item(), Item("完成整治：10项", "")]
    results = propose_category(draft, 0, 0)
    assert [r.location for r in results] == ["indicators[0].categories[0].items[2]"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("群众满意度达到以上不低于控制在万元之内项次人，。；：:%％０９0123456789.、\n 按期完成"),
               max_size=40),
       st.text(st.sampled_from("≥≤><=＞％%0123456789.万元项次以上按期完成 "), max_size=10))
def test_any_text_gives_a_proposal_or_a_reason_and_loses_nothing(content, value):
    result = propose_item(Item(content, value))
    if isinstance(result, NoProposal):
        assert result.reason
        return
    for item in result.items:
        assert item.is_structured and 2 <= len(item.name) <= NAME_MAX_CHARS
        # A name: no list number, no second measure, no colon at its end.
        assert not re.match(r"[0-9０-９]+[.、]", item.name) and not measures_in(item.name)
        assert not item.name.endswith(("：", ":"))
        if item.op in NUMERIC_OPS:
            assert item.value.replace(".", "", 1).isdigit()
    # What stays in 指标内容 is the clerk's text with clauses taken out: no new words.
    assert _in_order(_words(result.items[0].content), _words(content))
    assert all(not item.content for item in result.items[1:])


def _words(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def _in_order(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


def test_one_step_replaces_whole_category_lists_and_only_those_that_change(example_draft):
    accepted = [r for r in propose_category(example_draft, 2, 1) if isinstance(r, Proposal)]
    lists = replaced_items(example_draft, accepted)
    assert list(lists) == [(2, 1)]
    assert [i.name for i in lists[(2, 1)]] == ["社工考核合格率", "优秀率"]
    assert example_draft.indicators[2].categories[1].items[0].name == ""  # not applied here
    quality = example_draft.indicators[0].categories[1].items
    greening = next(r for r in propose_category(example_draft, 0, 1)
                    if isinstance(r, Proposal) and r.items[0].name == "苗木存活率")
    kept = replaced_items(example_draft, [greening])[(0, 1)]
    assert [a is b for a, b in zip(kept, quality, strict=True)] == [True, True, True, False, True]
    lists[(2, 1)][0].name = "改了"
    assert apply_proposals(example_draft, accepted).indicators[2].categories[1].items[0].name \
        == "社工考核合格率"


@pytest.mark.parametrize("item", [
    Item(name="群众满意度", op="≥", value="95", unit="%"),
    Item(name="完成整治", op="＝", value="10", unit="项", content="背街小巷\n及胡同"),
    Item(name="任务完成时限", op="定性", value="按期完成", explanation="解释", scoring="扣分"),
    Item(name="没有指标值"),
])
def test_back_to_free_text_the_item_prints_exactly_as_before(item):
    free = free_text_of(item)
    assert not free.is_structured
    assert printed_text(free) == printed_text(item)
    assert (free.explanation, free.scoring) == ("", "")


def test_back_to_free_text_keeps_name_and_value_apart_when_there_is_no_content():
    assert free_text_of(Item(name="群众满意度", op="≥", value="95", unit="%")) == \
        Item("群众满意度", "≥95%")


def test_back_to_free_text_drops_fields_a_free_text_item_cannot_show():
    stray = Item("开展培训", "12次", op="＝", unit="次", scoring="少一次扣1分")
    assert free_text_of(stray) == Item("开展培训", "12次")
