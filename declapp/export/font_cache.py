"""Parsed TrueType faces kept on disk, so that a PDF does not parse a 15 MB font again.

reportlab's ``TTFontFace`` reads a whole font when it is made: names, metrics, the
character map, every glyph's advance and position; for a 15 MB font such as Noto Serif SC
that is a good part of a small export. What the parse yields depends only on the font's bytes and
the reportlab that parsed it, so it is stored once per face, in a file named by the sha256
of the font file and the face index:

- under the data folder (``declapp.system.paths.data_folder() / "font-cache"``), written
  on the first export that parses the face;
- in the release, beside the bundled fonts (``resources/fonts/font-cache``), written when
  the release is built, so a clerk's first export is quick too.

The file is plain data this module writes and reads: a first line naming the format, a
JSON line with the key (format, reportlab version, Python version, byte order, the
font's sha256 and face index) and the payload's length and sha256, then the payload
(``marshal`` of numbers, strings, bytes and arrays of numbers; no objects of reportlab).
A file whose key differs (another reportlab, a changed font), whose payload is cut short
or damaged, or that cannot be read for any reason is a miss: the face is parsed again and
the file rewritten (atomically). The payload is unmarshalled only once its sha256 matches.
A font file's sha256 is remembered (``hashes.json``, beside the user's entries) with its
size, times and inode, and taken again only while all of them are unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import mmap
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from declapp.export.font_state import CacheRefused, face_from_state, state_of
from declapp.storage.atomic import WriteError, atomic_write_bytes
from declapp.system.paths import data_folder, resource_path

FORMAT = 2
BUNDLED_CACHE = "font-cache"  # the folder's name, in the data folder and resources/fonts
MAGIC = b"declapp font cache\n"
SUFFIX = ".rlface"
_HEADER_MAX = 4096


def user_cache_folder() -> Path:
    return data_folder() / BUNDLED_CACHE


def bundled_cache_folder() -> Path:
    return resource_path("fonts", BUNDLED_CACHE)


def cache_folders() -> list[Path]:
    """Where cached faces are looked for, the one written to last."""
    return [bundled_cache_folder(), user_cache_folder()]


def cache_key(font_sha256: str, index: int) -> dict[str, Any]:
    return {"format": FORMAT, "reportlab": reportlab.Version,
            "python": f"{sys.version_info[0]}.{sys.version_info[1]}",
            "marshal": marshal.version, "byteorder": sys.byteorder,
            "font_sha256": font_sha256, "index": index}


def cache_name(font_sha256: str, index: int) -> str:
    return f"{font_sha256}-{index}{SUFFIX}"


# --- the font, parsed or from the cache ---------------------------------------------------

_lock = threading.Lock()


def load_face(path: Path, index: int = 0,
              folders: Sequence[Path] | None = None) -> TTFontFace:
    """The parsed face *index* of the font file *path*: from a cache file in *folders*
    (default ``cache_folders()``) when one holds it for this reportlab and these bytes,
    else parsed by reportlab and stored in the last of *folders* (the data folder's: the
    program's own folder is never written to at run time), if it can be written."""
    folders = cache_folders() if folders is None else list(folders)
    data = font_bytes(Path(path))
    digest = font_digest(Path(path), data, folders[-1] if folders else None)
    key = cache_key(digest, index)
    name = cache_name(digest, index)
    for folder in reversed(folders):
        state = read_cache(folder / name, key)
        if state is not None:
            try:
                return face_from_state(state, data, str(path))
            except Exception:  # a cache that does not fit this reportlab: parse
                continue
    face = TTFontFace(str(path), subfontIndex=index)
    if folders:
        write_cache(folders[-1] / name, key, face)
    return face


def font_bytes(path: Path) -> bytes | mmap.mmap:
    """The bytes of the font file *path*. A bundled font is mapped rather than read: a PDF
    takes only its subsets' glyphs and a few tables of the 15 MB font, and reading the
    rest cost a small export a tenth of its time. Other fonts are read, since a mapped file
    that is rewritten in place (a font copied over another) would crash the program."""
    with open(path, "rb") as file:
        if _is_bundled(path):
            with contextlib.suppress(OSError, ValueError):  # empty, or no mapping there
                return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return file.read()


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(resource_path("fonts").resolve())
    except OSError:
        return False


HASHES = "hashes.json"  # the sha256 of font files as they were when last hashed


def _identity(path: Path) -> list[int | str]:
    """What changes whenever a file's content may have: its place, size, modification and
    status-change times (the latter set by the system on every write, rename or utime)."""
    st = path.stat()
    return [str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def font_digest(path: Path, data: bytes | mmap.mmap, folder: Path | None) -> str:
    """The sha256 of *data* (the bytes of *path*): remembered in *folder*'s ``hashes.json``
    for a file whose identity has not changed since, as hashing 15 MB costs a CPU without
    SHA instructions (most office PCs) about as much as the cache saves."""
    memo = folder / HASHES if folder is not None else None
    try:
        identity = _identity(path)
    except OSError:
        identity = None
    known: dict[str, Any] = {}
    if memo is not None and identity is not None:
        known = _read_hashes(memo)
        entry = known.get(str(identity[0]))
        if isinstance(entry, list) and entry[:-1] == identity[1:] and \
                isinstance(entry[-1], str) and len(entry[-1]) == 64:
            return entry[-1]
    digest = hashlib.sha256(data).hexdigest()
    if memo is not None and identity is not None:
        known[str(identity[0])] = [*identity[1:], digest]
        with contextlib.suppress(OSError, WriteError):
            memo.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(memo, json.dumps(known, ensure_ascii=False).encode("utf-8"))
    return digest


def _read_hashes(memo: Path) -> dict[str, Any]:
    try:
        known = json.loads(memo.read_bytes())
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def make_font(name: str, face: TTFontFace) -> TTFont:
    """A reportlab ``TTFont`` named *name* around an already parsed *face*.

    ``TTFont.__init__`` parses the file itself; it is run as it is (whatever else it sets
    up) with its face constructor answering with *face*.
    """
    def prebuilt(*_args: Any, **_kwargs: Any) -> TTFontFace:
        return face

    with _lock:
        saved: Callable[..., TTFontFace] = ttfonts.TTFontFace
        ttfonts.TTFontFace = prebuilt
        try:
            return TTFont(name, face.filename)
        finally:
            ttfonts.TTFontFace = saved


def build_cache(fonts: Iterable[Path], folder: Path) -> list[Path]:
    """Write the cache files of every TrueType face of *fonts* into *folder* (the release
    build: ``bundled_cache_folder()`` of the frozen app); the files written. Raises
    ``ValueError`` when a face cannot be stored, so that a build does not ship without."""
    from declapp.export.font_files import sfnt_faces

    written: list[Path] = []
    for font in fonts:
        digest = hashlib.sha256(Path(font).read_bytes()).hexdigest()
        for index, truetype, _names in sfnt_faces(Path(font)):
            if not truetype:
                continue
            file = folder / cache_name(digest, index)
            face = TTFontFace(str(font), subfontIndex=index)
            if not write_cache(file, cache_key(digest, index), face):
                raise ValueError(f"cannot store the parsed face {index} of {font} in {file}")
            written.append(file)
    return written


# --- reading ------------------------------------------------------------------------------

def read_cache(file: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    """The stored state in *file* if it is complete, undamaged and made for *key*; else
    ``None`` (never an exception)."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    try:
        if not raw.startswith(MAGIC):
            return None
        end = raw.find(b"\n", len(MAGIC), len(MAGIC) + _HEADER_MAX)
        if end < 0:
            return None
        header = json.loads(raw[len(MAGIC):end])
        if not isinstance(header, dict) or header.get("key") != key:
            return None
        payload = memoryview(raw)[end + 1:]
        if len(payload) != header.get("payload_bytes") or \
                hashlib.sha256(payload).hexdigest() != header.get("payload_sha256"):
            return None
        state = marshal.loads(payload)
        return state if isinstance(state, dict) else None
    except Exception:  # a damaged cache is a miss, whatever it holds
        return None


# --- writing ------------------------------------------------------------------------------

def write_cache(file: Path, key: dict[str, Any], face: TTFontFace) -> bool:
    """Store *face* in *file* atomically; False when it cannot be stored or written."""
    try:
        payload = marshal.dumps(state_of(face))
    except (CacheRefused, ValueError, TypeError):
        return False
    header = {"key": key, "payload_bytes": len(payload),
              "payload_sha256": hashlib.sha256(payload).hexdigest()}
    data = MAGIC + json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + payload
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(file, data)
    except (OSError, WriteError):
        return False
    return True
