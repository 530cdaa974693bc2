"""The desktop editor (PySide6). The only part of declapp that imports Qt."""

from declapp.gui.pyside_fixes import pin_constants

# Before any window exists: see pyside_fixes for the PySide fault this guards against.
pin_constants()
