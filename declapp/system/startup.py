"""Checks made before the window's Qt is imported: is there a screen, which input method.

Qt-free on purpose. Without a screen a frozen Qt aborts with a misleading "xcb-cursor0
is needed" message (pitfalls.md), so the clerk is told the real reason first. And the
PySide6 wheels carry only the ibus and compose input-method plugins, while UOS and Kylin
run fcitx: a session that asks Qt for fcitx is pointed at fcitx5's ibus frontend instead,
which fcitx5 offers to ibus clients, so typing Chinese works in the window.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, MutableMapping
from importlib.util import find_spec
from pathlib import Path

NO_DISPLAY = ("没有找到可用的屏幕（没有设置 DISPLAY），无法打开窗口；"
              "检查和导出草稿不需要屏幕，请用 declapp check 或 declapp export。")
FCITX_NAMES = ("fcitx", "fcitx5")


def no_display_message(environ: Mapping[str, str] | None = None,
                       platform: str | None = None,
                       platform_plugins: Iterable[Path] | None = None) -> str | None:
    """The Chinese sentence to print when the window cannot open, else ``None``.

    Only Linux (and other X11/Wayland systems) is checked: Windows and macOS always have
    a screen for a desktop program. ``QT_QPA_PLATFORM`` set by the user (offscreen,
    vnc…) is trusted as it is. ``WAYLAND_DISPLAY`` counts only where Qt has a Wayland
    platform plugin: the frozen builds leave it out and use XWayland's DISPLAY.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    if env.get("DISPLAY") or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("WAYLAND_DISPLAY"):
        names = [p.name for p in (_qt_plugins("platforms") if platform_plugins is None
                                  else platform_plugins)]
        if not names or any("wayland" in name for name in names):
            return None  # a Qt that can draw on Wayland (or one we cannot inspect)
    return NO_DISPLAY


def _qt_plugins(kind: str) -> list[Path]:
    """The plugins of one kind (``platforms``, ``platforminputcontexts``) of the Qt that
    declapp will load, frozen or PySide6's, found without importing Qt."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots = [Path(frozen) / "PySide6" / "Qt" / "plugins", Path(frozen) / "PySide6" / "plugins"]
    else:
        spec = find_spec("PySide6")  # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            return []
        base = Path(next(iter(spec.submodule_search_locations)))
        roots = [base / "Qt" / "plugins", base / "plugins"]
    plugins: list[Path] = []
    for root in roots:
        folder = root / kind
        if folder.is_dir():
            plugins.extend(sorted(folder.iterdir()))
    return plugins


def qt_input_plugins() -> list[Path]:
    """The input-context plugins of the Qt that declapp will load."""
    return _qt_plugins("platforminputcontexts")


def _wants_fcitx(env: Mapping[str, str]) -> bool:
    requested = env.get("QT_IM_MODULE", "").strip().lower()
    if requested:
        return requested in FCITX_NAMES
    # No Qt choice made, but the session's X input method is fcitx (XMODIFIERS=@im=fcitx):
    # Qt 6 has no XIM support, so without a plugin nothing would reach fcitx at all.
    return "fcitx" in env.get("XMODIFIERS", "").lower()


def choose_input_method(environ: MutableMapping[str, str] | None = None,
                        plugins: Iterable[Path] | None = None,
                        platform: str | None = None) -> str | None:
    """Point Qt at the ibus plugin when the session wants fcitx and Qt has no fcitx plugin.

    Sets ``QT_IM_MODULE=ibus`` and ``IBUS_USE_PORTAL=1`` in *environ* (default
    ``os.environ``) and returns ``"ibus"``, or returns ``None`` and changes nothing. fcitx5
    answers ibus clients through its ibus frontend (on by default in Debian's fcitx5),
    so its pinyin works; fcitx 4 has no such frontend (packaging/README.md).
    ``DECLAPP_KEEP_IM=1`` keeps the session's choice.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or env.get("DECLAPP_KEEP_IM") == "1":
        return None
    if not _wants_fcitx(env):
        return None
    names = [p.name.lower() for p in (qt_input_plugins() if plugins is None else plugins)]
    if any("fcitx" in name for name in names) or not any("ibus" in name for name in names):
        return None  # a real fcitx plugin is there, or no ibus one to fall back on
    env["QT_IM_MODULE"] = "ibus"
    # Qt's ibus plugin declines to work unless an ibus-daemon program is installed, which
    # a fcitx desktop lacks, or it is told to use the IBus portal: the D-Bus service
    # org.freedesktop.portal.IBus, which fcitx5's ibus frontend provides.
    env.setdefault("IBUS_USE_PORTAL", "1")
    return "ibus"
