"""The desktop editor (PySide6). The only part of declapp that imports Qt."""
