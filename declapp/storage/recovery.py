"""Crash recovery: autosaved copies of unsaved drafts, and finding them after a crash.

Each running program holds a *session*: a marker file it keeps locked while it lives.
The operating system drops the lock when the process dies, however it dies (SIGKILL,
power cut), so a marker that can be locked by someone else belongs to a run that did
not end normally, and its copies are offered for restore. A recovery copy is itself a
complete draft (written atomically); where it came from rides along in ``meta``, which
draft readers ignore.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO

from declapp.form.model import Draft
from declapp.form.templates import unit_name
from declapp.storage import draft_bytes
from declapp.storage.atomic import atomic_write_bytes
from declapp.storage.fileformat import (
    DraftError,
    default_meta,
    dumps,
    loads_bytes,
    read_draft_bytes,
)

SESSION_SUFFIX = ".session"
UNREADABLE_FOLDER = "unreadable"
COPY_SUFFIX = ".recovery.json"


@dataclass(frozen=True)
class RecoveryCopy:
    """A copy left behind by a run that did not end normally."""

    path: Path
    original: Path | None  # the clerk's own file, or None for a never-saved draft
    saved_at: datetime
    department: str
    year: int | None
    readable: bool
    problem: str = ""  # why an unreadable copy cannot be restored (Chinese)

    def describe_lines(self) -> tuple[str, str, str]:
        """What it was, whose form, when: (file name, department and year, time)."""
        what = self.original.name if self.original else "未保存的新草稿"
        name = self.department or "未填写部门名称"
        year = f"{self.year} 年度" if self.year is not None else "年度不明"
        return what, f"{name}，{year}", f"自动保存于 {self.saved_at:%Y-%m-%d %H:%M:%S}"

    def describe(self) -> str:
        what, whose, when = self.describe_lines()
        return f"{what}（{whose}），{when}"


def _lock(fh: IO[bytes]) -> bool:
    """Take an exclusive, non-blocking lock on *fh*; False if another process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class RecoveryStore:
    """The recovery folder of one running program."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self.session = f"{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}-{os.urandom(4).hex()}"
        self._marker: IO[bytes] | None = None

    # --- this run -------------------------------------------------------------------------
    def start(self) -> None:
        """Create and lock this run's session marker (call once at start-up)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / f"{self.session}{SESSION_SUFFIX}"
        fh = marker.open("wb")
        fh.write(str(os.getpid()).encode())
        fh.flush()
        _lock(fh)
        self._marker = fh

    def copy_path(self, slot: str) -> Path:
        return self.folder / f"{self.session}.{slot}{COPY_SUFFIX}"

    def write(self, slot: str, draft: Draft, original: Path | str | None) -> Path:
        """Write the recovery copy of the draft open in *slot* (atomic, never the clerk's file)."""
        meta = default_meta()
        meta["recovery_of"] = os.fspath(original) if original else ""
        path = self.copy_path(slot)
        if original and Path(original).resolve() == path.resolve():
            raise ValueError("a recovery copy never replaces the clerk's own file")
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, draft_bytes.file_bytes(draft, dumps(draft, meta), path))
        return path

    def discard(self, slot: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.copy_path(slot).unlink()

    def finish(self) -> None:
        """A normal end: remove this run's copies and its marker."""
        for path in self.folder.glob(f"{self.session}.*{COPY_SUFFIX}"):
            with contextlib.suppress(OSError):
                path.unlink()
        if self._marker is not None:
            self._marker.close()
            self._marker = None
        with contextlib.suppress(OSError):
            (self.folder / f"{self.session}{SESSION_SUFFIX}").unlink()

    # --- earlier runs ---------------------------------------------------------------------
    def _session_alive(self, session: str) -> bool:
        if session == self.session:
            return True
        marker = self.folder / f"{session}{SESSION_SUFFIX}"
        try:
            with marker.open("r+b") as fh:
                return not _lock(fh)  # the lock drops when we close the file
        except FileNotFoundError:
            return False  # copies without a marker: the run ended without cleaning up
        except OSError:
            return True

    def orphaned(self) -> list[RecoveryCopy]:
        """Copies of runs that did not end normally, newest first.

        Never raises: a copy that cannot be read, for whatever reason, is moved to
        ``unreadable/`` at once (listed once more, so the clerk is told), so that no
        copy can stop the program from starting, at this launch or the next.
        """
        try:
            paths = sorted(self.folder.glob(f"*{COPY_SUFFIX}"))
        except OSError:
            return []
        found = []
        for path in paths:
            session = path.name.split(".", 1)[0]
            if self._session_alive(session):
                continue
            copy = read_copy(path)
            if not copy.readable:
                copy = self._move_aside(copy)
            found.append(copy)
        return sorted(found, key=lambda c: c.saved_at, reverse=True)

    def remove_copy(self, copy: RecoveryCopy) -> None:
        """Discard an orphaned copy, and its run's marker once it has no copies left."""
        with contextlib.suppress(FileNotFoundError):
            copy.path.unlink()
        session = copy.path.name.split(".", 1)[0]
        if not any(self.folder.glob(f"{session}.*{COPY_SUFFIX}")):
            with contextlib.suppress(OSError):
                (self.folder / f"{session}{SESSION_SUFFIX}").unlink()

    def set_aside(self, copy: RecoveryCopy) -> Path:
        """Move a copy that cannot be restored (damaged, or from a newer release) out of
        the way without deleting it: it stays in ``unreadable/`` for someone to look at.
        A copy already there stays where it is."""
        folder = self.folder / UNREADABLE_FOLDER
        if copy.path.parent == folder:
            return copy.path
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / copy.path.name
        os.replace(copy.path, target)
        self.remove_copy(copy)  # only clears the dead run's marker now
        return target

    def _move_aside(self, copy: RecoveryCopy) -> RecoveryCopy:
        """*copy* set aside, or as it was when even that fails (a read-only folder)."""
        try:
            return replace(copy, path=self.set_aside(copy))
        except OSError:
            return copy

    def clean_stale_markers(self) -> None:
        """Remove markers of dead runs that left no copies behind."""
        for marker in self.folder.glob(f"*{SESSION_SUFFIX}"):
            session = marker.name[: -len(SESSION_SUFFIX)]
            if not any(self.folder.glob(f"{session}.*{COPY_SUFFIX}")) \
                    and not self._session_alive(session):
                with contextlib.suppress(OSError):
                    marker.unlink()


def _copy_meta(data: bytes) -> tuple[Path | None, datetime | None]:
    """The original file and the time of saving a copy's ``meta`` records, as far as they
    can be read: a copy is written by us, but its bytes may be anything after a crash."""
    raw = json.loads(data.decode("utf-8-sig"))
    meta = raw.get("meta") if isinstance(raw, dict) else None
    if not isinstance(meta, dict):
        return None, None
    source, stamp = meta.get("recovery_of"), meta.get("saved_at")
    original = Path(source) if isinstance(source, str) and source else None
    saved_at = None
    if isinstance(stamp, str):
        with contextlib.suppress(ValueError):
            saved_at = datetime.fromisoformat(stamp).replace(tzinfo=None)
    return original, saved_at


def read_copy(path: Path) -> RecoveryCopy:
    """What a recovery copy holds; never raises (an unreadable copy says why)."""
    try:
        saved_at = datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        saved_at = datetime.now()
    original: Path | None = None
    try:
        data = read_draft_bytes(path)
        with contextlib.suppress(Exception):  # the draft's own reading says what is wrong
            original, stamp = _copy_meta(data)
            saved_at = stamp or saved_at
        draft = loads_bytes(data, path)
    except DraftError as exc:
        return RecoveryCopy(path, original, saved_at, "", None, False, exc.problem)
    except Exception:  # RecursionError, MemoryError, …: whatever it is, start anyway
        return RecoveryCopy(path, original, saved_at, "", None, False, "副本已损坏。")
    return RecoveryCopy(path, original, saved_at, unit_name(draft), draft.year, True)
