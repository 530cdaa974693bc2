"""Which drafts the 指标库 indexes: files and folders, kept beside the database.

The list is a small JSON file written atomically, so that a damaged or deleted database
is rebuilt from the same drafts without the window having to say them again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from declapp.storage.atomic import WriteError, atomic_write_bytes

SOURCES_NAME = "indicator-library-sources.json"


def key_of(path: Path | str) -> str:
    """One spelling per file: absolute, normalised (and case-folded where the file
    system ignores case), so that a file added twice is indexed once."""
    return os.path.normcase(os.path.abspath(os.fspath(path)))


_RAW = "raw-path:"  # no absolute path starts so


def stored(key: str) -> str:
    """*key* as text SQLite and JSON can hold. A name that is not valid Unicode (GBK
    bytes on Linux, which Python holds as lone surrogates) is kept as its bytes in hex,
    so that every readable draft is indexed whatever its name's encoding."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return _RAW + os.fsencode(key).hex()
    return key


def key_from(text: str) -> str:
    """The key ``stored`` made *text* from."""
    if text.startswith(_RAW):
        try:
            return os.fsdecode(bytes.fromhex(text[len(_RAW):]))
        except ValueError:
            return text
    return text


@dataclass
class Sources:
    files: list[str] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)

    def add_file(self, path: Path | str) -> bool:
        """Add *path*; False if it was there already."""
        key = key_of(path)
        if key in self.files:
            return False
        self.files.append(key)
        return True

    def add_folder(self, path: Path | str) -> bool:
        key = key_of(path)
        if key in self.folders:
            return False
        self.folders.append(key)
        return True

    def remove_file(self, path: Path | str) -> bool:
        key = key_of(path)
        if key not in self.files:
            return False
        self.files.remove(key)
        return True

    def remove_folder(self, path: Path | str) -> bool:
        key = key_of(path)
        if key not in self.folders:
            return False
        self.folders.remove(key)
        return True


def load_sources(folder: Path) -> Sources:
    """The saved list; an empty one if it is missing or unreadable (the window feeds it
    again from its recent files and settings)."""
    try:
        data = json.loads((folder / SOURCES_NAME).read_text(encoding="utf-8"))
        files = [key_from(p) for p in data.get("files", []) if isinstance(p, str)]
        folders = [key_from(p) for p in data.get("folders", []) if isinstance(p, str)]
    except (OSError, ValueError, AttributeError):
        return Sources()
    return Sources(files=list(dict.fromkeys(files)), folders=list(dict.fromkeys(folders)))


def save_sources(folder: Path, sources: Sources) -> bool:
    """Write the list; False when the folder cannot hold it (the index still works)."""
    text = json.dumps({"version": 1, "files": [stored(k) for k in sources.files],
                       "folders": [stored(k) for k in sources.folders]},
                      ensure_ascii=False, indent=1)
    try:
        atomic_write_bytes(folder / SOURCES_NAME, text.encode("utf-8"))
    except WriteError:
        return False
    return True
