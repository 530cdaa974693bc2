"""The 指标库 panel: fed by saved drafts, recent files and the folder in 设置; searched as
the clerk types; a hit inserted by double-click or drag as one undo step; a damaged or
missing index rebuilt without a word more than a status line."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.gui.dialogs.settings import SettingsDialog
from declapp.gui.widgets.two_line import SECOND_LINE_ROLE
from declapp.library.sources import SOURCES_NAME, key_of
from declapp.storage.fileformat import save
from declapp.system.paths import example_path

from .clerk_input import type_text
from .conftest import answer_save_dialog

SATISFACTION = Item(name="群众满意度", op="≥", value="95", unit="%", content="入户走访",
                    explanation="抽样调查")
STREETS = Item("完成背街小巷整治", "10项")


def other_draft(folder: Path, name: str = "月坛-2019.json") -> Path:
    """Another street office's 2019 draft, as a clerk keeps them in a folder."""
    draft = new_draft("xicheng-2021", 2019)
    draft.texts["department.name"] = "北京市西城区人民政府月坛街道办事处"
    draft.indicators[1].categories[4].items = [SATISFACTION]
    draft.indicators[0].categories[0].items = [STREETS]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    save(draft, path)
    return path


def open_library(qtbot, window):
    """The clerk opens the panel from the 指标 menu and waits for the index."""
    window.menu_actions["actionLibrary"].trigger()
    dock = window.library_dock
    assert dock.isVisible() and window.menu_actions["actionLibrary"].isChecked()
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    return dock


EXAMPLE = Path(key_of(example_path()))


def from_example(hit) -> bool:
    return hit.latest is not None and hit.latest.path == EXAMPLE


def search(qtbot, dock, text: str, example: bool = False) -> list[str]:
    """The hits for *text*; those of the bundled example (always in the library) only
    when *example*."""
    dock.search.clear()
    type_text(qtbot, dock.search, text)
    qtbot.waitUntil(lambda: not dock._timer.isActive(), timeout=2000)
    return [dock.model.index(r).data() for r in range(dock.model.rowCount())
            if example or not from_example(dock.model.hits[r])]


def double_click(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_saved_draft_is_found_by_two_characters_and_inserted_as_one_undo_step(
        qtbot, qtmodeltester, make_window, monkeypatch, tmp_path):
    # Last year's draft, saved from the window: into the library.
    first = make_window(new_draft("xicheng-2021", 2019))
    first.doc.draft.indicators[1].categories[4].items = [SATISFACTION]
    answer_save_dialog(monkeypatch, tmp_path / "去年.json")
    assert first.file_actions.save()
    qtbot.waitUntil(lambda: not first.library_feed.busy, timeout=20000)

    window = make_window(new_draft("xicheng-2021", 2022))
    dock = open_library(qtbot, window)
    qtmodeltester.check(dock.model, force_py=True)
    assert search(qtbot, dock, "满意 走访", example=True) == ["群众满意度：≥95% 入户走访"]
    assert dock.model.index(0).data(SECOND_LINE_ROLE) == "服务对象满意度指标 · 2019 年度 · 未填写部门名称 · 去年.json"
    assert "抽样调查" in dock.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "找到 1 项" in dock.status.text()

    # Nothing selected in the tree: it goes into the category of its name.
    qtbot.keyClick(dock.search, Qt.Key.Key_Return)
    assert window.focusWidget() is dock.view  # Enter again would insert; the clerk clicks
    double_click(qtbot, dock.view, 0)
    effect = window.doc.draft.indicators[1]
    assert effect.categories[4].items == [SATISFACTION]
    assert effect.categories[4].items[0] is not SATISFACTION
    assert window.tab_widget.currentWidget() is window.indicators_tab
    assert window.indicators_tab.selected_path() == (1, 4, 0)
    assert window.doc.stack.count() == 1
    assert window.undo_action.text() == "撤销 从指标库添加具体指标"
    window.undo_action.trigger()
    assert effect.categories[4].items == []


def test_recent_files_and_the_folder_in_settings_feed_it(qtbot, make_window, settings,
                                                         monkeypatch, tmp_path):
    recent = other_draft(tmp_path / "recent")
    settings.setValue("files/recent", [str(recent)])
    window = make_window()
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "背街") == ["完成背街小巷整治：10项"]
    assert "月坛-2019.json" in dock.model.index(0).data(Qt.ItemDataRole.ToolTipRole)

    folder = tmp_path / "以往草稿"
    other_draft(folder / "2018", "德胜-2018.json").write_text(
        (folder / "2018" / "德胜-2018.json").read_text(encoding="utf-8")
        .replace("月坛", "德胜").replace("完成背街小巷整治", "完成老旧小区综合整治"),
        encoding="utf-8")

    def choose_folder(dialog):
        dialog.library_dir.setText(str(folder))
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose_folder)
    window.menu_actions["actionSettings"].trigger()
    assert settings.value("library/folder") == str(folder)
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    # Newest first: 2019, then 2018.
    assert search(qtbot, dock, "整治") == ["完成背街小巷整治：10项", "完成老旧小区综合整治：10项"]


def test_filter_by_category_and_the_own_draft_is_no_news(qtbot, make_window, example_file,
                                                         tmp_path):
    other_draft(tmp_path / "drafts")
    window = make_window()
    assert window.file_actions.open_path(example_file)
    window.settings.recent_files = [str(tmp_path / "drafts" / "月坛-2019.json")]
    dock = open_library(qtbot, window)
    # The open draft's own indicators are not offered back to it.
    assert search(qtbot, dock, "整治") == ["完成背街小巷整治：10项"]
    combo = dock.category
    names = [combo.itemData(i) for i in range(combo.count())]
    assert names[0] is None and "服务对象满意度指标" in names
    combo.setCurrentIndex(combo.findData("服务对象满意度指标"))
    assert search(qtbot, dock, "") == ["群众满意度：≥95% 入户走访"]
    assert search(qtbot, dock, "整治") == []
    assert "没有找到" in dock.status.text()


def test_a_hit_dragged_onto_a_category_is_inserted_there(qtbot, make_window, example_draft,
                                                        tmp_path):
    recent = other_draft(tmp_path / "recent")
    window = make_window(example_draft)
    window.settings.recent_files = [str(recent)]
    dock = open_library(qtbot, window)
    search(qtbot, dock, "满意度")
    data = dock.model.mimeData([dock.model.index(0)])
    model = window.indicators_tab.model
    quality = model.index_of((0, 1))  # 产出质量指标: the clerk decides where it goes
    copy, move = Qt.DropAction.CopyAction, Qt.DropAction.MoveAction
    assert model.canDropMimeData(data, copy, 2, 0, quality)
    assert not model.canDropMimeData(data, move, 2, 0, quality)  # a copy, never a move
    assert not model.canDropMimeData(data, copy, 0, 0, QModelIndex())  # among the groups
    dock.view.setFocus()
    model.dropMimeData(data, copy, 2, 0, quality)
    assert example_draft.indicators[0].categories[1].items[2] == SATISFACTION
    assert window.doc.stack.count() == 1
    # The new item is selected in the tree, and the keys go on from there.
    tab = window.indicators_tab
    assert tab.selected_path() == (0, 1, 2)
    assert window.focusWidget() is tab.tree
    # Dropped on an item: right after it.
    model.dropMimeData(data, copy, -1, 0, model.index_of((0, 1, 0)))
    assert example_draft.indicators[0].categories[1].items[1] == SATISFACTION


def test_insert_needs_a_place_when_the_form_lacks_the_category(qtbot, make_window, tmp_path,
                                                               monkeypatch):
    draft = new_draft("xicheng-2021", 2022)
    del draft.indicators[1].categories[4]  # no 服务对象满意度指标
    recent = other_draft(tmp_path / "recent")
    window = make_window(draft)
    window.settings.recent_files = [str(recent)]
    dock = open_library(qtbot, window)
    search(qtbot, dock, "满意 走访")
    qtbot.mouseClick(dock.insert_button, Qt.MouseButton.LeftButton)
    assert window.doc.stack.count() == 0
    assert "请先在左侧选择" in window.statusBar().currentMessage()
    window.navigate_to("indicators[1].categories[1]")
    qtbot.mouseClick(dock.insert_button, Qt.MouseButton.LeftButton)
    assert window.doc.draft.indicators[1].categories[1].items[-1] == SATISFACTION
    # Enter on the same hit again: the category holds it already, so the clerk is asked.
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or answer[0])
    dock.view.setFocus()
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)
    assert len(asked) == 1 and "第 1 项已经是这个指标" in asked[0]
    assert window.doc.draft.indicators[1].categories[1].items.count(SATISFACTION) == 1
    assert window.doc.stack.count() == 1
    answer[0] = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dock.view, Qt.Key.Key_Return)  # yes: after the one just inserted
    assert window.doc.draft.indicators[1].categories[1].items[-2:] == [SATISFACTION] * 2
    assert window.doc.stack.count() == 2
    # …and the problems list says the category holds it twice.
    window.show_problems()
    assert any(f.id == "item-duplicate" for f in window.problems.model.findings)


def test_a_damaged_index_is_rebuilt_and_a_deleted_one_too(qtbot, make_window, data_folder,
                                                         tmp_path):
    recent = other_draft(tmp_path / "recent")
    index = data_folder / "library" / "indicator-library.sqlite3"
    index.parent.mkdir(parents=True)
    index.write_bytes(b"this is not a database" * 100)
    window = make_window()
    window.settings.recent_files = [str(recent)]
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "满意") == ["群众满意度：≥95% 入户走访"]
    assert (data_folder / "library" / "indicator-library.damaged.sqlite3").exists()

    for suffix in ("", "-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    qtbot.mouseClick(dock.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    assert index.exists()
    assert search(qtbot, dock, "背街") == ["完成背街小巷整治：10项"]


def test_the_menu_action_shows_and_hides_the_panel(qtbot, window):
    action = window.menu_actions["actionLibrary"]
    assert not window.library_dock.isVisible() and not action.isChecked()
    action.trigger()
    assert window.library_dock.isVisible() and action.isChecked()
    assert window.focusWidget() is window.library_dock.search
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    # A fresh PC: not empty, the example shipped with the program is in it.
    assert "指标库还是空的" not in window.library_dock.status.text()
    assert window.library_dock.model.rowCount() > 0
    action.trigger()
    assert not window.library_dock.isVisible() and not action.isChecked()
    window.library_dock.show()
    assert action.isChecked()
    assert window.library_dock.mapToGlobal(QPoint(0, 0)).x() > window.indicators_tab.tree \
        .mapToGlobal(QPoint(0, 0)).x()  # on the right, beside the tree


def test_a_window_that_never_shows_the_panel_only_remembers_what_it_saves(
        qtbot, make_window, settings, monkeypatch, data_folder, tmp_path):
    window = make_window(new_draft("xicheng-2021", 2022))
    window.doc.draft.indicators[1].categories[4].items = [SATISFACTION]
    answer_save_dialog(monkeypatch, tmp_path / "今年.json")
    assert window.file_actions.save()
    assert not window.ops.busy()  # no index work for a clerk who does not use it
    assert not (data_folder / "library").exists()
    saved = str((tmp_path / "今年.json").resolve())
    assert window.settings.library_pending == [saved]
    window.settings.recent_files = []  # not through 最近打开: the remembered list feeds it

    later = make_window()
    dock = open_library(qtbot, later)
    assert search(qtbot, dock, "满意") == ["群众满意度：≥95% 入户走访"]
    assert later.settings.library_pending == []  # indexed: forgotten
    listed = json.loads((data_folder / "library" / SOURCES_NAME).read_text(encoding="utf-8"))
    assert listed["files"] == [key_of(example_path()), saved]


def test_an_unwritable_data_folder_keeps_the_library_for_this_run(qtbot, make_window,
                                                                   monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DECLAPP_DATA_DIR", str(blocker))  # a file where the folder should be
    recent = other_draft(tmp_path / "recent")
    window = make_window()
    window.settings.recent_files = [str(recent)]
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "满意") == ["群众满意度：≥95% 入户走访"]
    assert any("本次使用临时文件夹" in s for s in said)


def test_a_long_hit_shows_the_words_searched_for(qtbot, make_window, tmp_path):
    draft = new_draft("xicheng-2021", 2019)
    draft.indicators[0].categories[1].items = [Item(
        "按照市、区关于建设和谐社区的指示精神和相关要求，社工考核合格率100%，居民群众满意度高。")]
    save(draft, tmp_path / "长文本.json")
    window = make_window()
    window.settings.recent_files = [str(tmp_path / "长文本.json")]
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "满意") == ["…00%，居民群众满意度高。"]
    assert search(qtbot, dock, "按照") == [
        "按照市、区关于建设和谐社区的指示精神和相关要求，社工考核合格率100%，居民群众满意度高。"]


def test_a_fresh_pc_has_the_example_in_it(qtbot, make_window):
    window = make_window()  # no recent files, nothing saved, no folder in 设置
    dock = open_library(qtbot, window)
    assert "垃圾分类" not in " ".join(search(qtbot, dock, "垃圾"))  # none of the clerk's own…
    found = search(qtbot, dock, "垃圾", example=True)  # …but the example's
    assert found and all("垃圾" in line for line in found)
    assert dock.model.index(0).data(SECOND_LINE_ROLE).endswith("zhanlanlu-2021.json")


def test_the_open_drafts_own_indicators_are_left_out_wherever_they_come_from(
        qtbot, make_window, tmp_path):
    last_year = other_draft(tmp_path / "drafts")
    from declapp.form.carry_over import next_year_draft
    from declapp.form.templates import load_template
    from declapp.storage.fileformat import load

    # Next year's form made from last year's file: every indicator of that file is its own.
    following = next_year_draft(load(last_year), load_template("xicheng-2021"))
    window = make_window(following)
    window.settings.recent_files = [str(last_year)]
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "背街") == []
    assert search(qtbot, dock, "满意 走访") == []
    # Once the clerk deletes one from the form, the library offers it again.
    window.doc.draft.indicators[0].categories[0].items.clear()
    assert search(qtbot, dock, "背街") == ["完成背街小巷整治：10项"]


def test_the_words_searched_for_are_marked_in_each_hit(qtbot, make_window, tmp_path):
    from declapp.gui.panels.library import match_spans
    from declapp.gui.widgets.two_line import HIGHLIGHT_ROLE

    recent = other_draft(tmp_path / "recent")
    window = make_window()
    window.settings.recent_files = [str(recent)]
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "满意 走访") == ["群众满意度：≥95% 入户走访"]
    assert dock.model.index(0).data(HIGHLIGHT_ROLE) == [(2, 4), (13, 15)]
    # As the library compares: full-width as half-width, case folded; overlaps merged.
    assert match_spans("Ｗｉ-Fi覆盖率", ["wi-fi"]) == [(0, 5)]
    assert match_spans("满意度满意", ["满意", "意度"]) == [(0, 5)]
    assert match_spans("没有", []) == []
    # Drawn: the marked characters are on yellow.
    dock.resize(500, 400)
    dock.view.clearSelection()
    dock.view.setCurrentIndex(dock.model.index(-1))
    image = dock.view.viewport().grab().toImage()
    yellow = sum(1 for x in range(0, image.width(), 2) for y in range(0, 60, 2)
                 if image.pixelColor(x, y).name() == "#ffe38a")
    assert yellow > 20


def test_folders_are_added_and_let_go_in_the_panel(qtbot, make_window, tmp_path, monkeypatch):
    folder = tmp_path / "以往草稿"
    other_draft(folder / "2018", "德胜-2018.json")
    window = make_window()
    dock = open_library(qtbot, window)
    assert search(qtbot, dock, "背街") == []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dock.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    assert search(qtbot, dock, "背街") == ["完成背街小巷整治：10项"]
    assert window.settings.library_folders == [str(folder)]
    let_go = [a for a in dock.folder_menu.actions() if a.text() == f"不再收录“{folder}”"]
    assert len(let_go) == 1
    let_go[0].trigger()
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    assert search(qtbot, dock, "背街") == []
    assert window.settings.library_folders == []
    assert not any("不再收录" in a.text() for a in dock.folder_menu.actions())


def test_cancel_stops_indexing_a_large_folder_and_keeps_what_was_indexed(
        qtbot, window, tmp_path, monkeypatch):
    """A folder that takes long to index (设置 › 以往草稿所在文件夹 set to "/" walked the
    whole disk): the status bar shows how far it is and offers 取消."""
    import declapp.library as library_module

    monkeypatch.setattr(library_module, "BATCH", 2)
    folder = tmp_path / "drafts"
    for n in range(300):
        draft = new_draft("xicheng-2021", 2019)
        draft.indicators[0].categories[0].items = [Item(f"第{n}号任务", "1项")]
        folder.mkdir(exist_ok=True)
        save(draft, folder / f"d{n:03}.json")
    window.settings.library_folder = str(folder)
    notes: list[str] = []
    monkeypatch.setattr(window.library_feed, "note", lambda text, ms=0: notes.append(text))
    window.menu_actions["actionLibrary"].trigger()
    cancel = window.ops.cancel_button
    qtbot.waitUntil(lambda: cancel.isVisible() and "/" in window.ops.label.text(),
                    timeout=20000)
    assert "正在更新指标库" in window.ops.label.text()  # how far, e.g. （12/300）
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.library_feed.busy, timeout=20000)
    assert not cancel.isVisible()
    assert any("已停止更新指标库" in n for n in notes)
    found = window.library_feed.library.indexed_files()
    assert 0 < found < 300


def test_the_search_field_has_its_clear_button_once_the_panel_shows(qtbot, make_window):
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    dock = window.library_dock
    # Not made at start for a panel that is hidden (it asks the icon theme: up to 60 ms).
    assert not dock.isVisible() and not dock.search.isClearButtonEnabled()
    window.library_link.show()
    assert dock.isVisible() and dock.search.isClearButtonEnabled()
    type_text(qtbot, dock.search, "满意度")
    clear = dock.search.findChild(QAction, "_q_qlineeditclearaction")
    assert clear is not None and clear.isVisible()  # shown beside the words typed
