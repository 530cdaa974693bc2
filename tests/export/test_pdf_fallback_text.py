"""PDF export of text whose characters come from several fonts, with blank paragraphs.

The body font lacks Hangul and the check marks (as Noto Serif SC and wqy-zenhei lack
some of what clerks paste: 후, ✓, ☑); a second font has them, a third is the Times-like
face. A blank paragraph between two paragraphs drawn in the fallback font once crashed
the export (an empty line had no run to draw).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fontmaker import grid_chars, make_font, make_latin_font
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from samples import Department, Funds, xicheng_draft

from declapp.export import export_draft
from declapp.export import fonts as pdf_fonts_module
from declapp.export.font_files import FONT_DIRS_ENV
from declapp.export.fonts import REQUIRED_CHARS
from declapp.form.model import Draft
from declapp.layout import build_layout

CHINESE = "部门目标绩效完成率社区服务管理"
FALLBACK_ONLY = "후한글✓☑"
LATIN = "AZaz09 %.-"
ALPHABET = CHINESE + FALLBACK_ONLY + LATIN


def _draft(notes: str = "", goals: str = "目标。") -> Draft:
    return xicheng_draft(year=2022, goals=goals, notes=notes,
                         department=Department(name="某街道"),
                         funds=Funds(Decimal(1), Decimal(1), Decimal(0), Decimal(0)))


@pytest.fixture(scope="module")
def font_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fonts")
    body = set(grid_chars(build_layout(_draft()))) | set(CHINESE) | set("其他说明的问题")
    make_font(folder / "song.ttf", "".join(sorted(body - set(FALLBACK_ONLY))),
              family="DeclappBody Song")
    # Every usable face has the form's title (REQUIRED_CHARS); only this one has the rest.
    make_font(folder / "zenhei.ttf", FALLBACK_ONLY + REQUIRED_CHARS, family="DeclappFallback Hei")
    make_latin_font(folder)
    return folder


@pytest.fixture
def fonts_from(font_folder, monkeypatch):
    monkeypatch.setenv(FONT_DIRS_ENV, str(font_folder))
    pdf_fonts_module.clear_cache()
    yield font_folder
    pdf_fonts_module.clear_cache()


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_a_blank_paragraph_between_two_in_the_fallback_font(fonts_from, tmp_path):
    target = tmp_path / "form.pdf"
    result = export_draft(_draft(notes="후\n\n후", goals="✓\n\n☑\n\n\n完成"), target)
    assert not any("字形" in w for w in result.warnings)  # every character has a font
    text = _text(target)
    assert "후후" in text and "✓☑完成" in text


paragraph = st.text(st.sampled_from(ALPHABET), max_size=30)
texts = st.lists(paragraph, min_size=1, max_size=6).map("\n".join)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(notes=texts, goals=texts)
def test_text_from_several_fonts_with_blank_paragraphs_always_exports(
        fonts_from, tmp_path, notes, goals):
    target = tmp_path / "form.pdf"
    export_draft(_draft(notes=notes, goals=goals), target)
    text = _text(target)
    for written in (notes, goals):
        assert "".join(written.split()) in text
