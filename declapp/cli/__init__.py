"""The command line (``declapp …``)."""

from declapp.cli.commands import main

__all__ = ["main"]
