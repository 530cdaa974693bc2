"""The forms of ui/ compiled to Python by ``packaging/compile_ui.py`` (pyside6-uic).

Generated: edit the .ui file in Qt Designer and run the script again, never these
modules. ``declapp.gui.widgets.uiload`` takes a module here only while its ``UI_SHA256``
is the hash of the .ui file beside the program, and reads the .ui with QUiLoader
otherwise.
"""
