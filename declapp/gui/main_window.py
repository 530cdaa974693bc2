"""The main window: menus and toolbar from ui/main_window.ui, the four tabs, the title."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QStatusBar,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from declapp import APP_NAME
from declapp.gui import dialogs
from declapp.gui.document import Document
from declapp.gui.file_actions import FileActions
from declapp.gui.icons import ACTION_ICONS, icon
from declapp.gui.navigation import TAB_INDICATORS, parse_location
from declapp.gui.tabs.department_tab import DepartmentTab
from declapp.gui.tabs.funds_tab import FundsTab
from declapp.gui.tabs.goals_tab import GoalsTab
from declapp.gui.tabs.indicators_tab import IndicatorsTab
from declapp.gui.uiload import child, load_ui
from declapp.gui.workday import Workday
from declapp.model import Draft
from declapp.recovery import RecoveryStore
from declapp.templates import new_draft

TAB_TITLES = ("单位信息", "资金情况", "绩效目标", "绩效指标")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, draft: Draft | None = None,
                 parent: QWidget | None = None, recovery: RecoveryStore | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.doc = Document(draft if draft is not None else new_draft(), None, self)
        self._build_from_form()
        self.tab_widget: QTabWidget = self.centralWidget().findChild(QTabWidget, "tabs")
        self.department_tab = DepartmentTab(self.doc)
        self.funds_tab = FundsTab(self.doc)
        self.goals_tab = GoalsTab(self.doc)
        self.indicators_tab = IndicatorsTab(self.doc)
        for tab, title in zip((self.department_tab, self.funds_tab, self.goals_tab,
                               self.indicators_tab), TAB_TITLES, strict=True):
            self.tab_widget.addTab(tab, title)
        self.indicators_tab.attach_actions(self.actions)
        self.file_actions = FileActions(self, self.doc, self.settings)
        self._connect()
        # Problems, export, print, autosave, recent files: after the tabs, before geometry
        # is restored (the problems dock is part of the saved window state).
        self.workday = Workday(self, recovery)
        self.setAcceptDrops(True)
        self.setWindowIcon(icon("app"))
        self._update_title()
        self._restore_geometry()

    # --- construction ----------------------------------------------------------------------
    def _build_from_form(self) -> None:
        # QUiLoader builds a new QMainWindow; its menu bar, toolbar and centre move here.
        form = load_ui("main_window.ui")
        self._form = form
        self.actions: dict[str, QAction] = {a.objectName(): a for a in form.findChildren(QAction)
                                            if a.objectName()}
        self.toolbar: QToolBar = child(form, QToolBar, "toolBar")
        self.setMenuBar(form.menuBar())
        form.removeToolBar(self.toolbar)
        self.addToolBar(self.toolbar)
        self.toolbar.show()
        self.setCentralWidget(form.takeCentralWidget())
        self.setStatusBar(QStatusBar(self))
        self.resize(form.size())
        form.setParent(self)  # keeps the actions (children of the form) alive with us
        form.hide()
        for name, icon_name in ACTION_ICONS.items():
            self.actions[name].setIcon(icon(icon_name))
        self.menus = {m.objectName(): m for m in self.menuBar().findChildren(QMenu)}

        stack = self.doc.stack
        self.undo_action = stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setIcon(icon("redo"))
        edit_menu = self.menus["menuEdit"]
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        # The tree's actions have their own buttons on the 绩效指标 tab.
        before = self.actions["actionHelp"]
        self.toolbar.insertAction(before, self.undo_action)
        self.toolbar.insertAction(before, self.redo_action)
        self.toolbar.insertSeparator(before)
        for action in (self.undo_action, self.redo_action):
            # Their text names the step ("撤销 编辑“绩效目标”"): too long beside an icon.
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for name in ("actionNew", "actionOpen", "actionSave", "actionSaveAs"):
            self.actions[name].setShortcuts(QKeySequence.keyBindings(
                {"actionNew": QKeySequence.StandardKey.New,
                 "actionOpen": QKeySequence.StandardKey.Open,
                 "actionSave": QKeySequence.StandardKey.Save,
                 "actionSaveAs": QKeySequence.StandardKey.SaveAs}[name])
                or [self.actions[name].shortcut()])
        self.actions["actionSaveAs"].setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.actions["actionHelp"].setShortcut(QKeySequence("F1"))

    def _connect(self) -> None:
        fa, a = self.file_actions, self.actions
        a["actionNew"].triggered.connect(fa.new_draft)
        a["actionOpen"].triggered.connect(fa.open_dialog)
        a["actionSave"].triggered.connect(fa.save)
        a["actionSaveAs"].triggered.connect(fa.save_as)
        a["actionQuit"].triggered.connect(self.close)
        a["actionAbout"].triggered.connect(lambda: dialogs.show_about(self))
        a["actionHelp"].triggered.connect(lambda: dialogs.show_help(self))
        a["actionCheckFunds"].triggered.connect(lambda: self.navigate_to("funds.total"))
        a["actionFundsToSum"].triggered.connect(self.funds_tab.set_total_to_sum)
        self.doc.stack.cleanChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)

    def _update_title(self, *_args: object) -> None:
        self.setWindowTitle(f"{self.doc.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(not self.doc.stack.isClean())

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    # --- navigation (used by the problems list of the checks) ----------------------------------
    def navigate_to(self, location: str) -> bool:
        """Show the field or tree node a check finding names; False if there is none."""
        target = parse_location(location)
        if target is None:
            return False
        tabs = (self.department_tab, self.funds_tab, self.goals_tab, self.indicators_tab)
        self.tab_widget.setCurrentIndex(target.tab)
        if target.tab == TAB_INDICATORS:
            if not target.path:
                self.indicators_tab.tree.setFocus()
                return True
            return self.indicators_tab.navigate(target.path, target.attr)
        if not target.field:
            return True
        return tabs[target.tab].focus_field(target.field)

    # --- window events -------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file_actions.maybe_save():
            event.ignore()
            return
        self.workday.closing()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.file_actions.open_path(path)


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The first local file among the dropped URLs."""
    data = event.mimeData()
    if not data.hasUrls():
        return None
    for url in data.urls():
        if url.isLocalFile():
            return Path(url.toLocalFile())
    return None
