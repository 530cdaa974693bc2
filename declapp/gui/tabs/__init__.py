"""The four editor tabs of the main window."""
