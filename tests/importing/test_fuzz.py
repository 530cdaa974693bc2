"""Drafts made up by hypothesis, through our Word and Excel export without the embedded
draft: the text read back is the draft (an item's value joined to its content by ：).

Free-text items only (``Item(content=..., value=...)``). What the strategy leaves out is
what the visible text cannot tell apart: spaces at a line's ends and empty lines (not
printed as anything a reader can see), a line starting with an item number (it would
number an item), a whole text that is a label of the form, whitespace and ASCII brackets
in labels (labels are read without spaces, brackets full-width), and a 二级指标 named as
another form names a standard one (it is imported under this form's name, with a warning).
"""

from __future__ import annotations

from decimal import Decimal

from compare import differences
from handmade import text_read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import EFFECT, OUTPUT, Department, Funds, xicheng_draft

from declapp.export import ExportOptions, export_draft
from declapp.form.model import Category, Draft, Group, Item
from declapp.form.templates import load_template
from declapp.importing import DraftOrigin, import_file
from declapp.importing.grid import label_key
from declapp.importing.indicator_words import numbering, standard_category
from declapp.importing.labels import match_label

_CHARS = st.sampled_from(
    "部门单位目标绩效指标完成率社区服务管理环境建设民生保障综治维稳年度工作计划"
    "群众满意度提升整治垃圾分类养老驿站安全生产"
    "，。；：、“”《》（）%≥≤～—！？ ABCxyz0123456789-/.+=<>&")
_LABEL_CHARS = st.sampled_from("部门单位目标绩效社区服务管理环境建设民生保障综治维稳产出数量质量进度成本"
                               "效益满意度指标一二三〇12")


def _line_ok(line: str) -> bool:
    return bool(line) and line == line.strip() and numbering(line) is None


line = st.text(_CHARS, min_size=1, max_size=80).filter(_line_ok)
text = st.lists(line, max_size=4).map("\n".join).filter(lambda t: not match_label(t))
one_line = line.filter(lambda t: not match_label(t))
_TREE = load_template("xicheng-2021").tree()


def _own_name(text: str) -> bool:
    """Not another spelling of a standard 二级指标 (成本指标, 时效指标): import gives
    those the form's own name, and says so."""
    return standard_category(text, None, _TREE) == label_key(text)


label = st.text(_LABEL_CHARS, min_size=1, max_size=12).filter(
    lambda t: not match_label(t) and numbering(t) is None and _own_name(t))
amount = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                     allow_infinity=False)
item = st.builds(Item, content=text.filter(bool),
                 value=st.one_of(st.just(""), one_line))
category = st.builds(Category, name=label, items=st.lists(item, max_size=4))


@st.composite
def drafts(draw) -> Draft:
    groups = [Group(OUTPUT, draw(st.one_of(st.just(""), label)),
                    draw(st.lists(category, max_size=3)))
              for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        groups.append(Group(EFFECT, "", draw(st.lists(category, max_size=3))))
    return xicheng_draft(
        template=draw(st.sampled_from(["xicheng-2019", "xicheng-2021"])),
        year=draw(st.integers(2000, 2100)),
        department=Department(name=draw(one_line), head=draw(one_line),
                              phone=draw(one_line), functions=draw(text)),
        funds=Funds(*(draw(amount) for _ in range(4))),
        goals=draw(text), indicators=groups, notes=draw(text))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(draft=drafts())
def test_what_comes_back_is_what_went_in(draft, tmp_path):
    for fmt in ("docx", "xlsx"):
        target = tmp_path / f"fuzz.{fmt}"
        export_draft(draft, target, options=ExportOptions(embed_draft=False))
        result = import_file(target)
        assert result.origin == DraftOrigin.TEXT
        assert differences(result.draft, text_read(draft)) == [], fmt
        assert result.warnings == []


def test_a_paragraph_cut_across_excel_rows_comes_back_whole(tmp_path):
    """Excel rows cannot break across pages: a long paragraph is cut into pieces on
    several rows; it must come back as one paragraph, with no line break added."""
    paragraph = "坚持以人民为中心的发展思想，推进街道社区治理体系建设。" * 60
    draft = xicheng_draft(template="xicheng-2021", year=2022, goals=f"{paragraph}\n第二段。",
                  funds=Funds(Decimal(1), Decimal(1), Decimal(0), Decimal(0)),
                  department=Department(name="某街道"))
    target = tmp_path / "long.xlsx"
    export_draft(draft, target, options=ExportOptions(embed_draft=False))
    result = import_file(target)
    assert result.draft.texts["goals"] == draft.texts["goals"]
