"""PDF fonts: TrueType embedding, CFF refusal, the STSong-Light fallback, preferences.

The fonts are built here with fontTools, so these tests do not depend on the fonts of
the machine they run on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fontmaker import grid_chars, make_collection, make_font, make_latin_font
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


def test_chosen_truetype_font_is_embedded(tmp_path: Path, chars: str, monkeypatch) -> None:
    font = make_font(tmp_path / "clerk.ttf", chars, family="DeclappEmbed")
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=font))
    assert result.warnings == []
    names = pdf_font_names(target)
    chinese = {name for name in names if "LiberationSerif" not in name}
    assert chinese and all("DeclappEmbed" in name for name in chinese)
    assert embedded_files(target) >= 2
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
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    chosen = pdf_fonts()
    assert chosen.embedded and chosen.warnings == ()
    # 宋体 for the text, 黑体 for the title; the CFF 楷体 cannot be used: 宋体 again.
    assert Path(chosen.files[0]).name == "song.ttf"
    assert {p.name for p in chosen.files} == {"song.ttf", "hei.ttf",
                                              "LiberationSerif-Regular.ttf"}
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
    make_latin_font(folder)
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
    assert len(result.warnings) == 2 and FALLBACK_FONT in result.warnings[0]
    assert "Times New Roman" in result.warnings[1]
    assert pdf_font_names(target) == {f"/{FALLBACK_FONT}"}
    assert embedded_files(target) == 0
    text = squashed_text(target)
    assert "部门整体支出绩效目标申报表" in text
    assert "北京市西城区人民政府测试街道办事处" in text
    assert "目标一：做好工作。目标二：服务群众。" in text


def test_collection_faces_with_cff_outlines_are_skipped(tmp_path: Path, chars: str,
                                                       monkeypatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    cff = make_font(tmp_path / "a.otf", chars, family="DeclappCff", truetype=False)
    ttf = make_font(tmp_path / "b.ttf", chars, family="DeclappInTtc")
    ttc = make_collection(tmp_path / "both.ttc", [cff, ttf])
    assert [(i, truetype) for i, truetype, _names in sfnt_faces(ttc)] == [(0, False), (1, True)]
    faces = faces_in_file(ttc)
    assert [(f.index, f.family) for f in faces] == [(1, "DeclappInTtc")]
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target, options=ExportOptions(font_file=ttc))
    assert result.warnings == []
    assert all("DeclappInTtc" in n for n in pdf_font_names(target)
               if "LiberationSerif" not in n)


def test_characters_missing_from_the_body_font_come_from_another(
        tmp_path: Path, monkeypatch) -> None:
    rare = "㐀䶮"  # CJK extension A, missing from many fonts
    draft = small_draft()
    draft.texts["notes"] = f"生僻字{rare}照样打印。"
    chars = grid_chars(build_layout(draft))
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars.replace("㐀", "").replace("䶮", ""),
              family="DeclappRare Song")
    make_font(folder / "extra.ttf", chars, family="DeclappRare Extra")
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    assert export_draft(draft, target).warnings == []
    assert any("DeclappRareExtra" in n for n in pdf_font_names(target))
    assert f"生僻字{rare}照样打印。" in squashed_text(target)


def test_characters_in_no_font_are_named_in_a_warning(tmp_path: Path, monkeypatch) -> None:
    draft = small_draft()
    draft.texts["notes"] = "缺字䶮。"
    chars = grid_chars(build_layout(draft)).replace("䶮", "")
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars, family="DeclappLacks Song")
    make_latin_font(folder)
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


# --- Latin letters and digits in a Times-like face (issue 9 §2) ------------------------


def _fonts_by_text(path: Path) -> list[tuple[str, str]]:
    """(BaseFont, text) of every piece of text the PDF draws, in order."""
    pieces: list[tuple[str, str]] = []
    for page in PdfReader(path).pages:
        def visit(text, _cm, _tm, font, _size):
            if text.strip() and font is not None:
                pieces.append((str(font["/BaseFont"]), text))
        page.extract_text(visitor_text=visit)
    return pieces


def test_letters_and_digits_print_in_a_times_like_serif(tmp_path: Path, monkeypatch) -> None:
    draft = small_draft()
    draft.texts["goals"] = "完成ABC类项目12项，达标率98.5%，符合GB/T 19001标准。 另 外"
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", grid_chars(build_layout(draft)), family="DeclappMix Song")
    make_latin_font(folder)
    make_latin_font(folder, family="DejaVu Sans", file="DejaVuSans.ttf")  # no candidate
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    result = export_draft(draft, target)
    assert result.warnings == []
    names = pdf_font_names(target)
    assert any("LiberationSerif" in n for n in names) and any("DeclappMixSong" in n for n in names)
    assert not any("DejaVu" in n for n in names)
    assert embedded_files(target) >= 2  # both fonts travel with the file
    pieces = _fonts_by_text(target)
    latin = "".join(t for f, t in pieces if "LiberationSerif" in f)
    chinese = "".join(t for f, t in pieces if "DeclappMixSong" in f)
    for ascii_run in ("ABC", "12", "98.5%", "GB/T", "19001", "100.50"):
        assert ascii_run in latin
    assert "完成" in chinese and "项目" in chinese and not any(c.isascii() and c.isalnum()
                                                           for c in chinese)
    # And a reader still gets the sentence whole, in order, with its one space (a run
    # that started with a space made pdfium read two).
    assert "完成ABC类项目12项，达标率98.5%，符合GB/T19001标准。" in squashed_text(target)
    import pypdfium2 as pdfium

    page_text = pdfium.PdfDocument(str(target))[0].get_textpage().get_text_range()
    assert "GB/T 19001" in page_text and "标准。 另 外" in page_text
    assert "  " not in page_text.split("另 外")[0].split("完成ABC")[1]
    assert "第1页共1页" in squashed_text(target)


def test_line_breaking_measures_latin_with_the_serifs_widths(tmp_path: Path,
                                                             monkeypatch) -> None:
    from declapp.export.pdf_text import TextStyle, break_paragraphs

    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", "部门整体支出绩效目标申报表" + "iim", family="DeclappW Song")
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    fonts = pdf_fonts()
    assert fonts.latin is not None
    style = TextStyle(fonts.body, 10.0, 13.5, fonts.fallbacks, fonts.latin)
    plain = TextStyle(fonts.body, 10.0, 13.5, fonts.fallbacks)
    assert style.char_width("i") == 2.5 and style.char_width("m") == 9.0
    assert plain.char_width("i") == plain.char_width("m") == 5.0
    narrow = break_paragraphs(["i" * 40], style, 100.0)
    assert len(narrow) == 1  # 40 × 2.5 pt fits in 100 pt; in the CJK font's 5 pt it would not
    assert len(break_paragraphs(["i" * 40], plain, 100.0)) == 2


def test_without_a_latin_serif_the_chinese_fonts_latin_is_used_and_said(
        tmp_path: Path, chars: str, monkeypatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", chars, family="DeclappOnly Song")
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    result = export_draft(small_draft(), target)
    assert len(result.warnings) == 1 and "Times New Roman" in result.warnings[0]
    assert all("DeclappOnlySong" in n for n in pdf_font_names(target))
    assert "100.50" in squashed_text(target)


def test_system_search_finds_a_times_like_font_by_file_name(tmp_path: Path, monkeypatch) -> None:
    from declapp.export import latin_fonts

    windows = tmp_path / "Windows" / "Fonts"
    linux = tmp_path / "share" / "fonts" / "truetype" / "liberation2"
    windows.mkdir(parents=True)
    linux.mkdir(parents=True)
    make_latin_font(windows, family="Times New Roman", file="times.ttf")
    make_latin_font(linux)
    make_latin_font(linux, family="Liberation Serif", file="LiberationSerif-Bold.ttf")
    monkeypatch.delenv(FONT_DIRS_ENV, raising=False)
    monkeypatch.setattr(latin_fonts.font_files, "_platform_dirs", lambda: [linux, windows])
    monkeypatch.setattr(latin_fonts, "_fontconfig_candidates", lambda: [])
    # A checkout with the release's fonts copied in has a bundled Tinos, which comes first.
    monkeypatch.setattr(latin_fonts.font_files, "bundled_font_dirs", lambda: [])
    faces = latin_fonts.find_latin_faces()
    assert [f.path.name for f in faces] == ["times.ttf", "LiberationSerif-Regular.ttf"]


def test_a_line_of_nothing_but_digits_prints_in_the_serif_too(tmp_path: Path,
                                                              monkeypatch) -> None:
    """A phone number alone in its cell, or a value wrapped onto a line of its own, is
    still Latin: the line's one run is drawn in the serif, not in the current font."""
    draft = small_draft("xicheng-2019")
    draft.texts["department.phone"] = "83998540"
    draft.texts["notes"] = "2021"
    folder = tmp_path / "fonts"
    folder.mkdir()
    make_font(folder / "song.ttf", grid_chars(build_layout(draft)), family="DeclappMix Song")
    make_latin_font(folder)
    monkeypatch.setenv(FONT_DIRS_ENV, str(folder))
    target = tmp_path / "form.pdf"
    export_draft(draft, target)
    pieces = _fonts_by_text(target)
    latin = [t.strip() for f, t in pieces if "LiberationSerif" in f]
    chinese = "".join(t for f, t in pieces if "DeclappMixSong" in f)
    assert "83998540" in latin and "2021" in latin
    assert not any(ch.isdigit() for ch in chinese)
