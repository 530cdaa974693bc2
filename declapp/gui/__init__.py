"""The desktop editor (PySide6). The only part of declapp that imports Qt."""

from declapp.gui.pyside_fixes import pin_constants, quicker_feature_check

# Before any window exists: see pyside_fixes for the PySide fault this guards against.
pin_constants()
quicker_feature_check()  # before the window's modules are imported
