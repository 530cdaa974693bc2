# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'proposals_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListView, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QSplitter, QVBoxLayout, QWidget

class Ui_ProposalsDialog(object):
    def setupUi(self, ProposalsDialog):
        if not ProposalsDialog.objectName():
            ProposalsDialog.setObjectName(u"ProposalsDialog")
        self.outerLayout = QVBoxLayout(ProposalsDialog)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.introLabel = QLabel(ProposalsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.introLabel.sizePolicy().hasHeightForWidth())
        self.introLabel.setSizePolicy(sizePolicy)

        self.outerLayout.addWidget(self.introLabel)

        self.splitter = QSplitter(ProposalsDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.splitter.sizePolicy().hasHeightForWidth())
        self.splitter.setSizePolicy(sizePolicy1)
        self.splitter.setChildrenCollapsible(False)
        self.listBox = QWidget(self.splitter)
        self.listBox.setObjectName(u"listBox")
        self.listLayout = QVBoxLayout(self.listBox)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(0, 0, 0, 0)
        self.proposalList = QListView(self.listBox)
        self.proposalList.setObjectName(u"proposalList")
        self.proposalList.setMinimumSize(QSize(300, 0))

        self.listLayout.addWidget(self.proposalList)

        self.checkRow = QHBoxLayout()
        self.checkRow.setObjectName(u"checkRow")
        self.checkAllButton = QPushButton(self.listBox)
        self.checkAllButton.setObjectName(u"checkAllButton")

        self.checkRow.addWidget(self.checkAllButton)

        self.checkNoneButton = QPushButton(self.listBox)
        self.checkNoneButton.setObjectName(u"checkNoneButton")

        self.checkRow.addWidget(self.checkNoneButton)

        self.checkSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checkRow.addItem(self.checkSpacer)


        self.listLayout.addLayout(self.checkRow)

        self.splitter.addWidget(self.listBox)
        self.editorScroll = QScrollArea(self.splitter)
        self.editorScroll.setObjectName(u"editorScroll")
        self.editorScroll.setWidgetResizable(True)
        self.editorScroll.setFrameShape(QFrame.NoFrame)
        self.editorScroll.setMinimumSize(QSize(420, 0))
        self.editorPage = QWidget()
        self.editorPage.setObjectName(u"editorPage")
        self.editorLayout = QVBoxLayout(self.editorPage)
        self.editorLayout.setObjectName(u"editorLayout")
        self.placeLabel = QLabel(self.editorPage)
        self.placeLabel.setObjectName(u"placeLabel")
        self.placeLabel.setWordWrap(True)
        self.placeLabel.setStyleSheet(u"font-weight: bold;")

        self.editorLayout.addWidget(self.placeLabel)

        self.oldLabel = QLabel(self.editorPage)
        self.oldLabel.setObjectName(u"oldLabel")

        self.editorLayout.addWidget(self.oldLabel)

        self.oldText = QPlainTextEdit(self.editorPage)
        self.oldText.setObjectName(u"oldText")
        self.oldText.setReadOnly(True)
        self.oldText.setMaximumSize(QSize(16777215, 110))

        self.editorLayout.addWidget(self.oldText)

        self.noteLabel = QLabel(self.editorPage)
        self.noteLabel.setObjectName(u"noteLabel")
        self.noteLabel.setWordWrap(True)
        self.noteLabel.setStyleSheet(u"color: #8a5a00;")

        self.editorLayout.addWidget(self.noteLabel)

        self.reasonLabel = QLabel(self.editorPage)
        self.reasonLabel.setObjectName(u"reasonLabel")
        self.reasonLabel.setWordWrap(True)
        self.reasonLabel.setStyleSheet(u"color: #b00020;")

        self.editorLayout.addWidget(self.reasonLabel)

        self.itemsBox = QWidget(self.editorPage)
        self.itemsBox.setObjectName(u"itemsBox")
        self.itemsLayout = QVBoxLayout(self.itemsBox)
        self.itemsLayout.setObjectName(u"itemsLayout")
        self.itemsLayout.setContentsMargins(0, 0, 0, 0)

        self.editorLayout.addWidget(self.itemsBox)

        self.editorSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.editorLayout.addItem(self.editorSpacer)

        self.editorScroll.setWidget(self.editorPage)
        self.splitter.addWidget(self.editorScroll)

        self.outerLayout.addWidget(self.splitter)

        self.buttons = QDialogButtonBox(ProposalsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.outerLayout.addWidget(self.buttons)


        self.retranslateUi(ProposalsDialog)

        QMetaObject.connectSlotsByName(ProposalsDialog)
    # setupUi

    def retranslateUi(self, ProposalsDialog):
        ProposalsDialog.setWindowTitle(QCoreApplication.translate("ProposalsDialog", u"\u8f6c\u4e3a\u7ed3\u6784\u5316\u6307\u6807", None))
        self.checkAllButton.setText(QCoreApplication.translate("ProposalsDialog", u"\u5168\u90e8\u52fe\u9009", None))
        self.checkNoneButton.setText(QCoreApplication.translate("ProposalsDialog", u"\u5168\u90e8\u4e0d\u9009", None))
        self.oldLabel.setText(QCoreApplication.translate("ProposalsDialog", u"\u539f\u6587", None))
    # retranslateUi


# Made from ui/proposals_dialog.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/proposals_dialog.ui has this sha256.
UI_SHA256 = "dc9fe9cb941cadbbce3b19f497600ce6551a5ef271058c6246b543e7e32c6711"
TOP = QWidget
FORM = Ui_ProposalsDialog
