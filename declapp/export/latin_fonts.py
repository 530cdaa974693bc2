"""A proportional serif for Latin letters and digits in the PDF, as Word prints them.

A Chinese form in Word prints Chinese in 宋体 and letters, digits and ASCII signs in
Times New Roman. The CJK fonts' own Latin glyphs are typewriter-like (every digit as
wide as half a Chinese character), so the PDF looks for a Times-like TrueType face:
Times New Roman (Windows, macOS), Liberation Serif or Tinos (Linux; both have exactly
Times New Roman's widths, so lines break at the same places on every PC), FreeSerif.

Candidates are searched in order: a folder of fonts bundled with declapp first
(``font_files.bundled_font_dirs``, where the release has one; any candidate there by
family name), then the system's font folders by file name, then what fontconfig knows by
family name. ``DECLAPP_FONT_DIRS`` replaces the search as it does for the Chinese fonts.
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from declapp.export import font_files
from declapp.export.font_files import FONT_DIRS_ENV, FontFace, sfnt_faces

# Best first. File names (lower case) as the systems install them.
LATIN_SERIF_FILES: tuple[str, ...] = (
    "times.ttf",  # Windows: Times New Roman
    "times new roman.ttf",  # macOS
    "liberationserif-regular.ttf",  # Linux: fonts-liberation(2), metric-compatible
    "tinos-regular.ttf",  # Linux: fonts-croscore, metric-compatible
    "freeserif.ttf",  # Linux: fonts-freefont-ttf, Times-like
)
# Family names (lower case), best first, for fonts found by name rather than file.
LATIN_SERIF_FAMILIES: tuple[str, ...] = (
    "times new roman", "liberation serif", "tinos", "freeserif", "nimbus roman",
    "tex gyre termes",
)
# What a face must draw to stand in for Times New Roman.
REQUIRED_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _rank(path: Path, names: Sequence[str]) -> int | None:
    """The candidate's place in the preference order, or None if it is no candidate."""
    file = path.name.lower()
    if file in LATIN_SERIF_FILES:
        return LATIN_SERIF_FILES.index(file)
    lowered = [n.lower() for n in names]
    for rank, family in enumerate(LATIN_SERIF_FAMILIES):
        if family in lowered or f"{family} regular" in lowered:
            return len(LATIN_SERIF_FILES) + rank
    return None


def _faces_of(path: Path, by_name: bool) -> list[tuple[int, FontFace]]:
    """(rank, face) for the regular TrueType faces of *path* that are candidates."""
    if not by_name and path.name.lower() not in LATIN_SERIF_FILES:
        return []
    try:
        faces = sfnt_faces(path)
    except (OSError, ValueError, struct.error):
        return []
    found = []
    for index, truetype, names in faces:
        rank = _rank(path, names)
        if truetype and rank is not None:
            found.append((rank, FontFace(path, index, names[0] if names else path.stem,
                                         "latin")))
    return found


def _fontconfig_candidates() -> list[Path]:
    """Font files whose family fontconfig names as a candidate; empty without fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "-f", "%{file}\t%{family}\n", ":outline=true"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        file, _, families = line.partition("\t")
        if any(f.strip().lower() in LATIN_SERIF_FAMILIES for f in families.split(",")):
            found.append(Path(file))
    return found


def _ranked_faces(paths: Iterable[Path]) -> list[tuple[int, FontFace]]:
    found = [pair for path in paths for pair in _faces_of(path, by_name=True)]
    found.sort(key=lambda pair: pair[0])
    return found


def bundled_latin_faces() -> tuple[FontFace, ...]:
    """The Times-like faces shipped with declapp, best first: the first of
    ``latin_faces()`` whenever there are any (``DECLAPP_FONT_DIRS`` unset)."""
    if os.environ.get(FONT_DIRS_ENV) is not None:
        return ()
    paths = [path for folder in font_files.bundled_font_dirs()
             for path in font_files._walk_fonts(folder, known_only=False)]
    return tuple(face for _rank, face in _ranked_faces(paths))


def find_latin_faces(dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Times-like faces, best first: any candidate font in *dirs*, or the bundled and
    system ones (known file names, then fontconfig's by family name)."""
    ranked: list[tuple[int, int, FontFace]] = []
    seen: set[tuple[Path, int]] = set()

    def add(paths: Iterable[Path], by_name: bool, group: int) -> None:
        for path in paths:
            for rank, face in _faces_of(path, by_name):
                key = (face.path.resolve(), face.index)
                if key not in seen:
                    seen.add(key)
                    ranked.append((group, rank, face))

    if dirs is not None:
        for folder in dirs:
            add(font_files._walk_fonts(Path(folder), known_only=False), by_name=True, group=0)
    else:
        for folder in font_files.bundled_font_dirs():
            add(font_files._walk_fonts(folder, known_only=False), by_name=True, group=0)
        for folder in font_files._platform_dirs():
            add(font_files._walk_fonts(folder, known_only=False), by_name=False, group=1)
        add(_fontconfig_candidates(), by_name=True, group=2)
    ranked.sort(key=lambda item: (item[0], item[1]))
    return tuple(face for _group, _rank, face in ranked)


@functools.lru_cache(maxsize=4)
def _cached(env_value: str | None) -> tuple[FontFace, ...]:
    if env_value is None:
        return find_latin_faces()
    return find_latin_faces([Path(p) for p in env_value.split(os.pathsep) if p])


def latin_faces() -> tuple[FontFace, ...]:
    """This machine's Times-like faces, searched once per process."""
    return _cached(os.environ.get(FONT_DIRS_ENV))


def clear_cache() -> None:
    _cached.cache_clear()
