"""Recovery copies: written atomically beside nothing of the clerk's, found after a crash
(a process killed with SIGKILL), removed after a normal end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from declapp.fileformat import load
from declapp.recovery import RecoveryStore


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
        from declapp.fileformat import load
        from declapp.recovery import RecoveryStore
        store = RecoveryStore({str(folder)!r})
        store.start()
        draft = load({str(example_file)!r})
        draft.goals = "崩溃前最后输入的文字"
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
    assert load(copy.path).goals == "崩溃前最后输入的文字"
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
    text = newer.read_text(encoding="utf-8").replace('"version": 2', '"version": 3')
    newer.write_text(text, encoding="utf-8")
    survivor = RecoveryStore(tmp_path)
    copy = survivor.orphaned()[0]
    assert not copy.readable and "更新版本" in copy.problem
    kept = survivor.set_aside(copy)
    assert kept.read_text(encoding="utf-8") == text  # nothing lost
    assert survivor.orphaned() == []  # and not offered again
