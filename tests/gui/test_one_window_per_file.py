"""Never two windows on one file: a second start of the program, or 打开 in another
window, brings the window that has the draft to the front; a save notices a file changed
on disk since it was read or written, and asks 覆盖 / 另存为 / 取消."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox

from declapp.gui.dialogs import messages
from declapp.gui.services.single_instance import key_of
from declapp.storage.fileformat import load, save
from declapp.system.instance import instance_key, real_path

from .clerk_input import type_text
from .conftest import answer_save_dialog

ROOT = Path(__file__).resolve().parents[2]


def test_the_key_is_the_real_file(tmp_path):
    draft = tmp_path / "草稿.json"
    draft.write_text("{}", encoding="utf-8")
    link = tmp_path / "快捷方式.json"
    link.symlink_to(draft)
    assert instance_key(link) == instance_key(draft)
    assert instance_key(tmp_path / "sub" / ".." / "草稿.json") == instance_key(draft)
    assert instance_key(tmp_path / "其他.json") != instance_key(draft)
    # Windows file names ignore case: one file, one key.
    assert real_path("C:/表/草稿.JSON", windows=True) == real_path("c:/表/草稿.json", windows=True)
    assert instance_key("/a/Draft.json", windows=False) != instance_key("/a/draft.json",
                                                                         windows=False)
    assert instance_key(draft, namespace="x") != instance_key(draft)


def test_opening_a_draft_open_in_another_window_brings_that_window_forward(
        qtbot, make_window, example_file, tmp_path, monkeypatch):
    path = tmp_path / "草稿.json"
    shutil.copy(example_file, path)
    first, second = make_window(), make_window()
    assert first.file_actions.open_path(path)
    shown: list[str] = []
    first.file_actions.owner.shown.connect(shown.append)
    # A second name for the same file: the window that has it comes forward.
    link = tmp_path / "链接.json"
    link.symlink_to(path)
    assert not second.file_actions.open_path(link)
    assert len(shown) == 1
    assert second.doc.path is None  # the second window still holds its own draft
    assert "已在另一个窗口中打开" in second.statusBar().currentMessage()
    # Nor may the second window save over it.
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda p, t, text, *a: errors.append(text))
    answer_save_dialog(monkeypatch, path)
    assert not second.file_actions.save_as()
    assert "正在另一个窗口中打开" in errors[0]
    # Once the first window lets go of the file, it can be opened elsewhere.
    first.file_actions.open_path(example_file)
    assert second.file_actions.open_path(path)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
            "DECLAPP_DATA_DIR": os.environ["DECLAPP_DATA_DIR"],
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path / "home")}


def _answers(key: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(key)
    alive = socket.waitForConnected(300)
    socket.abort()
    return alive


def _start(path: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "declapp", str(path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is a POSIX signal")
def test_a_second_start_for_the_same_file_raises_the_first_and_ends(tmp_path, example_file,
                                                                   data_folder):
    path = tmp_path / "草稿.json"
    shutil.copy(example_file, path)
    env = _env(tmp_path)
    key = key_of(path)
    log = data_folder / "logs" / "declapp.log"
    first = _start(path, env)
    try:
        _wait_for(lambda: _answers(key), 60, "the first window to hold the draft")
        started = time.monotonic()
        second = subprocess.run([sys.executable, "-m", "declapp", str(tmp_path / "." / path.name)],
                                env=env, capture_output=True, timeout=60)
        assert second.returncode == 0
        assert time.monotonic() - started < 30
        assert first.poll() is None  # the first window is still there…
        text = log.read_text(encoding="utf-8")
        assert "brought the window of" in text and "another start asked for" in text
        assert text.count(" started") == 1  # …and no second window was ever made
    finally:
        _stop(first)

    # A window killed outright leaves its socket behind: the next start is not fooled.
    killed = _start(path, env)
    try:
        _wait_for(lambda: _answers(key), 60, "the window to hold the draft")
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=10)
    finally:
        _stop(killed)
    third = _start(path, env)
    try:
        _wait_for(lambda: _answers(key), 60, "a new window on the draft")
        assert third.poll() is None
    finally:
        _stop(third)


def test_a_save_over_a_file_changed_on_disk_asks_first(qtbot, make_window, example_file,
                                                       tmp_path, monkeypatch):
    path = tmp_path / "草稿.json"
    shutil.copy(example_file, path)
    window = make_window()
    assert window.file_actions.open_path(path)
    type_text(qtbot, window.editor("department.name"), "（本窗口）")
    # Another program (another PC on the shared folder) saves the file meanwhile.
    theirs = load(path)
    theirs.texts["goals"] = "那边保存的目标"
    time.sleep(0.01)
    save(theirs, path)
    asked: list[tuple[str, object, object]] = []
    answer = [messages.CANCEL]

    def ask(parent, name, on_disk, here):
        asked.append((name, on_disk, here))
        return answer[0]

    monkeypatch.setattr(messages, "ask_file_changed", ask)
    assert not window.file_actions.save()
    assert len(asked) == 1 and asked[0][0] == "草稿.json"
    assert asked[0][1] > asked[0][2]  # the file on disk is the newer side
    assert load(path).texts["goals"] == "那边保存的目标"  # cancelled: their save stands
    assert not window.doc.stack.isClean()

    answer[0] = messages.SAVE_AS
    other = tmp_path / "我的.json"
    answer_save_dialog(monkeypatch, other)
    assert window.file_actions.save()
    assert load(path).texts["goals"] == "那边保存的目标" and load(other).texts["department.name"].endswith("（本窗口）")

    # Saved here, then changed there, then overwritten here on purpose.
    save(theirs, other)
    answer[0] = messages.OVERWRITE
    type_text(qtbot, window.editor("department.name"), "！")
    assert window.file_actions.save()
    assert load(other).texts["department.name"].endswith("（本窗口）！")
    # No change on disk (only touched): no question.
    asked.clear()
    os.utime(other)
    type_text(qtbot, window.editor("department.name"), "？")
    assert window.file_actions.save() and asked == []


def test_the_question_says_which_side_is_newer(qtbot, window, monkeypatch):
    from datetime import datetime, timedelta

    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.informativeText())
        box_buttons = {b.text(): b for b in box.buttons()}
        assert set(box_buttons) == {"覆盖", "另存为…", "取消"}
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    now = datetime.now()
    messages.ask_file_changed(window, "草稿.json", now, now - timedelta(minutes=3))
    messages.ask_file_changed(window, "草稿.json", now - timedelta(minutes=3), now)
    assert "磁盘上的文件：修改于" in shown[0] and "（较新）\n本窗口" in shown[0]
    assert shown[1].split("\n")[1].endswith("（较新）")
