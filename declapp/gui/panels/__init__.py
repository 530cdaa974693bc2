"""Docked panels beside the editors."""
