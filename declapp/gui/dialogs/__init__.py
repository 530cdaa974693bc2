"""The editor's dialogs; each is freed when it closes."""
