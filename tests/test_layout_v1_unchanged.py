"""A version 1 draft prints exactly as it did before version 2: the same grid, cell for
cell, for the real form, the exporters' hard cases and generated drafts.

The grids in ``_reference/v1_layouts.json`` were made by the release before version 2
(``_reference/make_v1_layouts.py`` says how); every writer renders only the grid, so the
same grid is the same text in Word, Excel and PDF.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from declapp.layout import build_layout
from declapp.storage.fileformat import dumps, loads

CASES = json.loads((Path(__file__).parent / "_reference" / "v1_layouts.json")
                   .read_text(encoding="utf-8"))


def test_the_reference_holds_the_real_form_and_generated_drafts():
    names = {case["name"] for case in CASES}
    assert {"example-2021", "example-2019", "large-sample", "random-0"} <= names
    assert all(case["draft"]["version"] == 1 for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_version_1_draft_prints_as_before(case):
    draft = loads(json.dumps(case["draft"], ensure_ascii=False))
    for opened in (draft, loads(dumps(draft))):  # as opened, and once saved as version 2
        grid = build_layout(opened)
        assert [grid.title, grid.year_line, grid.doc_title, grid.doc_subject,
                grid.doc_author] == case["head"]
        cells = [[c.row, c.col, c.role, list(c.paragraphs), c.rowspan, c.colspan, c.location]
                 for c in grid.cells]
        assert cells == case["cells"]
