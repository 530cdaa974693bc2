"""declapp: fill in, check, save, export and print the 部门整体支出绩效目标申报表.

Everything in this package except ``declapp.gui`` is the core and never imports Qt.
"""

__version__ = "0.1.0"
APP_NAME = "绩效目标申报表"
