"""The table's text operators (``pdf_textops``) are what reportlab's text objects write:
the same PDF, byte for byte, for every hard case of the form, fallback fonts, Latin text,
spaces, escapes, characters no font has and lines over several font subsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontmaker import grid_chars, make_font, make_latin_font
from form_cases import CASES, small_draft
from reportlab import rl_config

from declapp.export import ExportOptions, pdf_textops, pdf_writer
from declapp.export import fonts as pdf_fonts_module
from declapp.export.font_files import FONT_DIRS_ENV
from declapp.layout import build_layout

RARE = "𠀀𪚥"  # only in the fallback font
NOWHERE = "\U0001f600"  # in no font: drawn as .notdef, named in a warning


def mixed_draft():
    draft = small_draft()
    draft.texts["goals"] += (" Latin words (in parens) and a back\\slash, 12345 ~!; a\u00a0no-break space"
                    f" and  two spaces; 生僻字{RARE}{NOWHERE} end.")
    # Over 256 distinct characters: lines that switch font subsets within them.
    draft.texts["notes"] = "".join(chr(0x4E00 + (i * 37) % 3000) for i in range(900))
    return draft


def repeats_draft():
    """Lines written again once their characters are known, mixing the body font's
    subsets, the Latin face, lines of Latin alone, characters of the private use area
    (the quick way's own markers) and spaces, in every order."""
    import random

    rng = random.Random(20)
    words = ["中文", "指标", "12", "2021", "年度", "%", "ABC", "\ue000", "\ue0ff", "完成率",
             "\uf8ff", "x", "（", "）", "，", "。", "100%", "≥95%", "a b", "满意度"]
    many = [chr(0x4E00 + (i * 53) % 2000) for i in range(300)]  # over one subset
    draft = small_draft()
    draft.texts["goals"] = "".join(rng.choice(words) for _ in range(1500))
    draft.texts["notes"] = "\n".join(
        "".join(rng.choice(many + words) for _ in range(rng.randint(1, 60)))
        for _ in range(200))
    draft.indicators[0].categories[0].items[0].name = "2021"
    return draft


DRAFTS = {**CASES, "mixed": mixed_draft, "repeats": repeats_draft}


@pytest.fixture(scope="module")
def fonts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fonts")
    chars = set()
    for make in DRAFTS.values():
        chars.update(grid_chars(build_layout(make())))
    chars -= set(RARE + NOWHERE)
    make_font(folder / "body-song.ttf", chars, family="DeclappOps Song")
    make_font(folder / "rare.ttf", RARE + "部门整体支出绩效目标申报表", family="DeclappOps Rare")
    make_latin_font(folder, family="Tinos", file="Tinos-Regular.ttf")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(FONT_DIRS_ENV, str(folder))
        pdf_fonts_module.clear_cache()
        yield
    pdf_fonts_module.clear_cache()


@pytest.mark.parametrize("case", sorted(DRAFTS))
def test_the_pdf_is_what_reportlabs_text_objects_write(case: str, fonts, tmp_path: Path,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    grid = build_layout(DRAFTS[case]())
    options = ExportOptions()
    ours, theirs = tmp_path / "ours.pdf", tmp_path / "reportlab.pdf"
    warnings = pdf_writer.write(grid, ours, options, b'{"draft": 1}')
    with monkeypatch.context() as patch:
        patch.setattr(pdf_textops.TextWriter, "for_canvas", classmethod(lambda *_a: None))
        assert pdf_writer.write(grid, theirs, options, b'{"draft": 1}') == warnings
    assert ours.read_bytes() == theirs.read_bytes()
    if case == "mixed":
        text = ours.read_bytes()
        assert b"DeclappOpsRare" in text  # the fallback font drew the rare characters
        assert any(NOWHERE in w for w in warnings)
