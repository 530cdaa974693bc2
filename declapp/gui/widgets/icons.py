"""The toolbar's icons (simple SVGs in resources/icons)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from declapp.system.paths import resource_path

ACTION_ICONS = {
    "actionNew": "new", "actionOpen": "open", "actionSave": "save", "actionSaveAs": "save-as",
    "actionAddGroup": "add-group", "actionAddCategory": "add-category",
    "actionAddItem": "add-item", "actionDeleteNode": "delete", "actionMoveUp": "up",
    "actionMoveDown": "down", "actionEditNode": "edit", "actionCheckFunds": "check",
    "actionHelp": "help", "actionExportAll": "export", "actionExportDocx": "export",
    "actionExportXlsx": "export", "actionExportPdf": "export", "actionPrint": "print",
    "actionPrintPreview": "preview", "actionCheckForm": "check", "actionSettings": "settings",
    "actionImport": "import", "actionLibrary": "library", "actionStructure": "structure",
    "actionStructureAll": "structure", "actionExportIndicatorSheet": "export",
}


def icon(name: str) -> QIcon:
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
