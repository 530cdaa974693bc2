"""The main window: menus and toolbar from ui/main_window.ui, the tabs the draft's
template asks for (built from its definition: ``tabs.form_tab``, and the indicator tree),
the problems panel, and the services that work on the open draft."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from declapp import APP_NAME
from declapp.checks import Finding, tally
from declapp.form.definition import AmountsPart, IndicatorsPart
from declapp.form.model import Draft
from declapp.form.templates import new_draft
from declapp.gui.dialogs import messages
from declapp.gui.document.document import Document
from declapp.gui.indicators.tab import IndicatorsTab
from declapp.gui.ops import Ops
from declapp.gui.panels.library import LibraryDock
from declapp.gui.panels.problems import ProblemsDock
from declapp.gui.panels.start_page import StartPage
from declapp.gui.services.autosave import Autosaver
from declapp.gui.services.edit_actions import add_edit_actions
from declapp.gui.services.export import ExportController
from declapp.gui.services.files import FileActions
from declapp.gui.services.importing import ImportController, importable
from declapp.gui.services.library import LibraryFeed
from declapp.gui.services.library_link import LibraryLink
from declapp.gui.services.navigation import Navigator
from declapp.gui.services.printing import Printing
from declapp.gui.services.recent_files import RecentFiles
from declapp.gui.services.year_actions import YearActions
from declapp.gui.settings import AppSettings, data_folder
from declapp.gui.tabs.form_tab import FormTab, tab_of
from declapp.gui.widgets.icons import ACTION_ICONS, icon
from declapp.gui.widgets.status_bar import StatusBar
from declapp.gui.widgets.text_edit import (
    selected_text,
)
from declapp.gui.widgets.uiload import UiError, child, load_ui
from declapp.gui.widgets.window_size import fit_to_screen
from declapp.storage.recovery import RecoveryStore
from declapp.system.paths import example_path

if TYPE_CHECKING:  # the dialogs are loaded when first opened
    from declapp.gui.dialogs.find_replace import FindReplaceDialog
    from declapp.gui.dialogs.help import HelpDialog

EXPORT_ACTIONS = ("actionExportDocx", "actionExportXlsx", "actionExportPdf", "actionExportAll",
                  "actionExportIndicatorSheet")
PRINT_ACTIONS = ("actionPrint", "actionPrintPreview")
# What needs a draft: off while the start page shows.
DRAFT_ACTIONS = ("actionSave", "actionSaveAs", "actionNextYear", *EXPORT_ACTIONS,
                 *PRINT_ACTIONS, "actionCheckForm", "actionCheckFunds", "actionFundsToSum",
                 "actionFind", "actionReplace", "actionAddGroup", "actionAddCategory",
                 "actionAddItem", "actionDeleteNode", "actionMoveUp", "actionMoveDown",
                 "actionEditNode", "actionStructure", "actionStructureAll",
                 "actionNextProblem", "actionPreviousProblem")
STAGE_ACTIONS = ("actionStageMonitor", "actionStageEvaluate", "actionYearOverview")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, draft: Draft | None = None,
                 parent: QWidget | None = None, recovery: RecoveryStore | None = None) -> None:
        super().__init__(parent)
        self.settings = AppSettings(settings if settings is not None else QSettings())
        self.settings.apply_template_folder()
        self.doc = Document(draft if draft is not None else new_draft(), None, self)
        self._build_from_form()
        self.ops = Ops(self)
        self.tab_widget = child(self, QTabWidget, "tabs")
        self.indicators_tab = IndicatorsTab(self.doc)
        self.form_tabs: list[FormTab] = []
        self._tabs_for = ""
        self._build_tabs()
        self.indicators_tab.attach_actions(self.menu_actions)

        # Services, then the problems dock: before the geometry is restored, since the
        # dock is part of the saved window state.
        self.store = recovery
        self.help_dialog: HelpDialog | None = None
        self.find_dialog: FindReplaceDialog | None = None
        self.file_actions = FileActions(self, self.doc, self.settings, self.note)
        self.exporter = ExportController(self, self.doc, self.settings, self.ops,
                                         [self.menu_actions[n] for n in EXPORT_ACTIONS])
        self.printing = Printing(self, self.doc, self.exporter.options, self.ops,
                                 [self.menu_actions[n] for n in PRINT_ACTIONS], self.note)
        self.importer = ImportController(self, self.doc, self.settings, self.ops,
                                         self.file_actions, [self.menu_actions["actionImport"]],
                                         self.note)
        self.recent = RecentFiles(self.settings, self.menus["menuRecent"],
                                  self.file_actions.open_path,
                                  lambda text: self.note(text, 8000))
        self.autosaver: Autosaver | None = None
        if recovery is not None:
            self.autosaver = Autosaver(self.doc, recovery, self.settings.autosave_seconds, self)
            self.autosaver.failed.connect(lambda text: self.note(f"自动保存失败：{text}", 10000))
        self.exporter.review = self.printing.review = self.review_finding
        self.problems = ProblemsDock(self.doc, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.statusBar().addPermanentWidget(self.problems.status_label)
        self.library_feed = LibraryFeed(self, self.ops, self.settings, data_folder() / "library",
                                        self.note)
        self.library_dock = LibraryDock(self.doc, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.library_dock)
        self.library_dock.hide()  # until the clerk asks for it (or the saved layout shows it)
        self._build_start_page()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowIcon(icon("app"))
        self._update_title()
        self._restore_layout()

    def tabs(self) -> list[QWidget]:
        """The tabs in their order."""
        found = (self.tab_widget.widget(i) for i in range(self.tab_widget.count()))
        return [w for w in found if w is not None]

    def _build_tabs(self) -> None:
        """One tab per ``tab`` the template's parts name, in print order; the indicator
        tree on the tab of the first indicator table. Built anew for another template."""
        form = self.doc.form
        shown = self.tab_widget.tabText(self.tab_widget.currentIndex())
        for tab in self.form_tabs:
            self.tab_widget.removeTab(self.tab_widget.indexOf(tab))
            tab.deleteLater()
        index = self.tab_widget.indexOf(self.indicators_tab)
        if index >= 0:
            self.tab_widget.removeTab(index)
        self.form_tabs = []
        trees = form.trees()
        tree_title = tab_of(trees[0]) if len(trees) == 1 else "绩效指标"
        order: dict[str, list] = {}
        for part in form.parts:
            if isinstance(part, IndicatorsPart):
                order.setdefault(tree_title, [])
                continue
            title = tab_of(part)
            order.setdefault(f"{title}（文字）" if title == tree_title else title, []).append(part)
        for title, parts in order.items():
            if title == tree_title:
                self.tab_widget.addTab(self.indicators_tab, title)
                continue
            tab = FormTab(self.doc, title, parts, head=not self.form_tabs)
            tab.noteRequested.connect(lambda text: self.note(text, 8000))
            self.form_tabs.append(tab)
            self.tab_widget.addTab(tab, title)
        for i in range(self.tab_widget.count()):
            if self.tab_widget.tabText(i) == shown:
                self.tab_widget.setCurrentIndex(i)
        self._tabs_for = form.id
        amounts = bool(form.amount_parts())
        for name in ("actionCheckFunds", "actionFundsToSum"):
            self.menu_actions[name].setEnabled(amounts)

    def _draft_replaced(self) -> None:
        if self.doc.form.id != self._tabs_for:
            self._build_tabs()

    def form_tab(self, location: str) -> FormTab | None:
        """The tab that edits the value at *location*."""
        return next((t for t in self.form_tabs if t.has_location(location)), None)

    def editor(self, location: str) -> QWidget | None:
        """The widget the field at *location* is typed in (tests, navigation)."""
        tab = self.form_tab(location)
        editor = tab.editors.get(location) if tab else None
        if editor is None and tab is not None:
            for block in tab.blocks:
                if location in block.editors:
                    editor = block.editors[location]
        return editor.focus if editor is not None else None

    def first_amounts(self) -> AmountsPart | None:
        parts = self.doc.form.amount_parts()
        return parts[0] if parts else None

    def check_funds(self) -> None:
        part = self.first_amounts()
        if part is not None:
            total = next((r for r in part.rows if r.total), part.rows[0])
            self.navigate_to(total.id)

    def funds_to_sum(self) -> None:
        """设为各项之和 for the first section of the first amounts block."""
        part = self.first_amounts()
        if part is None:
            return
        for tab in self.form_tabs:
            for block in tab.blocks:
                if block.part is part and part.sections[0].total is not None:
                    block.set_total_to_sum(part.sections[0])
                    return

    # --- construction ----------------------------------------------------------------------
    def _build_from_form(self) -> None:
        # QUiLoader builds a new QMainWindow; its menu bar, toolbar and centre move here.
        form = load_ui("main_window.ui")
        if not isinstance(form, QMainWindow):
            raise UiError("main_window.ui 应是一个主窗口")
        self._form = form
        self.menu_actions: dict[str, QAction] = {
            a.objectName(): a for a in form.findChildren(QAction) if a.objectName()}
        self.toolbar: QToolBar = child(form, QToolBar, "toolBar")
        self.setMenuBar(form.menuBar())
        form.removeToolBar(self.toolbar)
        self.addToolBar(self.toolbar)
        self.toolbar.show()
        central = form.takeCentralWidget()
        if central is None:
            raise UiError("main_window.ui 缺少中央区域")
        # The form and the start page share the centre (``show_start_page``). Made here,
        # before the tabs and docks, so that Tab goes from the tab bar into the form first.
        self.centre = QStackedWidget(self)
        self.centre.addWidget(central)
        self.form_page = central
        self.setCentralWidget(self.centre)
        self.setStatusBar(StatusBar(self))
        self.resize(form.size())
        form.setParent(self)  # keeps the actions (children of the form) alive with us
        form.hide()
        for name, icon_name in ACTION_ICONS.items():
            self.menu_actions[name].setIcon(icon(icon_name))
        self.menus = {m.objectName(): m for m in self.menuBar().findChildren(QMenu)}
        self.undo_action, self.redo_action = add_edit_actions(self)

    def _build_start_page(self) -> None:
        # Shown instead of the form when the program starts without a draft. Its page is
        # made when first asked for (``start_page``): a start with a draft never shows it,
        # and its four buttons ask the icon theme for an icon each.
        # Scrolled in a small window: the page must not make the window's minimum larger.
        self.start_scroll = QScrollArea(self.centre)
        self.start_scroll.setWidgetResizable(True)
        self.start_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.centre.addWidget(self.start_scroll)
        self._start_page: StartPage | None = None
        self._problems_shown = True
        self.doc.draftReplaced.connect(self.show_form)

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            page = StartPage()
            self.start_scroll.setWidget(page)
            page.importRequested.connect(self.importer.import_dialog)
            page.openRequested.connect(self.file_actions.open_dialog)
            page.newRequested.connect(self.file_actions.new_draft)
            page.exampleRequested.connect(lambda: self.file_actions.open_path(example_path()))
            page.recentRequested.connect(self._open_recent)
            self._start_page = page
        return self._start_page

    def on_start_page(self) -> bool:
        return self.centre.currentWidget() is self.start_scroll

    def show_start_page(self) -> None:
        """The start page instead of the empty form: 导入, 打开, 新建, the recent drafts.
        What needs a draft (save, export, check…) waits until there is one."""
        self.start_page.set_recent([p for p in self.recent.paths() if p.is_file()])
        if not self.on_start_page():
            self._problems_shown = self.problems.isVisible()
        self.centre.setCurrentWidget(self.start_scroll)
        self.problems.hide()
        self.problems.status_label.hide()
        for name in (*DRAFT_ACTIONS, *STAGE_ACTIONS):
            self.menu_actions[name].setEnabled(False)
        self._update_title()
        self.start_page.import_button.setFocus()

    def show_form(self) -> None:
        """The form, once there is a draft to fill (opened, new, imported, restored)."""
        if not self.on_start_page():
            return
        self.centre.setCurrentWidget(self.form_page)
        self.problems.setVisible(self._problems_shown)
        self.problems.status_label.show()
        for name in (*DRAFT_ACTIONS, *STAGE_ACTIONS):
            self.menu_actions[name].setEnabled(True)
        # …as far as the form allows: its stages, its amounts, the tree's selection.
        self.year_actions.update()
        amounts = bool(self.doc.form.amount_parts())
        for name in ("actionCheckFunds", "actionFundsToSum"):
            self.menu_actions[name].setEnabled(amounts)
        self.indicators_tab.update_actions()
        self._update_title()

    def _open_recent(self, path: Path) -> None:
        if not path.is_file():
            self.recent.prune()
            self.start_page.set_recent(self.recent.paths())
            return
        self.file_actions.open_path(path)

    def _connect(self) -> None:
        fa, a = self.file_actions, self.menu_actions
        a["actionNew"].triggered.connect(fa.new_draft)
        a["actionOpen"].triggered.connect(fa.open_dialog)
        a["actionImport"].triggered.connect(self.importer.import_dialog)
        self.importer.imported.connect(lambda _result: self.show_problems())
        a["actionSave"].triggered.connect(fa.save)
        a["actionSaveAs"].triggered.connect(fa.save_as)
        self.year_actions = YearActions(self)
        a["actionNextYear"].triggered.connect(self.year_actions.next_year)
        a["actionQuit"].triggered.connect(self.close)
        a["actionAbout"].triggered.connect(lambda: messages.show_about(self))
        a["actionHelp"].triggered.connect(self.show_help)
        a["actionCheckFunds"].triggered.connect(self.check_funds)
        a["actionFundsToSum"].triggered.connect(self.funds_to_sum)
        a["actionCheckForm"].triggered.connect(self.check_form)
        a["actionNextProblem"].triggered.connect(lambda: self.next_problem(1))
        a["actionPreviousProblem"].triggered.connect(lambda: self.next_problem(-1))
        a["actionFind"].triggered.connect(lambda: self.show_find(replacing=False))
        a["actionReplace"].triggered.connect(lambda: self.show_find(replacing=True))
        a["actionSettings"].triggered.connect(self.edit_settings)
        for fmt in ("docx", "xlsx", "pdf"):
            a[f"actionExport{fmt.capitalize()}"].triggered.connect(
                lambda _=False, f=fmt: self.exporter.export(f))
        a["actionExportAll"].triggered.connect(self.exporter.export_all)
        a["actionExportIndicatorSheet"].triggered.connect(self.exporter.export_indicator_sheet)
        self.library_link = LibraryLink(self)
        a["actionPrintPreview"].triggered.connect(self.printing.preview)
        a["actionPrint"].triggered.connect(self.printing.print_)
        self.problems.navigateRequested.connect(self.navigate_to)
        self.navigator = Navigator(self)
        self.doc.valueShown.connect(self.navigator.show_change)
        self.doc.focusRequested.connect(self.navigator.show_tree_change)
        self.indicators_tab.noteRequested.connect(lambda text: self.note(text, 10000))
        self.doc.draftReplaced.connect(self._draft_replaced)
        self.doc.stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._remember_path)

    def _update_title(self, *_args: object) -> None:
        if self.on_start_page():
            self.setWindowTitle(APP_NAME)
            return
        self.setWindowTitle(f"{self.doc.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(not self.doc.stack.isClean())

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_layout()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, self._form.size())
        if state is not None:
            self.restoreState(state)

    def note(self, text: str, milliseconds: int = 5000) -> None:
        """A line in the status bar."""
        self.statusBar().showMessage(text, milliseconds)

    # --- what the menus do besides editing --------------------------------------------------
    def show_problems(self) -> None:
        self.problems.refresh_now()
        self.problems.show()
        self.problems.raise_()

    def review_finding(self, finding: Finding) -> None:
        """去检查: the problems list, and the finding's field with its words selected."""
        self.show_problems()
        self.navigate_to(finding.location, finding.highlight)

    def check_form(self) -> None:
        """F7: check afresh, show the list and put the keyboard there."""
        self.show_problems()
        self.problems.focus_list()

    def next_problem(self, step: int) -> bool:
        """F8 / Shift+F8 from anywhere: the next (previous) finding's place, its words
        selected; the list shown if it was closed."""
        if not self.problems.isVisible():
            self.problems.show()
        finding = self.problems.go_next(step)
        if finding is None:
            self.note(f"没有未处理的问题：{tally(self.problems.model.findings).sentence()}。")
            return False
        self.note(f"{finding.place or '整个表单'}：{finding.message}", 10000)
        return True

    def show_help(self) -> HelpDialog:
        """The help page beside the form (one per window; F1 again brings it forward)."""
        if self.help_dialog is None:
            from declapp.gui.dialogs.help import HelpDialog

            actions = [*self.menu_actions.values(), self.undo_action, self.redo_action]
            self.help_dialog = HelpDialog(actions, self)
            self.help_dialog.finished.connect(self._help_closed)
            self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()
        return self.help_dialog

    def _help_closed(self) -> None:
        self.help_dialog = None

    def show_find(self, replacing: bool = False) -> FindReplaceDialog:
        """查找 (Ctrl+F) or 替换 (Ctrl+H) over the whole form: one dialog per window,
        kept for the next time with what was sought."""
        selected = selected_text(self.focusWidget())
        if self.find_dialog is None:
            from declapp.gui.dialogs.find_replace import FindReplaceDialog

            self.find_dialog = FindReplaceDialog(self.doc, self.navigator.show_span, self)
        self.find_dialog.start(replacing, selected)
        return self.find_dialog

    def edit_settings(self) -> bool:
        from declapp.gui.dialogs.settings import SettingsDialog  # loaded when first opened

        library_folder = self.settings.library_folder
        template_folder = self.settings.template_folder
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return False
        if self.settings.template_folder != template_folder:
            self._build_tabs()  # the template lists offer what the folder holds now
        if self.autosaver is not None:
            self.autosaver.set_interval(self.settings.autosave_seconds)
        if self.settings.library_folder != library_folder:
            self.library_feed.folder_changed()
            self.library_dock.set_folders(self.settings.library_followed())
        return True

    def _remember_path(self) -> None:
        if self.doc.path is not None:
            self.recent.add(self.doc.path)
            self.library_feed.add_draft(self.doc.path)  # opened or saved: into the 指标库

    # --- navigation (used by the problems list of the checks) ------------------------------
    def navigate_to(self, location: str, highlight: str = "") -> bool:
        """Show the field or tree node a check finding names (``Navigator.navigate_to``)."""
        return self.navigator.navigate_to(location, highlight)

    # --- window events ----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file_actions.maybe_save():
            event.ignore()
            return
        if self.autosaver is not None:
            self.autosaver.discard()  # closed normally: no recovery copy is left
        self.settings.save_window_layout(self.saveGeometry(), self.saveState())
        self.library_feed.close()
        self.file_actions.owner.release()  # another start may open the file now
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.open_or_import(path)

    def open_or_import(self, name: str | Path) -> bool:
        """A draft is opened; a Word, Excel or PDF form is imported (dropped files, the
        command line)."""
        if importable(Path(name)):
            return self.importer.import_path(name)
        return self.file_actions.open_path(name)



def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local file among the dropped URLs."""
    data = event.mimeData()
    if not data.hasUrls():
        return None
    for url in data.urls():
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None
