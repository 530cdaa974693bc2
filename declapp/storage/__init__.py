"""Drafts on disk: the file format, atomic writes, reading bytes safely, recovery copies."""
