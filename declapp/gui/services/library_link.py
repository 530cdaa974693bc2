"""The 指标库 in the window: the panel (``panels.library.LibraryDock``) joined to the feed
that keeps the index (``services.library.LibraryFeed``), to 视图 › 指标库 and to the tree,
which takes an indicator the clerk inserts from it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from declapp.form.model import Item

if TYPE_CHECKING:
    from declapp.gui.main_window import MainWindow


class LibraryLink(QObject):
    """Joins *window*'s library panel, its feed and its 指标库 action."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        dock, feed = window.library_dock, window.library_feed
        action = window.menu_actions["actionLibrary"]
        action.triggered.connect(self.show)
        dock.toggleViewAction().toggled.connect(action.setChecked)
        dock.visibilityChanged.connect(self._shown)
        dock.refreshRequested.connect(feed.refresh)
        dock.insertRequested.connect(self.insert)
        dock.addFolderRequested.connect(lambda folder: self._folders(feed.add_folder, folder))
        dock.removeFolderRequested.connect(
            lambda folder: self._folders(feed.remove_folder, folder))
        dock.set_folders(window.settings.library_followed())
        feed.changed.connect(self._changed)

    def show(self, shown: bool = True) -> None:
        dock = self.window.library_dock
        dock.setVisible(shown)
        if shown:
            dock.raise_()
            dock.search.setFocus()

    def insert(self, item: Item, category: str) -> bool:
        window = self.window
        window.tab_widget.setCurrentWidget(window.indicators_tab)
        return window.indicators_tab.insert_copy(item, category)

    def _folders(self, change: Callable[[str], None], folder: str) -> None:
        change(folder)
        self.window.library_dock.set_folders(self.window.settings.library_followed())
        self.window.note(f"正在更新指标库：{folder}", 5000)

    def _shown(self, shown: bool) -> None:
        dock = self.window.library_dock
        if shown and dock.library is None:  # first shown: open, catch up
            dock.set_library(self.window.library_feed.activate())

    def _changed(self) -> None:
        # The feed may have opened a new index (the old one was damaged or deleted).
        feed = self.window.library_feed
        if feed.library is not None:
            self.window.library_dock.set_library(feed.library)
