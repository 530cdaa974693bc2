"""The 指标库 panel: the indicators of the clerk's earlier drafts, searched as the clerk
types, filtered by 二级指标, each saying where and in which year it was used.

Double-click, Enter, the button or a drag into the indicator tree inserts a copy
(``insertRequested``; the tab decides where, one undo step). The panel only reads the
index; the window's ``LibraryFeed`` keeps it up to date and says when it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from declapp.form.model import Item
from declapp.gui.document.document import Document
from declapp.gui.indicators.drops import LIBRARY_MIME, library_mime
from declapp.gui.qt_setup import file_dialog_room
from declapp.gui.widgets.two_line import HIGHLIGHT_ROLE, SECOND_LINE_ROLE, TwoLineDelegate
from declapp.indicators.wording import indicator_key, item_lines, tooltip_text

if TYPE_CHECKING:  # sqlite3 and the index are loaded when the panel is first shown
    from declapp.library import IndicatorLibrary, LibraryHit

LIMIT = 100
CONTEXT = 16  # characters of a hit's text shown before the word searched for
ALL_CATEGORIES = "全部二级指标"
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the words searched for stand in *text*: (start, end) character spans, as
    the library compares them (full-width as half-width, case folded), merged."""
    if not terms:
        return []
    from declapp.library.indexing import search_form  # the index's own comparison

    folded, origin = [], []
    for n, ch in enumerate(text):
        form = search_form(ch)
        folded.append(form)
        origin.extend([n] * len(form))
    flat = "".join(folded)
    spans: list[tuple[int, int]] = []
    for term in terms:
        at = flat.find(term)
        while term and at >= 0:
            spans.append((origin[at], origin[at + len(term) - 1] + 1))
            at = flat.find(term, at + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class HitsModel(QAbstractListModel):
    """One row per hit: the indicator as printed; under it its 二级指标 and origin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[LibraryHit] = []
        self.terms: list[str] = []

    def set_hits(self, hits: list[LibraryHit], query: str = "") -> None:
        from declapp.library.search import query_terms  # loaded with the index

        self.beginResetModel()
        self.hits = list(hits)
        self.terms = query_terms(query)
        self.endResetModel()

    def _spans(self, text: str) -> list[tuple[int, int]]:
        return match_spans(text, self.terms)

    def _line(self, hit: LibraryHit) -> str:
        """The indicator in one line; from just before the first word searched for when
        that stands too far along to be seen (the row shows some 20 characters)."""
        text = " ".join(" ".join(item_lines(hit.item)).split())
        found = [start for start, _end in match_spans(text, self.terms)]
        if found and min(found) > CONTEXT:
            return "…" + text[min(found) - CONTEXT // 2:]
        return text

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._line(hit)
        if role == HIGHLIGHT_ROLE:
            return self._spans(self._line(hit))
        if role == SECOND_LINE_ROLE:
            return f"{hit.category or '未分类'} · {hit.where()}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{tooltip_text(hit.item)}\n\n二级指标：{hit.category or '未分类'}\n"
                    f"来自：{hit.where()}\n双击或拖到左侧指标树中插入")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable \
            | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [LIBRARY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = [i.row() for i in indexes if i.isValid() and 0 <= i.row() < len(self.hits)]
        if not rows:
            return QMimeData()
        hit = self.hits[rows[0]]
        return library_mime(hit.new_item(), hit.category)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class _HitsView(QListView):
    """The hits; Enter inserts the current one. (Not ``activated``: a style that
    activates on a single click would insert at every click, and a double-click would
    insert twice.)"""

    enterPressed = Signal(QModelIndex)

    def sizeHint(self) -> QSize:
        return QSize(340, 400)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class LibraryDock(QDockWidget):
    """The panel; ``set_library`` gives it the index to search (opened on first show)."""

    insertRequested = Signal(object, str)  # a new Item, its 二级指标
    refreshRequested = Signal()
    addFolderRequested = Signal(str)  # 添加文件夹…: a folder of earlier drafts to follow
    removeFolderRequested = Signal(str)  # 不再收录 a folder

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__("指标库", parent)
        self.setObjectName("libraryDock")
        self.document = document
        self.library: IndicatorLibrary | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.search = QLineEdit(body)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("搜索以往的指标，如：满意度、整治、培训")
        # Its clear button comes when the panel first shows (showEvent).
        self.category = QComboBox(body)
        self.category.setObjectName("libraryCategory")
        self.category.setToolTip("只看某一个二级指标下的指标")
        self.model = HitsModel(self)
        self.view = _HitsView(body)
        self.view.setObjectName("libraryHits")
        self.view.setModel(self.model)
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel(body)
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.insert_button = QPushButton("插入到指标树", body)
        self.insert_button.setObjectName("libraryInsert")
        self.insert_button.setToolTip("插入到所选二级指标（或所选指标之后）；"
                                      "未选择时放入同名的二级指标")
        self.refresh_button = QPushButton("更新", body)
        self.refresh_button.setToolTip("重新读取已收录的草稿和文件夹")
        # 添加文件夹…; its arrow lists the folders followed, each to be let go.
        self.folder_button = QToolButton(body)
        self.folder_button.setObjectName("libraryAddFolder")
        self.folder_button.setText("添加文件夹…")
        self.folder_button.setToolTip("收录一个存放以往草稿的文件夹（包括其中的子文件夹）；"
                                      "点右边的箭头查看或移除已收录的文件夹")
        self.folder_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.folder_menu = QMenu(self.folder_button)
        self.folder_button.setMenu(self.folder_menu)
        self.folders: list[str] = []
        buttons = QHBoxLayout()
        buttons.addWidget(self.insert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.refresh_button)
        for widget in (self.search, self.category, self.view, self.status):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.setWidget(body)

        # Coalesces what an input method commits in one go; a keystroke still answers
        # at once (a search takes a few milliseconds).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._timer.start)
        self.category.currentIndexChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.view.setFocus)  # then ↑/↓ and Enter to insert
        self.view.enterPressed.connect(self._insert)
        self.view.doubleClicked.connect(self._insert)
        self.insert_button.clicked.connect(lambda: self._insert(self.view.currentIndex()))
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.folder_button.clicked.connect(self.choose_folder)
        self.model.modelReset.connect(self._update_button)
        self.view.selectionModel().currentChanged.connect(self._update_button)
        self._fill_categories()
        self._update_button()
        self.set_folders([])

    def showEvent(self, event: QShowEvent) -> None:
        # The clear button looks up edit-clear in the icon theme: 10 ms of the start, 60
        # where the theme's icon cache is out of date, for a panel most starts never show.
        if not self.search.isClearButtonEnabled():
            self.search.setClearButtonEnabled(True)
        super().showEvent(event)

    # --- the folders followed -----------------------------------------------------------
    def choose_folder(self) -> bool:
        start = self.folders[-1] if self.folders else ""
        with file_dialog_room():
            name = QFileDialog.getExistingDirectory(self, "收录以往草稿所在的文件夹", start)
        if not name:
            return False
        self.addFolderRequested.emit(name)
        return True

    def set_folders(self, folders: list[str]) -> None:
        """The folders the library follows, for the button's menu."""
        self.folders = list(folders)
        menu = self.folder_menu
        menu.clear()
        menu.addAction("添加文件夹…", self.choose_folder)
        menu.addSeparator()
        if not folders:
            menu.addAction("（还没有收录文件夹：打开或保存过的草稿会自动收录）").setEnabled(False)
        for folder in folders:
            action = menu.addAction(f"不再收录“{folder}”")
            action.triggered.connect(lambda _=False, f=folder: self.removeFolderRequested.emit(f))

    # --- the index ---------------------------------------------------------------------
    def set_library(self, library: IndicatorLibrary) -> None:
        self.library = library
        self.index_changed()

    def index_changed(self) -> None:
        """The index was updated: new 二级指标 counts, and the search again."""
        self._fill_categories()
        self.run_search()

    def _fill_categories(self) -> None:
        current = self.category.currentData()
        counts = self.library.categories() if self.library is not None else []
        self.total = sum(n for _name, n in counts)
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(ALL_CATEGORIES, None)
        for name, count in counts:
            self.category.addItem(f"{name or '未分类'}（{count}）", name)
        found = self.category.findData(current) if current is not None else 0
        self.category.setCurrentIndex(max(found, 0))
        self.category.blockSignals(False)

    # --- searching ---------------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        library = self.library
        if library is None:
            self.status.setText("正在打开指标库…")
            return
        query = self.search.text().strip()
        category = self.category.currentData()
        # The open draft's own indicators are no news to it, wherever else they stand
        # (last year's file holds all of next year's form made from it).
        own = {indicator_key(item) for _tree, groups in self.document.draft.all_groups()
               for group in groups for c in group.categories for item in c.items}
        hits = library.search(query, category if isinstance(category, str) else None,
                              LIMIT + len(own), exclude=self.document.path)
        hits = [h for h in hits if indicator_key(h.item) not in own][:LIMIT]
        self.model.set_hits(hits, query)
        if hits:
            self.view.setCurrentIndex(self.model.index(0))
        self.status.setText(self._status(query, len(hits)))
        if library.needs_refresh:  # the index was damaged and replaced: fill it again
            library.needs_refresh = False  # asked once
            self.refreshRequested.emit()

    def _status(self, query: str, found: int) -> str:
        if not self.total:
            return ("指标库还是空的：在本程序中打开或保存过的草稿会自动收录，也可以在“文件 › "
                    "设置”中指定一个存放以往草稿的文件夹。")
        if not query:
            return (f"共 {self.total} 项指标，下面是最近的 {found} 项。输入文字即可搜索；"
                    "双击或拖到左侧指标树中插入。")
        if not found:
            return f"没有找到包含“{query}”的指标。"
        more = f"，只显示前 {LIMIT} 项" if found >= LIMIT else ""
        return f"找到 {found} 项{more}。双击或拖到左侧指标树中插入。"

    # --- inserting ---------------------------------------------------------------------
    def _update_button(self, *_args: object) -> None:
        self.insert_button.setEnabled(self.view.currentIndex().isValid())

    def _insert(self, index: QModelIndex) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self.model.hits):
            return
        hit = self.model.hits[index.row()]
        item: Item = hit.new_item()
        self.insertRequested.emit(item, hit.category)
