"""Font files: the bundled one and this machine's, which faces they hold, which have
TrueType outlines.

reportlab embeds TrueType (``glyf``) outlines only; CFF-outline fonts (``.otf``, the Noto
CJK collections) are recognised by reading the sfnt table directory and skipped.

The release bundles one font (Noto Serif SC) in ``resources/fonts``, so a PDF looks the
same on every PC: its faces come first and are marked ``bundled``; the system's follow
(for characters the bundled font lacks). ``DECLAPP_FONT_DIRS`` (folders separated by
``os.pathsep``) replaces the automatic search, bundled folder included: only those folders
are looked at.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import struct
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from declapp.system.paths import resource_path

FONT_DIRS_ENV = "DECLAPP_FONT_DIRS"
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")

# Well-known file names (lower case) and the style they stand for.
KNOWN_FILES: dict[str, str] = {
    "fzxbsjw.ttf": "xbs", "fzxiaobiaosong-b05s.ttf": "xbs", "方正小标宋简体.ttf": "xbs",
    "simsun.ttc": "song", "simsun.ttf": "song", "stsong.ttf": "song", "uming.ttc": "song",
    "songti.ttc": "song", "cesi_ss_gb2312.ttf": "song", "cesi_ss_gb18030.ttf": "song",
    "simhei.ttf": "hei", "wqy-zenhei.ttc": "hei", "wqy-microhei.ttc": "hei",
    "stheiti light.ttc": "hei", "stheiti medium.ttc": "hei", "cesi_ht_gb2312.ttf": "hei",
    "cesi_ht_gb18030.ttf": "hei", "droidsansfallbackfull.ttf": "hei",
    "droidsansfallback.ttf": "hei",
    "simkai.ttf": "kai", "stkaiti.ttf": "kai", "ukai.ttc": "kai", "kaiti.ttc": "kai",
    "cesi_kt_gb2312.ttf": "kai", "cesi_kt_gb18030.ttf": "kai",
    "simfang.ttf": "fang", "stfangso.ttf": "fang", "cesi_fs_gb2312.ttf": "fang",
    "cesi_fs_gb18030.ttf": "fang",
}
# Style keywords found in family names, checked in this order.
STYLE_WORDS: tuple[tuple[str, str], ...] = (
    ("小标宋", "xbs"), ("xiaobiaosong", "xbs"), ("楷", "kai"), ("kai", "kai"),
    ("仿宋", "fang"), ("fangsong", "fang"), ("黑", "hei"), ("hei", "hei"),
    ("宋", "song"), ("song", "song"), ("ming", "song"), ("明", "song"),
    ("sans", "hei"), ("serif", "song"),
)
# Faces that print worse for a simplified-Chinese form: traditional or monospaced variants.
_PENALTY_WORDS = ("mono", "sharp", " tw", " hk", "mbe", "bold", "nsimsun", "fallback")
_KNOWN_ORDER = {name: rank for rank, name in enumerate(KNOWN_FILES)}


@dataclass(frozen=True)
class FontFace:
    """One face of a font file with TrueType outlines."""

    path: Path
    index: int
    family: str
    style: str  # xbs, song, hei, kai, fang or other
    bundled: bool = False  # shipped with declapp: preferred over the machine's own fonts

    @property
    def penalty(self) -> int:
        name = f" {self.family.lower()}"
        return sum(word in name for word in _PENALTY_WORDS) + self.index

    @property
    def rank(self) -> int:
        """Well-known files (Windows' own first) before others of the same style."""
        return _KNOWN_ORDER.get(self.path.name.lower(), len(_KNOWN_ORDER))




# --- reading font files ---------------------------------------------------------------


def sfnt_faces(path: Path) -> list[tuple[int, bool, list[str]]]:
    """For each face in *path*: its index, whether it has TrueType outlines, its names.

    Reads only the sfnt table directory and the ``name`` table; raises ``OSError`` or
    ``ValueError`` for a file that is not a font, or not a regular file at all (a named
    pipe called ``x.ttf`` in the clerk's font folder would block the reading for ever).
    """
    with _open_regular(path) as fh:
        data = fh.read(12)
        if len(data) < 12:
            raise ValueError("too short")
        if data[:4] == b"ttcf":
            count = struct.unpack(">I", data[8:12])[0]
            if not 0 < count <= 64:
                raise ValueError("bad collection")
            offsets = list(struct.unpack(f">{count}I", fh.read(4 * count)))
        else:
            offsets = [0]
        return [(i, *_read_face(fh, off)) for i, off in enumerate(offsets)]


def _open_regular(path: Path) -> BinaryIO:
    """*path* opened for reading without blocking, refused (``OSError``) unless it is a
    regular file: a pipe or a device opened by name may never answer."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_face(fh: BinaryIO, offset: int) -> tuple[bool, list[str]]:
    fh.seek(offset)
    header = fh.read(12)
    if len(header) < 12 or header[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        raise ValueError("not an sfnt font")
    n_tables = struct.unpack(">H", header[4:6])[0]
    tables: dict[bytes, tuple[int, int]] = {}
    directory = fh.read(16 * n_tables)
    for k in range(n_tables):
        tag, _checksum, t_off, t_len = struct.unpack(">4sIII", directory[16 * k:16 * k + 16])
        tables[tag] = (t_off, t_len)
    names: list[str] = []
    if b"name" in tables:
        t_off, t_len = tables[b"name"]
        fh.seek(t_off)
        names = _family_names(fh.read(min(t_len, 1 << 20)))
    return b"glyf" in tables and b"loca" in tables, names


def _family_names(table: bytes) -> list[str]:
    if len(table) < 6:
        return []
    _fmt, count, string_offset = struct.unpack(">HHH", table[:6])
    names: list[str] = []
    for k in range(count):
        rec = table[6 + 12 * k:18 + 12 * k]
        if len(rec) < 12:
            break
        platform, encoding, _lang, name_id, length, off = struct.unpack(">HHHHHH", rec)
        if name_id not in (1, 4):
            continue
        raw = table[string_offset + off:string_offset + off + length]
        if platform in (0, 3):
            text = raw.decode("utf-16-be", "ignore")
        elif platform == 1 and encoding == 0:
            text = raw.decode("latin-1")
        else:
            continue
        if text and text not in names:
            names.append(text)
    return names


def style_of(path: Path, names: Iterable[str]) -> str:
    """The style a face stands for, from its file name or its family names."""
    known = KNOWN_FILES.get(path.name.lower())
    if known:
        return known
    text = " ".join(names).lower() + " " + path.stem.lower()
    for word, style in STYLE_WORDS:
        if word in text:
            return style
    return "other"


def faces_in_file(path: Path, bundled: bool = False) -> list[FontFace]:
    """The TrueType-outline faces of *path* (none for a CFF font or a non-font)."""
    try:
        faces = sfnt_faces(path)
    except (OSError, ValueError, struct.error):
        return []
    return [FontFace(path, i, names[0] if names else path.stem, style_of(path, names),
                     bundled)
            for i, truetype, names in faces if truetype]


# --- finding font files ---------------------------------------------------------------


def bundled_font_dirs() -> list[Path]:
    """The folder of fonts shipped with declapp, ``resources/fonts``. The release builds
    put Noto Serif SC there (fetched by packaging/fetch.py); a source checkout has only
    its licence there, unless a developer copies the font in (git ignores it)."""
    return [resource_path("fonts")]


def bundled_faces() -> tuple[FontFace, ...]:
    """The usable faces of the bundled fonts, in file-name order."""
    faces: list[FontFace] = []
    for folder in bundled_font_dirs():
        for path in _walk_fonts(folder, known_only=False):
            faces.extend(faces_in_file(path, bundled=True))
    return tuple(faces)


def bundled_faces_first() -> tuple[FontFace, ...]:
    """The bundled faces as ``system_faces()`` begins with them (none when
    ``DECLAPP_FONT_DIRS`` replaces the search)."""
    if os.environ.get(FONT_DIRS_ENV) is not None:
        return ()
    return bundled_faces()


def _platform_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windir / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts", home / ".fonts"]


def _fontconfig_files() -> list[tuple[Path, int]]:
    """Chinese fonts fontconfig knows, with their face index; empty without fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "-f", "%{file}\t%{index}\n", ":lang=zh"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[Path, int]] = []
    for line in out.splitlines():
        file, _, index = line.partition("\t")
        if file.lower().endswith(FONT_SUFFIXES):
            found.append((Path(file), int(index) if index.isdigit() else 0))
    return found


def _walk_fonts(folder: Path, known_only: bool, depth: int = 4) -> Iterable[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False) and depth > 0:
            yield from _walk_fonts(Path(entry.path), known_only, depth - 1)
        elif entry.name.lower().endswith(FONT_SUFFIXES) and _is_regular(entry):
            if not known_only or entry.name.lower() in KNOWN_FILES:
                yield Path(entry.path)


def _is_regular(entry: os.DirEntry[str]) -> bool:
    """A regular file (or a link to one): never a pipe, socket or device named like a font."""
    try:
        return entry.is_file()
    except OSError:
        return False


def find_faces(dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Every usable CJK face: in *dirs* (any font file), or the bundled ones followed by
    the system's (known names in the usual folders and what fontconfig lists for Chinese).
    """
    faces: list[FontFace] = []
    seen: set[tuple[Path, int]] = set()

    def add(path: Path, only_index: int | None = None, bundled: bool = False) -> None:
        for face in faces_in_file(path, bundled):
            key = (face.path.resolve(), face.index)
            if key not in seen and only_index in (None, face.index):
                seen.add(key)
                faces.append(face)

    if dirs is not None:
        for folder in dirs:
            for path in _walk_fonts(Path(folder), known_only=False):
                add(path)
        return tuple(faces)
    for folder in bundled_font_dirs():
        for path in _walk_fonts(folder, known_only=False):
            add(path, bundled=True)
    for folder in _platform_dirs():
        for path in _walk_fonts(folder, known_only=True):
            add(path)
    for path, index in _fontconfig_files():
        add(path, index)
    return tuple(faces)


@functools.lru_cache(maxsize=4)
def _cached_faces(env_value: str | None) -> tuple[FontFace, ...]:
    if env_value is None:
        return find_faces()
    return find_faces([Path(p) for p in env_value.split(os.pathsep) if p])


def system_faces() -> tuple[FontFace, ...]:
    """The usable faces on this machine, searched once per process."""
    return _cached_faces(os.environ.get(FONT_DIRS_ENV))


def clear_faces_cache() -> None:
    _cached_faces.cache_clear()
