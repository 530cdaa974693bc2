"""What the window does with a draft besides editing it: files, autosave, recent files,
export, printing."""
