"""What the walk read, put together as a draft of its template, with what the clerk must
be told: amounts that are no numbers, rows that found no place (kept, one line per source
row, at the end of the notes under the marker line), groups and 二级指标 read otherwise
than written."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from declapp.form.definition import FormDefinition
from declapp.form.model import Draft
from declapp.form.money import ZERO, parse_amount
from declapp.form.text import UNPLACED_MARKER

if TYPE_CHECKING:
    from declapp.importing.parser import Walker

MAX_ROW_WARNINGS = 5  # one warning a row up to this many; then one for the rest


@dataclass
class Parsed:
    draft: Draft
    form: FormDefinition
    warnings: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)


def _amounts(walker: Walker, warnings: list[str]) -> dict[str, Decimal]:
    amounts = {}
    for key in sorted(walker.amounts):
        text, label = walker.amounts[key]
        try:
            amounts[key] = parse_amount(text)
        except ValueError:
            amounts[key] = ZERO
            walker.unplaced.append(f"{label}：{text}")
            warnings.append(f"“{label}”的金额“{text}”不是以万元计的数字，已按 0 导入，"
                            f"原文放到“{_notes_name(walker.form)}”末尾。")
    return amounts


def _notes_name(form: FormDefinition) -> str:
    notes = form.with_role("notes")
    return notes.name if notes else "其他说明的问题"


def build_draft(walker: Walker, form: FormDefinition, year: int,
                warnings: list[str]) -> Parsed:
    told = list(warnings)
    placed_before = len(walker.unplaced)
    amounts = _amounts(walker, told)
    trees = walker.groups()
    told.extend(walker.warnings)
    texts = {k: "\n".join(v) for k, v in walker.texts.items()}
    notes = form.with_role("notes")
    lines = walker.unplaced
    if lines:
        if notes is None:  # pragma: no cover - every bundled template has notes
            raise ValueError("a template without notes")
        texts[notes.id] = "\n".join(
            t for t in (texts.get(notes.id, ""), UNPLACED_MARKER, *lines) if t)
        where = f"已放到“{notes.name}”末尾，请核对。"
        rows = lines[:placed_before]
        for line in rows[:MAX_ROW_WARNINGS]:
            told.append(f"“{line[:20]}”无法归入表中的栏目，{where}")
        if len(rows) > MAX_ROW_WARNINGS:
            told.append(f"另有 {len(rows) - MAX_ROW_WARNINGS} 行无法归入表中的栏目，{where}")
    draft = Draft(template=form.id, year=year, texts=texts, amounts=amounts,
                  tables=dict(walker.tables_read()), trees=trees)
    form.complete(draft)
    return Parsed(draft, form, told, list(lines))
