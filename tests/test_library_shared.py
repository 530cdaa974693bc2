"""指标库 shared by two windows, and in odd places: a lock is not damage, two processes
indexing at once lose nothing, a folder of drafts named in GBK is indexed, choosing "/"
as the folder of earlier drafts is bounded, a full disk is one note."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import declapp.library as library_module
from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.library import IndicatorLibrary
from declapp.library.sources import SOURCES_NAME, load_sources
from declapp.library.store import DAMAGED_NAME, DB_NAME
from declapp.storage.fileformat import save
from declapp.system.paths import example_path


def _draft(folder: Path, name: str, words: str) -> Path:
    draft = new_draft("xicheng-2021", 2020)
    draft.texts["department.name"] = f"{name}街道办事处"
    draft.indicators[0].categories[0].items = [Item(f"完成{words}", "10项")]
    path = folder / f"{name}.json"
    save(draft, path, meta={})
    return path


_HOLD = textwrap.dedent("""
    import sqlite3, sys
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("PRAGMA locking_mode = EXCLUSIVE")
    con.execute("BEGIN EXCLUSIVE")
    con.execute("UPDATE meta SET value = value")
    print("locked", flush=True)
    sys.stdin.readline()
    con.execute("ROLLBACK")
""")


def test_a_healthy_index_another_window_holds_is_not_moved_aside(tmp_path):
    """It was taken for damage, moved aside and rebuilt from scratch."""
    data = tmp_path / "data"
    library = IndicatorLibrary(data)
    library.add_file(example_path())
    library.close()
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(data / DB_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        library = IndicatorLibrary(data)  # waits its five seconds, then works on
        assert not (data / DAMAGED_NAME).exists()
        assert any("另一个窗口" in note for note in library.notes)
        assert library.search("成本") == []  # unreadable for now: nothing, no error
    finally:
        holder.communicate("done\n", timeout=30)
    assert len(library.search("成本")) == 5  # the index as it was, once released
    library.close()


def test_damage_is_still_moved_aside(tmp_path):
    data = tmp_path / "data"
    IndicatorLibrary(data).close()
    (data / DB_NAME).write_bytes(b"not a database" * 500)
    library = IndicatorLibrary(data)
    assert (data / DAMAGED_NAME).exists()
    library.close()


_INDEX = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from declapp.library import IndicatorLibrary
    data, go, *drafts = sys.argv[1:]
    library = IndicatorLibrary(Path(data))
    while not Path(go).exists():
        time.sleep(0.01)
    for n, draft in enumerate(drafts):
        library.add_file(draft)
        if n % 10 == 9:
            library.refresh()
    library.close()
""")


def test_two_processes_indexing_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"
    IndicatorLibrary(data).close()
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    mine.mkdir()
    theirs.mkdir()
    drafts = {folder: [_draft(folder, f"{folder.name}{n}", f"{folder.name}任务{n}")
                       for n in range(30)] for folder in (mine, theirs)}
    go = tmp_path / "go"
    workers = [subprocess.Popen([sys.executable, "-c", _INDEX, str(data), str(go),
                                 *map(str, paths)], stderr=subprocess.PIPE, text=True)
               for paths in drafts.values()]
    time.sleep(0.5)
    go.touch()
    for worker in workers:
        _out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    library = IndicatorLibrary(data)
    every = [p for paths in drafts.values() for p in paths]
    assert library.indexed_files() == 60
    assert len(load_sources(data).files) == 60
    for path in every:
        name = path.stem
        assert any(h.latest is not None and h.latest.path == path
                   for h in library.search(f"{name.rstrip('0123456789')}任务"
                                           f"{name.lstrip('minethrs')}")), name
    library.close()


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin",
                    reason="file names are bytes on Linux only")
def test_a_draft_named_in_gbk_is_indexed(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    source = _draft(folder, "plain", "背街小巷整治")
    gbk = os.fsdecode(os.fsencode(folder) + b"/" + "测试草稿".encode("gbk") + b".json")
    os.rename(source, gbk)
    library = IndicatorLibrary(tmp_path / "data")
    report = library.add_folder(folder)
    assert report.read == 1 and report.problems == []
    hits = library.search("背街小巷")
    assert len(hits) == 1 and hits[0].latest is not None
    assert os.fsencode(hits[0].latest.path).endswith("测试草稿".encode("gbk") + b".json")
    library.close()
    again = IndicatorLibrary(tmp_path / "data")  # the list of sources reads back
    assert again.sources.folders and again.refresh().unchanged == 1
    assert (tmp_path / "data" / SOURCES_NAME).read_text(encoding="utf-8")
    again.close()


def test_a_huge_folder_is_walked_within_bounds(tmp_path, monkeypatch):
    """设置 › 以往草稿所在文件夹 set to "/" walked the whole disk: here a tree of 3,000
    entries against a bound of 1,000, a loop of links and a pipe named like a draft."""
    monkeypatch.setattr(library_module, "MAX_WALK_ENTRIES", 1000)
    tree = tmp_path / "tree"
    for n in range(30):
        sub = tree / f"d{n:02}"
        sub.mkdir(parents=True)
        for m in range(100):
            (sub / f"note{m}.txt").write_text("x", encoding="utf-8")
    _draft(tree, "top", "顶层任务")
    (tree / "d00" / "loop").symlink_to(tree)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tree / "pipe.json")
    seen: list[tuple[int, int]] = []
    library = IndicatorLibrary(tmp_path / "data")
    library.on_progress = lambda done, total: seen.append((done, total))
    report = library.add_folder(tree)
    assert any("太大" in note for note in report.notes)
    assert library.search("顶层任务")  # shallow drafts come first
    assert seen  # progress was told
    library.close()


def test_the_whole_disk_is_walked_in_bounded_time(tmp_path, monkeypatch):
    monkeypatch.setattr(library_module, "MAX_WALK_SECONDS", 3.0)
    monkeypatch.setattr(library_module, "MAX_FOLDER_FILES", 50)
    library = IndicatorLibrary(tmp_path / "data")
    started = time.perf_counter()
    report = library.add_folder(Path("/"))
    seconds = time.perf_counter() - started
    print(f"'/' walked and indexed in {seconds:.1f} s: {report.read} files read")
    assert report.read <= 50 and any("文件夹“/”" in note for note in report.notes)
    assert not any(str(p).startswith(("/proc", "/sys", "/dev")) for p, _ in report.problems)
    library.remove_folder(Path("/"))
    library.close()


class Stop(Exception):
    pass


def test_progress_may_stop_a_refresh_and_what_was_indexed_stays(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    for n in range(250):
        _draft(folder, f"d{n:03}", f"第{n}号任务")
    library = IndicatorLibrary(tmp_path / "data")

    def stop_after_first_batch(done: int, total: int) -> None:
        if total and done >= library_module.BATCH:
            raise Stop

    library.on_progress = stop_after_first_batch
    with pytest.raises(Stop):
        library.add_folder(folder)
    library.on_progress = None
    assert library.indexed_files() == library_module.BATCH
    assert library.refresh().read == 250 - library_module.BATCH
    library.close()


def test_an_index_on_a_full_disk_is_kept_in_memory(full_disk):
    if not full_disk.mounted:
        pytest.skip("needs a real full disk (a tmpfs): SQLite writes on its own")
    full_disk.fill()
    library = IndicatorLibrary(full_disk.folder / "data")
    report = library.add_file(example_path())
    assert any("内存" in note for note in report.notes), report.notes
    assert len(library.search("成本")) == 5
    library.close()
