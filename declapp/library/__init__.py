"""指标库: every indicator of the clerk's earlier drafts, searchable as the clerk types.

``IndicatorLibrary(data_folder)`` opens (or creates, or replaces when damaged) an SQLite
index in the data folder. The window feeds it drafts: ``add_file`` for each draft saved
or opened, ``add_folder`` for a folder chosen in 设置, ``refresh`` at start-up to catch
files changed meanwhile. ``search`` answers a query with ``LibraryHit``s, each telling
where and in which year the indicator was used, and giving an ``Item`` copy to insert.

One object serves one thread (SQLite connections are not shared): a window searches
with its own object and refreshes with another in a worker; the index's generation
number tells each when the other changed it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from declapp.library.indexing import Indexer, stamp_of
from declapp.library.search import (
    FTS_MIN_CHARS,
    LibraryHit,
    LibraryUse,
    ShortScan,
    build_scans,
    fts_ids,
    load_hits,
    newest_ids,
    query_terms,
)
from declapp.library.sources import Sources, key_of, load_sources, save_sources
from declapp.library.store import (
    DB_NAME,
    LibraryError,
    bump_generation,
    generation,
    has_fts,
    is_damage,
    is_in_memory,
    move_aside,
    open_store,
)

__all__ = ["IndicatorLibrary", "LibraryError", "LibraryHit", "LibraryUse", "RefreshReport"]

MAX_FOLDER_FILES = 20_000  # a folder holding more is not a folder of drafts
DEFAULT_LIMIT = 100


@dataclass
class RefreshReport:
    """What a refresh did, for a status line."""

    read: int = 0  # files read (new or changed)
    unchanged: int = 0
    dropped: int = 0  # files gone or no longer listed
    items: int = 0  # items indexed from the files read
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    notes: list[str] = field(default_factory=list)  # about the library itself
    seconds: float = 0.0


def _drafts_in(folder: Path, report: RefreshReport) -> list[str]:
    found: list[str] = []
    for root, dirs, files in os.walk(folder):  # os.walk does not follow symlinked folders
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.lower().endswith(".json") and not name.startswith(".") \
                    and not name.endswith(".recovery.json"):
                found.append(key_of(Path(root) / name))
        if len(found) > MAX_FOLDER_FILES:
            report.notes.append(f"文件夹“{folder}”中的 .json 文件超过 {MAX_FOLDER_FILES} 个，"
                                "只收录了前面的部分。")
            return found[:MAX_FOLDER_FILES]
    return found


def _refusal(exc: sqlite3.Error) -> LibraryError:
    """The sentence for an error that is not damage to the index file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return LibraryError("指标库正由另一个窗口更新，请稍后再试。")
    if name.startswith("SQLITE_FULL") or "full" in text:
        return LibraryError("磁盘空间不足，指标库无法更新。")
    return LibraryError(f"指标库无法更新（{exc}）。")


class IndicatorLibrary:
    def __init__(self, data_folder: Path | str) -> None:
        self.folder = Path(data_folder)
        self.con, note = open_store(self.folder)
        self.notes: list[str] = [note] if note else []
        self._in_memory = is_in_memory(self.con)
        self.sources: Sources = load_sources(self.folder)
        # (index generation, scans): replaced whole, so a worker may build it (``warm``).
        self._scans: tuple[int | None, dict[str | None, ShortScan]] = (None, {})
        # Empty but with drafts to index: new, replaced after damage, or from a release
        # with another layout. The window runs ``refresh`` (in a worker) when this is set.
        self.needs_refresh = self.indexed_files() == 0 and bool(
            self.sources.files or self.sources.folders)

    # --- what is indexed -------------------------------------------------------------------
    def add_file(self, path: Path | str) -> RefreshReport:
        """Index the draft at *path* now (read again only if it changed) and keep it listed."""
        if self.sources.add_file(path):
            save_sources(self.folder, self.sources)
        return self._sync([key_of(path)], drop_others=False)

    def add_files(self, paths: Iterable[Path | str]) -> RefreshReport:
        keys = [key_of(p) for p in paths]
        if any([self.sources.add_file(k) for k in keys]):
            save_sources(self.folder, self.sources)
        return self._sync(keys, drop_others=False)

    def add_folder(self, folder: Path | str) -> RefreshReport:
        """Keep every draft in *folder* (and its subfolders) indexed."""
        if self.sources.add_folder(folder):
            save_sources(self.folder, self.sources)
        return self.refresh()

    def remove_folder(self, folder: Path | str) -> RefreshReport:
        if self.sources.remove_folder(folder):
            save_sources(self.folder, self.sources)
        return self.refresh()

    def remove_file(self, path: Path | str) -> RefreshReport:
        if self.sources.remove_file(path):
            save_sources(self.folder, self.sources)
        return self.refresh()

    def refresh(self) -> RefreshReport:
        """Bring the index up to date with every listed file and folder: changed files are
        read again, new ones added, vanished ones dropped."""
        report = RefreshReport()
        wanted = list(self.sources.files)
        for folder in self.sources.folders:
            wanted.extend(_drafts_in(Path(folder), report))
        result = self._sync(list(dict.fromkeys(wanted)), drop_others=True)
        result.notes[:0] = report.notes
        return result

    def indexed_files(self) -> int:
        try:
            return int(self.con.execute("SELECT count(*) FROM files").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0

    def _sync(self, paths: list[str], drop_others: bool) -> RefreshReport:
        started = time.perf_counter()
        try:
            report = self._sync_once(paths, drop_others)
        except sqlite3.ProgrammingError:
            raise  # a bug (e.g. another thread's connection), not the file's fault
        except sqlite3.Error as exc:
            if not is_damage(exc):
                raise _refusal(exc) from None
            self._replace_damaged()
            report = self._sync_once(self._all_sources(), drop_others=True)
        report.notes[:0] = self.notes
        self.notes = []
        self.needs_refresh = False
        report.seconds = time.perf_counter() - started
        return report

    def _all_sources(self) -> list[str]:
        scratch = RefreshReport()
        wanted = list(self.sources.files)
        for folder in self.sources.folders:
            wanted.extend(_drafts_in(Path(folder), scratch))
        return list(dict.fromkeys(wanted))

    def _sync_once(self, paths: list[str], drop_others: bool) -> RefreshReport:
        report = RefreshReport()
        indexer = Indexer(self.con, has_fts(self.con))
        with self.con:  # one transaction: a search elsewhere sees all of it or none
            known = {p: (m, s) for p, m, s in
                     self.con.execute("SELECT path, mtime_ns, size FROM files")}
            present = set()
            for path in paths:
                stamp = stamp_of(Path(path))
                if stamp is None:
                    continue
                present.add(path)
                if known.get(path) == (stamp.mtime_ns, stamp.size):
                    report.unchanged += 1
                    continue
                items, problem = indexer.read_and_put(Path(path), stamp)
                report.read += 1
                report.items += items
                if problem:
                    report.problems.append((path, problem))
            gone = [p for p in known if p not in present and (drop_others or p in paths)]
            indexer.drop(gone)
            report.dropped = len(gone)
            indexer.finish()
            if report.read or report.dropped:
                bump_generation(self.con)
        return report

    def _replace_damaged(self) -> None:
        self.con.close()
        move_aside(self.folder)
        self.con, note = open_store(self.folder)
        self.notes.append(note or "指标库文件已损坏，已重新建立索引。")
        self._in_memory = is_in_memory(self.con)
        self._scans = (None, {})

    # --- searching -------------------------------------------------------------------------
    def search(self, query: str, category: str | None = None, limit: int = DEFAULT_LIMIT,
               exclude: Path | str | None = None) -> list[LibraryHit]:
        """Indicators holding every word of *query* (Chinese substrings; words apart by
        spaces), in *category* (a 二级指标 name) if given; newest first. Never raises: a
        damaged index answers nothing and sets ``needs_refresh``."""
        try:
            return self._search(query, category, limit, exclude)
        except sqlite3.ProgrammingError:
            raise  # a bug (e.g. another thread's connection), not the file's fault
        except sqlite3.Error as exc:
            if is_damage(exc):
                self._replace_damaged()
                self.needs_refresh = True
            return []  # busy or unreadable for now: the next keystroke tries again

    def _search(self, query: str, category: str | None, limit: int,
                exclude: Path | str | None) -> list[LibraryHit]:
        terms = query_terms(query)
        ids: list[int] | None = None
        if not terms:
            ids = newest_ids(self.con, category, limit)
        elif has_fts(self.con) and len(terms[-1]) >= FTS_MIN_CHARS:
            ids = fts_ids(self.con, terms, category, limit)  # None: too common
        if ids is None:
            ids = self._scan(category).find(terms, limit)
        hits = load_hits(self.con, ids)
        if exclude is not None:  # the draft being edited: its own indicators are no news
            own = Path(key_of(exclude))
            hits = [h for h in hits if not (h.uses == 1 and h.latest is not None
                                            and h.latest.path == own)]
        return hits

    def _scan(self, category: str | None) -> ShortScan:
        built, scans = self._scans
        if built is None or built != generation(self.con):
            self._scans = (generation(self.con), build_scans(self.con))
            built, scans = self._scans
        return scans.get(category) or ShortScan([])

    def warm(self) -> None:
        """Prepare the short-query search for the index as it is now, so that the first
        one- or two-character keystroke does not wait for it (a quarter of a second for
        200,000 indicators). Safe to call from a worker thread: it reads through a
        connection of its own."""
        path = self.folder / DB_NAME
        if self._in_memory:
            return  # nothing else can read a memory database: the first search builds it
        try:
            con = sqlite3.connect(os.fspath(path), timeout=5.0)
            try:
                built = (generation(con), build_scans(con))
            finally:
                con.close()
        except sqlite3.Error:
            return
        self._scans = built

    def categories(self) -> list[tuple[str, int]]:
        """The 二级指标 of the library with how many indicators each holds, most first."""
        try:
            rows = self.con.execute("SELECT category, count(*) FROM indicators "
                                    "GROUP BY category ORDER BY count(*) DESC, category")
            return [(c, n) for c, n in rows]
        except sqlite3.Error:
            return []

    def uses_of(self, hit: LibraryHit, limit: int = 50) -> list[LibraryUse]:
        """Where *hit* was used, newest first."""
        try:
            rows = self.con.execute(
                "SELECT f.path, f.department, u.year, u.location, u.group_label FROM uses AS u "
                "JOIN files AS f ON f.id = u.file WHERE u.indicator = ? "
                "ORDER BY u.year DESC, u.id DESC LIMIT ?", (hit.id, limit))
            return [LibraryUse(Path(p), d, y, loc, g) for p, d, y, loc, g in rows]
        except sqlite3.Error:
            return []

    def close(self) -> None:
        self._scans = (None, {})
        self.con.close()
