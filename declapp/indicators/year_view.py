"""A year at a glance: one indicator a row — the target declared in January, the value by
mid-year and the expectation, the value at year end and its score — from the drafts of
one family (申报 → 监控 → 自评).

Drafts of a family are the same unit's, of the same year, whose templates follow each
other (a template's ``stages``); they are found beside each other in a folder or given.
An indicator of a later stage is matched by its identity (``Item.uid``), which a stage
draft gives it; one without (the declaration itself) by its place, which a stage keeps.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from declapp.errors import ClerkError
from declapp.form.definition import FormDefinition, fill_label
from declapp.form.model import MAIN_TREE, Draft, Item
from declapp.form.template_file import TemplateError
from declapp.form.templates import group_labels, load_template, unit_name
from declapp.indicators.scoring import Evaluation, evaluate
from declapp.indicators.wording import value_text

MAX_FOLDER_DRAFTS = 300  # a folder of one office's drafts; more is not looked through
Path_ = tuple[int, int, int]


class OverviewError(ClerkError):
    """No year to show: ``message`` says why."""


@dataclass
class Stagedraft:
    stage: str
    draft: Draft
    form: FormDefinition
    path: Path | None = None


@dataclass
class OverviewRow:
    group: str
    category: str
    name: str
    target: str  # as declared: ≥95%
    adjusted: str = ""  # 调整后, when the target was adjusted
    mid: list[str] = field(default_factory=list)  # the monitoring form's own columns
    actual: str = ""  # 全年实际完成值
    points: str = ""
    score: str = ""
    reason: str = ""  # how the score came about


@dataclass
class Overview:
    unit: str
    year: int
    stages: list[Stagedraft]
    rows: list[OverviewRow] = field(default_factory=list)
    mid_columns: list[str] = field(default_factory=list)  # their headings
    execution: str = ""  # 执行率 at year end
    total: str = ""
    grade: str = ""

    def stage(self, name: str) -> Stagedraft | None:
        return next((s for s in self.stages if s.stage == name), None)


def _form(draft: Draft) -> FormDefinition | None:
    try:
        return load_template(draft.template)
    except TemplateError:
        return None


def chain(form: FormDefinition) -> set[str]:
    """The ids of the templates of *form*'s year: itself and every stage it leads to."""
    ids = {form.id}
    for _stage, template_id in form.stages:
        ids.add(template_id)
        try:
            ids |= {t for _s, t in load_template(template_id).stages}
        except TemplateError:
            continue
    return ids


def family_of(draft: Draft, candidates: Iterable[tuple[Draft, Path | None]]) -> list[Stagedraft]:
    """*draft*'s family among *candidates*: one draft per stage, the latest saved kept
    when there are several (the one listed last)."""
    form = _form(draft)
    if form is None:
        raise OverviewError(f"不认识这份草稿的模板“{draft.template}”。")
    unit = unit_name(draft, form)
    found: dict[str, Stagedraft] = {}
    for other, path in candidates:
        other_form = _form(other)
        if other_form is None or other.year != draft.year or unit_name(other, other_form) != unit:
            continue
        if not (chain(other_form) & chain(form)):
            continue
        found[other_form.stage] = Stagedraft(other_form.stage, other, other_form, path)
    order = ("申报", "监控", "自评")
    return [found[s] for s in order if s in found]


def _items(draft: Draft) -> list[tuple[Path_, Item]]:
    return [((g, c, i), item) for g, group in enumerate(draft.trees.get(MAIN_TREE, []))
            for c, category in enumerate(group.categories)
            for i, item in enumerate(category.items)]


def _match(base: list[tuple[Path_, Item]], other: Stagedraft | None
           ) -> dict[Path_, Item]:
    """For each place of *base*, the same indicator in *other* (by uid, else by place)."""
    if other is None:
        return {}
    theirs = _items(other.draft)
    by_uid = {item.uid: item for _p, item in theirs if item.uid}
    by_path = dict(theirs)
    found = {}
    for path, item in base:
        match = by_uid.get(item.uid) if item.uid else None
        found[path] = match or by_path.get(path)
    return {p: i for p, i in found.items() if i is not None}


def overview(stages: list[Stagedraft]) -> Overview:
    """The year of *stages* (a family, earliest first) in one table."""
    if not stages:
        raise OverviewError("没有找到这一年的草稿。")
    first = stages[0]
    result = Overview(unit_name(first.draft, first.form) or "未命名单位", first.draft.year,
                      stages)
    monitor = next((s for s in stages if s.stage == "监控"), None)
    final = next((s for s in stages if s.stage == "自评"), None)
    base = _items(first.draft)
    labels = group_labels(first.draft)
    mid = _match(base, monitor)
    end = _match(base, final)
    evaluation: Evaluation | None = evaluate(final.draft, final.form) if final else None
    scores = {id(item): score for _p, item, score in evaluation.items} if evaluation else {}
    scoring = final.form.scoring if final else None
    mid_keys: list[str] = []
    if monitor is not None:
        tree = monitor.form.tree()
        columns = [c for c in tree.extra_columns if not c.readonly and not c.is_computed]
        mid_keys = [c.key for c in columns]
        result.mid_columns = [fill_label(c.label, monitor.draft, monitor.form) for c in columns]
    for path, item in base:
        g, c, _i = path
        groups = first.draft.trees[MAIN_TREE]
        row = OverviewRow(group=labels[g], category=groups[g].categories[c].name.strip(),
                          name=(item.name or item.content).strip().split("\n")[0],
                          target=value_text(item))
        m = mid.get(path)
        row.mid = [m.extra.get(k, "") if m is not None else "" for k in mid_keys]
        e = end.get(path)
        if e is not None and scoring is not None:
            row.adjusted = e.extra.get(scoring.adjusted_column, "")
            row.actual = e.extra.get(scoring.actual_column, "") or \
                e.extra.get(scoring.band_column, "")
            score = scores.get(id(e))
            if score is not None:
                row.points = _text(score.points)
                row.score = _text(score.score)
                row.reason = score.reason or score.problem
        result.rows.append(row)
    if evaluation is not None:
        rate = evaluation.execution.rate
        result.execution = f"{_text(rate)}%" if rate is not None else ""
        result.total = _text(evaluation.total)
        result.grade = evaluation.grade if evaluation.complete else ""
    return result


def _text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"
