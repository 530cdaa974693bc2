"""Finding indicators in the 指标库 as the clerk types, and what a hit says.

Terms of three characters or more go to SQLite's FTS5 ``trigram`` index. Shorter ones
cannot (a trigram needs three characters), and SQLite's ``LIKE`` or ``instr`` read every
row: about 55 ms for 200,000 indicators on the 2-core test machine, over the 50 ms a
keystroke may take. So 1- and 2-character terms, and every term where SQLite lacks the
trigram tokenizer, are found by Python's substring search in one string holding every
indicator's text, newest first (``ShortScan``): a few milliseconds. That scan also
answers a 3-character term so common that sorting all its trigram matches by year would
take longer than finding the newest hundred in order.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from declapp.form.model import ITEM_FIELDS, Item
from declapp.form.text import clean_text
from declapp.library.indexing import search_form
from declapp.library.sources import key_from

FTS_MIN_CHARS = 3
MAX_TERMS = 8
_ORDER = "ORDER BY latest_year DESC, uses DESC, id"


def query_terms(query: str) -> list[str]:
    """The words of a query, as searches compare them; longest first (the rarest)."""
    terms = dict.fromkeys(t for t in search_form(clean_text(query)).split() if t)
    return sorted(terms, key=len, reverse=True)[:MAX_TERMS]


class ShortScan:
    """Every indicator's search text in one string, in the order hits are shown."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.ids = [r[0] for r in rows]
        self.starts: list[int] = []
        position = 0
        for _id, text in rows:
            self.starts.append(position)
            position += len(text) + 1
        self.text = "\x00".join(text for _id, text in rows)  # \x00 never in a term


    def find(self, terms: list[str], limit: int) -> list[int]:
        """Ids of the first *limit* indicators holding every term."""
        text, starts = self.text, self.starts
        first, rest = terms[0], terms[1:]
        found: list[int] = []
        at = text.find(first)
        while at != -1 and len(found) < limit:
            row = bisect_right(starts, at) - 1
            end = starts[row + 1] - 1 if row + 1 < len(starts) else len(text)
            if all(text.find(term, starts[row], end) != -1 for term in rest):
                found.append(self.ids[row])
            at = text.find(first, end + 1)
        return found


def build_scans(con: sqlite3.Connection) -> dict[str | None, ShortScan]:
    """A scan of every indicator (key None) and one per 二级指标, in one pass."""
    everything: list[tuple[int, str]] = []
    by_category: dict[str | None, list[tuple[int, str]]] = {}
    for id_, text, category in con.execute(
            f"SELECT id, search, category FROM indicators {_ORDER}"):
        row = (id_, text.replace("\x00", ""))
        everything.append(row)
        by_category.setdefault(category, []).append(row)
    scans = {category: ShortScan(rows) for category, rows in by_category.items()}
    scans[None] = ShortScan(everything)
    return scans


# More trigram matches than this and a term is common: the ordered scan finds the newest
# hits sooner than sorting every match would.
FTS_RARE = 2000


def fts_ids(con: sqlite3.Connection, terms: list[str], category: str | None,
            limit: int) -> list[int] | None:
    """Ids holding every term (each of 3 characters or more), through the trigram index,
    newest first; None when the terms are too common for the index to be the fast way."""
    match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    found = [r[0] for r in con.execute(
        "SELECT rowid FROM indicators_fts WHERE indicators_fts MATCH ? LIMIT ?",
        (match, FTS_RARE + 1))]
    if len(found) > FTS_RARE:
        return None
    if not found:
        return []
    marks = ",".join("?" * len(found))
    where = f"id IN ({marks})" + (" AND category = ?" if category is not None else "")
    args = [*found, category, limit] if category is not None else [*found, limit]
    return [r[0] for r in con.execute(f"SELECT id FROM indicators WHERE {where} {_ORDER} LIMIT ?",
                                      args)]


def newest_ids(con: sqlite3.Connection, category: str | None, limit: int) -> list[int]:
    """With nothing typed: the newest indicators."""
    if category is None:
        rows = con.execute(f"SELECT id FROM indicators {_ORDER} LIMIT ?", (limit,))
    else:
        rows = con.execute(f"SELECT id FROM indicators WHERE category = ? {_ORDER} LIMIT ?",
                           (category, limit))
    return [r[0] for r in rows]


@dataclass(frozen=True)
class LibraryUse:
    """Where an indicator stands: the draft file, its department and year, the place."""

    path: Path
    department: str
    year: int | None
    location: str
    group: str  # the 一级指标 as the form labels it, e.g. 产出指标一（城市管理和环境建设）

    def describe(self) -> str:
        """``2021 年度 · 北京市西城区人民政府展览路街道办事处 · zhanlanlu-2021.json``."""
        year = f"{self.year} 年度" if self.year is not None else "年度不明"
        return " · ".join(p for p in (year, self.department or "未填写部门名称",
                                      self.path.name) if p)


@dataclass(frozen=True)
class LibraryHit:
    """One indicator of the library: its 二级指标, its fields, and where it was used."""

    id: int
    category: str
    item: Item
    uses: int
    latest: LibraryUse | None

    def new_item(self) -> Item:
        """A copy of the indicator, ready to insert into a draft."""
        return replace(self.item)

    def where(self) -> str:
        """Where and when it was last used, and how often besides."""
        if self.latest is None:
            return ""
        more = f"（另有 {self.uses - 1} 处）" if self.uses > 1 else ""
        return self.latest.describe() + more


def item_from_json(text: str) -> Item:
    data = json.loads(text)
    item = Item()
    for key, value in data.items():
        if key in ITEM_FIELDS and isinstance(value, str):
            setattr(item, key, value)
        elif key == "extra" and isinstance(value, dict):
            item.extra = {k: v for k, v in value.items() if isinstance(v, str)}
    return item


def load_hits(con: sqlite3.Connection, ids: list[int]) -> list[LibraryHit]:
    """The hits for *ids*, in that order."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = con.execute(
        "SELECT i.id, i.category, i.item, i.uses, f.path, f.department, u.year, u.location, "
        "u.group_label FROM indicators AS i LEFT JOIN uses AS u ON u.id = i.latest_use "
        f"LEFT JOIN files AS f ON f.id = u.file WHERE i.id IN ({marks})", ids).fetchall()
    by_id = {}
    for id_, category, item, uses, path, department, year, location, group in rows:
        latest = LibraryUse(Path(key_from(path)), department, year, location, group) \
            if path else None
        by_id[id_] = LibraryHit(id_, category, item_from_json(item), uses, latest)
    return [by_id[i] for i in ids if i in by_id]
