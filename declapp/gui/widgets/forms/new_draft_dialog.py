# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_draft_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

class Ui_NewDraftDialog(object):
    def setupUi(self, NewDraftDialog):
        if not NewDraftDialog.objectName():
            NewDraftDialog.setObjectName(u"NewDraftDialog")
        self.outerLayout = QVBoxLayout(NewDraftDialog)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setHorizontalSpacing(12)
        self.templateLabel = QLabel(NewDraftDialog)
        self.templateLabel.setObjectName(u"templateLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.templateLabel)

        self.templateCombo = QComboBox(NewDraftDialog)
        self.templateCombo.setObjectName(u"templateCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.templateCombo)

        self.yearLabel = QLabel(NewDraftDialog)
        self.yearLabel.setObjectName(u"yearLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearSpin = QSpinBox(NewDraftDialog)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimum(2000)
        self.yearSpin.setMaximum(2100)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.yearSpin)


        self.outerLayout.addLayout(self.form)

        self.templateProblems = QLabel(NewDraftDialog)
        self.templateProblems.setObjectName(u"templateProblems")
        self.templateProblems.setVisible(False)
        self.templateProblems.setWordWrap(True)
        self.templateProblems.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.outerLayout.addWidget(self.templateProblems)

        self.buttons = QDialogButtonBox(NewDraftDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outerLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.templateLabel.setBuddy(self.templateCombo)
        self.yearLabel.setBuddy(self.yearSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewDraftDialog)

        QMetaObject.connectSlotsByName(NewDraftDialog)
    # setupUi

    def retranslateUi(self, NewDraftDialog):
        NewDraftDialog.setWindowTitle(QCoreApplication.translate("NewDraftDialog", u"\u65b0\u5efa\u7533\u62a5\u8868", None))
        self.templateLabel.setText(QCoreApplication.translate("NewDraftDialog", u"\u8868\u683c\u6a21\u677f", None))
        self.yearLabel.setText(QCoreApplication.translate("NewDraftDialog", u"\u5e74\u5ea6", None))
        self.yearSpin.setSuffix(QCoreApplication.translate("NewDraftDialog", u" \u5e74\u5ea6", None))
        self.templateProblems.setStyleSheet(QCoreApplication.translate("NewDraftDialog", u"color: #8a4b00;", None))
    # retranslateUi


# Made from ui/new_draft_dialog.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/new_draft_dialog.ui has this sha256.
UI_SHA256 = "b3ad9dfa62f79e7ee6142ce5f68e5d0e123fca395b0386231639d74d3d7e2782"
TOP = QWidget
FORM = Ui_NewDraftDialog
