"""Putting a draft's indicators into the 指标库 and taking them out again.

A file is read only when its size or modification time changed since it was indexed;
a file that is not a readable draft is remembered with its problem, so it is not read
again until it changes. Identical indicators of several drafts are stored once, with
one use per place they stand.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from declapp.form import locations as loc
from declapp.form.model import Draft, Item
from declapp.form.templates import group_labels, unit_name
from declapp.indicators.wording import tooltip_text
from declapp.library.sources import stored
from declapp.storage.fileformat import DraftError, item_to_dict, load


def search_form(text: str) -> str:
    """How text is compared in a search: full-width as half-width, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass
class Stamp:
    mtime_ns: int
    size: int


def stamp_of(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return Stamp(info.st_mtime_ns, info.st_size)


def _entries(draft: Draft) -> Iterator[tuple[str, str, str, Item]]:
    """(location, group label, category, item) of every non-blank item."""
    for tree, groups in draft.all_groups():
        labels = group_labels(draft, tree)
        for gi, group in enumerate(groups):
            for ci, category in enumerate(group.categories):
                for ii, item in enumerate(category.items):
                    if not item.is_blank:
                        yield (loc.item(gi, ci, ii, tree=tree), labels[gi],
                               category.name.strip(), item)


def read_draft(path: Path) -> tuple[Draft | None, str]:
    """The draft at *path*, or None and why it is not one (a sentence)."""
    try:
        return load(path), ""
    except DraftError as exc:
        return None, exc.message


def item_json(item: Item) -> str:
    return json.dumps(item_to_dict(item), ensure_ascii=False, separators=(",", ":"))


class Indexer:
    """One batch of changes in one transaction; ``finish`` brings the counts up to date."""

    def __init__(self, con: sqlite3.Connection, fts: bool) -> None:
        self.con = con
        self.fts = fts
        self.touched: set[int] = set()
        self._ids: dict[bytes, int] = {}

    def _indicator_id(self, category: str, item: Item) -> int:
        data = item_json(item)
        key = hashlib.blake2b(f"{category}\x00{data}".encode(), digest_size=16).digest()
        known = self._ids.get(key)
        if known is not None:
            return known
        row = self.con.execute("SELECT id FROM indicators WHERE key = ?", (key,)).fetchone()
        if row is None:
            search = search_form(f"{tooltip_text(item)}\n{item.unit}")
            cursor = self.con.execute(
                "INSERT INTO indicators (key, category, item, search) VALUES (?, ?, ?, ?)",
                (key, category, data, search))
            new_id = int(cursor.lastrowid or 0)
            if self.fts:
                self.con.execute("INSERT INTO indicators_fts (rowid, search) VALUES (?, ?)",
                                 (new_id, search))
            row = (new_id,)
        found = int(row[0])
        self._ids[key] = found
        return found

    def _clear_uses(self, file_id: int) -> None:
        self.touched.update(r[0] for r in self.con.execute(
            "SELECT indicator FROM uses WHERE file = ?", (file_id,)))
        self.con.execute("DELETE FROM uses WHERE file = ?", (file_id,))

    def put(self, key: str, stamp: Stamp, draft: Draft | None, problem: str = "") -> int:
        """Index *draft* (or remember *problem*) as the content of the file *key*; the
        item count."""
        path = stored(key)
        problem = problem.encode("utf-8", "replace").decode("utf-8")  # a name in GBK
        row = self.con.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        department = unit_name(draft) if draft else ""
        year = draft.year if draft else None
        if row is None:
            file_id = int(self.con.execute(
                "INSERT INTO files (path, mtime_ns, size, department, year, problem) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (path, stamp.mtime_ns, stamp.size, department, year, problem)).lastrowid or 0)
        else:
            file_id = row[0]
            self._clear_uses(file_id)
            self.con.execute("UPDATE files SET mtime_ns = ?, size = ?, department = ?, "
                             "year = ?, problem = ? WHERE id = ?",
                             (stamp.mtime_ns, stamp.size, department, year, problem, file_id))
        if draft is None:
            return 0
        uses = []
        for location, label, category, item in _entries(draft):
            indicator = self._indicator_id(category, item)
            self.touched.add(indicator)
            uses.append((indicator, file_id, location, label, year))
        self.con.executemany("INSERT INTO uses (indicator, file, location, group_label, year) "
                             "VALUES (?, ?, ?, ?, ?)", uses)
        return len(uses)

    def drop(self, keys: Iterable[str]) -> None:
        for key in keys:
            row = self.con.execute("SELECT id FROM files WHERE path = ?",
                                   (stored(key),)).fetchone()
            if row is not None:
                self._clear_uses(row[0])
                self.con.execute("DELETE FROM files WHERE id = ?", (row[0],))

    def finish(self) -> None:
        """Counts and newest use of every touched indicator; unused ones removed."""
        if not self.touched:
            return
        con = self.con
        con.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)")
        con.execute("DELETE FROM touched")
        con.executemany("INSERT INTO touched VALUES (?)", ((i,) for i in self.touched))
        con.execute("""
            UPDATE indicators SET
                uses = (SELECT count(*) FROM uses WHERE indicator = indicators.id),
                latest_year = coalesce((SELECT max(year) FROM uses
                                        WHERE indicator = indicators.id), 0),
                latest_use = (SELECT id FROM uses WHERE indicator = indicators.id
                              ORDER BY year DESC, id DESC LIMIT 1)
            WHERE id IN (SELECT id FROM touched)""")
        if self.fts:  # an external-content index is told what it indexed
            con.execute("INSERT INTO indicators_fts (indicators_fts, rowid, search) "
                        "SELECT 'delete', id, search FROM indicators "
                        "WHERE uses = 0 AND id IN (SELECT id FROM touched)")
        con.execute("DELETE FROM indicators WHERE uses = 0 AND id IN (SELECT id FROM touched)")
        con.execute("DELETE FROM touched")
        self.touched.clear()
        self._ids.clear()
