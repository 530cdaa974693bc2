"""A reference-count fault of PySide6 6.12 on Python 3.11, measured at start and made safe.

PySide6 6.12 hands ``None`` (from every void method: ``setText``, ``repaint``,
``processEvents`` …) and ``True`` (from ``Signal.emit``) back to Python without taking a
reference, as if they were immortal — which they are only from Python 3.12 on. On 3.11
each such call lowers the count by one; after some ten thousand calls, an afternoon of
typing, the interpreter aborts ("none_dealloc" / "bool_dealloc") and unsaved work is lost.

``pin_constants`` checks once whether the running PySide has the fault and, only then,
gives ``None``, ``True`` and ``False`` a reference count no session can wear down — what
Python 3.12 does for them anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBES = 16
_PIN = 1 << 40


class _Probe(QObject):
    ping = Signal()


def _lost(constant: object, action) -> int:
    before = sys.getrefcount(constant)
    for _ in range(_PROBES):
        action()
    return before - sys.getrefcount(constant)


def pyside_loses_references() -> bool:
    """True when void calls or emits from Python drop references to None / True."""
    probe = _Probe()
    lost_none = _lost(None, lambda: probe.setObjectName("probe"))
    lost_true = _lost(True, probe.ping.emit)
    return lost_none >= _PROBES // 2 or lost_true >= _PROBES // 2


_pinned = False


def pin_constants() -> bool:
    """Make None, True and False immortal if PySide wears them down; True if it did so."""
    global _pinned
    if _pinned:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there already
    if not pyside_loses_references():
        return False
    for constant in (None, True, False):
        before = sys.getrefcount(constant)
        count = ctypes.c_ssize_t.from_address(id(constant))
        count.value += _PIN
        if sys.getrefcount(constant) != before + _PIN:  # not where CPython keeps it: undo
            count.value -= _PIN
            return False
    _pinned = True
    return True
