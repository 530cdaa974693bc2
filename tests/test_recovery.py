"""Recovery copies: written atomically beside nothing of the clerk's, found after a crash
(a process killed with SIGKILL), removed after a normal end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from declapp.storage.fileformat import load
from declapp.storage.recovery import RecoveryStore


def test_copy_is_a_readable_draft_and_normal_end_removes_it(tmp_path, example_draft):
    store = RecoveryStore(tmp_path / "rec")
    store.start()
    path = store.write("w1", example_draft, tmp_path / "mine.json")
    assert load(path) == example_draft
    other = RecoveryStore(tmp_path / "rec")
    assert other.orphaned() == []  # the first run is alive: nothing to offer
    store.finish()
    assert list((tmp_path / "rec").iterdir()) == []


def test_discard_after_save(tmp_path, example_draft):
    store = RecoveryStore(tmp_path)
    store.start()
    store.write("w1", example_draft, None)
    store.discard("w1")
    assert not store.copy_path("w1").exists()
    store.finish()


def test_copy_never_replaces_the_clerks_file(tmp_path, example_draft):
    store = RecoveryStore(tmp_path)
    store.start()
    with pytest.raises(ValueError):
        store.write("x", example_draft, store.copy_path("x"))
    store.finish()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_copies_of_a_killed_run_are_offered(tmp_path, example_file):
    folder = tmp_path / "rec"
    script = textwrap.dedent(f"""
        import sys, time
        from declapp.storage.fileformat import load
        from declapp.storage.recovery import RecoveryStore
        store = RecoveryStore({str(folder)!r})
        store.start()
        draft = load({str(example_file)!r})
        draft.texts["goals"] = "崩溃前最后输入的文字"
        store.write("w1", draft, {str(tmp_path / "mine.json")!r})
        print("ready", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    survivor = RecoveryStore(folder)
    assert survivor.orphaned() == []  # still running: its lock is held
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    copies = survivor.orphaned()
    assert len(copies) == 1
    copy = copies[0]
    assert copy.readable and copy.original == tmp_path / "mine.json"
    assert copy.department == "北京市西城区人民政府展览路街道办事处" and copy.year == 2021
    assert "mine.json" in copy.describe() and "2021 年度" in copy.describe()
    assert load(copy.path).texts["goals"] == "崩溃前最后输入的文字"
    survivor.remove_copy(copy)
    assert survivor.orphaned() == []
    assert list(folder.iterdir()) == []  # the dead run's marker went with its last copy


def test_unreadable_copy_is_still_listed(tmp_path):
    (tmp_path / "20200101-000000-1-deadbeef.w.recovery.json").write_text("{", encoding="utf-8")
    copies = RecoveryStore(tmp_path).orphaned()
    assert len(copies) == 1 and not copies[0].readable


def test_a_copy_that_cannot_be_restored_is_set_aside_not_deleted(tmp_path, example_draft):
    store = RecoveryStore(tmp_path)
    store.write("a", example_draft, None)
    newer = store.copy_path("a")
    text = newer.read_text(encoding="utf-8").replace('"version": 3', '"version": 4')
    newer.write_text(text, encoding="utf-8")
    survivor = RecoveryStore(tmp_path)
    copy = survivor.orphaned()[0]
    assert not copy.readable and "更新版本" in copy.problem
    kept = survivor.set_aside(copy)
    assert kept.read_text(encoding="utf-8") == text  # nothing lost
    assert survivor.orphaned() == []  # and not offered again


def _dead_copy(folder, slot: str, data: bytes):
    path = folder / f"20200101-000000-1-deadbeef.{slot}.recovery.json"
    path.write_bytes(data)
    return path


def _copy_with_meta(example_file, meta) -> bytes:
    data = json.loads(example_file.read_text(encoding="utf-8"))
    data["meta"] = meta
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_no_bad_copy_stops_the_start_and_each_is_set_aside_once(tmp_path, example_file):
    folder = tmp_path / "rec"
    folder.mkdir()
    bad = {
        "deep": b"[" * 100_000 + b"]" * 100_000,  # RecursionError in json
        "deepmeta": b'{"meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "garbage": os.urandom(4096),
        "nul": b"\x00" * 100,
        "list": b"[1, 2, 3]",
        "metastring": _copy_with_meta(example_file, "saved").replace(
            b'"format": "declapp.form"', b'"format": "other"'),
        "newer": example_file.read_bytes().replace(b'"version": 1', b'"version": 9'),
    }
    for slot, data in bad.items():
        _dead_copy(folder, slot, data)
    (folder / "20200101-000000-1-deadbeef.dir.recovery.json").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "20200101-000000-1-deadbeef.fifo.recovery.json")
    good = _dead_copy(folder, "good", _copy_with_meta(
        example_file, {"recovery_of": 123, "saved_at": ["not", "a", "time"]}))

    copies = RecoveryStore(folder).orphaned()  # must not raise, whatever lies there
    readable = [c for c in copies if c.readable]
    assert [c.path for c in readable] == [good]
    assert readable[0].original is None  # recovery_of: 123 means nothing; the draft is fine
    assert readable[0].department == "北京市西城区人民政府展览路街道办事处"
    unreadable = [c for c in copies if not c.readable]
    assert len(unreadable) == len(bad) + 1 + hasattr(os, "mkfifo")
    for copy in unreadable:
        assert copy.problem and copy.path.parent == folder / "unreadable"
        assert copy.path.exists() or copy.path.is_dir()  # kept, not deleted
    newer = next(c for c in unreadable if ".newer." in c.path.name)
    assert "更新版本" in newer.problem
    assert newer.path.read_bytes() == bad["newer"]  # moved as it was

    again = RecoveryStore(folder).orphaned()  # the next launch: told once, not again
    assert [c.path for c in again] == [good]


def test_a_bad_copy_in_a_read_only_folder_is_still_listed(tmp_path, monkeypatch):
    _dead_copy(tmp_path, "w", b"[" * 100_000)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr("declapp.storage.recovery.os.replace", refuse)
    copies = RecoveryStore(tmp_path).orphaned()
    assert len(copies) == 1 and not copies[0].readable
    assert copies[0].path.parent == tmp_path  # could not move it: left where it was
