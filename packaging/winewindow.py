"""The frozen Windows window, started and looked at under wine.

``declappw.exe`` (what the Start-menu entry runs) opens the example from a folder with a
Chinese name; 全部导出 is chosen through the window's own menu (文件 › 导出 › 全部导出…);
the path of another Chinese-named folder is typed into the native folder dialog; the
three files must appear there, the PDF embedding the bundled fonts and equal to the
command line's PDF; 关闭, then 退出 (Ctrl+Q), and the program must end with exit code 0.
Screenshots: the window, the folder dialog, the 导出完成 message.

Why not Debian 12's wine: Qt ≥ 6.5's Windows platform plugin (``qwindows.dll``) asks
WinRT for ``Windows.UI.ViewManagement.UISettings`` while it makes the palette. Wine 8.0
has no ``windows.ui.dll``: ``RoGetActivationFactory`` fails with REGDB_E_CLASSNOTREG
(0x80040154), C++/WinRT throws that as a C++ exception nobody catches, and the process
aborts — the frozen program with exception c0000409 (packaging/README.md has the logs).
Wine 10.0 (Debian 13) has ``windows.ui.dll`` and the window starts. When this machine's
wine lacks it, a Debian 13 root with wine 10 is made once in the cache (``chroot.py``)
and the window runs there, on a virtual X screen (Xvfb) of this machine.

The wine prefix plays a Chinese Windows: ``LANG=zh_CN.UTF-8`` (code page 936, wine's
dialogs in Chinese), WenQuanYi Micro Hei standing in for 微软雅黑 and 宋体 (wine's own
dialogs drew boxes for Chinese without it), and wine's virtual desktop at 1366×768, the
usual office laptop screen, which also gives the window a Windows frame and title bar.

``python packaging/winewindow.py ONEDIR [SCREENS_DIR]`` checks a built onedir.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import chroot
import imtest
import smoke
import windows
from common import BUILD, CACHE, EXAMPLE, BuildError, log, run

SUITE = "trixie"  # Debian 13: wine 10.0
ROOT_NAME = "wine-trixie"
ROOT_PACKAGES = ["wine64", "fonts-wine", "fonts-wqy-microhei", "locales"]
ROOT_WINE = "/usr/lib/wine/wine64"
LOCALE = "zh_CN.UTF-8"
SCREEN = (1366, 768)
PREFIX = CACHE / "windows" / "window-prefix"  # not the build's prefix: another wine
TITLE = "绩效目标申报表"
# Qt asks for its own title; wine's folder dialog shows its default 选择文件夹.
DIALOG_TITLES = ("全部导出到文件夹", "选择文件夹")
DONE_TITLE = "导出完成"
CJK_STANDIN = "WenQuanYi Micro Hei"
WINDOWS_CJK_FONTS = ("SimSun", "NSimSun", "宋体", "新宋体", "SimHei", "黑体",
                     "Microsoft YaHei", "Microsoft YaHei UI", "微软雅黑")
SETTINGS_KEY = r"HKCU\Software\declapp"  # QSettings("declapp", "declapp") on Windows


def prefix_registry() -> str:
    """The .reg text that makes the prefix look like a Chinese Windows desktop."""
    lines = ["Windows Registry Editor Version 5.00", "",
             r"[HKEY_CURRENT_USER\Software\Wine\Fonts\Replacements]"]
    lines += [f'"{name}"="{CJK_STANDIN}"' for name in WINDOWS_CJK_FONTS]
    lines += ["", r"[HKEY_CURRENT_USER\Software\Wine\Explorer]", '"Desktop"="declapp"', "",
              r"[HKEY_CURRENT_USER\Software\Wine\Explorer\Desktops]",
              f'"declapp"="{SCREEN[0]}x{SCREEN[1]}"', ""]
    return "\r\n".join(lines)


def wine_dll_dirs(wine64: Path) -> list[Path]:
    """Where a wine installation keeps its 64-bit Windows DLLs: Debian's
    /usr/lib/wine/wine64 has them in /usr/lib/x86_64-linux-gnu/wine/x86_64-windows,
    WineHQ's /opt/wine-*/bin/wine64 in /opt/wine-*/lib{,64}/wine/x86_64-windows."""
    real = wine64.resolve()
    base = real.parent.parent
    return [real.parent / "x86_64-windows",
            base / "x86_64-linux-gnu" / "wine" / "x86_64-windows",
            base / "lib" / "wine" / "x86_64-windows", base / "lib64" / "wine" / "x86_64-windows"]


def can_show_window(wine64: Path) -> bool:
    """Has this wine the WinRT class Qt's Windows platform plugin needs (windows.ui.dll)?"""
    return any((folder / "windows.ui.dll").is_file() for folder in wine_dll_dirs(wine64))


@dataclass
class Wine:
    """How to start a program with the window's wine: here, or inside the Debian 13 root.
    Each command is ``env -i`` with exactly these variables."""

    outer: list[str]  # [] or [chroot, root]
    wine64: str
    wineserver: str
    env: dict[str, str]
    where: str

    def cmd(self, *args: str, **extra: str) -> list[str]:
        env = {**self.env, **extra}
        return [*self.outer, "env", "-i", *(f"{k}={v}" for k, v in env.items()),
                self.wine64, *args]

    def server(self, *args: str) -> list[str]:
        return [*self.outer, "env", "-i", *(f"{k}={v}" for k, v in self.env.items()),
                self.wineserver, *args]


def ensure_root() -> Path:
    """The Debian 13 root with wine 10, a Chinese locale and a Chinese font (made once)."""
    root = chroot.ensure_root(ROOT_NAME, SUITE, ROOT_PACKAGES)
    if not (root / "usr" / "lib" / "locale" / "locale-archive").is_file():
        chroot.in_root(root, f"echo '{LOCALE} UTF-8' > /etc/locale.gen && locale-gen "
                             "&& apt-get clean", capture=True, timeout=600)
    return root


@contextmanager
def window_wine(binds: Sequence[Path], display: str) -> Iterator[Wine]:
    """This machine's wine when it can show the window, else wine 10 in the Debian 13
    root with *binds*, the prefix and the X sockets mounted at the same paths."""
    env = {"PATH": "/usr/bin:/bin", "DISPLAY": display, "LANG": LOCALE,
           "WINEPREFIX": str(PREFIX), "WINEARCH": "win64", "WINEDEBUG": "-all",
           "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d"}
    PREFIX.mkdir(parents=True, exist_ok=True)
    host = windows.wine64()
    if can_show_window(Path(host)):
        home = CACHE / "windows" / "home"
        home.mkdir(parents=True, exist_ok=True)
        yield Wine([], host, windows.wineserver(), {**env, "HOME": str(home)},
                   "this machine's wine")
        return
    log(f"{host} has no windows.ui.dll (Qt's window aborts there): wine 10 of Debian 13")
    started = time.monotonic()
    root = ensure_root()
    if time.monotonic() - started > 5:
        log(f"made the Debian 13 root with wine 10 in {time.monotonic() - started:.0f} s: {root}")
    points = {str(p): p for p in (*binds, PREFIX, Path("/tmp/.X11-unix"))}
    with chroot.mounted(root, points):
        yield Wine([chroot.CHROOT, str(root)], ROOT_WINE,
                   str(Path(ROOT_WINE).with_name("wineserver")), {**env, "HOME": "/root"},
                   "wine of the Debian 13 root")


def ensure_prefix(wine: Wine) -> None:
    """The Chinese Windows prefix (made once; ~15 s): wineboot, then the registry."""
    wanted = hashlib.sha256(prefix_registry().encode()).hexdigest()
    marker = PREFIX / ".window-prefix"
    if marker.is_file() and marker.read_text().strip() == wanted:
        return
    for old in PREFIX.iterdir():  # the folder itself is a mount point in the root
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        else:
            old.unlink()
    started = time.monotonic()
    run(wine.cmd("wineboot", "-i"), capture=True, timeout=600)
    reg = PREFIX / "drive_c" / "window-prefix.reg"
    reg.write_text(prefix_registry(), encoding="utf-16")
    run(wine.cmd("regedit", "/S", r"C:\window-prefix.reg"), capture=True, timeout=120)
    run(wine.server("-w"), check=False, capture=True, quiet=True, timeout=120)
    marker.write_text(wanted + "\n")
    log(f"made the Chinese Windows prefix in {time.monotonic() - started:.0f} s: {PREFIX}")


@contextmanager
def virtual_screen(size: tuple[int, int]) -> Iterator[str]:
    """Xvfb on a free display; yields ``:N``."""
    number = imtest.free_display()
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0",
                               f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        imtest.wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 15, "Xvfb")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class WindowResult:
    where: str  # which wine
    screenshots: dict[str, Path]
    timings: dict[str, float] = field(default_factory=dict)
    exported: list[Path] = field(default_factory=list)
    pdf: dict[str, object] = field(default_factory=dict)


def _xdotool(display: str, *args: str) -> str:
    # A UTF-8 locale: without one xdotool stops typing at the first Chinese character.
    env = {"DISPLAY": display, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          check=False, timeout=60).stdout


def _windows(display: str) -> list[str]:
    """The names of the visible windows (for a failure message)."""
    ids = _xdotool(display, "search", "--onlyvisible", "--name", ".").split()
    return [_xdotool(display, "getwindowname", i).strip() for i in ids]


def _wait_window(display: str, pattern: str, seconds: float,
                 proc: subprocess.Popen[str]) -> str:
    """The id of a visible window whose name matches *pattern* (a regular expression)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = _xdotool(display, "search", "--onlyvisible", "--name", pattern).split()
        if found:
            return found[0]
        if proc.poll() is not None:
            raise BuildError(f"the program ended (exit {proc.returncode}) before a window "
                             f"named {pattern!r} showed")
        time.sleep(0.3)
    raise BuildError(f"no window named {pattern!r} within {seconds:.0f} s; visible: "
                     f"{_windows(display)}")


def _keys(display: str, window: str, *keys: str, pause: float = 0.5) -> None:
    _xdotool(display, "windowfocus", "--sync", window)
    for key in keys:
        _xdotool(display, "key", key)
        time.sleep(pause)


@contextmanager
def clipboard(display: str, text: str) -> Iterator[None]:
    """*text* on the X clipboard (xclip serves it; wine's clipboard takes it from there)."""
    env = {"DISPLAY": display, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    owner = subprocess.Popen(["xclip", "-quiet", "-selection", "clipboard", "-i"], env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    assert owner.stdin is not None
    owner.stdin.write(text.encode())
    owner.stdin.close()
    try:
        time.sleep(1.0)  # wine sees the new clipboard owner
        yield
        time.sleep(0.5)
    finally:
        owner.terminate()
        owner.wait(timeout=10)


def _click_title_bar(display: str, window: str) -> None:
    where = dict(re.findall(r"(\w+)=(\d+)", _xdotool(display, "getwindowgeometry", "--shell",
                                                     window)))
    x, y = int(where["X"]) + int(where["WIDTH"]) // 2, int(where["Y"]) + 12
    _xdotool(display, "mousemove", "--sync", str(x), str(y), "click", "1")
    time.sleep(0.5)


def screenshot(display: str, target: Path) -> Path:
    from PIL import ImageGrab  # the build environment has Pillow (the app's requirement)

    ImageGrab.grab(xdisplay=display).save(target)
    return target


def render_page(pdf: Path, target: Path) -> Path:
    """The PDF's first page as a PNG (pypdfium2, the app's own PDF renderer), to look at."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        document[0].render(scale=110 / 72).to_pil().save(target)
    finally:
        document.close()
    return target


def check(onedir: Path, screens: Path, expected_pdf: dict[str, object] | None = None
          ) -> WindowResult:
    """Run the window's smoke test; raise ``BuildError`` at the first step that fails."""
    screens.mkdir(parents=True, exist_ok=True)
    for old in screens.glob("*.png"):
        old.unlink()
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD, prefix="window-") as tmp, \
            virtual_screen(SCREEN) as display:
        work = Path(tmp)
        folder = work / "申报资料" / "2021年 草稿"  # Chinese folder names, with a space
        out = folder / "导出 结果"
        out.mkdir(parents=True)
        draft = folder / "展览路街道.json"
        shutil.copy(EXAMPLE, draft)
        started = time.monotonic()
        with window_wine([onedir, work], display) as wine:
            ensure_prefix(wine)
            result = WindowResult(wine.where, {})
            result.timings["wine and its prefix ready"] = time.monotonic() - started
            run(wine.cmd("reg", "delete", SETTINGS_KEY, "/f"), check=False, capture=True,
                quiet=True)  # no 上次导出的文件夹 from an earlier run
            try:
                _drive(wine, onedir, draft, out, work / "data", display, screens, result)
            finally:
                run(wine.server("-k"), check=False, capture=True, quiet=True, timeout=60)
        files = {p.suffix: p for p in out.iterdir()}
        if sorted(files) != sorted(smoke.FORMATS) or \
                min(p.stat().st_size for p in files.values()) < 5000:
            raise BuildError(f"the window's 全部导出 made {sorted(p.name for p in out.iterdir())}")
        result.exported = sorted(files.values())
        result.pdf = smoke.pdf_facts(files[".pdf"])
        result.screenshots["pdf"] = render_page(files[".pdf"], screens / "5-pdf-page-1.png")
    _check_pdf(result.pdf, expected_pdf)
    return result


def _drive(wine: Wine, onedir: Path, draft: Path, out: Path, data: Path, display: str,
           screens: Path, result: WindowResult) -> None:
    shots = result.screenshots
    start = time.monotonic()
    proc = subprocess.Popen(
        wine.cmd(str(onedir / "declappw.exe"), windows.windows_path(draft),
                 DECLAPP_DATA_DIR=windows.windows_path(data)),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", errors="replace")
    try:
        main = _wait_window(display, re.escape(f"{draft.name} — {TITLE}"), 120, proc)
        result.timings["start until the window shows"] = time.monotonic() - start
        time.sleep(2.0)  # the first paint and the 问题 list
        shots["window"] = screenshot(display, screens / "1-window.png")
        # 文件(F) › 导出(E) › 全部导出… : the fourth entry of the submenu.
        step = time.monotonic()
        _keys(display, main, "alt+f", "e", "Down", "Down", "Down", "Return", pause=0.6)
        dialog = _wait_window(display, "|".join(DIALOG_TITLES), 60, proc)
        result.timings["全部导出 until the folder dialog shows"] = time.monotonic() - step
        time.sleep(1.5)  # the folder list (it opens beside the draft)
        shots["dialog"] = screenshot(display, screens / "2-folder-dialog.png")
        # The folder's path is pasted, as a clerk would paste it. (xdotool's typing
        # dropped Chinese characters in 3 of 5 runs: it maps a spare key to each, and
        # wine sometimes read the key before the new mapping.)
        with clipboard(display, windows.windows_path(out)):
            _keys(display, dialog, "ctrl+v", "Return")
        step = time.monotonic()
        box = _wait_window(display, DONE_TITLE, 180, proc)
        result.timings["folder chosen until 导出完成"] = time.monotonic() - step
        time.sleep(1.0)
        shots["done"] = screenshot(display, screens / "3-exported.png")
        _keys(display, box, "Return")  # 关闭
        # The 绩效指标 tab (the fourth): the tree and its long Chinese texts.
        _keys(display, main, "ctrl+Tab", "ctrl+Tab", "ctrl+Tab", pause=0.4)
        time.sleep(1.0)
        shots["indicators"] = screenshot(display, screens / "4-indicators-tab.png")
        # Under wine the window is no longer active once the tab's tree shows (Qt makes
        # its hidden QTreeViewThemeHelperWindow then): a click on the title bar, as a
        # clerk would click, makes it active again.
        _click_title_bar(display, main)
        step = time.monotonic()
        _keys(display, main, "ctrl+q")  # 退出
        code = proc.wait(timeout=60)
        result.timings["退出 until the program ended"] = time.monotonic() - step
        if code != 0:
            raise BuildError(f"declappw.exe ended with exit code {code}")
    except (BuildError, subprocess.TimeoutExpired) as exc:
        shots["failure"] = screenshot(display, screens / "failure.png")
        names = _windows(display)
        if proc.poll() is None:
            proc.kill()
        output = proc.communicate(timeout=60)[0]
        raise BuildError(f"the window under wine: {exc}\nvisible windows: {names}\n"
                         f"screenshot: {shots['failure']}\n{output[-3000:]}") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _check_pdf(facts: dict[str, object], expected: dict[str, object] | None) -> None:
    if "北京市西城区人民政府展览路街道办事处" not in str(facts["text"]):
        raise BuildError("the window's PDF lacks the department's name")
    for font in smoke.BUNDLED_FONTS:
        if font not in str(facts["keywords"]) or font not in str(facts["embedded"]):
            raise BuildError(f"the window's PDF does not embed {font}: {facts['embedded']}")
    for key in ("pages", "text", "fonts", "embedded", "font_programs", "keywords"):
        if expected is not None and facts[key] != expected[key]:
            raise BuildError(f"the window's PDF differs from the command line's in {key}")


def describe(result: WindowResult) -> str:
    times = ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    return (f"the window under wine ({result.where}): opened the draft from a Chinese folder, "
            f"全部导出 through the menu and the native folder dialog, closed with 退出; "
            f"{result.pdf.get('pages')} PDF pages embedding {result.pdf.get('embedded')}; "
            f"{times}; screenshots: {', '.join(str(p) for p in result.screenshots.values())}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not 1 <= len(args) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    screens = Path(args[1]) if len(args) == 2 else BUILD / "windows" / "screens"
    try:
        log(describe(check(Path(args[0]).resolve(), screens.resolve())))
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
