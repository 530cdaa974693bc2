"""One open draft with its undo stack: every edit is a command over ``declapp.editing``."""
