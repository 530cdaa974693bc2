# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'recovery_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

class Ui_RecoveryDialog(object):
    def setupUi(self, RecoveryDialog):
        if not RecoveryDialog.objectName():
            RecoveryDialog.setObjectName(u"RecoveryDialog")
        RecoveryDialog.setMinimumSize(QSize(620, 320))
        self.outerLayout = QVBoxLayout(RecoveryDialog)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.introLabel = QLabel(RecoveryDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.outerLayout.addWidget(self.introLabel)

        self.copyList = QListWidget(RecoveryDialog)
        self.copyList.setObjectName(u"copyList")

        self.outerLayout.addWidget(self.copyList)

        self.buttons = QDialogButtonBox(RecoveryDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.NoButton)

        self.outerLayout.addWidget(self.buttons)


        self.retranslateUi(RecoveryDialog)

        QMetaObject.connectSlotsByName(RecoveryDialog)
    # setupUi

    def retranslateUi(self, RecoveryDialog):
        RecoveryDialog.setWindowTitle(QCoreApplication.translate("RecoveryDialog", u"\u6062\u590d\u672a\u4fdd\u5b58\u7684\u8349\u7a3f", None))
        self.introLabel.setText(QCoreApplication.translate("RecoveryDialog", u"\u4e0a\u6b21\u7a0b\u5e8f\u6ca1\u6709\u6b63\u5e38\u9000\u51fa\u3002\u4ee5\u4e0b\u8349\u7a3f\u6709\u81ea\u52a8\u4fdd\u5b58\u7684\u6062\u590d\u526f\u672c\uff0c\u52fe\u9009\u8981\u6062\u590d\u7684\u8349\u7a3f\uff1b\u672a\u52fe\u9009\u7684\u5c06\u88ab\u4e22\u5f03\u3002", None))
    # retranslateUi


# Made from ui/recovery_dialog.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/recovery_dialog.ui has this sha256.
UI_SHA256 = "6b76eb2e8bf889cae969c83569bbd0252475006a105986fc73c246294a063fd5"
TOP = QWidget
FORM = Ui_RecoveryDialog
