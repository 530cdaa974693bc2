"""A reference-count fault of PySide6 6.12 on Python 3.11, measured at start and made safe.

PySide6 6.12.0 hands ``None`` (from every void method: ``setText``, ``repaint``,
``processEvents`` …) and ``True`` (from ``Signal.emit``) back to Python without taking a
reference, as if they were immortal — which they are only from Python 3.12 on. On 3.11
each such call lowers the count by one; after some ten thousand calls, an afternoon of
typing, the interpreter aborts ("none_dealloc" / "bool_dealloc") and unsaved work is lost.

pyproject.toml keeps that release out; this guard is for a PySide installed by hand.
``pin_constants`` measures once whether the running PySide loses references and, only
then, gives ``None``, ``True`` and ``False`` a reference count no session can wear down —
what Python 3.12 does for them anyway.

The measurement is deterministic: PROBES calls of each kind, so a loss of one reference
per call shows as PROBES lost references, while the noise of a quiet interpreter (the
garbage collector is paused meanwhile) is a few dozen. An earlier version made 16 calls
and missed the fault in one start of eight; 2,000 leave a margin of some fifty times the
noise and take 2 ms of the start (20,000 took 15 ms). The probe itself cannot free a
constant: each gets SHIELD extra references while it runs.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable
from enum import Enum

PROBES = 2_000
SHIELD = 1 << 30  # lent to each constant while probing; far more than PROBES
PIN = 1 << 40  # kept when the fault is found: more than any session can lose
FAULTY_RELEASES = ("6.12.0",)  # measured: one reference lost per call
_CONSTANTS = (None, True, False)


class Guard(Enum):
    NOT_NEEDED = "not-needed"  # Python 3.12+ or not CPython: the constants are immortal
    NO_FAULT = "no-fault"  # measured: this PySide keeps its references
    PINNED = "pinned"  # the fault is there and the constants are pinned
    UNGUARDED = "unguarded"  # the fault is there and could not be guarded


def _count(obj: object) -> ctypes.c_ssize_t:
    return ctypes.c_ssize_t.from_address(id(obj))


def _lend(objects: tuple[object, ...], n: int) -> bool:
    """Add *n* to each object's reference count; False, with nothing changed, where the
    count is not kept where CPython keeps it."""
    done: list[object] = []
    for obj in objects:
        before = sys.getrefcount(obj)
        _count(obj).value += n
        if sys.getrefcount(obj) != before + n:
            _count(obj).value -= n
            for earlier in done:
                _count(earlier).value -= n
            return False
        done.append(obj)
    return True


def lost_per_call(constant: object, action: Callable[[], object],
                  probes: int = PROBES) -> float:
    """References to *constant* that *probes* calls of *action* lose, per call."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        before = sys.getrefcount(constant)
        for _ in range(probes):
            action()
        return (before - sys.getrefcount(constant)) / probes
    finally:
        if collecting:
            gc.enable()


def guard_constants(void_call: Callable[[], object], emit: Callable[[], object],
                    version: str = "", probes: int = PROBES) -> Guard:
    """Measure *void_call* (a void method) and *emit* (a signal emit) and pin the
    constants if they lose references; the outcome."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return Guard.NOT_NEEDED
    if not _lend(_CONSTANTS, SHIELD):
        # The probe cannot be made safe, so it is not run: go by the release.
        return Guard.UNGUARDED if version in FAULTY_RELEASES else Guard.NO_FAULT
    faulty = version in FAULTY_RELEASES or lost_per_call(None, void_call, probes) >= 0.5 \
        or lost_per_call(True, emit, probes) >= 0.5
    if faulty:
        _lend(_CONSTANTS, PIN - SHIELD)
        return Guard.PINNED
    _lend(_CONSTANTS, -SHIELD)
    return Guard.NO_FAULT


_state: Guard | None = None


def pin_constants() -> Guard:
    """Measure the running PySide once (cached) and guard against the fault if present."""
    global _state
    if _state is None:
        import PySide6
        from PySide6.QtCore import QObject, Signal

        class Probe(QObject):
            ping = Signal()

        probe = Probe()
        _state = guard_constants(lambda: probe.setObjectName("probe"), probe.ping.emit,
                                 PySide6.__version__)
    return _state


def unguarded_warning() -> str:
    """What the clerk is told at start when the fault is present and cannot be guarded."""
    import PySide6

    return (f"本机安装的 PySide6 {PySide6.__version__} 存在已知缺陷：连续编辑一段时间后，"
            "程序可能突然退出，未保存的内容会丢失。\n"
            "请安装 declapp 安装包自带的版本（或 PySide6 6.11），在此之前请经常保存。")


_FEATURE_CHECK = "_mod_uses_pyside"  # shibokensupport.feature's name for it


def quicker_feature_check() -> bool:
    """Answer PySide's question about each module imported after it from the file's bytes.

    For its ``__feature__`` switch, PySide asks of every module imported after it whether
    its source names PySide6, and reads that source with ``inspect.getsource`` (the
    tokenizer, the line cache): for the 190 modules the window imports, 15 ms of the
    start. The same question is answered here from the bytes of the module's file; a
    module without a ``.py`` file (a frozen build has none) is left to PySide. True when
    the check was replaced."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, _FEATURE_CHECK, None)
    if not callable(original):
        return False  # a PySide without this check: nothing to speed up
    if getattr(original, "quicker", False):
        return True

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.quicker = True  # type: ignore[attr-defined]
    setattr(feature, _FEATURE_CHECK, uses_pyside)
    return True
