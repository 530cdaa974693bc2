"""The rest of the year: a draft goes 申报 → 监控 → 自评, keeps its indicators, is
scored as a hand calculation says, checked as a reviewer does, and seen in one table."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from samples import xicheng_draft

from declapp.checks import check_draft
from declapp.editing.stages import StageError, next_stages, to_stage
from declapp.export import export_draft
from declapp.form.model import Item
from declapp.form.templates import all_templates, load_template
from declapp.indicators.scoring import evaluate
from declapp.indicators.year_view import family_of, overview
from declapp.layout import build_layout
from declapp.storage.fileformat import dumps, load, loads
from declapp.system.paths import example_path

DECLARATIONS = [f.id for f in all_templates() if f.stage == "申报"]


def staged(draft, stage):
    return to_stage(draft, load_template(draft.template), stage)


def items(draft):
    return [i for g in draft.indicators for c in g.categories for i in c.items]


def test_the_real_2021_form_goes_through_the_year(example_draft):
    monitor = staged(example_draft, "监控")
    assert monitor.template == "monitor-department"
    declared, watched = items(example_draft), items(monitor)
    assert len(watched) == len(declared) == 51
    # Every indicator keeps its text, sign, target and unit, and gets its identity.
    assert [(i.content, i.value, i.name, i.op, i.unit) for i in watched] == \
        [(i.content, i.value, i.name, i.op, i.unit) for i in declared]
    assert all(i.uid for i in watched) and len({i.uid for i in watched}) == 51
    assert monitor.texts["department.name"] == example_draft.texts["department.name"]
    assert monitor.amounts["funds.total"] == Decimal("41421.22")  # 年初预算数
    assert example_draft.template == "xicheng-2021"  # the declared draft is not changed
    # The file holds it all, and reads back the same.
    assert loads(dumps(monitor)) == monitor

    final = staged(monitor, "自评")
    assert final.template == "selfeval-department"
    assert [i.uid for i in items(final)] == [i.uid for i in watched]
    points = [Decimal(i.extra["points"]) for i in items(final)]
    assert sum(points) == 90  # 产出 50 and 效果 40 (满意度 is within 效果 on this form)
    assert final.amounts["funds.total@budget"] == Decimal("41421.22")
    assert final.amounts["funds.basic@budget"] == Decimal("10470.23")


@pytest.mark.parametrize("template", DECLARATIONS)
def test_every_declaration_template_goes_through_the_stages(template, tmp_path):
    from docx import Document

    form = load_template(template)
    assert next_stages(form) == ["监控", "自评"], template
    draft = form.new_draft(2023)
    unit = form.with_role("unit_name")
    draft.texts[unit.id] = "某某县农业农村局"
    for tree in form.trees():
        for group in draft.trees[tree.id]:
            for category in group.categories:
                category.items.append(Item(name="完成整治", op="≥", value="10", unit="处"))
    monitor = staged(draft, "监控")
    final = staged(monitor, "自评")
    assert [i.name for i in items(final)] == [i.name for i in items(draft)]
    assert evaluate(final, load_template(final.template)) is not None
    assert next_stages(load_template(final.template)) == []
    for stage_draft in (monitor, final):
        target = tmp_path / f"{stage_draft.template}.docx"
        export_draft(stage_draft, target)
        text = "".join(c.text for t in Document(str(target)).tables for r in t.rows
                       for c in r.cells)
        assert "某某县农业农村局" in text and "完成整治" in text


def test_a_project_keeps_its_mid_term_indicators_unprinted_but_kept():
    form = load_template("project-2011")
    draft = form.new_draft(2023)
    draft.trees["mid_indicators"][0].categories[0].items.append(
        Item(name="三年累计改造小区", op="≥", value="30", unit="个"))
    final = staged(staged(draft, "监控"), "自评")
    assert final.template == "selfeval-project"
    assert final.trees["mid_indicators"][0].categories[0].items[0].name == "三年累计改造小区"
    assert "三年累计改造小区" not in "".join(build_layout(final).all_text())


def test_a_stage_goes_forward_only(example_draft):
    final = staged(staged(example_draft, "监控"), "自评")
    with pytest.raises(StageError, match="已经是“自评”阶段"):
        staged(final, "监控")
    with pytest.raises(StageError, match="没有“年终”这个阶段"):
        staged(example_draft, "年终")


def fill_final(final):
    """A year's end, typed: 执行率 90 %, and actual values of every kind."""
    final.amounts["funds.total@executed"] = final.amounts["funds.total@budget"] * Decimal("0.9")
    final.texts["goals_result"] = "全年目标基本完成。"
    for item in items(final):
        item.extra["band"] = "达成年度指标"
    return final


def test_scores_of_the_real_form_match_a_hand_calculation(example_draft):
    final = fill_final(staged(staged(example_draft, "监控"), "自评"))
    # Three indicators made structured with numbers: one at target, one short, one over.
    at, short, over = items(final)[0], items(final)[1], items(final)[2]
    for item, actual in ((at, "95"), (short, "76"), (over, "120")):
        item.name, item.op, item.value, item.unit = "达标率", "≥", "95", "%"
        item.extra["actual"] = actual
    result = evaluate(final, load_template(final.template))
    assert result is not None and result.complete
    points = {id(i): Decimal(i.extra["points"]) for i in items(final)}
    hand = Decimal(9)  # 执行率 90 % × 10
    for item in items(final):
        if item is short:
            hand += (points[id(item)] * Decimal(76) / Decimal(95)).quantize(Decimal("0.01"))
        else:
            hand += points[id(item)]  # at or over target, or 达成年度指标 (its band's top)
    assert result.total == hand.quantize(Decimal("0.01"))
    assert result.grade == "优"
    scored = {id(i): s for _p, i, s in result.items}
    assert scored[id(over)].over and "120%" in scored[id(over)].reason


def test_the_reviewers_checks_of_a_self_evaluation(example_draft):
    final = fill_final(staged(staged(example_draft, "监控"), "自评"))
    ids = {f.id for f in check_draft(final)}
    assert not ids & {"score-without-cause", "execution-low", "points-total", "score-unknown"}
    short = items(final)[1]
    short.name, short.op, short.value, short.unit = "达标率", "≥", "95", "%"
    short.extra["actual"] = "76"
    over = items(final)[2]
    over.name, over.op, over.value, over.unit = "达标率", "≥", "95", "%"
    over.extra["actual"] = "130"
    final.amounts["funds.total@executed"] = final.amounts["funds.total@budget"] * Decimal("0.8")
    items(final)[3].extra["points"] = "9"  # the points no longer add up to 100
    items(final)[4].extra["actual"] = ""
    items(final)[4].extra["band"] = ""
    findings = {f.id: f for f in check_draft(final)}
    assert "偏差原因" in findings["score-without-cause"].message
    assert findings["score-without-cause"].location.endswith(".deviation")
    assert "80.00%" in findings["execution-low"].message
    assert findings["over-completion"].location.endswith(".deviation")
    assert "应为 100" in findings["points-total"].message
    assert "完成程度" in findings["score-unknown"].message
    short.extra["deviation"] = "受天气影响，部分工程顺延至次年。"
    final.texts["evaluation.execution_note"] = "两个项目的尾款在次年初支付。"
    after = {f.id for f in check_draft(final)}
    assert "score-without-cause" not in after and "execution-low" not in after


def test_a_hand_edited_score_is_caught(example_draft):
    final = fill_final(staged(staged(example_draft, "监控"), "自评"))
    item = items(final)[0]
    item.name, item.op, item.value, item.unit = "达标率", "≥", "95", "%"
    item.extra["actual"] = "76"
    item.extra["score"] = "9.99"  # written into the file by hand
    doc = json.loads(dumps(final))
    reopened = loads(json.dumps(doc, ensure_ascii=False))
    assert any(f.id == "score-mismatch" for f in check_draft(reopened))


def test_monitoring_an_impossible_target_needs_measures(example_draft):
    monitor = staged(example_draft, "监控")
    monitor.texts["monitor.months"] = "6"
    items(monitor)[0].extra["likelihood"] = "完全不可能"
    found = [f for f in check_draft(monitor) if f.id == "impossible-without-measures"]
    assert len(found) == 1 and found[0].location.endswith(".cause")
    items(monitor)[0].extra["cause"] = "资金未到位，已申请追加预算，三季度完成。"
    assert not any(f.id == "impossible-without-measures" for f in check_draft(monitor))


def test_the_year_on_one_page(example_draft):
    monitor = staged(example_draft, "监控")
    monitor.texts["monitor.months"] = "7"
    items(monitor)[0].extra.update({"progress": "60%", "likelihood": "确定能"})
    final = fill_final(staged(monitor, "自评"))
    first_item = items(final)[0]  # structured, its target adjusted from 95 to 90
    first_item.name, first_item.op, first_item.value, first_item.unit = "达标率", "≥", "95", "%"
    first_item.extra.update({"adjusted": "90", "actual": "92"})
    family = family_of(final, [(example_draft, None), (monitor, None), (final, None),
                               (xicheng_draft(year=2021), None)])  # another unit: not family
    assert [s.stage for s in family] == ["申报", "监控", "自评"]
    view = overview(family)
    assert len(view.rows) == 51
    first = view.rows[0]
    assert view.mid_columns[0] == "1–7月实际完成值"
    assert first.mid[0] == "60%" and first.mid[2] == "确定能"
    assert first.adjusted == "90" and first.actual == "92"
    assert first.score == first.points  # 92 ≥ the adjusted 90: full points
    assert view.grade == "优" and view.execution == "90.00%"


def test_stage_and_report_on_the_command_line(tmp_path, example_file):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "declapp", *args], capture_output=True,
                              text=True, timeout=120)

    declared = tmp_path / "2021-申报.json"
    declared.write_bytes(example_file.read_bytes())
    done = run("stage", str(declared), "--to", "监控", "-o", str(tmp_path / "2021-监控.json"))
    assert done.returncode == 0, done.stderr
    assert "年中监控草稿" in done.stdout and "51 项指标" in done.stdout
    done = run("stage", str(tmp_path / "2021-监控.json"), "--to", "自评",
               "-o", str(tmp_path / "2021-自评.json"))
    assert done.returncode == 0, done.stderr
    again = run("stage", str(tmp_path / "2021-自评.json"), "--to", "监控",
                "-o", str(tmp_path / "x.json"))
    assert again.returncode == 2 and "不能再转入" in again.stderr
    exists = run("stage", str(declared), "--to", "监控", "-o", str(tmp_path / "2021-监控.json"))
    assert exists.returncode == 2 and "--force" in exists.stderr
    report = run("report", str(declared), "-o", str(tmp_path / "概览.xlsx"))
    assert report.returncode == 0, report.stderr
    assert "申报：2021-申报.json、监控：2021-监控.json、自评：2021-自评.json" in report.stdout
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "概览.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:4] == ("一级指标", "二级指标", "指标", "年度指标值")
    assert len(rows) == 3 + 51 + 1  # title, sources, heads, one row each, the total
    final = load(tmp_path / "2021-自评.json")
    assert final.template == "selfeval-department"


def test_the_declarations_amounts_a_stage_keeps_ask_nothing_of_the_clerk():
    """湖北's income and its earlier years' amounts: the 监控 and 自评 drafts keep them (the year overview reads them) without a warning the clerk cannot
    act on; a declaration of the same amounts under another template still warns."""
    from declapp.system.paths import example_path

    draft = load(example_path("hubei-2021.json"))
    form = load_template(draft.template)
    monitor = to_stage(draft, form, "监控")
    final = to_stage(monitor, load_template(monitor.template), "自评")
    kept = [k for k in draft.amounts if k not in load_template(monitor.template).amount_ids()
            and draft.amounts[k] != 0]
    assert len(kept) == 15
    for stage_draft in (monitor, final):
        assert all(stage_draft.amounts[k] == draft.amounts[k] for k in kept)
        assert "hidden-amount" not in {f.id for f in check_draft(stage_draft)}
    draft.template = "xicheng-2021"
    assert "hidden-amount" in {f.id for f in check_draft(draft)}


def test_a_text_the_stage_keeps_but_does_not_print_is_not_checked():
    """湖北's 填报日期 of the declaration stays in the 监控 draft, unprinted: no stale-year
    warning about a field the clerk cannot see; the declaration still checks it."""
    from declapp.system.paths import example_path

    draft = load(example_path("hubei-2021.json"))
    draft.texts["fill_date"] = f"{draft.year - 2}年12月20日"
    assert "stale-year" in {f.id for f in check_draft(draft)}
    monitor = to_stage(draft, load_template(draft.template), "监控")
    assert monitor.texts["fill_date"] == draft.texts["fill_date"]
    assert "stale-year" not in {f.id for f in check_draft(monitor)}


def test_a_total_off_by_an_amount_the_stage_does_not_print_names_it():
    """西城区 2019's 其他 has no row on the 监控 form: the 资金总额 that included it no longer
    adds up, and the error says why and what to do."""
    from samples import Department, Funds

    draft = xicheng_draft("xicheng-2019", 2019, Department(name="某街道"),
                          Funds(total=Decimal("1100"), basic=Decimal("400"),
                                project=Decimal("600"), other=Decimal("100")))
    monitor = staged(draft, "监控")
    found = [f for f in check_draft(monitor) if f.id == "total-mismatch"]
    assert len(found) == 1
    assert "相差 100.00万元" in found[0].message
    assert "申报表上的“其他”100.00万元本表没有这一栏：请把它计入基本支出或项目支出，" \
        "或相应调整资金总额。" in found[0].message
    # A difference of another cause says nothing of it.
    monitor.amounts["funds.basic"] += Decimal("30")
    found = [f for f in check_draft(monitor) if f.id == "total-mismatch"]
    assert "相差 70.00万元" in found[0].message and "其他" not in found[0].message
    # Counted in, the form adds up.
    monitor.amounts["funds.basic"] += Decimal("70")
    assert "total-mismatch" not in {f.id for f in check_draft(monitor)}


def test_each_stages_export_has_its_own_name_beside_the_declaration(example_draft, tmp_path):
    # 监控 and 自评 files go into the folder of the 申报表: each under its own form's name.
    from declapp.cli.commands import main
    from declapp.export import default_filename
    from declapp.storage.fileformat import save

    form = load_template(example_draft.template)
    draft_files = {"申报": tmp_path / "申报.json"}
    save(example_draft, draft_files["申报"])
    for stage in next_stages(form):
        draft_files[stage] = tmp_path / f"{stage}.json"
        save(to_stage(example_draft, form, stage), draft_files[stage])
    out = tmp_path / "导出"
    for path in draft_files.values():
        assert main(["export", str(path), "--all", "--out-dir", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 * len(draft_files)
    base = "北京市西城区人民政府展览路街道办事处-2021-"
    assert f"{base}绩效目标申报表.pdf" in names
    assert f"{base}绩效运行监控表.pdf" in names and f"{base}绩效自评表.xlsx" in names
    project = load(example_path("project-2011.json"))
    for stage, name in (("监控", "项目支出绩效运行监控表"), ("自评", "项目支出绩效自评表")):
        staged = to_stage(project, load_template(project.template), stage)
        assert default_filename(staged, "pdf").endswith(f"-{name}.pdf")
