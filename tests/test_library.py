"""指标库: finds the indicators of earlier drafts by any Chinese substring, says where and
when each was used, follows the files as they change, and survives a damaged database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import unicodedata
from pathlib import Path

import pytest
from samples import large_draft

from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.indicators.wording import tooltip_text
from declapp.library import IndicatorLibrary, LibraryError, search
from declapp.library.sources import SOURCES_NAME
from declapp.library.store import DAMAGED_NAME, DB_NAME
from declapp.storage.fileformat import load, save
from declapp.system.paths import example_path

SATISFACTION = Item(name="群众满意度", op="≥", value="95", unit="%", content="入户走访",
                    explanation="抽样调查")


def _other_draft(tmp_path: Path, name: str = "月坛-2019.json") -> Path:
    draft = new_draft("xicheng-2021", 2019)
    draft.texts["department.name"] = "北京市西城区人民政府月坛街道办事处"
    draft.indicators[1].categories[4].items = [SATISFACTION]
    draft.indicators[0].categories[0].items = [Item("完成背街小巷整治", "10项")]
    path = tmp_path / name
    save(draft, path, meta={})
    return path


@pytest.fixture
def library(tmp_path):
    lib = IndicatorLibrary(tmp_path / "data")
    yield lib
    lib.close()


def test_a_two_character_substring_finds_an_indicator_of_another_draft(tmp_path, library):
    other = _other_draft(tmp_path)
    library.add_files([example_path(), other])
    hits = library.search("满意")
    found = [h for h in hits if h.item == SATISFACTION]
    assert len(found) == 1
    hit = found[0]
    assert hit.category == "服务对象满意度指标"
    assert hit.latest.path == Path(os.path.abspath(other))
    assert hit.latest.year == 2019
    assert hit.latest.department == "北京市西城区人民政府月坛街道办事处"
    assert hit.latest.location == "indicators[1].categories[4].items[0]"
    assert hit.latest.group == "效果指标"
    assert hit.where() == "2019 年度 · 北京市西城区人民政府月坛街道办事处 · 月坛-2019.json"
    copy = hit.new_item()
    assert copy == SATISFACTION and copy is not hit.item
    copy.value = "99"
    assert hit.item.value == "95"  # inserting and editing the copy leaves the library alone


def _oracle(drafts, terms, category=None) -> set[str]:
    """Every indicator text holding every term: a brute-force search."""
    found = set()
    for draft in drafts:
        for group in draft.indicators:
            for cat in group.categories:
                if category is not None and cat.name != category:
                    continue
                for item in cat.items:
                    text = unicodedata.normalize("NFKC", f"{tooltip_text(item)}\n{item.unit}")
                    if not item.is_blank and all(t in text.casefold() for t in terms):
                        found.add(tooltip_text(item))
    return found


QUERIES = ["率", "成本", "社区", "满意度", "违法建设", "工作成本控制在", "曌", "不存在的词",
           "社区 成本", "工作 率", "６４１６", "6416.19万元", "ＡＢＣ", "abc", "按期", "按", ""]


@pytest.mark.parametrize("trigram", [True, False], ids=["fts5-trigram", "without-trigram"])
def test_every_query_length_finds_exactly_what_a_full_scan_finds(tmp_path, trigram,
                                                                monkeypatch):
    if not trigram:
        monkeypatch.setattr("declapp.library.has_fts", lambda con: False)
    sample = large_draft(items=300, chars=30_000)
    sample.indicators[0].categories[0].items.append(Item("abc测试项目", "ABC"))
    save(sample, tmp_path / "sample.json", meta={})
    library = IndicatorLibrary(tmp_path / "data")
    library.add_files([example_path(), tmp_path / "sample.json"])
    drafts = [load(example_path()), sample]
    for query in QUERIES:
        terms = search.query_terms(query)
        hits = library.search(query, limit=10_000)
        assert {tooltip_text(h.item) for h in hits} == _oracle(drafts, terms), query
        cost = library.search(query, category="产出成本指标", limit=10_000)
        assert {tooltip_text(h.item) for h in cost} == _oracle(drafts, terms, "产出成本指标")
    library.close()


def test_common_trigrams_take_the_scan_and_give_the_same_hits(tmp_path, monkeypatch):
    sample = large_draft(items=300, chars=30_000)
    save(sample, tmp_path / "sample.json", meta={})
    library = IndicatorLibrary(tmp_path / "data")
    library.add_file(tmp_path / "sample.json")
    by_index = library.search("工作计划", limit=10_000)
    monkeypatch.setattr(search, "FTS_RARE", 1)  # every term now counts as common
    assert library.search("工作计划", limit=10_000) == by_index
    library.close()


def test_hits_come_newest_first_and_identical_indicators_once(tmp_path, library):
    older = _other_draft(tmp_path, "2019.json")
    draft = load(older)
    draft.year = 2022
    newer = tmp_path / "2022.json"
    save(draft, newer, meta={})
    library.add_files([older, example_path(), newer])
    hits = library.search("满意度")
    assert [h.item for h in hits].count(SATISFACTION) == 1
    hit = next(h for h in hits if h.item == SATISFACTION)
    assert hit.uses == 2 and hit.latest.year == 2022
    assert "另有 1 处" in hit.where()
    assert [u.year for u in library.uses_of(hit)] == [2022, 2019]
    years = [h.latest.year for h in library.search("")]
    assert years == sorted(years, reverse=True)


def test_filter_by_category_and_list_categories(tmp_path, library):
    library.add_files([example_path(), _other_draft(tmp_path)])
    assert {h.category for h in library.search("", category="产出成本指标")} == {"产出成本指标"}
    assert len(library.search("成本", category="产出成本指标")) == 5
    assert library.search("成本", category="没有这个指标") == []
    categories = dict(library.categories())
    assert categories["产出成本指标"] == 5 and categories["服务对象满意度指标"] == 2


def test_the_draft_being_edited_can_be_left_out(tmp_path, library):
    other = _other_draft(tmp_path)
    library.add_files([example_path(), other])
    assert any(h.item == SATISFACTION for h in library.search("满意度"))
    assert not any(h.item == SATISFACTION for h in library.search("满意度", exclude=other))


def test_changed_removed_and_unchanged_files(tmp_path, library):
    other = _other_draft(tmp_path)
    library.add_files([example_path(), other])
    unchanged = library.refresh()
    assert (unchanged.read, unchanged.unchanged, unchanged.dropped) == (0, 2, 0)
    draft = load(other)
    draft.indicators[1].categories[4].items[0].name = "居民满意率"
    save(draft, other, meta={})
    os.utime(other, ns=(1, 1))  # a coarse clock must not hide the change: size or time
    changed = library.refresh()
    assert changed.read == 1
    assert not any(h.item.name == "群众满意度" for h in library.search("群众满意度"))
    assert library.search("居民满意率")[0].latest.year == 2019
    other.unlink()
    assert library.refresh().dropped == 1
    assert not library.search("居民满意率")


def test_a_folder_of_drafts_with_other_files_in_it(tmp_path, library):
    folder = tmp_path / "往年草稿"
    (folder / "2019").mkdir(parents=True)
    _other_draft(folder / "2019")
    shutil.copy(example_path(), folder / "展览路-2021.json")
    (folder / "设置.json").write_text('{"not": "a draft"}', encoding="utf-8")
    (folder / "坏的.json").write_bytes(b'{"format": "declapp.form", "vers')
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    report = library.add_folder(folder)
    assert report.read == 4 and report.items == 51 + 2
    assert {Path(p).name for p, _why in report.problems} == {"设置.json", "坏的.json"}
    assert all("无法读取" in why for _p, why in report.problems)
    assert library.search("满意")
    assert library.refresh().read == 0  # bad files are not read again until they change
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    library.remove_folder(folder)
    assert library.search("满意") == []


def test_a_damaged_database_is_moved_aside_and_rebuilt_from_the_drafts(tmp_path):
    data = tmp_path / "data"
    library = IndicatorLibrary(data)
    library.add_files([example_path(), _other_draft(tmp_path)])
    library.close()
    (data / DB_NAME).write_bytes(b"this is not a database" * 100)
    library = IndicatorLibrary(data)
    assert library.needs_refresh
    assert (data / DAMAGED_NAME).exists()
    report = library.refresh()
    assert any("损坏" in note for note in report.notes)
    assert any(h.item == SATISFACTION for h in library.search("满意"))
    library.close()


def test_damage_found_while_searching_answers_nothing_and_asks_for_a_refresh(tmp_path):
    data = tmp_path / "data"
    library = IndicatorLibrary(data)
    library.add_file(example_path())
    library.close()
    db = data / DB_NAME
    size = db.stat().st_size
    with db.open("r+b") as fh:  # keep the header, wreck the pages behind it
        fh.seek(4096)
        fh.write(os.urandom(size - 4096))
    library = IndicatorLibrary(data)  # the damage is found on opening or on searching
    assert library.search("成本") == []
    assert library.search("率") == []
    assert library.needs_refresh
    assert (data / DAMAGED_NAME).exists()
    library.refresh()
    assert len(library.search("成本")) == 5
    library.close()


def test_a_missing_database_is_rebuilt_from_the_listed_drafts(tmp_path):
    data = tmp_path / "data"
    library = IndicatorLibrary(data)
    library.add_file(example_path())
    library.close()
    for leftover in data.glob(f"{DB_NAME}*"):
        leftover.unlink()
    library = IndicatorLibrary(data)
    assert library.needs_refresh and library.search("成本") == []
    library.refresh()
    assert len(library.search("成本")) == 5
    library.close()


def test_a_damaged_list_of_sources_is_an_empty_one(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / SOURCES_NAME).write_text("[1, 2", encoding="utf-8")
    library = IndicatorLibrary(data)
    assert library.sources.files == [] and not library.needs_refresh
    library.add_file(example_path())
    assert library.search("成本")
    library.close()


def test_a_data_folder_that_cannot_hold_the_database_keeps_it_in_memory(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    library = IndicatorLibrary(blocker)
    report = library.add_file(example_path())
    assert any("内存" in note for note in report.notes)
    assert len(library.search("成本")) == 5 and len(library.search("率")) > 0
    library.close()


def test_a_refresh_by_a_worker_is_seen_by_the_window_and_warm_runs_in_a_thread(tmp_path):
    data = tmp_path / "data"
    window = IndicatorLibrary(data)
    window.add_file(example_path())
    assert window.search("满意") and not window.search("入户")  # scan built for this index
    worker_report = []

    def worker():
        lib = IndicatorLibrary(data)
        worker_report.append(lib.add_file(_other_draft(tmp_path)))
        window.warm()
        lib.close()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert worker_report[0].read == 1
    assert [h.item for h in window.search("入户")] == [SATISFACTION]  # short: the scan
    assert [h.item for h in window.search("抽样调查")] == [SATISFACTION]  # the trigram index
    window.close()


def test_a_busy_database_says_so(tmp_path, library):
    library.add_file(example_path())
    blocker = sqlite3.connect(tmp_path / "data" / DB_NAME)
    blocker.execute("BEGIN EXCLUSIVE")
    library.con.execute("PRAGMA busy_timeout = 50")
    library.wait_s = 0.2
    try:
        with pytest.raises(LibraryError) as info:
            library.add_file(_other_draft(tmp_path))
        assert "另一个窗口" in info.value.message
    finally:
        blocker.rollback()
        blocker.close()
    assert library.search("成本")  # nothing was lost


def test_another_programs_sound_database_in_its_place_is_left_alone(tmp_path):
    """A sound database that is not this release's index (a newer release's, another
    program's) is never moved aside: this run indexes in memory."""
    data = tmp_path / "data"
    library = IndicatorLibrary(data)
    library.add_file(example_path())
    library.close()
    for leftover in data.glob(f"{DB_NAME}*"):
        leftover.unlink()
    foreign = sqlite3.connect(data / DB_NAME)
    foreign.execute("CREATE TABLE meta (k TEXT)")
    foreign.commit()
    foreign.close()
    before = (data / DB_NAME).read_bytes()
    library = IndicatorLibrary(data)
    assert library.needs_refresh and not (data / DAMAGED_NAME).exists()
    report = library.refresh()
    assert any("另一个版本" in note and "内存" in note for note in report.notes)
    assert len(library.search("成本")) == 5
    library.close()
    assert (data / DB_NAME).read_bytes() == before


def test_using_the_library_from_the_wrong_thread_is_a_bug_not_damage(tmp_path, library):
    library.add_file(example_path())
    errors = []

    def misuse():
        try:
            library.search("成本")
        except sqlite3.ProgrammingError as exc:
            errors.append(exc)

    thread = threading.Thread(target=misuse)
    thread.start()
    thread.join()
    assert len(errors) == 1
    assert not (tmp_path / "data" / DAMAGED_NAME).exists()
    assert len(library.search("成本")) == 5  # the index is as it was
