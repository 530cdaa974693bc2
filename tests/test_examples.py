"""The bundled example drafts: one complete, realistic form for each template beyond
西城区's, clean under ``declapp check`` and printed whole in all three formats."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from declapp.checks import check_draft
from declapp.export import FORMATS, ExportOptions, export_draft
from declapp.form.model import Draft
from declapp.form.templates import load_template
from declapp.storage.fileformat import dumps, load
from declapp.system.paths import example_path

EXAMPLES = ("hunan-2023", "chongqing-2022", "hubei-2021", "national-2015", "project-2011")


def _example(template: str) -> Draft:
    return load(example_path(f"{template}.json"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("template", EXAMPLES)
def test_the_example_is_clean_and_written_as_the_program_writes(template):
    path = example_path(f"{template}.json")
    draft = load(path)
    assert draft.template == template
    assert check_draft(draft) == []  # no error, no warning
    assert dumps(draft, meta={}) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("template", EXAMPLES)
def test_the_example_fills_every_part_of_its_form(template):
    draft = _example(template)
    form = load_template(template)
    for f in form.text_fields():
        if f.printed:
            assert draft.text(f.id).strip(), f.id
    for amount in form.amount_ids():
        assert draft.amount(amount) > 0, amount
    for table in form.tables():
        assert 3 <= len(draft.tables[table.id]) <= 5
    for tree in form.trees():
        for group in draft.trees[tree.id]:
            kind = form.tree(tree.id).group_kind(group.kind)
            assert kind is not None
            assert [c.name for c in group.categories] == list(kind.categories) or \
                tree.levels == 1
            assert all(c.items for c in group.categories)
            assert all(i.is_structured for c in group.categories for i in c.items)


def test_the_examples_say_what_their_forms_are_for():
    """重庆: weights adding to 100; 湖北: income and spending totals that agree; the
    project: 中期 and 年度 indicators, costs adding to the year's funds."""
    from decimal import Decimal

    chongqing = _example("chongqing-2022")
    weights = [Decimal(i.extra["weight"]) for c in chongqing.indicators[0].categories
               for i in c.items]
    assert sum(weights) == 100 and len(weights) >= 8
    hubei = _example("hubei-2021")
    for column in ("", "@y1", "@y2"):
        assert hubei.amount(f"funds.income_total{column}") == hubei.amount(f"funds.total{column}")
    project = _example("project-2011")
    assert project.trees["mid_indicators"] and project.indicators
    assert project.text("project.kind") == "延续项目"


def _texts(path: Path) -> str:
    if path.suffix == ".docx":
        from docx import Document

        document = Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return squash("".join([p.text for p in document.paragraphs] + cells))
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path).worksheets[0]
        return squash("".join(str(c.value) for row in sheet.iter_rows() for c in row
                              if c.value is not None))
    from pypdf import PdfReader

    return squash("".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.mark.parametrize("template", EXAMPLES)
def test_the_example_prints_whole_in_every_format(template, tmp_path):
    draft = _example(template)
    form = load_template(template)
    unit = form.with_role("unit_name")
    assert unit is not None
    wanted = [draft.text(unit.id)]
    wanted += [i.name for _tree, groups in draft.all_groups() for g in groups
               for c in g.categories for i in c.items]
    wanted += [row["name"] for rows in draft.tables.values() for row in rows]
    for fmt in FORMATS:
        target = tmp_path / f"{template}.{fmt}"
        export_draft(draft, target, fmt, ExportOptions(embed_draft=False))
        text = _texts(target)
        missing = [w for w in wanted if squash(w) not in text]
        assert missing == [], (fmt, missing)


@pytest.mark.parametrize("template", EXAMPLES)
def test_no_text_hides_inside_a_merged_excel_cell(template, tmp_path):
    """湖南 has one line above its table, 湖北 three: the values sit in their merges."""
    import zipfile

    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

    target = tmp_path / f"{template}.xlsx"
    export_draft(_example(template), target, "xlsx", ExportOptions(embed_draft=False))
    # Read the sheet's XML itself: openpyxl drops what a merged range covers.
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    filled = [coordinate_to_tuple(ref) for ref in
              re.findall(r'<c r="([A-Z]+\d+)"[^>]*?(?<!/)>(?:(?!</c>).)*?<[vt][ >]', xml)]
    merges = [range_boundaries(ref) for ref in re.findall(r'<mergeCell ref="([^"]+)"', xml)]
    hidden = [(row, col) for row, col in filled for c1, r1, c2, r2 in merges
              if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1)]
    assert filled and merges
    assert hidden == []
