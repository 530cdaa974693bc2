"""Which font the PDF uses: the clerk's choice, else the bundled font, else the system's.

The release bundles one font (resources/fonts) so a PDF looks the same on every PC.
The "bundled" and "system" fonts here are built with fontTools into temporary folders;
the real system folders and fontconfig are not looked at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontmaker import grid_chars, make_font, make_latin_font
from form_cases import small_draft
from pypdf import PdfReader
from test_fonts import pdf_font_names

from declapp.export import ExportOptions, export_draft, font_files, latin_fonts
from declapp.export import fonts as pdf_fonts_module
from declapp.export.font_files import FONT_DIRS_ENV
from declapp.export.fonts import pdf_fonts
from declapp.layout import build_layout


@pytest.fixture
def chars() -> str:
    return grid_chars(build_layout(small_draft()))


@pytest.fixture
def folders(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """An empty bundled folder and an empty system font folder, used instead of the real."""
    bundled, system = tmp_path / "bundled", tmp_path / "system"
    bundled.mkdir()
    system.mkdir()
    monkeypatch.delenv(FONT_DIRS_ENV, raising=False)
    monkeypatch.setattr(font_files, "bundled_font_dirs", lambda: [bundled])
    monkeypatch.setattr(font_files, "_platform_dirs", lambda: [system])
    monkeypatch.setattr(font_files, "_fontconfig_files", lambda: [])
    monkeypatch.setattr(latin_fonts, "_fontconfig_candidates", lambda: [])
    pdf_fonts_module.clear_cache()
    yield bundled, system
    pdf_fonts_module.clear_cache()


def _system_fonts(system: Path, chars: str) -> None:
    # Windows' own file names: a 黑体 for titles and a 楷体 for the year line would be
    # chosen by style if the bundled font did not come first.
    make_font(system / "simhei.ttf", chars, family="DeclappSys Hei")
    make_font(system / "simkai.ttf", chars, family="DeclappSys Kai")
    make_font(system / "simsun.ttf", chars, family="DeclappSys Song")


def _bundle(bundled: Path, chars: str) -> None:
    """What a release carries: a Chinese serif, and Tinos for Latin letters and digits."""
    make_font(bundled / "NotoSerifSC-Regular.ttf", chars, family="DeclappBundled Serif")
    make_latin_font(bundled, family="Tinos", file="Tinos-Regular.ttf")


def keywords(path: Path) -> str:
    return str(PdfReader(path).metadata["/Keywords"])


def test_bundled_font_is_used_for_all_text_before_the_system_fonts(
        folders, chars: str, tmp_path: Path) -> None:
    bundled, system = folders
    _bundle(bundled, chars)
    _system_fonts(system, chars)
    make_latin_font(system)  # a system Liberation Serif: the bundled Tinos still comes first
    chosen = pdf_fonts()
    assert chosen.body == chosen.title == chosen.year
    assert [p.name for p in chosen.files] == ["NotoSerifSC-Regular.ttf", "Tinos-Regular.ttf"]
    target = tmp_path / "form.pdf"
    assert export_draft(small_draft(), target).warnings == []
    names = pdf_font_names(target)
    assert names and all("DeclappBundledSerif" in n or "Tinos" in n for n in names)
    # The document properties name the fonts, so a reader (and this test) can tell.
    assert keywords(target) == ("字体：DeclappBundledSerif-Regular、Tinos-Regular"
                                "（NotoSerifSC-Regular.ttf、Tinos-Regular.ttf）")


def test_the_clerks_font_still_wins_over_the_bundled_one(
        folders, chars: str, tmp_path: Path) -> None:
    bundled, system = folders
    _bundle(bundled, chars)
    _system_fonts(system, chars)
    own = make_font(tmp_path / "clerk.ttf", chars, family="DeclappClerk")
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=own))
    assert result.warnings == []
    # The clerk's font for all Chinese; Latin letters and digits in the bundled Tinos.
    assert all("DeclappClerk" in n or "Tinos" in n for n in pdf_font_names(target))
    assert any("DeclappClerk" in n for n in pdf_font_names(target))
    assert keywords(target) == "字体：DeclappClerk-Regular、Tinos-Regular（clerk.ttf、Tinos-Regular.ttf）"


def test_a_clerks_font_that_cannot_be_used_falls_back_to_the_bundled_one(
        folders, chars: str, tmp_path: Path) -> None:
    bundled, system = folders
    _bundle(bundled, chars)
    _system_fonts(system, chars)
    result = export_draft(small_draft(), tmp_path / "form.pdf",
                          options=ExportOptions(font_file=tmp_path / "gone.ttf"))
    assert len(result.warnings) == 1 and "gone.ttf" in result.warnings[0]
    assert all("DeclappBundledSerif" in n or "Tinos" in n
               for n in pdf_font_names(tmp_path / "form.pdf"))


def test_characters_the_bundled_font_lacks_come_from_a_system_font(
        folders, tmp_path: Path) -> None:
    bundled, system = folders
    draft = small_draft()
    draft.texts["notes"] = "生僻字䶮。"
    chars = grid_chars(build_layout(draft))
    make_font(bundled / "NotoSerifSC-Regular.ttf", chars.replace("䶮", ""),
              family="DeclappBundled Serif")
    make_latin_font(bundled, family="Tinos", file="Tinos-Regular.ttf")
    make_font(system / "simsun.ttf", chars, family="DeclappSys Song")
    target = tmp_path / "form.pdf"
    assert export_draft(draft, target).warnings == []
    names = pdf_font_names(target)
    assert any("DeclappBundledSerif" in n for n in names)
    assert any("DeclappSysSong" in n for n in names)
    assert keywords(target) == ("字体：DeclappBundledSerif-Regular、DeclappSysSong-Regular、Tinos-Regular"
                                "（NotoSerifSC-Regular.ttf、Tinos-Regular.ttf、simsun.ttf）")


def test_without_a_bundled_font_the_system_fonts_are_chosen_by_style(
        folders, chars: str) -> None:
    _bundled, system = folders
    _system_fonts(system, chars)
    chosen = pdf_fonts()
    # 宋体 for the text, 黑体 for the title, 楷体 for the year line: three files.
    assert chosen.body != chosen.title != chosen.year
    assert [p.name for p in chosen.files] == ["simsun.ttf", "simhei.ttf", "simkai.ttf"]


def test_font_dirs_setting_replaces_the_bundled_folder_too(
        folders, chars: str, tmp_path: Path, monkeypatch) -> None:
    bundled, _system = folders
    make_font(bundled / "NotoSerifSC-Regular.ttf", chars, family="DeclappBundled Serif")
    own_dir = tmp_path / "own"
    own_dir.mkdir()
    make_font(own_dir / "song.ttf", chars, family="DeclappOwn Song")
    monkeypatch.setenv(FONT_DIRS_ENV, str(own_dir))
    chosen = pdf_fonts()
    assert [p.name for p in chosen.files] == ["song.ttf"]


def test_the_bundled_faces_are_marked(folders, chars: str) -> None:
    bundled, system = folders
    make_font(bundled / "NotoSerifSC-Regular.ttf", chars, family="DeclappBundled Serif")
    _system_fonts(system, chars)
    faces = font_files.system_faces()
    assert faces[0].bundled and faces[0].family == "DeclappBundled Serif"
    assert not any(face.bundled for face in faces[1:])
    assert [f.family for f in font_files.bundled_faces()] == ["DeclappBundled Serif"]
