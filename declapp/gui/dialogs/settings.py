"""The 设置 dialog: autosave interval, default export folder, PDF font, 指标库 folder,
the folder of the region's own templates."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from declapp.form.templates import USER_FOLDER_NAME
from declapp.gui.dialogs.base import Dialog
from declapp.gui.qt_setup import file_dialog_room
from declapp.gui.settings import AppSettings, data_folder
from declapp.gui.widgets.uiload import DIALOG_MARGINS, child, embed_ui

AUTOMATIC, CHOSEN = 0, 1


class SettingsDialog(Dialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        form = embed_ui(self, "settings_dialog.ui", DIALOG_MARGINS)
        self.interval: QSpinBox = child(form, QSpinBox, "intervalSpin")
        self.export_dir: QLineEdit = child(form, QLineEdit, "exportDirEdit")
        self.font_choice: QComboBox = child(form, QComboBox, "fontCombo")
        self.font_file: QLineEdit = child(form, QLineEdit, "fontFileEdit")
        self.font_button: QPushButton = child(form, QPushButton, "fontFileButton")
        self.library_dir: QLineEdit = child(form, QLineEdit, "libraryDirEdit")
        self.template_dir: QLineEdit = child(form, QLineEdit, "templateDirEdit")
        child(form, QLabel, "templateNote").setText(
            "该文件夹中的模板文件（.json）会和程序自带的模板一起出现在“新建”和“表格模板”中；"
            f"放在 {data_folder() / USER_FOLDER_NAME} 中的模板文件也会。有误的模板文件不会列出，"
            "“新建”中会说明哪个文件、哪里有误。")
        buttons: QDialogButtonBox = child(form, QDialogButtonBox, "buttons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        child(form, QPushButton, "exportDirButton").clicked.connect(self._browse_dir)
        self.font_button.clicked.connect(self._browse_font)
        child(form, QPushButton, "libraryDirButton").clicked.connect(self._browse_library)
        child(form, QPushButton, "templateDirButton").clicked.connect(self._browse_templates)
        self.font_choice.addItems(["自动（在本机查找中文字体）", "指定字体文件"])
        self.font_choice.currentIndexChanged.connect(self._font_mode_changed)

        self.interval.setValue(settings.autosave_seconds)
        self.export_dir.setText(settings.default_export_dir)
        self.library_dir.setText(settings.library_folder)
        self.template_dir.setText(settings.template_folder)
        chosen = settings.pdf_font_file
        self.font_file.setText(chosen)
        self.font_choice.setCurrentIndex(CHOSEN if chosen else AUTOMATIC)
        self._font_mode_changed()

    def _font_mode_changed(self, *_args: object) -> None:
        manual = self.font_choice.currentIndex() == CHOSEN
        self.font_file.setEnabled(manual)
        self.font_button.setEnabled(manual)

    def _browse_dir(self) -> None:
        with file_dialog_room():
            name = QFileDialog.getExistingDirectory(self, "默认导出文件夹", self.export_dir.text())
        if name:
            self.export_dir.setText(name)

    def _browse_library(self) -> None:
        with file_dialog_room():
            name = QFileDialog.getExistingDirectory(self, "以往草稿所在文件夹",
                                                    self.library_dir.text())
        if name:
            self.library_dir.setText(name)

    def _browse_templates(self) -> None:
        with file_dialog_room():
            name = QFileDialog.getExistingDirectory(self, "本地区的模板文件夹",
                                                    self.template_dir.text())
        if name:
            self.template_dir.setText(name)

    def _browse_font(self) -> None:
        with file_dialog_room():
            name, _ = QFileDialog.getOpenFileName(self, "选择 PDF 字体", self.font_file.text(),
                                                  "TrueType 字体 (*.ttf *.ttc);;所有文件 (*)")
        if name:
            self.font_file.setText(name)

    def accept(self) -> None:
        manual = self.font_choice.currentIndex() == CHOSEN
        font = self.font_file.text().strip() if manual else ""
        if manual and not Path(font).is_file():
            QMessageBox.warning(self, "设置", "请选择一个存在的字体文件，或改回“自动”。")
            return
        folder = self.export_dir.text().strip()
        if folder and not Path(folder).is_dir():
            QMessageBox.warning(self, "设置", f"文件夹“{folder}”不存在。")
            return
        library = self.library_dir.text().strip()
        if library and not Path(library).is_dir():
            QMessageBox.warning(self, "设置", f"文件夹“{library}”不存在。")
            return
        templates = self.template_dir.text().strip()
        if templates and not Path(templates).is_dir():
            QMessageBox.warning(self, "设置", f"文件夹“{templates}”不存在。")
            return
        self.settings.autosave_seconds = self.interval.value()
        if templates != self.settings.template_folder:
            self.settings.template_folder = templates
            self.settings.apply_template_folder()
        self.settings.library_folder = library
        if folder != self.settings.default_export_dir:
            # A newly chosen folder is where the next export opens, not the last one used.
            self.settings.last_export_dir = ""
        self.settings.default_export_dir = folder
        self.settings.pdf_font_file = font
        super().accept()
