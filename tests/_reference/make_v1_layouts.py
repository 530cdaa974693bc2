"""Make ``v1_layouts.json``: version 1 drafts and the grids the release before version 2
laid them out into. ``tests/test_layout_v1_unchanged.py`` checks that today's layout
still gives every one of them, cell for cell.

It was made with the tree of main at b18edef (the last one without version 2):

    git archive b18edef | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before python tests/_reference/make_v1_layouts.py /tmp/before

Run it again only if a change to the printed form of free-text items is intended.
"""

from __future__ import annotations

import json
import random
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALPHABET = ("坚持以人民为中心完成整治满意度达到以上按期不低于上年万元项次，。；：、（）《》“”"
            "\n\t 0123456789%≥≤<>&=+-ABCabc\u3000")


def _text(rng: random.Random, most: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(most)))


def random_draft(seed: int):
    from declapp.model import Category, Department, Draft, Funds, Group, Item

    rng = random.Random(seed)
    groups = [
        Group(rng.choice(["output", "effect"]), _text(rng, 12), [
            Category(_text(rng, 8), [Item(_text(rng, 60), _text(rng, 10))
                                     for _ in range(rng.randrange(5))])
            for _ in range(rng.randrange(4))])
        for _ in range(rng.randrange(1, 5))]
    return Draft(template=rng.choice(["xicheng-2019", "xicheng-2021"]), year=2021,
                 department=Department(_text(rng, 20), _text(rng, 5), _text(rng, 12),
                                       _text(rng, 80)),
                 funds=Funds(Decimal("1.5"), Decimal("1"), Decimal("0.5"), Decimal("0")),
                 goals=_text(rng, 200), indicators=groups, notes=_text(rng, 40))


def main(tree: Path) -> None:
    sys.path[:0] = [str(tree), str(tree / "tests" / "export")]
    from declapp.fileformat import dumps
    from declapp.samples import large_draft
    from form_cases import CASES

    from declapp.layout import build_layout

    drafts = {name: make() for name, make in CASES.items()}
    drafts["large-sample"] = large_draft(items=100, chars=8_000)
    drafts.update({f"random-{seed}": random_draft(seed) for seed in range(30)})
    cases = []
    for name, draft in drafts.items():
        grid = build_layout(draft)
        doc = json.loads(dumps(draft, meta={}))
        assert doc["version"] == 1, "make the reference with the release before version 2"
        cases.append({
            "name": name,
            "draft": doc,
            "head": [grid.title, grid.year_line, grid.doc_title, grid.doc_subject,
                     grid.doc_author],
            "cells": [[c.row, c.col, c.role, list(c.paragraphs), c.rowspan, c.colspan,
                       c.location] for c in grid.cells],
        })
    (HERE / "v1_layouts.json").write_text(json.dumps(cases, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    print(f"{len(cases)} drafts written to {HERE / 'v1_layouts.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
