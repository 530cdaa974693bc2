# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'import_summary_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QFormLayout, QLabel, QListWidget, QVBoxLayout, QWidget

class Ui_ImportSummaryDialog(object):
    def setupUi(self, ImportSummaryDialog):
        if not ImportSummaryDialog.objectName():
            ImportSummaryDialog.setObjectName(u"ImportSummaryDialog")
        self.outerLayout = QVBoxLayout(ImportSummaryDialog)
        self.outerLayout.setSpacing(10)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.headingLabel = QLabel(ImportSummaryDialog)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setWordWrap(True)
        self.headingLabel.setTextFormat(Qt.PlainText)

        self.outerLayout.addWidget(self.headingLabel)

        self.factsLayout = QFormLayout()
        self.factsLayout.setObjectName(u"factsLayout")
        self.factsLayout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.factsLayout.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.factsLayout.setLabelAlignment(Qt.AlignRight|Qt.AlignTop)
        self.factsLayout.setHorizontalSpacing(12)
        self.factsLayout.setVerticalSpacing(6)
        self.templateCaption = QLabel(ImportSummaryDialog)
        self.templateCaption.setObjectName(u"templateCaption")

        self.factsLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.templateCaption)

        self.templateValue = QLabel(ImportSummaryDialog)
        self.templateValue.setObjectName(u"templateValue")
        self.templateValue.setWordWrap(True)
        self.templateValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.factsLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.templateValue)

        self.yearCaption = QLabel(ImportSummaryDialog)
        self.yearCaption.setObjectName(u"yearCaption")

        self.factsLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.yearCaption)

        self.yearValue = QLabel(ImportSummaryDialog)
        self.yearValue.setObjectName(u"yearValue")
        self.yearValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.factsLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.yearValue)

        self.countsCaption = QLabel(ImportSummaryDialog)
        self.countsCaption.setObjectName(u"countsCaption")

        self.factsLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.countsCaption)

        self.countsValue = QLabel(ImportSummaryDialog)
        self.countsValue.setObjectName(u"countsValue")
        self.countsValue.setWordWrap(True)
        self.countsValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.factsLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.countsValue)

        self.originCaption = QLabel(ImportSummaryDialog)
        self.originCaption.setObjectName(u"originCaption")

        self.factsLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.originCaption)

        self.originValue = QLabel(ImportSummaryDialog)
        self.originValue.setObjectName(u"originValue")
        self.originValue.setWordWrap(True)
        self.originValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.factsLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.originValue)


        self.outerLayout.addLayout(self.factsLayout)

        self.warningsLabel = QLabel(ImportSummaryDialog)
        self.warningsLabel.setObjectName(u"warningsLabel")
        self.warningsLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.warningsLabel)

        self.warningList = QListWidget(ImportSummaryDialog)
        self.warningList.setObjectName(u"warningList")
        self.warningList.setAlternatingRowColors(True)
        self.warningList.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.warningList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.outerLayout.addWidget(self.warningList)

        self.afterLabel = QLabel(ImportSummaryDialog)
        self.afterLabel.setObjectName(u"afterLabel")
        self.afterLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.afterLabel)

        self.buttons = QDialogButtonBox(ImportSummaryDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.NoButton)

        self.outerLayout.addWidget(self.buttons)


        self.retranslateUi(ImportSummaryDialog)

        QMetaObject.connectSlotsByName(ImportSummaryDialog)
    # setupUi

    def retranslateUi(self, ImportSummaryDialog):
        ImportSummaryDialog.setWindowTitle(QCoreApplication.translate("ImportSummaryDialog", u"\u5bfc\u5165\u7533\u62a5\u8868", None))
        self.templateCaption.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u6a21\u677f\uff1a", None))
        self.yearCaption.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u5e74\u5ea6\uff1a", None))
        self.countsCaption.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u8bfb\u51fa\u5185\u5bb9\uff1a", None))
        self.originCaption.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u8bfb\u53d6\u65b9\u5f0f\uff1a", None))
        self.afterLabel.setText(QCoreApplication.translate("ImportSummaryDialog", u"\u70b9\u51fb\u201c\u5bfc\u5165\u201d\u540e\uff0c\u8bfb\u51fa\u7684\u5185\u5bb9\u4f5c\u4e3a\u4e00\u4efd\u65b0\u7684\u3001\u5c1a\u672a\u4fdd\u5b58\u7684\u8349\u7a3f\u6253\u5f00\uff0c\u8bf7\u6838\u5bf9\u540e\u4fdd\u5b58\uff1b\u539f\u6587\u4ef6\u4e0d\u4f1a\u88ab\u4fee\u6539\u3002", None))
    # retranslateUi


# Made from ui/import_summary_dialog.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/import_summary_dialog.ui has this sha256.
UI_SHA256 = "11972fd721645746cca1be1cd6b48220fa620ca095be462800b02299e77abe77"
TOP = QWidget
FORM = Ui_ImportSummaryDialog
