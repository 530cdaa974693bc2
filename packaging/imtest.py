"""Chinese input through fcitx5, as on UOS and Kylin: a virtual X screen (Xvfb), a D-Bus
session, fcitx5 with its pinyin engine, and the program started with ``QT_IM_MODULE=fcitx``
(what those desktops set). xdotool types ``nihao`` and a space into the department name;
the draft is saved with Ctrl+S and must then hold 你好.

PySide6 has no fcitx plugin: ``declapp.system.startup`` points Qt's ibus plugin at fcitx5's IBus
portal. Used by tests/gui/test_fcitx_input.py (the source tree) and by build.py (the
frozen bundles). ``python packaging/imtest.py BUNDLE_DIR`` checks a Linux onedir.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "fcitx5", "dbus-daemon", "dbus-send")
PINYIN_ADDON = Path("/usr/share/fcitx5/addon/pinyin.conf")
DEBIAN_PACKAGES = "xvfb xdotool fcitx5 fcitx5-chinese-addons dbus"
PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""
# Pinyin on from the first keystroke, as a clerk would have switched it on.
CONFIG = "[Behavior]\nActiveByDefault=True\nShareInputState=All\n"


def missing_tools() -> list[str]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not PINYIN_ADDON.is_file():
        missing.append("fcitx5 pinyin engine")
    return missing


def free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and \
                not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number between :90 and :139")


def wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


@contextmanager
def fcitx_desktop(fcitx: bool = True) -> Iterator[dict[str, str]]:
    """Xvfb, a D-Bus session and (unless *fcitx* is false) fcitx5 with pinyin; yields the
    environment a program on that desktop gets (PATH, HOME, DISPLAY,
    DBUS_SESSION_BUS_ADDRESS, QT_IM_MODULE=fcitx, XMODIFIERS). Everything started here is
    stopped on the way out."""
    with tempfile.TemporaryDirectory(prefix="declapp-im-") as tmp:
        home = Path(tmp)
        (home / ".config" / "fcitx5").mkdir(parents=True)
        (home / ".config" / "fcitx5" / "profile").write_text(PROFILE)
        (home / ".config" / "fcitx5" / "config").write_text(CONFIG)
        runtime = home / "run"
        runtime.mkdir(mode=0o700)
        number = free_display()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
               "DISPLAY": f":{number}", "LANG": "C.UTF-8"}
        started: list[subprocess.Popen[bytes]] = []
        bus_pid = None
        try:
            started.append(subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 15, "Xvfb")
            out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                                  "--print-pid=1"], env=env, capture_output=True, text=True,
                                 check=True, timeout=30).stdout.split()
            env["DBUS_SESSION_BUS_ADDRESS"], bus_pid = out[0], int(out[1])
            if not fcitx:
                yield env
                return
            started.append(subprocess.Popen(["fcitx5", "--replace"], env=env,
                                            stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL))
            wait_for(lambda: _portal_up(env), 30, "fcitx5's IBus portal on D-Bus")
            yield {**env, "QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
        finally:
            for proc in reversed(started):
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if bus_pid:
                try:
                    os.kill(bus_pid, 15)
                except ProcessLookupError:
                    pass


def _portal_up(env: dict[str, str]) -> bool:
    names = subprocess.run(["dbus-send", "--session", "--print-reply",
                            "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus.ListNames"], env=env, capture_output=True,
                           text=True, check=False, timeout=10).stdout
    return "org.freedesktop.portal.IBus" in names


def _xdotool(env: dict[str, str], *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          check=False, timeout=30).stdout


def type_nihao(program: Sequence[str], draft: Path, env: dict[str, str]) -> str:
    """Open *draft* with *program*, type ``nihao`` and a space into the department name,
    save; the department name the saved draft holds."""
    before = draft.stat().st_mtime_ns
    app = subprocess.Popen([*program, str(draft)], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    try:
        window = ""
        deadline = time.monotonic() + 60
        while not window and time.monotonic() < deadline and app.poll() is None:
            window = _xdotool(env, "search", "--onlyvisible", "--name", draft.name).strip()
            time.sleep(0.3)
        if not window:
            raise RuntimeError(f"no window for {draft.name} (exit {app.poll()})")
        window = window.split()[0]
        time.sleep(1.0)  # let Qt finish the first layout and connect to the portal
        _xdotool(env, "windowfocus", "--sync", window)
        # The first Tab after the window takes focus lands in 部门（单位）名称, all selected.
        for keys in (["key", "Tab"], ["type", "--delay", "120", "nihao"], ["key", "space"],
                     ["key", "ctrl+s"]):
            _xdotool(env, *keys)
            time.sleep(0.6)
        wait_for(lambda: draft.stat().st_mtime_ns != before, 15, "the draft to be saved")
        time.sleep(0.5)
        return str(json.loads(draft.read_text(encoding="utf-8"))["texts"]["department.name"])
    finally:
        app.terminate()
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def check_bundle(bundle: Path, example: Path) -> str:
    """The frozen Linux app types 你好 through fcitx5; returns the name it saved."""
    with fcitx_desktop() as env, tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "输入法.json"
        shutil.copy(example, draft)
        env = {**env, "DECLAPP_DATA_DIR": str(Path(tmp) / "data")}
        return type_nihao([str(bundle / "declapp")], draft, env)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    missing = missing_tools()
    if missing:
        print(f"cannot test: missing {', '.join(missing)} (Debian: {DEBIAN_PACKAGES})",
              file=sys.stderr)
        return 2
    example = Path(__file__).resolve().parent.parent / "resources/examples/zhanlanlu-2021.json"
    name = check_bundle(Path(args[0]).resolve(), example)
    print(f"department name after typing nihao + space under fcitx5: {name}")
    return 0 if name == "你好" else 1


if __name__ == "__main__":
    sys.exit(main())
