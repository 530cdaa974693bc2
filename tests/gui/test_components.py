"""The window's helpers for the working day, each on a real Document: live problems,
autosave into the recovery folder, recent files, settings, the recovery offer, print."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from declapp.gui.dialogs.recovery import RecoveryDialog
from declapp.gui.dialogs.settings import SettingsDialog
from declapp.gui.document.document import Document
from declapp.gui.panels.findings_model import FindingRole
from declapp.gui.panels.problems import ProblemsDock
from declapp.gui.services.autosave import Autosaver
from declapp.gui.services.printing import PrintJob, make_printer, paint_pdf
from declapp.gui.services.recent_files import RecentFiles
from declapp.gui.settings import AppSettings
from declapp.storage.fileformat import load
from declapp.storage.recovery import RecoveryStore


@pytest.fixture
def app_settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def doc(qtbot, example_draft):
    return Document(example_draft, None)


def test_problems_follow_edits_and_double_click_navigates(qtbot, qtmodeltester, doc):
    dock = ProblemsDock(doc)
    qtbot.addWidget(dock)
    dock.show()
    qtmodeltester.check(dock.model)
    hints = len(dock.model.rows())  # the real form's vague-word hints (issue 12)
    assert hints == 5 and all(f.id == "vague-words" for f in dock.model.findings)
    assert dock.status_label.text() == f"0 个错误，{hints} 个未核对的警告"

    doc.edit_field("funds.total", Decimal("41421.23"))
    qtbot.waitUntil(lambda: len(dock.model.rows()) == hints + 1, timeout=3000)
    qtmodeltester.check(dock.model)
    index = dock.model.index(0, 0)  # the form's order: the funds before the indicators
    assert "不等于" in index.data() and index.data(FindingRole).location == "funds.total"
    assert "资金总额" in index.data().splitlines()[1]
    assert dock.status_label.text() == f"1 个错误，{hints} 个未核对的警告"

    qtbot.waitExposed(dock)
    rect = dock.view.visualRect(index)
    assert rect.isValid()
    viewport = dock.view.viewport()
    with qtbot.waitSignal(dock.navigateRequested) as signal:
        # A real double-click: press-release, then the double-click event.
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         rect.center())
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, rect.center())
    assert signal.args[0] == "funds.total"

    doc.stack.undo()  # fixed: greyed where it is until the next jump or check
    qtbot.waitUntil(lambda: dock.model.rows()[0].fixed, timeout=3000)
    assert dock.model.index(0, 0).data().startswith("（已改）")
    dock.refresh_now()
    assert len(dock.model.rows()) == hints


def test_problems_are_debounced_not_run_per_keystroke(qtbot, doc, monkeypatch):
    dock = ProblemsDock(doc)
    qtbot.addWidget(dock)
    runs = []
    import declapp.gui.panels.problems as module

    real = module.check_draft
    monkeypatch.setattr(module, "check_draft", lambda d: runs.append(1) or real(d))
    for n in range(20):
        doc.edit_field("notes", "说明" * n, token="typing")
    assert runs == []  # nothing yet while typing
    qtbot.waitUntil(lambda: len(runs) == 1, timeout=3000)


def test_autosave_writes_a_recovery_copy_and_save_removes_it(qtbot, tmp_path, doc):
    store = RecoveryStore(tmp_path / "recovery")
    store.start()
    saver = Autosaver(doc, store, seconds=1)
    copy = store.copy_path(saver.slot)
    qtbot.wait(1200)
    assert not copy.exists()  # nothing unsaved, nothing written

    doc.edit_field("goals", "崩溃前输入的目标")
    qtbot.waitUntil(copy.exists, timeout=3000)
    assert load(copy).texts["goals"] == "崩溃前输入的目标"
    assert load(copy) == doc.draft

    doc.stack.setClean()  # what a successful save does
    assert not copy.exists()
    store.finish()


def test_autosave_reports_a_failure_and_goes_on(qtbot, tmp_path, doc):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    store = RecoveryStore(blocker / "recovery")
    saver = Autosaver(doc, store, seconds=60)
    doc.edit_field("notes", "新说明")
    with qtbot.waitSignal(saver.failed) as signal:
        assert saver.autosave_now() is False
    assert signal.args[0]


def test_recent_files_keep_ten_and_drop_missing_with_a_note(tmp_path, app_settings, qtbot):
    menu = QMenu()
    notes, opened = [], []
    recent = RecentFiles(app_settings, menu, opened.append, notes.append)
    files = []
    for n in range(12):
        path = tmp_path / f"d{n}.json"
        path.write_text("{}", encoding="utf-8")
        files.append(path)
        recent.add(path)
    assert [p.name for p in recent.paths()] == [f"d{n}.json" for n in range(11, 1, -1)]
    files[11].unlink()
    recent.rebuild()
    assert "d11.json" in notes[-1]
    assert recent.paths()[0].name == "d10.json"
    entries = [a for a in menu.actions() if a.text().endswith(".json")]
    entries[0].trigger()
    assert opened == [tmp_path / "d10.json"]


def test_settings_dialog_saves_and_refuses_a_missing_font(qtbot, tmp_path, app_settings,
                                                          monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    app_settings.last_export_dir = str(tmp_path.parent)  # an earlier export went there
    dialog = SettingsDialog(app_settings)
    qtbot.addWidget(dialog)
    assert dialog.interval.value() == 10
    dialog.interval.setValue(30)
    dialog.export_dir.setText(str(tmp_path))
    dialog.font_choice.setCurrentIndex(1)
    dialog.font_file.setText(str(tmp_path / "missing.ttf"))
    dialog.accept()
    assert warnings and "字体文件" in warnings[0]
    assert app_settings.autosave_seconds == 10  # nothing saved from a refused dialog
    font = tmp_path / "my.ttf"
    font.write_bytes(b"\0")
    dialog.font_file.setText(str(font))
    dialog.accept()
    assert app_settings.autosave_seconds == 30
    assert app_settings.default_export_dir == str(tmp_path)
    assert app_settings.pdf_font_file == str(font)
    assert app_settings.export_dir(None) == tmp_path


def test_recovery_dialog_lists_each_copy(qtbot, tmp_path, example_draft):
    store = RecoveryStore(tmp_path)
    store.write("a", example_draft, tmp_path / "mine.json")
    (tmp_path / "x.b.recovery.json").write_text("{", encoding="utf-8")
    copies = RecoveryStore(tmp_path).orphaned()
    dialog = RecoveryDialog(copies)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("mine.json" in t and "展览路" in t for t in texts)
    assert any("无法恢复" in t for t in texts)
    assert [c.readable for c in dialog.chosen()] == [True]
    dialog.list.item(texts.index(next(t for t in texts if "mine" in t))).setCheckState(
        Qt.CheckState.Unchecked)
    assert dialog.chosen() == [] and len(dialog.discarded()) == 2


def test_print_paints_one_sheet_per_pdf_page(qtbot, tmp_path, example_draft):
    job = PrintJob(example_draft, options=__import__("declapp.export").export.ExportOptions())
    try:
        pages = len(pypdf.PdfReader(job.pdf_path).pages)
        printer = make_printer(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = tmp_path / "printed.pdf"
        printer.setOutputFileName(str(out))
        assert paint_pdf(job.pdf_path, printer, dpi=72) == pages
        assert len(pypdf.PdfReader(out).pages) == pages >= 3
        # 打印范围 2–3 in the print dialog: just those two sheets.
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        printer.setOutputFileName(str(tmp_path / "range.pdf"))
        assert paint_pdf(job.pdf_path, printer, dpi=72) == 2
        assert len(pypdf.PdfReader(tmp_path / "range.pdf").pages) == 2
    finally:
        job.close()
    assert not Path(job.pdf_path).exists()


def test_dialog_forms_sit_inside_their_dialogs(qtbot, app_settings, tmp_path, example_draft):
    # A Designer form whose top widget is itself a dialog would open as a 0×0 window.
    store = RecoveryStore(tmp_path)
    store.write("a", example_draft, None)
    for dialog, form_name in ((SettingsDialog(app_settings), "SettingsDialog"),
                              (RecoveryDialog(RecoveryStore(tmp_path).orphaned()),
                               "RecoveryDialog")):
        qtbot.addWidget(dialog)
        form = dialog.findChild(QWidget, form_name)
        assert form is not None and not form.isWindow()
        hint = dialog.sizeHint()
        assert hint.width() >= 400 and hint.height() >= 150


def test_recent_files_of_the_same_name_show_their_folders(tmp_path, app_settings, qtbot):
    menu = QMenu()
    recent = RecentFiles(app_settings, menu, lambda path: None, lambda text: None)
    paths = []
    for year in ("2021年", "2022年"):
        path = tmp_path / "申报表" / year / "展览路.json"
        path.parent.mkdir(parents=True)
        path.write_text("{}", encoding="utf-8")
        paths.append(path)
        recent.add(path)
    other = tmp_path / "其他.json"
    other.write_text("{}", encoding="utf-8")
    recent.add(other)
    texts = [a.text() for a in menu.actions() if ".json" in a.text()]
    assert texts[0] == "&1 其他.json"  # a name of its own needs no folder
    assert texts[1].startswith("&2 展览路.json") and "申报表" in texts[1] and "2022年" in texts[1]
    assert texts[2].startswith("&3 展览路.json") and "2021年" in texts[2]
    assert menu.toolTipsVisible()
    tips = [a.toolTip() for a in menu.actions() if ".json" in a.text()]
    assert tips[1] == str(paths[1].resolve())
