# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.setMinimumSize(QSize(520, 0))
        self.outerLayout = QVBoxLayout(SettingsDialog)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.autosaveGroup = QGroupBox(SettingsDialog)
        self.autosaveGroup.setObjectName(u"autosaveGroup")
        self.autosaveForm = QFormLayout(self.autosaveGroup)
        self.autosaveForm.setObjectName(u"autosaveForm")
        self.intervalLabel = QLabel(self.autosaveGroup)
        self.intervalLabel.setObjectName(u"intervalLabel")

        self.autosaveForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.intervalLabel)

        self.intervalSpin = QSpinBox(self.autosaveGroup)
        self.intervalSpin.setObjectName(u"intervalSpin")
        self.intervalSpin.setMinimum(5)
        self.intervalSpin.setMaximum(600)
        self.intervalSpin.setSingleStep(5)

        self.autosaveForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.intervalSpin)

        self.autosaveNote = QLabel(self.autosaveGroup)
        self.autosaveNote.setObjectName(u"autosaveNote")
        self.autosaveNote.setWordWrap(True)

        self.autosaveForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.autosaveNote)


        self.outerLayout.addWidget(self.autosaveGroup)

        self.exportGroup = QGroupBox(SettingsDialog)
        self.exportGroup.setObjectName(u"exportGroup")
        self.exportForm = QFormLayout(self.exportGroup)
        self.exportForm.setObjectName(u"exportForm")
        self.exportDirLabel = QLabel(self.exportGroup)
        self.exportDirLabel.setObjectName(u"exportDirLabel")

        self.exportForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.exportDirLabel)

        self.exportDirRow = QHBoxLayout()
        self.exportDirRow.setObjectName(u"exportDirRow")
        self.exportDirEdit = QLineEdit(self.exportGroup)
        self.exportDirEdit.setObjectName(u"exportDirEdit")
        self.exportDirEdit.setClearButtonEnabled(True)

        self.exportDirRow.addWidget(self.exportDirEdit)

        self.exportDirButton = QPushButton(self.exportGroup)
        self.exportDirButton.setObjectName(u"exportDirButton")

        self.exportDirRow.addWidget(self.exportDirButton)


        self.exportForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.exportDirRow)

        self.fontLabel = QLabel(self.exportGroup)
        self.fontLabel.setObjectName(u"fontLabel")

        self.exportForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fontLabel)

        self.fontCombo = QComboBox(self.exportGroup)
        self.fontCombo.setObjectName(u"fontCombo")

        self.exportForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fontCombo)

        self.fontFileLabel = QLabel(self.exportGroup)
        self.fontFileLabel.setObjectName(u"fontFileLabel")

        self.exportForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.fontFileLabel)

        self.fontFileRow = QHBoxLayout()
        self.fontFileRow.setObjectName(u"fontFileRow")
        self.fontFileEdit = QLineEdit(self.exportGroup)
        self.fontFileEdit.setObjectName(u"fontFileEdit")

        self.fontFileRow.addWidget(self.fontFileEdit)

        self.fontFileButton = QPushButton(self.exportGroup)
        self.fontFileButton.setObjectName(u"fontFileButton")

        self.fontFileRow.addWidget(self.fontFileButton)


        self.exportForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.fontFileRow)


        self.outerLayout.addWidget(self.exportGroup)

        self.libraryGroup = QGroupBox(SettingsDialog)
        self.libraryGroup.setObjectName(u"libraryGroup")
        self.libraryForm = QFormLayout(self.libraryGroup)
        self.libraryForm.setObjectName(u"libraryForm")
        self.libraryDirLabel = QLabel(self.libraryGroup)
        self.libraryDirLabel.setObjectName(u"libraryDirLabel")

        self.libraryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.libraryDirLabel)

        self.libraryDirRow = QHBoxLayout()
        self.libraryDirRow.setObjectName(u"libraryDirRow")
        self.libraryDirEdit = QLineEdit(self.libraryGroup)
        self.libraryDirEdit.setObjectName(u"libraryDirEdit")
        self.libraryDirEdit.setClearButtonEnabled(True)

        self.libraryDirRow.addWidget(self.libraryDirEdit)

        self.libraryDirButton = QPushButton(self.libraryGroup)
        self.libraryDirButton.setObjectName(u"libraryDirButton")

        self.libraryDirRow.addWidget(self.libraryDirButton)


        self.libraryForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.libraryDirRow)

        self.libraryNote = QLabel(self.libraryGroup)
        self.libraryNote.setObjectName(u"libraryNote")
        self.libraryNote.setWordWrap(True)
        self.libraryNote.setStyleSheet(u"color: #555;")

        self.libraryForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.libraryNote)


        self.outerLayout.addWidget(self.libraryGroup)

        self.templateGroup = QGroupBox(SettingsDialog)
        self.templateGroup.setObjectName(u"templateGroup")
        self.templateForm = QFormLayout(self.templateGroup)
        self.templateForm.setObjectName(u"templateForm")
        self.templateDirLabel = QLabel(self.templateGroup)
        self.templateDirLabel.setObjectName(u"templateDirLabel")

        self.templateForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.templateDirLabel)

        self.templateDirRow = QHBoxLayout()
        self.templateDirRow.setObjectName(u"templateDirRow")
        self.templateDirEdit = QLineEdit(self.templateGroup)
        self.templateDirEdit.setObjectName(u"templateDirEdit")
        self.templateDirEdit.setClearButtonEnabled(True)

        self.templateDirRow.addWidget(self.templateDirEdit)

        self.templateDirButton = QPushButton(self.templateGroup)
        self.templateDirButton.setObjectName(u"templateDirButton")

        self.templateDirRow.addWidget(self.templateDirButton)


        self.templateForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.templateDirRow)

        self.templateNote = QLabel(self.templateGroup)
        self.templateNote.setObjectName(u"templateNote")
        self.templateNote.setWordWrap(True)
        self.templateNote.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.templateNote.setStyleSheet(u"color: #555;")

        self.templateForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.templateNote)


        self.outerLayout.addWidget(self.templateGroup)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outerLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.intervalLabel.setBuddy(self.intervalSpin)
        self.exportDirLabel.setBuddy(self.exportDirEdit)
        self.fontLabel.setBuddy(self.fontCombo)
        self.fontFileLabel.setBuddy(self.fontFileEdit)
        self.libraryDirLabel.setBuddy(self.libraryDirEdit)
        self.templateDirLabel.setBuddy(self.templateDirEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"\u8bbe\u7f6e", None))
        self.autosaveGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"\u81ea\u52a8\u4fdd\u5b58", None))
        self.intervalLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u8fde\u7eed\u8f93\u5165\u65f6\uff0c\u81f3\u5c11\u6bcf\u9694", None))
        self.intervalSpin.setSuffix(QCoreApplication.translate("SettingsDialog", u" \u79d2\u4fdd\u5b58\u4e00\u4efd\u6062\u590d\u526f\u672c", None))
        self.autosaveNote.setText(QCoreApplication.translate("SettingsDialog", u"\u505c\u6b62\u8f93\u5165 3 \u79d2\u540e\u4e5f\u4f1a\u4fdd\u5b58\u3002\u6062\u590d\u526f\u672c\u53e6\u5b58\u5728\u7a0b\u5e8f\u7684\u6570\u636e\u6587\u4ef6\u5939\u4e2d\uff0c\u4e0d\u4f1a\u6539\u52a8\u60a8\u7684\u8349\u7a3f\u6587\u4ef6\uff1b\u7a0b\u5e8f\u610f\u5916\u5173\u95ed\u540e\uff0c\u4e0b\u6b21\u542f\u52a8\u65f6\u53ef\u4ee5\u6062\u590d\u3002", None))
        self.autosaveNote.setStyleSheet(QCoreApplication.translate("SettingsDialog", u"color: #555;", None))
        self.exportGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"\u5bfc\u51fa", None))
        self.exportDirLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u9ed8\u8ba4\u5bfc\u51fa\u6587\u4ef6\u5939", None))
        self.exportDirEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u4e0a\u6b21\u4f7f\u7528\u7684\u6587\u4ef6\u5939", None))
        self.exportDirButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
        self.fontLabel.setText(QCoreApplication.translate("SettingsDialog", u"PDF \u5b57\u4f53", None))
        self.fontFileLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u5b57\u4f53\u6587\u4ef6", None))
        self.fontFileEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u".ttf \u6216 .ttc\uff08TrueType \u8f6e\u5ed3\uff0c\u4f8b\u5982 simsun.ttc\uff09", None))
        self.fontFileButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
        self.libraryGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"\u6307\u6807\u5e93", None))
        self.libraryDirLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u4ee5\u5f80\u8349\u7a3f\u6240\u5728\u6587\u4ef6\u5939", None))
        self.libraryDirEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u4e0d\u6307\u5b9a\uff08\u53ea\u6536\u5f55\u6253\u5f00\u548c\u4fdd\u5b58\u8fc7\u7684\u8349\u7a3f\uff09", None))
        self.libraryDirButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
        self.libraryNote.setText(QCoreApplication.translate("SettingsDialog", u"\u8be5\u6587\u4ef6\u5939\u53ca\u5176\u5b50\u6587\u4ef6\u5939\u4e2d\u7684\u8349\u7a3f\uff08.json\uff09\u90fd\u4f1a\u6536\u5f55\u5230\u6307\u6807\u5e93\uff0c\u4f9b\u641c\u7d22\u548c\u63d2\u5165\uff1b\u8349\u7a3f\u6587\u4ef6\u672c\u8eab\u4e0d\u4f1a\u88ab\u4fee\u6539\u3002", None))
        self.templateGroup.setTitle(QCoreApplication.translate("SettingsDialog", u"\u8868\u683c\u6a21\u677f", None))
        self.templateDirLabel.setText(QCoreApplication.translate("SettingsDialog", u"\u672c\u5730\u533a\u7684\u6a21\u677f\u6587\u4ef6\u5939", None))
        self.templateDirEdit.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"\u4e0d\u6307\u5b9a\uff08\u53ea\u7528\u7a0b\u5e8f\u81ea\u5e26\u7684\u6a21\u677f\uff09", None))
        self.templateDirButton.setText(QCoreApplication.translate("SettingsDialog", u"\u6d4f\u89c8\u2026", None))
    # retranslateUi


# Made from ui/settings_dialog.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/settings_dialog.ui has this sha256.
UI_SHA256 = "ea7b8134d593fd59336ad5af04fc80ddec5f3e564190e47f48381279cd918009"
TOP = QWidget
FORM = Ui_SettingsDialog
