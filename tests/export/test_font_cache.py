"""The parsed-font cache: the same faces and the same PDF as reportlab's own parse, and a
cache that is stale, cut short or damaged is parsed again, never trusted, never a crash.

Fonts are built with fontTools (``fontmaker``); the cache lives in ``tmp_path``.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontmaker import grid_chars, make_collection, make_font, make_latin_font
from form_cases import small_draft
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFace

from declapp.export import font_cache, font_state
from declapp.export.font_files import FONT_DIRS_ENV
from declapp.layout import build_layout

RARE = "生僻𠀀"  # a character outside the Basic Multilingual Plane too


@pytest.fixture
def font_file(tmp_path: Path) -> Path:
    chars = grid_chars(build_layout(small_draft())) + RARE
    folder = tmp_path / "fonts"
    folder.mkdir()
    return make_font(folder / "test-song.ttf", chars, family="DeclappCache Song")


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def plain(face: TTFontFace) -> dict[str, object]:
    """A face's state as reportlab's parse leaves it, for comparison: its values, as the
    cache keeps some in other containers (the font mapped, metrics in arrays)."""
    state = {k: v for k, v in vars(face).items() if k not in ("_pdfScale", "_glyph_to_char")}
    state["_ttf_data"] = bytes(state["_ttf_data"])
    state["glyphPos"] = list(state["glyphPos"])
    state["hmetrics"] = list(state["hmetrics"])
    state["glyphToChar"] = face.glyphToChar
    state["name.ustr"] = face.name.ustr
    state["scale(1234)"] = face._pdfScale(1234)
    return state


def entries(folder: Path) -> list[Path]:
    """The cached faces in *folder* (beside them: the memo of font files' sha256)."""
    return sorted(p for p in folder.iterdir() if p.name != font_cache.HASHES)


def only_file(folder: Path) -> Path:
    files = entries(folder)
    assert len(files) == 1, files  # no temp file left beside it
    return files[0]


def test_a_cached_face_is_the_face_reportlab_parses(font_file: Path, cache_dir: Path) -> None:
    parsed = TTFontFace(str(font_file))
    first = font_cache.load_face(font_file, 0, [cache_dir])  # parsed, then stored
    assert only_file(cache_dir).name == font_cache.cache_name(
        font_cache.hashlib.sha256(font_file.read_bytes()).hexdigest(), 0)
    second = font_cache.load_face(font_file, 0, [cache_dir])  # from the cache
    assert isinstance(second, font_state.CachedFace)
    assert not isinstance(first, font_state.CachedFace)
    assert plain(second) == plain(first) == plain(parsed)
    assert type(second.name) is type(parsed.name)
    assert second.makeSubset([0x751F, 0x50FB, 0x20000, 65]) == \
        parsed.makeSubset([0x751F, 0x50FB, 0x20000, 65])


def test_each_face_of_a_collection_has_its_own_entry(tmp_path: Path, cache_dir: Path) -> None:
    song = make_font(tmp_path / "a.ttf", "部门整体支出绩效目标申报表", family="DeclappCache A")
    hei = make_font(tmp_path / "b.ttf", "部门整体支出绩效目标申报表甲乙", family="DeclappCache B")
    ttc = make_collection(tmp_path / "both.ttc", [song, hei])
    for index in (0, 1):
        font_cache.load_face(ttc, index, [cache_dir])
    assert len(entries(cache_dir)) == 2
    for index in (0, 1):
        cached = font_cache.load_face(ttc, index, [cache_dir])
        assert isinstance(cached, font_state.CachedFace)
        assert plain(cached) == plain(TTFontFace(str(ttc), subfontIndex=index))
    assert ord("甲") in font_cache.load_face(ttc, 1, [cache_dir]).charToGlyph
    assert ord("甲") not in font_cache.load_face(ttc, 0, [cache_dir]).charToGlyph


EXPORT = """
import sys
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
rl_config.invariant = 1  # no dates or random ids in the file
sys.path[:0] = [sys.argv[2], sys.argv[2] + "/.."]  # form_cases, and the samples it uses
from form_cases import small_draft
from declapp.export import ExportOptions, export_draft
from declapp.export.fonts import pdf_fonts
export_draft(small_draft(), sys.argv[1], options=ExportOptions(embed_draft=False))
chosen = pdf_fonts()
print(" ".join(type(pdfmetrics.getFont(f).face).__name__ for f in (chosen.body, chosen.latin)))
"""


def _export(tmp_path: Path, name: str, data: Path, fonts: Path) -> tuple[Path, str]:
    """Export in a process of its own: reportlab keeps the first face it registers under
    a PostScript name for the rest of a process."""
    target = tmp_path / name
    env = dict(os.environ, DECLAPP_DATA_DIR=str(data), **{FONT_DIRS_ENV: str(fonts)})
    done = subprocess.run([sys.executable, "-c", EXPORT, str(target),
                           str(Path(__file__).parent)], env=env, capture_output=True,
                          text=True, check=True)
    return target, done.stdout.strip()


def test_the_pdf_is_the_same_with_the_cache_as_without(tmp_path: Path,
                                                       font_file: Path) -> None:
    folder = font_file.parent
    make_latin_font(folder, family="Tinos", file="Tinos-Regular.ttf")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be: nothing is cached")
    data = tmp_path / "data"
    without, faces = _export(tmp_path, "without.pdf", blocker, folder)
    assert faces == "TTFontFace TTFontFace"
    filling, faces = _export(tmp_path, "filling.pdf", data, folder)
    assert faces == "TTFontFace TTFontFace"  # parsed, and the cache written
    assert len(entries(data / "font-cache")) == 2  # the Chinese and the Latin face
    cached, faces = _export(tmp_path, "cached.pdf", data, folder)
    assert faces == "CachedFace CachedFace"
    reader = PdfReader(cached)
    assert "DeclappCacheSong" in str(reader.metadata["/Keywords"])
    assert [p.extract_text() for p in reader.pages] == \
        [p.extract_text() for p in PdfReader(without).pages]
    assert cached.read_bytes() == filling.read_bytes() == without.read_bytes()  # subsets too


def _write_then(font_file: Path, cache_dir: Path) -> Path:
    font_cache.load_face(font_file, 0, [cache_dir])
    return only_file(cache_dir)


def _assert_rebuilt(font_file: Path, cache_dir: Path, entry: Path) -> None:
    face = font_cache.load_face(font_file, 0, [cache_dir])
    assert not isinstance(face, font_state.CachedFace)  # parsed, not taken from the file
    assert plain(face) == plain(TTFontFace(str(font_file)))
    # ... and the entry written again, whole: the next load takes it.
    assert font_cache.read_cache(entry, font_cache.cache_key(
        font_cache.hashlib.sha256(font_file.read_bytes()).hexdigest(), 0)) is not None
    assert isinstance(font_cache.load_face(font_file, 0, [cache_dir]), font_state.CachedFace)


def _split(entry: Path) -> tuple[dict[str, object], bytes]:
    raw = entry.read_bytes()[len(font_cache.MAGIC):]
    header, _, payload = raw.partition(b"\n")
    return json.loads(header), payload


def _rewrite(entry: Path, header: dict[str, object], payload: bytes) -> None:
    entry.write_bytes(font_cache.MAGIC + json.dumps(header).encode() + b"\n" + payload)


def test_a_cache_from_another_reportlab_is_ignored_and_rebuilt(font_file: Path,
                                                               cache_dir: Path) -> None:
    entry = _write_then(font_file, cache_dir)
    header, payload = _split(entry)
    # Another reportlab's parse might differ: here its widths would all be wrong.
    state = marshal.loads(payload)
    state["attrs"]["defaultWidth"] = 1
    payload = marshal.dumps(state)
    header["key"]["reportlab"] = "0.1"  # type: ignore[index]
    header["payload_sha256"] = font_cache.hashlib.sha256(payload).hexdigest()
    header["payload_bytes"] = len(payload)
    _rewrite(entry, header, payload)
    _assert_rebuilt(font_file, cache_dir, entry)
    assert _split(entry)[0]["key"]["reportlab"] != "0.1"  # type: ignore[index]


def test_a_changed_font_file_is_parsed_again(font_file: Path, cache_dir: Path) -> None:
    font_cache.load_face(font_file, 0, [cache_dir])
    assert ord("甲") not in font_cache.load_face(font_file, 0, [cache_dir]).charToGlyph
    make_font(font_file, "部门整体支出绩效目标申报表甲", family="DeclappCache Song")
    changed = font_cache.load_face(font_file, 0, [cache_dir])
    assert not isinstance(changed, font_state.CachedFace)
    assert ord("甲") in changed.charToGlyph
    assert len(entries(cache_dir)) == 2  # one entry per font file's content


def _damages(entry: Path) -> list[tuple[str, bytes]]:
    raw = entry.read_bytes()
    header_end = raw.index(b"\n", len(font_cache.MAGIC))
    flipped = bytearray(raw)
    flipped[-100] ^= 0x55
    header, payload = _split(entry)
    not_a_dict = marshal.dumps([1, 2, 3])
    wrong_shape = marshal.dumps({"attrs": {}, "names": {}, "arrays": {}})
    return [
        ("empty", b""),
        ("cut in the first line", raw[:5]),
        ("cut in the header", raw[:header_end - 3]),
        ("cut after the header", raw[:header_end + 1]),
        ("cut in the payload", raw[:len(raw) // 2]),
        ("one byte short", raw[:-1]),
        ("a byte changed", bytes(flipped)),
        ("a byte more", raw + b"\0"),
        ("header not JSON", font_cache.MAGIC + b"{not json\n" + payload),
        ("header a list", font_cache.MAGIC + b"[1, 2]\n" + payload),
        ("no end of header", font_cache.MAGIC + b"x" * 5000),
        ("not a cache", b"\x00\x01\x00\x00" + raw[4:]),
        ("payload not a dict", _with_payload(header, not_a_dict)),
        ("payload of another shape", _with_payload(header, wrong_shape)),
    ]


def _with_payload(header: dict[str, object], payload: bytes) -> bytes:
    header = dict(header, payload_sha256=font_cache.hashlib.sha256(payload).hexdigest(),
                  payload_bytes=len(payload))
    return font_cache.MAGIC + json.dumps(header).encode() + b"\n" + payload


def test_a_damaged_cache_is_never_trusted_and_never_a_crash(font_file: Path,
                                                            cache_dir: Path) -> None:
    entry = _write_then(font_file, cache_dir)
    for what, damaged in _damages(entry):
        entry.write_bytes(damaged)
        try:
            _assert_rebuilt(font_file, cache_dir, entry)
        except AssertionError as exc:
            raise AssertionError(f"{what}: {exc}") from None


def test_a_cache_folder_that_cannot_be_written_only_costs_time(font_file: Path,
                                                               tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    face = font_cache.load_face(font_file, 0, [blocker / "cache"])
    assert plain(face) == plain(TTFontFace(str(font_file)))


def test_a_cache_beside_the_bundled_fonts_serves_and_no_face_is_written(font_file: Path,
                                                          tmp_path: Path) -> None:
    bundled, user = tmp_path / "bundled-cache", tmp_path / "user-cache"
    font_cache.load_face(font_file, 0, [bundled])  # as the build writes it
    assert isinstance(font_cache.load_face(font_file, 0, [bundled, user]), font_state.CachedFace)
    assert not entries(user)  # no face parsed and stored where the release's cache served


def test_the_programs_own_cache_folder_is_never_written_at_run_time(font_file: Path,
                                                                    tmp_path: Path) -> None:
    bundled, blocker = tmp_path / "bundled-cache", tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    font_cache.load_face(font_file, 0, [bundled, blocker / "font-cache"])
    assert not bundled.exists()


def test_an_unchanged_font_file_is_hashed_once(font_file: Path, cache_dir: Path,
                                               monkeypatch) -> None:
    hashed: list[int] = []
    real = font_cache.hashlib.sha256

    def counting(data: bytes = b""):  # type: ignore[no-untyped-def]
        hashed.append(len(data))
        return real(data)

    monkeypatch.setattr(font_cache.hashlib, "sha256", counting)
    font_cache.load_face(font_file, 0, [cache_dir])
    hashed.clear()
    again = font_cache.load_face(font_file, 0, [cache_dir])
    assert isinstance(again, font_state.CachedFace)
    assert font_file.stat().st_size not in hashed  # the 15 MB of a real font: not again


def test_a_font_changed_behind_its_old_size_and_time_is_hashed_again(
        font_file: Path, cache_dir: Path) -> None:
    font_cache.load_face(font_file, 0, [cache_dir])
    before = font_file.stat()
    data = bytearray(font_file.read_bytes())
    # Another font of the same size, its modification time set back: only the system's
    # status-change time (and perhaps the inode) tells.
    make_font(font_file, "部门整体支出绩效目标申报表甲", family="DeclappCache Song")
    changed = font_file.read_bytes()
    font_file.write_bytes(changed[:len(data)].ljust(len(data), b"\0"))
    os.utime(font_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert font_file.stat().st_size == before.st_size
    face = font_cache.load_face(font_file, 0, [cache_dir])
    assert not isinstance(face, font_state.CachedFace)  # not the old font's cache


def test_a_damaged_memo_of_hashes_is_ignored(font_file: Path, cache_dir: Path) -> None:
    font_cache.load_face(font_file, 0, [cache_dir])
    for damaged in (b"", b"{", b"[1, 2]", b'{"x": 1}', b"\xff\xfe", json.dumps(
            {str(font_file.resolve()): [1, 2, 3, 4, "not a digest"]}).encode()):
        (cache_dir / font_cache.HASHES).write_bytes(damaged)
        face = font_cache.load_face(font_file, 0, [cache_dir])
        assert plain(face) == plain(TTFontFace(str(font_file)))


def test_a_face_whose_advances_mix_integers_and_floats_is_cached_with_each_as_it_was(
        font_file: Path, cache_dir: Path) -> None:
    # reportlab gives the glyphs after the font's last full metric the last advance
    # scaled: a float, in a font of other than 1000 units per em (wqy-zenhei, uming).
    parsed = TTFontFace(str(font_file))
    last_advance, last_bearing = parsed.hmetrics[-1]
    parsed.hmetrics[-1] = (last_advance * 1000 / 1024, last_bearing)
    state = font_state.state_of(parsed)
    rebuilt = font_state.face_from_state(marshal.loads(marshal.dumps(state)),
                                         font_file.read_bytes(), str(font_file))
    assert rebuilt.hmetrics == parsed.hmetrics
    assert [type(a) for a, _b in rebuilt.hmetrics] == [type(a) for a, _b in parsed.hmetrics]
    assert type(rebuilt.hmetrics[-1][0]) is float and type(rebuilt.hmetrics[0][0]) is int


def test_a_cached_faces_glyph_table_slices_as_the_parsed_one(font_file: Path,
                                                             cache_dir: Path) -> None:
    parsed = TTFontFace(str(font_file))
    font_cache.load_face(font_file, 0, [cache_dir])
    cached = font_cache.load_face(font_file, 0, [cache_dir])
    whole = parsed.get_table("glyf")
    table = cached.get_table("glyf")
    assert len(table) == len(whole)
    for part in (slice(0, 10), slice(26, 52), slice(len(whole) - 3, len(whole) + 5),
                 slice(40, 20), slice(None, None)):
        assert table[part] == whole[part]
    assert cached.get_table("head") == parsed.get_table("head")
    assert list(cached.hmetrics[-2:]) == parsed.hmetrics[-2:]


def test_only_the_bundled_fonts_are_mapped(font_file: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # A mapped file rewritten in place would crash the program: the clerk's own fonts are
    # read, the program's own (never rewritten while it runs) mapped.
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    shipped = bundled / font_file.name
    shipped.write_bytes(font_file.read_bytes())
    monkeypatch.setattr(font_cache, "resource_path", lambda *parts: bundled)
    assert type(font_cache.font_bytes(font_file)) is bytes
    mapped = font_cache.font_bytes(shipped)
    assert isinstance(mapped, font_cache.mmap.mmap)
    assert mapped[:] == font_file.read_bytes()
