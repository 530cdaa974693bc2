"""PDF fonts: TrueType embedding, CFF refusal, the STSong-Light fallback, preferences.

The fonts are built here with fontTools, so these tests do not depend on the fonts of
the machine they run on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontmaker import grid_chars, make_collection, make_font
from form_cases import small_draft
from pypdf import PdfReader

from declapp.export import ExportOptions, export_draft, font_files
from declapp.export import fonts as pdf_fonts_module
from declapp.export.font_files import FONT_DIRS_ENV, faces_in_file, sfnt_faces
from declapp.export.fonts import FALLBACK_FONT, pdf_fonts
from declapp.layout import build_layout


@pytest.fixture(autouse=True)
def fresh_font_cache():
    pdf_fonts_module.clear_cache()
    yield
    pdf_fonts_module.clear_cache()


@pytest.fixture
def chars() -> str:
    return grid_chars(build_layout(small_draft()))


def pdf_font_names(path: Path) -> set[str]:
    """The /BaseFont names of every font the PDF's pages use."""
    names: set[str] = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def embedded_files(path: Path) -> int:
    """How many font programs (FontFile2: TrueType) the PDF carries."""
    count = 0
    for page in PdfReader(path).pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                count += 1
    return count


def squashed_text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_chosen_truetype_font_is_embedded(tmp_path: Path, chars: str) -> None:
    font = make_font(tmp_path / "clerk.ttf", chars, family="DeclappEmbed")
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=font))
    assert result.warnings == []
    names = pdf_font_names(target)
    assert names and all("DeclappEmbed" in name for name in names)
    assert embedded_files(target) >= 1
    text = squashed_text(target)
    assert "北京市西城区人民政府测试街道办事处" in text
    assert "第1页共1页" in text


def test_discovery_finds_fonts_in_configured_folder(tmp_path: Path, chars: str,
                                                    monkeypatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars, family="DeclappDir Song")
    make_font(folder / "hei.ttf", chars, family="DeclappDir Hei")
    make_font(folder / "kai.otf", chars, family="DeclappDir Kai", truetype=False)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    chosen = pdf_fonts()
    assert chosen.embedded and chosen.warnings == ()
    # 宋体 for the text, 黑体 for the title; the CFF 楷体 cannot be used: 宋体 again.
    assert Path(chosen.files[0]).name == "song.ttf"
    assert {p.name for p in chosen.files} == {"song.ttf", "hei.ttf"}
    assert chosen.year == chosen.body and chosen.title != chosen.body
    target = tmp_path / "form.pdf"
    assert export_draft(small_draft(), target).warnings == []
    names = pdf_font_names(target)
    assert any("DeclappDirSong" in n for n in names)
    assert any("DeclappDirHei" in n for n in names)


def test_cff_font_is_refused_with_a_warning(tmp_path: Path, chars: str, monkeypatch) -> None:
    otf = make_font(tmp_path / "clerk.otf", chars, family="DeclappCff", truetype=False)
    assert faces_in_file(otf) == []
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars, family="DeclappAuto Song")
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=otf))
    assert len(result.warnings) == 1
    assert "clerk.otf" in result.warnings[0] and "TrueType" in result.warnings[0]
    names = pdf_font_names(target)
    assert not any("DeclappCff" in n for n in names)
    assert any("DeclappAutoSong" in n for n in names)


def test_missing_or_broken_font_file_is_reported(tmp_path: Path, chars: str,
                                                 monkeypatch) -> None:
    monkeypatch.setenv(FONT_DIRS_ENV, str(tmp_path / "none"))
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00 not really a font")
    for font_file, words in [(broken, "不能嵌入"), (tmp_path / "gone.ttf", "找不到")]:
        result = export_draft(small_draft(), tmp_path / "form.pdf",
                              options=ExportOptions(font_file=font_file))
        assert words in result.warnings[0] and font_file.name in result.warnings[0]


def test_font_without_chinese_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(FONT_DIRS_ENV, str(tmp_path / "none"))
    latin = make_font(tmp_path / "latin.ttf", "ABCabc0123456789 ", family="LatinOnly")
    result = export_draft(small_draft(), tmp_path / "form.pdf",
                          options=ExportOptions(font_file=latin))
    assert "latin.ttf" in result.warnings[0] and "缺少汉字" in result.warnings[0]


def test_no_usable_font_falls_back_to_stsong(tmp_path: Path, monkeypatch) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv(FONT_DIRS_ENV, str(empty))
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target)
    assert len(result.warnings) == 1 and FALLBACK_FONT in result.warnings[0]
    assert pdf_font_names(target) == {f"/{FALLBACK_FONT}"}
    assert embedded_files(target) == 0
    text = squashed_text(target)
    assert "部门整体支出绩效目标申报表" in text
    assert "北京市西城区人民政府测试街道办事处" in text
    assert "目标一：做好工作。目标二：服务群众。" in text


def test_collection_faces_with_cff_outlines_are_skipped(tmp_path: Path, chars: str) -> None:
    cff = make_font(tmp_path / "a.otf", chars, family="DeclappCff", truetype=False)
    ttf = make_font(tmp_path / "b.ttf", chars, family="DeclappInTtc")
    ttc = make_collection(tmp_path / "both.ttc", [cff, ttf])
    assert [(i, truetype) for i, truetype, _names in sfnt_faces(ttc)] == [(0, False), (1, True)]
    faces = faces_in_file(ttc)
    assert [(f.index, f.family) for f in faces] == [(1, "DeclappInTtc")]
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=ttc))
    assert result.warnings == []
    assert all("DeclappInTtc" in n for n in pdf_font_names(target))


def test_characters_missing_from_the_body_font_come_from_another(
        tmp_path: Path, monkeypatch) -> None:
    rare = "㐀䶮"  # CJK extension A, missing from many fonts
    draft = small_draft()
    draft.notes = f"生僻字{rare}照样打印。"
    chars = grid_chars(build_layout(draft))
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars.replace("㐀", "").replace("䶮", ""),
              family="DeclappRare Song")
    make_font(folder / "extra.ttf", chars, family="DeclappRare Extra")
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    assert export_draft(draft, target).warnings == []
    assert any("DeclappRareExtra" in n for n in pdf_font_names(target))
    assert f"生僻字{rare}照样打印。" in squashed_text(target)


def test_characters_in_no_font_are_named_in_a_warning(tmp_path: Path, monkeypatch) -> None:
    draft = small_draft()
    draft.notes = "缺字䶮。"
    chars = grid_chars(build_layout(draft)).replace("䶮", "")
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars, family="DeclappLacks Song")
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    result = export_draft(draft, tmp_path / "form.pdf")
    assert len(result.warnings) == 1 and result.warnings[0].endswith("：䶮")


def test_discovery_runs_once_per_process(monkeypatch, tmp_path: Path) -> None:
    calls = []
    real = font_files.find_faces

    def counting(dirs=None):
        calls.append(dirs)
        return real(dirs)

    monkeypatch.setattr(font_files, "find_faces", counting)
    monkeypatch.setenv(FONT_DIRS_ENV, str(tmp_path))
    pdf_fonts_module.system_faces()
    pdf_fonts_module.system_faces()
    assert len(calls) == 1
