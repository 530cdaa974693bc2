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

import contextlib
import os
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from declapp.form.model import Draft
from declapp.library.indexing import Indexer, Stamp, read_draft, stamp_of
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
from declapp.library.sources import (
    Sources,
    key_from,
    key_of,
    load_sources,
    save_sources,
    stored,
)
from declapp.library.store import (
    DB_NAME,
    WAIT_S,
    LibraryError,
    bump_generation,
    generation,
    has_fts,
    is_damage,
    is_in_memory,
    is_sound,
    move_aside,
    open_store,
    write_transaction,
)

__all__ = ["IndicatorLibrary", "LibraryError", "LibraryHit", "LibraryUse", "RefreshReport"]

MAX_FOLDER_FILES = 20_000  # a folder holding more is not a folder of drafts
MAX_WALK_DEPTH = 12
MAX_WALK_ENTRIES = 300_000  # files and folders looked at in one refresh
MAX_WALK_SECONDS = 60.0
BATCH = 100  # drafts read, then written in one short transaction
DEFAULT_LIMIT = 100
# Told how far the work is: (done, total), total 0 while the total is not known yet. It
# may raise to stop the work (the window's 取消); what was written stays written.
Progress = Callable[[int, int], None]


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


def _is_system_folder(path: str) -> bool:
    """A folder of the operating system or of installed programs: never the clerk's."""
    folded = os.path.normcase(path).rstrip("\\/")
    return folded in _SYSTEM_FOLDERS or os.path.basename(folded) in _SYSTEM_NAMES


# Whole trees no draft lives in (a clerk who picks "/" or "C:\\" as the folder of earlier
# drafts must not have the disk read through).
_SYSTEM_FOLDERS = {os.path.normcase(p) for p in (
    "/proc", "/sys", "/dev", "/run", "/boot", "/usr", "/bin", "/sbin", "/lib", "/lib32",
    "/lib64", "/libx32", "/etc", "/snap", "/var/lib", "/var/cache", "/var/log", "/var/run",
    "/lost+found", "c:\\windows", "c:\\program files", "c:\\program files (x86)",
    "c:\\programdata")}
_SYSTEM_NAMES = {os.path.normcase(n) for n in (
    "$Recycle.Bin", "System Volume Information", "node_modules", "__pycache__")}


class _Walk:
    """Looks for drafts under a folder, within bounds: depth, how many entries, how long."""

    def __init__(self, report: RefreshReport, progress: Progress | None) -> None:
        self.report = report
        self.progress = progress
        self.looked = 0
        self.found: list[str] = []
        self.deadline = time.monotonic() + MAX_WALK_SECONDS

    def drafts_in(self, folder: Path) -> list[str]:
        start = len(self.found)
        queue = deque([(os.fspath(folder), 0)])  # breadth first: shallow drafts first
        while queue:
            current, depth = queue.popleft()
            try:
                with os.scandir(current) as listing:
                    entries = list(listing)
            except OSError:
                continue
            for entry in entries:
                self.looked += 1
                if self.looked % 2000 == 0 and self.progress is not None:
                    self.progress(len(self.found), 0)
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):  # never through a link
                        if depth < MAX_WALK_DEPTH and not _is_system_folder(entry.path):
                            queue.append((entry.path, depth + 1))
                    elif name.lower().endswith(".json") and \
                            not name.endswith(".recovery.json") and entry.is_file():
                        self.found.append(key_of(entry.path))
                except OSError:
                    continue
            limit = self._limit(folder, len(self.found) - start)
            if limit:
                self.report.notes.append(limit)
                break
        del self.found[start + MAX_FOLDER_FILES:]
        return self.found[start:]

    def _limit(self, folder: Path, found: int) -> str:
        if found > MAX_FOLDER_FILES:
            return (f"文件夹“{folder}”中的 .json 文件超过 {MAX_FOLDER_FILES:,} 个，"
                    "只收录了前面的部分。")
        if self.looked > MAX_WALK_ENTRIES or time.monotonic() > self.deadline:
            return (f"文件夹“{folder}”太大（已查看 {self.looked:,} 个文件和文件夹），"
                    "只收录了前面找到的草稿：请在“设置”中选择存放草稿的那个文件夹。")
        return ""


def _drafts_in(folder: Path, report: RefreshReport,
               progress: Progress | None = None) -> list[str]:
    return _Walk(report, progress).drafts_in(folder)


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
        self.on_progress: Progress | None = None
        self.wait_s = WAIT_S  # how long a write waits for another window's
        # (index generation, scans): replaced whole, so a worker may build it (``warm``).
        self._scans: tuple[int | None, dict[str | None, ShortScan]] = (None, {})
        # Empty but with drafts to index: new, replaced after damage, or from a release
        # with another layout. The window runs ``refresh`` (in a worker) when this is set.
        self.needs_refresh = self.indexed_files() == 0 and bool(
            self.sources.files or self.sources.folders)

    # --- what is indexed -------------------------------------------------------------------
    def _change_sources(self, change: Callable[[Sources], bool]) -> None:
        """Change the list of what is indexed, as every window sees it now: read, changed
        and written while holding the index's write lock, so that two windows adding at
        once both keep their file."""
        lock = contextlib.nullcontext() if self._in_memory else \
            write_transaction(self.con, self.wait_s)
        try:
            with lock:
                self.sources = load_sources(self.folder)
                if change(self.sources):
                    save_sources(self.folder, self.sources)
        except sqlite3.Error as exc:
            raise _refusal(exc) from None

    def add_file(self, path: Path | str) -> RefreshReport:
        """Index the draft at *path* now (read again only if it changed) and keep it listed."""
        self._change_sources(lambda sources: sources.add_file(path))
        return self._sync([key_of(path)], drop_others=False)

    def add_files(self, paths: Iterable[Path | str]) -> RefreshReport:
        keys = [key_of(p) for p in paths]
        self._change_sources(lambda sources: any([sources.add_file(k) for k in keys]))
        return self._sync(keys, drop_others=False)

    def add_folder(self, folder: Path | str) -> RefreshReport:
        """Keep every draft in *folder* (and its subfolders) indexed."""
        self._change_sources(lambda sources: sources.add_folder(folder))
        return self.refresh()

    def remove_folder(self, folder: Path | str) -> RefreshReport:
        self._change_sources(lambda sources: sources.remove_folder(folder))
        return self.refresh()

    def remove_file(self, path: Path | str) -> RefreshReport:
        self._change_sources(lambda sources: sources.remove_file(path))
        return self.refresh()

    def refresh(self) -> RefreshReport:
        """Bring the index up to date with every listed file and folder: changed files are
        read again, new ones added, vanished ones dropped."""
        self.sources = load_sources(self.folder)  # another window may have added some
        report = RefreshReport()
        wanted = self._wanted(report)
        result = self._sync(wanted, drop_others=True)
        result.notes[:0] = report.notes
        return result

    def _wanted(self, report: RefreshReport) -> list[str]:
        walk = _Walk(report, self.on_progress)
        wanted = list(self.sources.files)
        for folder in self.sources.folders:
            wanted.extend(walk.drafts_in(Path(folder)))
        return list(dict.fromkeys(wanted))

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
            if not is_damage(exc) or is_sound(self.con):
                raise _refusal(exc) from None  # busy, full, or sound: never moved aside
            self._replace_damaged()
            report = self._sync_once(self._all_sources(), drop_others=True)
        report.notes[:0] = self.notes
        self.notes = []
        self.needs_refresh = False
        report.seconds = time.perf_counter() - started
        return report

    def _all_sources(self) -> list[str]:
        self.sources = load_sources(self.folder)
        return self._wanted(RefreshReport())

    def _progress(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total)

    def _sync_once(self, paths: list[str], drop_others: bool) -> RefreshReport:
        """Index *paths* in batches: each batch's drafts are read first, then written in one
        short transaction that takes the write lock at once (another window's batch
        waits for it, or this one for the other's). A search elsewhere sees a batch
        whole or not at all."""
        report = RefreshReport()
        fts = has_fts(self.con)
        present: set[str] = set()
        for start in range(0, len(paths), BATCH):
            self._progress(start, len(paths))
            batch = paths[start:start + BATCH]
            known = self._stamps(batch)
            work: list[tuple[str, Stamp, Draft | None, str]] = []
            for key in batch:
                stamp = stamp_of(Path(key))
                if stamp is None:
                    continue
                present.add(key)
                if known.get(key) == (stamp.mtime_ns, stamp.size):
                    report.unchanged += 1
                    continue
                work.append((key, stamp, *read_draft(Path(key))))
            if not work:
                continue
            with write_transaction(self.con, self.wait_s):
                indexer = Indexer(self.con, fts)
                for key, stamp, draft, problem in work:
                    report.items += indexer.put(key, stamp, draft, problem)
                    report.read += 1
                    if problem:
                        report.problems.append((key, problem))
                indexer.finish()
                bump_generation(self.con)
        self._progress(len(paths), len(paths))
        report.dropped = self._drop_gone(set(paths), present, drop_others, fts)
        return report

    def _stamps(self, keys: list[str]) -> dict[str, tuple[int, int]]:
        """(mtime, size) of each of *keys* as the index has it."""
        marks = ",".join("?" * len(keys))
        rows = self.con.execute(f"SELECT path, mtime_ns, size FROM files WHERE path IN ({marks})",
                                [stored(k) for k in keys])
        return {key_from(p): (m, n) for p, m, n in rows}

    def _drop_gone(self, looked_at: set[str], present: set[str], drop_others: bool,
                   fts: bool) -> int:
        """Drop the files that vanished and, for a refresh, those no window lists any
        more (the list read again now: another window may have added a file since)."""
        with write_transaction(self.con, self.wait_s):
            listed = [key_from(p) for (p,) in self.con.execute("SELECT path FROM files")]
            sources = load_sources(self.folder) if drop_others else self.sources
            folders = [f.rstrip(os.sep) + os.sep for f in sources.folders]
            listed_files = set(sources.files)

            def gone(key: str) -> bool:
                if key in present:
                    return False
                if key in looked_at:
                    return True  # looked for and not there
                if not drop_others:
                    return False
                wanted = key in listed_files or key.startswith(tuple(folders))
                return not wanted or stamp_of(Path(key)) is None

            dropped = [key for key in listed if gone(key)]
            if dropped:
                indexer = Indexer(self.con, fts)
                indexer.drop(dropped)
                indexer.finish()
                bump_generation(self.con)
        return len(dropped)

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
            if is_damage(exc) and not is_sound(self.con):
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
            return [LibraryUse(Path(key_from(p)), d, y, loc, g) for p, d, y, loc, g in rows]
        except sqlite3.Error:
            return []

    def close(self) -> None:
        self._scans = (None, {})
        self.con.close()
