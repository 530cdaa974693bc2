"""Going to a place of the form in the window: the field or tree node a check finding, a
find or an undone change names, on whichever tab shows it, with the words concerned
selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from declapp.form import locations
from declapp.gui.widgets.text_edit import changed_span, select_span, select_words

if TYPE_CHECKING:
    from declapp.gui.main_window import MainWindow


class Navigator(QObject):
    """Shows places of *window*'s form."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def show_span(self, location: str, start: int, end: int) -> bool:
        """Show the field or node text at *location* with characters start..end selected."""
        if not self.navigate_to(location):
            return False
        return select_span(self.window.focusWidget(), start, end)

    def navigate_to(self, location: str, highlight: str = "") -> bool:
        """Show the field or tree node a check finding names, with the finding's words
        (*highlight*: a stale year, an amount) selected in it; False if there is none."""
        place = locations.parse(location)
        if place is None:
            return False
        if place.is_tree:
            self.window.tab_widget.setCurrentWidget(self.window.indicators_tab)
            self.window.indicators_tab.show_tree(place.tree or place.field)
            if not place.path:
                self.window.indicators_tab.tree.setFocus()
                return True
            shown = self.window.indicators_tab.navigate(place.path, place.attr)
            tab: QWidget = self.window.indicators_tab
        else:
            found = self.window.form_tab(location)
            if found is None:
                return False
            self.window.tab_widget.setCurrentWidget(found)
            tab = found
            shown = found.focus_field(location)
        if shown and highlight:
            select_words(tab.focusWidget(), highlight)
        return shown

    def tab_for(self, location: str) -> QWidget | None:
        """The tab that shows *location*; None for a location that names nothing here."""
        place = locations.parse(location)
        if place is None:
            return None
        return self.window.indicators_tab if place.is_tree else self.window.form_tab(location)

    def show_change(self, location: str, before: object, after: object) -> None:
        """After an undo or redo: a change on another tab than the one shown is shown
        there, with what changed selected (the clerk sees what Ctrl+Z took back)."""
        tab = self.tab_for(location)
        if tab is None or tab is self.window.tab_widget.currentWidget():
            return  # in view already (the tree selects its node itself)
        if not self.navigate_to(location):
            return
        if isinstance(before, str) and isinstance(after, str):
            start, end = changed_span(before, after)
            select_span(self.window.focusWidget(), start, end)

    def show_tree_change(self, target: object) -> None:
        # An indicator added, removed or moved by undo or redo: the tree shows it.
        if isinstance(target, tuple) and len(target) == 2 and target[1] \
                and self.window.tab_widget.currentWidget() is not self.window.indicators_tab:
            self.window.tab_widget.setCurrentWidget(self.window.indicators_tab)
            self.window.indicators_tab.show_tree(target[0])
