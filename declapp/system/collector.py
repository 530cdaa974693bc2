"""Python's cycle collector held off while a large piece of work builds its objects.

Laying out and writing a form of 100,000 items builds millions of small objects (lines,
sub-rows, cells) beside the millions of the loaded draft, which live on. Each time
enough new objects have been made the collector walks them all, the draft's included,
and finds nothing to free: in the 100,000-item PDF some twenty full walks took 4 of its
20 seconds. Reference counting still frees everything that is not part of a cycle at
once; the few cycles made meanwhile are freed by the next collection after the work.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # pieces of work under way that hold the collector off
_was_enabled = False  # the collector's state before the first of them


@contextmanager
def paused() -> Iterator[None]:
    """Hold automatic collection off for the ``with`` block; as it was once the last of
    the blocks under way (in any thread) ends, even by an exception."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
