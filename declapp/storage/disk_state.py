"""What a draft file held when this window read or last wrote it, and whether it has
changed on disk since (another window, another PC on a shared folder, a colleague's
copy over it).

A file is recognised by its size, its modification time and a SHA-256 of its bytes.
Size and time alone are cheap and catch nearly every change; when they differ, the
bytes decide, so a file merely touched (copied back unchanged, a time-only sync) is no
change. Reading and writing here return the state to compare with at the next save.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from declapp.form.model import Draft
from declapp.storage.atomic import atomic_write_bytes
from declapp.storage.fileformat import default_meta, dumps, loads_bytes, read_draft_bytes


@dataclass(frozen=True)
class DiskState:
    size: int
    mtime_ns: int
    digest: str  # SHA-256 of the bytes, hex

    @property
    def modified(self) -> datetime:
        return datetime.fromtimestamp(self.mtime_ns / 1e9)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_draft(path: Path | str) -> tuple[Draft, DiskState]:
    """The draft at *path* and the state of the file it was read from (``DraftError``
    if it is no draft). The time is taken before the bytes are read: a file replaced in
    between then shows as changed, never the other way round."""
    try:
        before: os.stat_result | None = os.stat(path)
    except OSError:
        before = None  # read_draft_bytes says why
    data = read_draft_bytes(path)
    draft = loads_bytes(data, path)
    info = before if before is not None else os.stat(path)
    return draft, DiskState(info.st_size, info.st_mtime_ns, _digest(data))


def write_draft(draft: Draft, path: Path | str) -> DiskState:
    """Write *draft* to *path* atomically (``WriteError`` says why not); the state of
    the file written."""
    data = dumps(draft, default_meta()).encode("utf-8")
    atomic_write_bytes(os.fspath(path), data)
    info = os.stat(path)
    return DiskState(info.st_size, info.st_mtime_ns, _digest(data))


@dataclass(frozen=True)
class DiskChange:
    """The file on disk is not what this window read or wrote: when it was modified."""

    modified: datetime


def changed_on_disk(path: Path | str, known: DiskState) -> DiskChange | None:
    """How the file at *path* differs from *known*; None when it is the same file (or is
    gone: saving then simply writes it again)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if info.st_size == known.size and info.st_mtime_ns == known.mtime_ns:
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return DiskChange(datetime.fromtimestamp(info.st_mtime_ns / 1e9))
    if _digest(data) == known.digest:
        return None  # touched, not changed
    return DiskChange(datetime.fromtimestamp(info.st_mtime_ns / 1e9))
