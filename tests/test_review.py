"""Warnings marked 已核对, the findings' places and order, and the tally a clean form reaches."""

from __future__ import annotations

from decimal import Decimal

from declapp.checks import ERROR, WARNING, check_draft, errors_first, tally
from declapp.editing import MarkReviewed, SetValue, apply
from declapp.form import locations as loc
from declapp.form.carry_over import next_year_draft
from declapp.form.templates import load_template
from declapp.storage.fileformat import load, save


def _vague(draft):
    return [f for f in check_draft(draft) if f.id == "vague-words"]


def test_each_finding_names_its_place_and_words_in_the_forms_order(example_draft):
    example_draft.amounts["funds.total"] = Decimal("1")
    following = next_year_draft(example_draft, load_template(example_draft.template))
    findings = check_draft(following)
    first = findings[0]
    assert first.place == "部门（单位）总体资金情况（万元） › 资金总额"
    stale = next(f for f in findings if f.id == "stale-year")
    assert stale.place == "部门（单位）绩效目标 第 1 段" and stale.highlight == "2021年"
    vague = [f for f in findings if f.id == "vague-words"]
    assert vague[0].place == "产出指标一（城市管理和环境建设） › 产出质量指标 › 第 2 项 › 指标内容"
    assert vague[0].highlight == "逐步"
    # The form's order: the funds, the goals, then the indicators as printed.
    places = [f.place for f in findings]
    assert places.index(stale.place) < places.index(vague[0].place)
    assert places.index(first.place) < places.index(stale.place)
    assert errors_first(findings)[0].severity == ERROR


def test_a_warning_marked_reviewed_is_counted_apart_until_its_text_changes(example_draft):
    before = tally(check_draft(example_draft))
    assert (before.errors, before.warnings, before.reviewed) == (0, 5, 0)
    assert before.sentence() == "0 个错误，5 个未核对的警告"
    first = _vague(example_draft)[0]
    undo = apply(example_draft, MarkReviewed(first.id, first.location, "引用文件原文"))
    after = check_draft(example_draft)
    assert next(f for f in after if f.location == first.location).reviewed == "引用文件原文"
    assert tally(after).sentence() == "0 个错误，4 个未核对的警告（另有 1 个已核对）"

    # An edit of that text brings the warning back; undoing the edit, the mark holds.
    text = loc.parse(first.location)
    assert text is not None
    edit = apply(example_draft, SetValue(first.location, "逐步推进，稳步提升"))
    assert not next(f for f in _vague(example_draft) if f.location == first.location).reviewed
    apply(example_draft, edit)
    assert next(f for f in _vague(example_draft) if f.location == first.location).reviewed

    apply(example_draft, undo)  # and the mark itself undoes
    assert tally(check_draft(example_draft)).reviewed == 0


def test_marks_survive_save_reopen_and_next_years_copy_only_unchanged(example_draft, tmp_path):
    vague = _vague(example_draft)
    for f in vague[:2]:
        apply(example_draft, MarkReviewed(f.id, f.location, "上级文件原文"))
    path = tmp_path / "草稿.json"
    save(example_draft, path)
    reopened = load(path)
    assert [f.reviewed for f in _vague(reopened)] == ["上级文件原文"] * 2 + [""] * 3

    following = next_year_draft(reopened, load_template(reopened.template))
    assert sum(1 for f in _vague(following) if f.reviewed) == 2
    apply(following, SetValue(vague[1].location, "逐步完善，加强管理"))
    assert [bool(f.reviewed) for f in _vague(following)][:2] == [True, False]


def test_an_error_cannot_be_marked_away(example_draft):
    example_draft.amounts["funds.total"] = Decimal("1")
    error = next(f for f in check_draft(example_draft) if f.severity == ERROR)
    apply(example_draft, MarkReviewed(error.id, error.location, "不改"))
    again = next(f for f in check_draft(example_draft) if f.id == error.id)
    assert again.severity == ERROR and again.reviewed == ""
    assert tally([again]).errors == 1


def test_malformed_marks_in_a_file_are_passed_over(example_draft, tmp_path):
    import json

    path = tmp_path / "a.json"
    save(example_draft, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    first = _vague(example_draft)[0]
    data["meta"]["reviewed"] = [
        "一句话", {"id": 3}, {"id": first.id, "location": first.location, "text": "x"},
        {"id": first.id, "location": first.location, "text": "0" * 16, "reason": "文本已变"},
    ]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    draft = load(path)  # opens; the stale mark does not hide the warning
    assert all(not f.reviewed for f in _vague(draft))
    assert any(f.severity == WARNING for f in _vague(draft))
