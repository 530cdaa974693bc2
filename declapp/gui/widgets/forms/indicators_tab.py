# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'indicators_tab.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy, QSpacerItem, QSplitter, QStackedWidget, QToolButton, QTreeView, QVBoxLayout, QWidget

from declapp.gui.widgets.text_edit import CleanPlainTextEdit

class Ui_IndicatorsTab(object):
    def setupUi(self, IndicatorsTab):
        if not IndicatorsTab.objectName():
            IndicatorsTab.setObjectName(u"IndicatorsTab")
        self.outerLayout = QVBoxLayout(IndicatorsTab)
        self.outerLayout.setObjectName(u"outerLayout")
        self.outerLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(IndicatorsTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.treeBox = QWidget(self.splitter)
        self.treeBox.setObjectName(u"treeBox")
        self.treeLayout = QVBoxLayout(self.treeBox)
        self.treeLayout.setObjectName(u"treeLayout")
        self.treeLayout.setContentsMargins(0, 0, 0, 0)
        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.addGroupButton = QToolButton(self.treeBox)
        self.addGroupButton.setObjectName(u"addGroupButton")

        self.buttonRow.addWidget(self.addGroupButton)

        self.addCategoryButton = QToolButton(self.treeBox)
        self.addCategoryButton.setObjectName(u"addCategoryButton")

        self.buttonRow.addWidget(self.addCategoryButton)

        self.addItemButton = QToolButton(self.treeBox)
        self.addItemButton.setObjectName(u"addItemButton")

        self.buttonRow.addWidget(self.addItemButton)

        self.deleteButton = QToolButton(self.treeBox)
        self.deleteButton.setObjectName(u"deleteButton")

        self.buttonRow.addWidget(self.deleteButton)

        self.upButton = QToolButton(self.treeBox)
        self.upButton.setObjectName(u"upButton")

        self.buttonRow.addWidget(self.upButton)

        self.downButton = QToolButton(self.treeBox)
        self.downButton.setObjectName(u"downButton")

        self.buttonRow.addWidget(self.downButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)


        self.treeLayout.addLayout(self.buttonRow)

        self.tree = QTreeView(self.treeBox)
        self.tree.setObjectName(u"tree")
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDrop)
        self.tree.setDefaultDropAction(Qt.MoveAction)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setTextElideMode(Qt.ElideRight)

        self.treeLayout.addWidget(self.tree)

        self.treeHint = QLabel(self.treeBox)
        self.treeHint.setObjectName(u"treeHint")
        self.treeHint.setStyleSheet(u"color: #555;")

        self.treeLayout.addWidget(self.treeHint)

        self.splitter.addWidget(self.treeBox)
        self.detailStack = QStackedWidget(self.splitter)
        self.detailStack.setObjectName(u"detailStack")
        self.pageNone = QWidget()
        self.pageNone.setObjectName(u"pageNone")
        self.noneLayout = QVBoxLayout(self.pageNone)
        self.noneLayout.setObjectName(u"noneLayout")
        self.noneLayout.setContentsMargins(11, 11, 11, 11)
        self.noneLabel = QLabel(self.pageNone)
        self.noneLabel.setObjectName(u"noneLabel")
        self.noneLabel.setAlignment(Qt.AlignCenter)
        self.noneLabel.setStyleSheet(u"color: #555;")

        self.noneLayout.addWidget(self.noneLabel)

        self.detailStack.addWidget(self.pageNone)
        self.pageGroup = QWidget()
        self.pageGroup.setObjectName(u"pageGroup")
        self.groupLayout = QVBoxLayout(self.pageGroup)
        self.groupLayout.setObjectName(u"groupLayout")
        self.groupLayout.setContentsMargins(11, 11, 11, 11)
        self.groupTitle = QLabel(self.pageGroup)
        self.groupTitle.setObjectName(u"groupTitle")
        self.groupTitle.setWordWrap(True)
        self.groupTitle.setStyleSheet(u"font-weight: bold;")

        self.groupLayout.addWidget(self.groupTitle)

        self.groupForm = QFormLayout()
        self.groupForm.setObjectName(u"groupForm")
        self.groupNameLabel = QLabel(self.pageGroup)
        self.groupNameLabel.setObjectName(u"groupNameLabel")

        self.groupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.groupNameLabel)

        self.groupNameEdit = QLineEdit(self.pageGroup)
        self.groupNameEdit.setObjectName(u"groupNameEdit")

        self.groupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.groupNameEdit)


        self.groupLayout.addLayout(self.groupForm)

        self.groupNote = QLabel(self.pageGroup)
        self.groupNote.setObjectName(u"groupNote")
        self.groupNote.setWordWrap(True)
        self.groupNote.setStyleSheet(u"color: #555;")

        self.groupLayout.addWidget(self.groupNote)

        self.groupButtons = QHBoxLayout()
        self.groupButtons.setObjectName(u"groupButtons")
        self.structureGroupButton = QPushButton(self.pageGroup)
        self.structureGroupButton.setObjectName(u"structureGroupButton")

        self.groupButtons.addWidget(self.structureGroupButton)

        self.groupButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.groupButtons.addItem(self.groupButtonSpacer)


        self.groupLayout.addLayout(self.groupButtons)

        self.groupSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.groupLayout.addItem(self.groupSpacer)

        self.detailStack.addWidget(self.pageGroup)
        self.pageCategory = QWidget()
        self.pageCategory.setObjectName(u"pageCategory")
        self.categoryLayout = QVBoxLayout(self.pageCategory)
        self.categoryLayout.setObjectName(u"categoryLayout")
        self.categoryLayout.setContentsMargins(11, 11, 11, 11)
        self.categoryTitle = QLabel(self.pageCategory)
        self.categoryTitle.setObjectName(u"categoryTitle")
        self.categoryTitle.setWordWrap(True)
        self.categoryTitle.setStyleSheet(u"font-weight: bold;")

        self.categoryLayout.addWidget(self.categoryTitle)

        self.categoryForm = QFormLayout()
        self.categoryForm.setObjectName(u"categoryForm")
        self.categoryNameLabel = QLabel(self.pageCategory)
        self.categoryNameLabel.setObjectName(u"categoryNameLabel")

        self.categoryForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.categoryNameLabel)

        self.categoryCombo = QComboBox(self.pageCategory)
        self.categoryCombo.setObjectName(u"categoryCombo")
        self.categoryCombo.setEditable(True)
        self.categoryCombo.setInsertPolicy(QComboBox.NoInsert)

        self.categoryForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.categoryCombo)


        self.categoryLayout.addLayout(self.categoryForm)

        self.categoryNote = QLabel(self.pageCategory)
        self.categoryNote.setObjectName(u"categoryNote")
        self.categoryNote.setWordWrap(True)
        self.categoryNote.setStyleSheet(u"color: #555;")

        self.categoryLayout.addWidget(self.categoryNote)

        self.categoryButtons = QHBoxLayout()
        self.categoryButtons.setObjectName(u"categoryButtons")
        self.structureCategoryButton = QPushButton(self.pageCategory)
        self.structureCategoryButton.setObjectName(u"structureCategoryButton")

        self.categoryButtons.addWidget(self.structureCategoryButton)

        self.categoryButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.categoryButtons.addItem(self.categoryButtonSpacer)


        self.categoryLayout.addLayout(self.categoryButtons)

        self.categorySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.categoryLayout.addItem(self.categorySpacer)

        self.detailStack.addWidget(self.pageCategory)
        self.pageItem = QWidget()
        self.pageItem.setObjectName(u"pageItem")
        self.itemLayout = QVBoxLayout(self.pageItem)
        self.itemLayout.setObjectName(u"itemLayout")
        self.itemLayout.setContentsMargins(11, 11, 11, 11)
        self.itemTitle = QLabel(self.pageItem)
        self.itemTitle.setObjectName(u"itemTitle")
        self.itemTitle.setWordWrap(True)
        self.itemTitle.setStyleSheet(u"font-weight: bold;")

        self.itemLayout.addWidget(self.itemTitle)

        self.modeRow = QHBoxLayout()
        self.modeRow.setSpacing(0)
        self.modeRow.setObjectName(u"modeRow")
        self.freeModeButton = QToolButton(self.pageItem)
        self.freeModeButton.setObjectName(u"freeModeButton")
        self.freeModeButton.setCheckable(True)
        self.freeModeButton.setAutoExclusive(True)

        self.modeRow.addWidget(self.freeModeButton)

        self.structuredModeButton = QToolButton(self.pageItem)
        self.structuredModeButton.setObjectName(u"structuredModeButton")
        self.structuredModeButton.setCheckable(True)
        self.structuredModeButton.setAutoExclusive(True)

        self.modeRow.addWidget(self.structuredModeButton)

        self.modeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.modeRow.addItem(self.modeSpacer)


        self.itemLayout.addLayout(self.modeRow)

        self.modeHint = QLabel(self.pageItem)
        self.modeHint.setObjectName(u"modeHint")
        self.modeHint.setWordWrap(True)
        self.modeHint.setStyleSheet(u"color: #8a5a00;")

        self.itemLayout.addWidget(self.modeHint)

        self.itemModeStack = QStackedWidget(self.pageItem)
        self.itemModeStack.setObjectName(u"itemModeStack")
        self.freePage = QWidget()
        self.freePage.setObjectName(u"freePage")
        self.freeLayout = QVBoxLayout(self.freePage)
        self.freeLayout.setObjectName(u"freeLayout")
        self.freeLayout.setContentsMargins(0, 0, 0, 0)
        self.contentHeader = QHBoxLayout()
        self.contentHeader.setObjectName(u"contentHeader")
        self.contentLabel = QLabel(self.freePage)
        self.contentLabel.setObjectName(u"contentLabel")

        self.contentHeader.addWidget(self.contentLabel)

        self.contentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.contentHeader.addItem(self.contentSpacer)

        self.contentCount = QLabel(self.freePage)
        self.contentCount.setObjectName(u"contentCount")
        self.contentCount.setStyleSheet(u"color: #555;")

        self.contentHeader.addWidget(self.contentCount)


        self.freeLayout.addLayout(self.contentHeader)

        self.contentEdit = CleanPlainTextEdit(self.freePage)
        self.contentEdit.setObjectName(u"contentEdit")

        self.freeLayout.addWidget(self.contentEdit)

        self.valueForm = QFormLayout()
        self.valueForm.setObjectName(u"valueForm")
        self.valueLabel = QLabel(self.freePage)
        self.valueLabel.setObjectName(u"valueLabel")

        self.valueForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.valueLabel)

        self.valueEdit = QLineEdit(self.freePage)
        self.valueEdit.setObjectName(u"valueEdit")

        self.valueForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.valueEdit)


        self.freeLayout.addLayout(self.valueForm)

        self.structureRow = QHBoxLayout()
        self.structureRow.setObjectName(u"structureRow")
        self.structureItemButton = QPushButton(self.freePage)
        self.structureItemButton.setObjectName(u"structureItemButton")

        self.structureRow.addWidget(self.structureItemButton)

        self.structureSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.structureRow.addItem(self.structureSpacer)


        self.freeLayout.addLayout(self.structureRow)

        self.itemModeStack.addWidget(self.freePage)
        self.structuredScroll = QScrollArea()
        self.structuredScroll.setObjectName(u"structuredScroll")
        self.structuredScroll.setWidgetResizable(True)
        self.structuredScroll.setFrameShape(QFrame.NoFrame)
        self.structuredPage = QWidget()
        self.structuredPage.setObjectName(u"structuredPage")
        self.structuredGrid = QGridLayout(self.structuredPage)
        self.structuredGrid.setObjectName(u"structuredGrid")
        self.structuredGrid.setVerticalSpacing(4)
        self.structuredGrid.setContentsMargins(0, 0, 4, 0)
        self.nameLabel = QLabel(self.structuredPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.structuredGrid.addWidget(self.nameLabel, 0, 0, 1, 2)

        self.nameCount = QLabel(self.structuredPage)
        self.nameCount.setObjectName(u"nameCount")
        self.nameCount.setAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameCount.setStyleSheet(u"color: #555;")

        self.structuredGrid.addWidget(self.nameCount, 0, 2, 1, 1)

        self.nameEdit = QLineEdit(self.structuredPage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.structuredGrid.addWidget(self.nameEdit, 1, 0, 1, 3)

        self.opLabel = QLabel(self.structuredPage)
        self.opLabel.setObjectName(u"opLabel")

        self.structuredGrid.addWidget(self.opLabel, 2, 0, 1, 1)

        self.numberHeader = QHBoxLayout()
        self.numberHeader.setObjectName(u"numberHeader")
        self.numberLabel = QLabel(self.structuredPage)
        self.numberLabel.setObjectName(u"numberLabel")

        self.numberHeader.addWidget(self.numberLabel)

        self.numberSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.numberHeader.addItem(self.numberSpacer)

        self.numberCount = QLabel(self.structuredPage)
        self.numberCount.setObjectName(u"numberCount")
        self.numberCount.setStyleSheet(u"color: #555;")

        self.numberHeader.addWidget(self.numberCount)


        self.structuredGrid.addLayout(self.numberHeader, 2, 1, 1, 1)

        self.unitLabel = QLabel(self.structuredPage)
        self.unitLabel.setObjectName(u"unitLabel")

        self.structuredGrid.addWidget(self.unitLabel, 2, 2, 1, 1)

        self.opCombo = QComboBox(self.structuredPage)
        self.opCombo.setObjectName(u"opCombo")
        self.opCombo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.opCombo.setMinimumContentsLength(4)

        self.structuredGrid.addWidget(self.opCombo, 3, 0, 1, 1)

        self.numberEdit = QLineEdit(self.structuredPage)
        self.numberEdit.setObjectName(u"numberEdit")

        self.structuredGrid.addWidget(self.numberEdit, 3, 1, 1, 1)

        self.unitCombo = QComboBox(self.structuredPage)
        self.unitCombo.setObjectName(u"unitCombo")
        self.unitCombo.setEditable(True)
        self.unitCombo.setInsertPolicy(QComboBox.NoInsert)
        self.unitCombo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.unitCombo.setMinimumContentsLength(4)

        self.structuredGrid.addWidget(self.unitCombo, 3, 2, 1, 1)

        self.valueHint = QLabel(self.structuredPage)
        self.valueHint.setObjectName(u"valueHint")
        self.valueHint.setWordWrap(True)
        self.valueHint.setStyleSheet(u"color: #b00020;")

        self.structuredGrid.addWidget(self.valueHint, 4, 0, 1, 3)

        self.structContentLabel = QLabel(self.structuredPage)
        self.structContentLabel.setObjectName(u"structContentLabel")

        self.structuredGrid.addWidget(self.structContentLabel, 5, 0, 1, 3)

        self.structContentEdit = CleanPlainTextEdit(self.structuredPage)
        self.structContentEdit.setObjectName(u"structContentEdit")
        self.structContentEdit.setMinimumSize(QSize(0, 56))
        self.structContentEdit.setMaximumSize(QSize(16777215, 96))

        self.structuredGrid.addWidget(self.structContentEdit, 6, 0, 1, 3)

        self.explanationLabel = QLabel(self.structuredPage)
        self.explanationLabel.setObjectName(u"explanationLabel")

        self.structuredGrid.addWidget(self.explanationLabel, 7, 0, 1, 3)

        self.explanationEdit = CleanPlainTextEdit(self.structuredPage)
        self.explanationEdit.setObjectName(u"explanationEdit")
        self.explanationEdit.setMinimumSize(QSize(0, 48))
        self.explanationEdit.setMaximumSize(QSize(16777215, 72))

        self.structuredGrid.addWidget(self.explanationEdit, 8, 0, 1, 3)

        self.scoringLabel = QLabel(self.structuredPage)
        self.scoringLabel.setObjectName(u"scoringLabel")

        self.structuredGrid.addWidget(self.scoringLabel, 9, 0, 1, 3)

        self.scoringEdit = CleanPlainTextEdit(self.structuredPage)
        self.scoringEdit.setObjectName(u"scoringEdit")
        self.scoringEdit.setMinimumSize(QSize(0, 48))
        self.scoringEdit.setMaximumSize(QSize(16777215, 72))

        self.structuredGrid.addWidget(self.scoringEdit, 10, 0, 1, 3)

        self.previewLabel = QLabel(self.structuredPage)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.previewLabel.setStyleSheet(u"color: #555;")

        self.structuredGrid.addWidget(self.previewLabel, 11, 0, 1, 3)

        self.structuredSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.structuredGrid.addItem(self.structuredSpacer, 12, 0, 1, 3)

        self.structuredGrid.setColumnStretch(0, 3)
        self.structuredGrid.setColumnStretch(1, 4)
        self.structuredGrid.setColumnStretch(2, 2)
        self.structuredScroll.setWidget(self.structuredPage)
        self.itemModeStack.addWidget(self.structuredScroll)

        self.itemLayout.addWidget(self.itemModeStack)

        self.detailStack.addWidget(self.pageItem)
        self.splitter.addWidget(self.detailStack)

        self.outerLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.groupNameLabel.setBuddy(self.groupNameEdit)
        self.categoryNameLabel.setBuddy(self.categoryCombo)
        self.contentLabel.setBuddy(self.contentEdit)
        self.valueLabel.setBuddy(self.valueEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.opLabel.setBuddy(self.opCombo)
        self.numberLabel.setBuddy(self.numberEdit)
        self.unitLabel.setBuddy(self.unitCombo)
        self.structContentLabel.setBuddy(self.structContentEdit)
        self.explanationLabel.setBuddy(self.explanationEdit)
        self.scoringLabel.setBuddy(self.scoringEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IndicatorsTab)

        QMetaObject.connectSlotsByName(IndicatorsTab)
    # setupUi

    def retranslateUi(self, IndicatorsTab):
        self.treeHint.setText(QCoreApplication.translate("IndicatorsTab", u"Insert \u6dfb\u52a0\u5177\u4f53\u6307\u6807\u3000Delete \u5220\u9664\u3000Ctrl+\u2191/\u2193 \u79fb\u52a8\u3000F2 \u7f16\u8f91\u3000\u4e5f\u53ef\u4ee5\u62d6\u52a8\u8c03\u6574\u987a\u5e8f", None))
        self.noneLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u5728\u5de6\u4fa7\u9009\u62e9\u4e00\u4e2a\u6307\u6807\u8fdb\u884c\u7f16\u8f91\u3002", None))
        self.groupNameLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u5de5\u4f5c\u9886\u57df", None))
        self.groupNameEdit.setPlaceholderText(QCoreApplication.translate("IndicatorsTab", u"\u4f8b\u5982\uff1a\u57ce\u5e02\u7ba1\u7406\u548c\u73af\u5883\u5efa\u8bbe", None))
        self.structureGroupButton.setText(QCoreApplication.translate("IndicatorsTab", u"\u672c\u7ec4\u6307\u6807\u8f6c\u4e3a\u7ed3\u6784\u5316\u2026", None))
#if QT_CONFIG(tooltip)
        self.structureGroupButton.setToolTip(QCoreApplication.translate("IndicatorsTab", u"\u4e3a\u8fd9\u4e2a\u4e00\u7ea7\u6307\u6807\u4e0b\u7684\u6bcf\u6761\u81ea\u7531\u6587\u672c\u6307\u6807\u751f\u6210\u62c6\u5206\u5efa\u8bae\uff0c\u9010\u9879\u6838\u5bf9\u540e\u518d\u91c7\u7528", None))
#endif // QT_CONFIG(tooltip)
        self.categoryNameLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u4e8c\u7ea7\u6307\u6807", None))
        self.categoryNote.setText(QCoreApplication.translate("IndicatorsTab", u"\u53ef\u4ece\u5217\u8868\u4e2d\u9009\u62e9\u6a21\u677f\u7684\u6807\u51c6\u540d\u79f0\uff0c\u4e5f\u53ef\u4ee5\u76f4\u63a5\u8f93\u5165\u3002", None))
        self.structureCategoryButton.setText(QCoreApplication.translate("IndicatorsTab", u"\u672c\u4e8c\u7ea7\u6307\u6807\u8f6c\u4e3a\u7ed3\u6784\u5316\u2026", None))
#if QT_CONFIG(tooltip)
        self.structureCategoryButton.setToolTip(QCoreApplication.translate("IndicatorsTab", u"\u4e3a\u8fd9\u4e2a\u4e8c\u7ea7\u6307\u6807\u4e0b\u7684\u6bcf\u6761\u81ea\u7531\u6587\u672c\u6307\u6807\u751f\u6210\u62c6\u5206\u5efa\u8bae\uff0c\u9010\u9879\u6838\u5bf9\u540e\u518d\u91c7\u7528", None))
#endif // QT_CONFIG(tooltip)
        self.freeModeButton.setText(QCoreApplication.translate("IndicatorsTab", u"\u81ea\u7531\u6587\u672c", None))
#if QT_CONFIG(tooltip)
        self.freeModeButton.setToolTip(QCoreApplication.translate("IndicatorsTab", u"\u6574\u6bb5\u6587\u5b57\u4f5c\u4e3a\u6307\u6807\u5185\u5bb9\u6253\u5370\uff08\u4e0e\u4ee5\u5f80\u7684\u8868\u683c\u76f8\u540c\uff09", None))
#endif // QT_CONFIG(tooltip)
        self.structuredModeButton.setText(QCoreApplication.translate("IndicatorsTab", u"\u7ed3\u6784\u5316", None))
#if QT_CONFIG(tooltip)
        self.structuredModeButton.setToolTip(QCoreApplication.translate("IndicatorsTab", u"\u6309\u9884\u7b97\u7ba1\u7406\u4e00\u4f53\u5316\u7cfb\u7edf\u7684\u5b57\u6bb5\u586b\u5199\uff1a\u4e09\u7ea7\u6307\u6807\u540d\u79f0\u3001\u8ba1\u7b97\u7b26\u53f7\u3001\u6307\u6807\u503c\u3001\u8ba1\u91cf\u5355\u4f4d", None))
#endif // QT_CONFIG(tooltip)
        self.contentLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u6307\u6807\u5185\u5bb9", None))
        self.valueLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u6307\u6807\u503c", None))
        self.valueEdit.setPlaceholderText(QCoreApplication.translate("IndicatorsTab", u"\u4f8b\u5982\uff1a\u226595%\uff08\u53ef\u4e0d\u586b\uff09", None))
        self.structureItemButton.setText(QCoreApplication.translate("IndicatorsTab", u"\u8f6c\u4e3a\u7ed3\u6784\u5316\u2026", None))
#if QT_CONFIG(tooltip)
        self.structureItemButton.setToolTip(QCoreApplication.translate("IndicatorsTab", u"\u628a\u8fd9\u6761\u81ea\u7531\u6587\u672c\u62c6\u5206\u4e3a\u4e09\u7ea7\u6307\u6807\u540d\u79f0\u3001\u8ba1\u7b97\u7b26\u53f7\u3001\u6307\u6807\u503c\u548c\u8ba1\u91cf\u5355\u4f4d\uff0c\u6838\u5bf9\u540e\u518d\u91c7\u7528", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u4e09\u7ea7\u6307\u6807\u540d\u79f0", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("IndicatorsTab", u"\u4f8b\u5982\uff1a\u7fa4\u4f17\u6ee1\u610f\u5ea6\uff08\u4e00\u4f53\u5316\u7cfb\u7edf\u6700\u591a 30 \u4e2a\u5b57\uff09", None))
        self.opLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u8ba1\u7b97\u7b26\u53f7", None))
        self.numberLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u6307\u6807\u503c", None))
        self.unitLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u8ba1\u91cf\u5355\u4f4d", None))
        self.structContentLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u6307\u6807\u5185\u5bb9\uff08\u53ef\u4e0d\u586b\uff0c\u6253\u5370\u5728\u540d\u79f0\u7684\u4e0b\u4e00\u884c\uff09", None))
        self.explanationLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u6307\u6807\u89e3\u91ca\uff08\u53ef\u4e0d\u586b\uff0c\u4e0d\u6253\u5370\u5728\u8868\u4e0a\uff09", None))
        self.scoringLabel.setText(QCoreApplication.translate("IndicatorsTab", u"\u8bc4\uff08\u6263\uff09\u5206\u6807\u51c6\uff08\u53ef\u4e0d\u586b\uff0c\u4e0d\u6253\u5370\u5728\u8868\u4e0a\uff09", None))
        pass
    # retranslateUi


# Made from ui/indicators_tab.ui by packaging/compile_ui.py. uiload builds the form
# from here only while ui/indicators_tab.ui has this sha256.
UI_SHA256 = "ee5fa71765e4177d0ff6dc3a2c027795b429159fba45bbc9af809f28b63eb746"
TOP = QWidget
FORM = Ui_IndicatorsTab
