"""The command line (``declapp …``)."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """``declapp …`` (``commands.main``), loaded when called: the window reads
    ``declapp.cli.about`` without the command line's parser and checks."""
    from declapp.cli.commands import main as run

    return run(argv)


__all__ = ["main"]
