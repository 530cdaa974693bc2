"""``python -m declapp`` is the same program as the ``declapp`` command."""

import sys

from declapp.cli.commands import main

sys.exit(main())
