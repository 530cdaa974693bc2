"""The 指标库's SQLite file: opening it, its tables, and replacing it when it is damaged.

The database is only an index of the clerk's draft files, never the only copy of
anything: a damaged or foreign file is moved aside (one damaged copy is kept, for a
support call) and an empty one takes its place, to be filled again from the drafts.
Where the data folder cannot hold it, the index lives in memory for this run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from declapp.errors import ClerkError

DB_NAME = "indicator-library.sqlite3"
DAMAGED_NAME = "indicator-library.damaged.sqlite3"
SCHEMA_VERSION = 1  # PRAGMA user_version; another number is rebuilt, it is only an index
_SIDE_FILES = ("-wal", "-shm", "-journal")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    year INTEGER,
    problem TEXT NOT NULL DEFAULT ''      -- why the file is not a readable draft
);
-- One row per distinct indicator (its 二级指标 and every field), however many drafts use it.
CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,             -- hash of category and item
    category TEXT NOT NULL,
    item TEXT NOT NULL,                   -- the item as JSON, as a draft file writes it
    search TEXT NOT NULL,                 -- what a search looks in, normalised
    uses INTEGER NOT NULL DEFAULT 0,
    latest_year INTEGER NOT NULL DEFAULT 0,
    latest_use INTEGER
);
CREATE INDEX indicators_order ON indicators (latest_year DESC, uses DESC, id);
CREATE INDEX indicators_category ON indicators (category, latest_year DESC, uses DESC, id);
-- Where each indicator stands in which draft.
CREATE TABLE uses (
    id INTEGER PRIMARY KEY,
    indicator INTEGER NOT NULL,
    file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    location TEXT NOT NULL,
    group_label TEXT NOT NULL,
    year INTEGER
);
CREATE INDEX uses_indicator ON uses (indicator, year DESC, id DESC);
CREATE INDEX uses_file ON uses (file);
"""
# Substring search in SQLite 3.34+; 1- and 2-character queries need another way.
# External content: the text lives once, in indicators.search.
_FTS = ("CREATE VIRTUAL TABLE indicators_fts USING fts5(search, tokenize='trigram', "
        "content='indicators', content_rowid='id')")


class LibraryError(ClerkError):
    """The 指标库 cannot do what was asked; ``message`` says why, in Chinese."""


def _connect(target: str) -> sqlite3.Connection:
    con = sqlite3.connect(target, timeout=5.0)
    con.execute("PRAGMA foreign_keys = ON")
    return con


def _check(con: sqlite3.Connection) -> bool:
    """True when the file holds this release's index; False when it is empty. Raises
    ``sqlite3.DatabaseError`` when it is not a database, damaged, or someone else's."""
    version = con.execute("PRAGMA user_version").fetchone()[0]
    tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version == 0 and tables == 0:
        return False
    if version != SCHEMA_VERSION:  # another program's database, or another release's layout
        raise sqlite3.DatabaseError(f"not this release's index (user_version {version})")
    con.execute("SELECT count(*) FROM files").fetchone()
    return True


def is_damage(exc: sqlite3.Error) -> bool:
    """True for errors that say the file itself is bad (not busy, full or misused)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        words in text for words in ("malformed", "not a database", "no such table",
                                    "no such column"))


def is_busy(exc: sqlite3.Error) -> bool:
    """True when another connection (another window) holds the database: not damage."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc).lower()


def is_sound(con: sqlite3.Connection) -> bool:
    """Does ``PRAGMA quick_check`` find the file sound? Nothing sound is ever moved aside:
    an error that looked like damage came from elsewhere (a lock, another release)."""
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error:
        return False
    return rows == [("ok",)]


WAIT_S = 60.0  # how long a write waits for another window's write to end


@contextlib.contextmanager
def write_transaction(con: sqlite3.Connection, wait_s: float = WAIT_S) -> Iterator[None]:
    """One write transaction that takes the write lock at once (``BEGIN IMMEDIATE``),
    waiting while another window writes: what is read inside it is what is written on,
    so two windows indexing at once lose nothing. ``sqlite3.OperationalError`` (busy)
    if the other window holds the lock longer than *wait_s*."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            con.rollback()
        raise
    con.commit()


def _create(con: sqlite3.Connection) -> None:
    """The tables, in one transaction; nothing if another window made them meanwhile."""
    with write_transaction(con):
        if _check(con):
            return
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        try:
            con.execute(_FTS)
        except sqlite3.OperationalError:  # an SQLite without the trigram tokenizer
            pass
        con.execute("INSERT INTO meta VALUES ('generation', '0')")
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def has_fts(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'indicators_fts'"
                       ).fetchone() is not None


def _remove(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def move_aside(folder: Path) -> None:
    """Put a damaged database where it harms nothing, replacing an older damaged one."""
    path = folder / DB_NAME
    aside = folder / DAMAGED_NAME
    _remove(aside)
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        pass
    except OSError:
        _remove(path)  # cannot rename (Windows, a virus scanner): it is only an index
    for suffix in _SIDE_FILES:
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def open_store(folder: Path) -> tuple[sqlite3.Connection, str]:
    """A connection to the library in *folder*, created or replaced as needed, and a
    Chinese note when something had to be done about it ("" when all was well)."""
    path = os.fspath(folder / DB_NAME)
    note = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        con = _connect(path)
        try:
            ready = _check(con)
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                # Another window holds it (a long write): it is in use, not damaged. This
                # window searches what it can and writes once the other is done.
                return con, "指标库正由另一个窗口使用，稍后再更新。"
            if is_sound(con):
                # Another release's index (or another program's database): not ours to
                # remove. This run keeps its own index in memory.
                con.close()
                return _in_memory(), (f"数据文件夹中的指标库文件“{DB_NAME}”属于另一个版本的"
                                      "程序，没有改动它；本次指标库只保存在内存中。")
            con.close()
            move_aside(folder)
            note = f"指标库文件已损坏，已移到“{DAMAGED_NAME}”并重新建立。"
            con = _connect(path)
            ready = _check(con)
        with contextlib.suppress(sqlite3.DatabaseError):
            con.execute("PRAGMA journal_mode = WAL")  # searches go on while a refresh writes
        con.execute("PRAGMA synchronous = NORMAL")  # an index: losing the last commit is fine
        if not ready:
            _create(con)
        return con, note
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, sqlite3.Error) and is_busy(exc):
            return _connect(path), "指标库正由另一个窗口使用，稍后再更新。"
        return _in_memory(), f"指标库无法保存在“{folder}”（{reason}），本次只保存在内存中。"


def _in_memory() -> sqlite3.Connection:
    con = _connect(":memory:")
    _create(con)
    return con


def is_in_memory(con: sqlite3.Connection) -> bool:
    """True for the fallback index that lives only in this run's memory."""
    return not any(row[2] for row in con.execute("PRAGMA database_list") if row[1] == "main")


def generation(con: sqlite3.Connection) -> int:
    """A number that changes whenever the index does (searches cache by it)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def bump_generation(con: sqlite3.Connection) -> None:
    con.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
