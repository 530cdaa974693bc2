"""The frozen app's entry point: the same ``main`` as the ``declapp`` command."""

import sys

from declapp.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())
