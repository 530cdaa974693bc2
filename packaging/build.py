"""Build declapp's installers: ``python packaging/build.py [bundle|linux|deb|windows|all]``.

- ``linux``   dist/declapp-<v>-linux-x86_64.tar.xz, frozen in a Debian 11 root (glibc 2.31)
- ``deb``     dist/declapp_<v>_amd64.deb from the same bundle, tested in bullseye and
              bookworm roots (install, run, purge)
- ``windows`` dist/declapp-<v>-windows-x64-setup.exe, frozen under wine, its command
              line and window tested there, NSIS installer
- ``windows-window``  only the Windows onedir and its tests under wine (no installer):
              what tests/test_packaging_wine.py runs; an onedir frozen from this very
              checkout is tested again, not rebuilt; ``--screens DIR`` for the screenshots
- ``all``     the three above (default)
- ``bundle``  a quick onedir frozen on this machine (its glibc), smoke-tested: what CI runs

Needs Python 3.11, root for the Debian roots (debootstrap, chroot), and the Debian
packages in packaging/README.md (installed here when run as root with apt). Big downloads
and roots go to $DECLAPP_PACK_CACHE (default ~/.cache/declapp-packaging).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BUILD,
    CACHE,
    DIST,
    BuildError,
    log,
    need_tools,
    run,
    size_text,
    timed,
    version,
)

TARGETS = ("bundle", "linux", "deb", "windows", "windows-window", "all")
# Host tools by target: program -> Debian package. Installed when missing, as root.
HOST_TOOLS = {
    "common": {"objdump": "binutils", "npm": "npm",
               # the Chinese-input test of the frozen window
               "Xvfb": "xvfb", "xdotool": "xdotool", "fcitx5": "fcitx5",
               "dbus-daemon": "dbus", "dbus-send": "dbus"},
    "linux": {"debootstrap": "debootstrap", "xz": "xz-utils", "lintian": "lintian",
              "dpkg-deb": "dpkg"},
    "windows": {"makensis": "nsis",
                # the window needs a wine with windows.ui.dll: Debian 13's, in a root;
                # a folder's path is pasted into its dialog
                "debootstrap": "debootstrap", "xclip": "xclip"},
}


def ensure_host_tools(target: str) -> None:
    """Install what the target needs (as root, with apt), or name it and stop."""
    if sys.platform == "win32":
        return
    import imtest

    groups = ["common", *{"linux": ["linux"], "deb": ["linux"], "windows": ["windows"],
                          "windows-window": ["windows"],
                          "all": ["linux", "windows"]}.get(target, [])]
    wanted = {tool: pkg for group in groups for tool, pkg in HOST_TOOLS[group].items()}
    packages = {pkg for tool, pkg in wanted.items() if shutil.which(tool) is None}
    if target in ("windows", "windows-window", "all") \
            and not Path("/usr/lib/wine/wine64").is_file() \
            and shutil.which("wine64") is None:
        packages.add("wine64")
    if not imtest.PINYIN_ADDON.is_file():
        packages.add("fcitx5-chinese-addons")
    if packages:
        log(f"installing host packages: {' '.join(sorted(packages))}")
        need_tools(*(t for t, pkg in wanted.items() if pkg in packages),
                   packages=sorted(packages))


def _in_tools_venv(argv: list[str]) -> None:
    """Re-run this script inside the build environment (made on first use)."""
    import tools

    python = tools.ensure_venv()
    if Path(sys.prefix).resolve() != tools.VENV.resolve():
        # A child, not os.execv: on Windows execv returns to the caller at once.
        raise SystemExit(subprocess.call([str(python), __file__, *argv]))


def build_bundle(times: dict[str, float]) -> Path:
    """The onedir frozen with this machine's Python and libraries, smoke-tested."""
    import elfcheck
    import fetch
    import smoke
    import tools

    fonts = fetch.fonts()
    wheel = tools.declapp_wheel()
    run([*tools.pip(), "install", "-q", "--no-deps", "--force-reinstall", wheel], capture=True)
    work = BUILD / "host"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    with timed("bundle: PyInstaller", times):
        run([tools.venv_python(), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
             "--distpath", work / "dist", "--workpath", work / "build",
             Path(__file__).with_name("declapp.spec")],
            cwd=work, env={"DECLAPP_FONT": os.pathsep.join(map(str, fonts))}, capture=True,
            timeout=1800)
    bundle = work / "dist" / "declapp"
    _floor, problems = elfcheck.check(bundle, (99,))  # this machine's glibc: only links
    if problems:
        raise BuildError("bundle: " + "\n  ".join(problems))
    with timed("bundle: smoke test", times), tempfile.TemporaryDirectory() as tmp:
        smoke.smoke(smoke.host_runner(bundle, Path(tmp)), Path(tmp))
    im_check(bundle, times, "bundle")
    return bundle


def im_check(bundle: Path, times: dict[str, float], what: str) -> None:
    """Chinese typed through fcitx5 into the frozen window (packaging/imtest.py)."""
    import imtest
    from common import EXAMPLE

    missing = imtest.missing_tools()
    if missing:
        log(f"NOT TESTED: Chinese input under fcitx5 ({', '.join(missing)} missing; "
            f"Debian: {imtest.DEBIAN_PACKAGES})")
        return
    with timed(f"{what}: fcitx5 input test", times):
        name = imtest.check_bundle(bundle, EXAMPLE)
    if name != "你好":
        raise BuildError(f"{what}: typing nihao under fcitx5 gave {name!r}, not 你好")
    log(f"{what}: nihao + space under fcitx5 (pinyin) gave 你好 in the frozen window")


def build_linux(times: dict[str, float]) -> tuple[Path, Path]:
    """The bullseye onedir (smoke-tested there and here) and its tar.xz."""
    import fetch
    import linux_release
    import smoke
    import tools

    fonts = fetch.fonts()
    with timed("linux: wheels", times):
        wheels = fetch.wheels(tools.pip(), "linux", CACHE / "wheels" / "linux")
    wheel = tools.declapp_wheel()
    with timed("linux: root, CPython, PyInstaller", times):
        bundle = linux_release.build_onedir(wheel, fonts, wheels)
    with timed("linux: smoke tests", times):
        linux_release.smoke_in_root(bundle)
        with tempfile.TemporaryDirectory() as tmp:
            smoke.smoke(smoke.host_runner(bundle, Path(tmp)), Path(tmp))
    im_check(bundle, times, "linux")
    with timed("linux: tar.xz", times):
        archive = linux_release.tarball(bundle)
    return bundle, archive


def linux_pdf(times: dict[str, float]) -> dict[str, object]:
    """The example's PDF from a Linux bundle (the release one if built, else a quick one),
    for the comparison with the Windows build's."""
    import smoke

    for bundle in (BUILD / "linux" / "dist" / "declapp", BUILD / "host" / "dist" / "declapp"):
        if (bundle / "declapp").is_file():
            break
    else:
        bundle = build_bundle(times)
    with tempfile.TemporaryDirectory() as tmp:
        runner = smoke.host_runner(bundle, Path(tmp))
        runner.window = False
        return smoke.smoke(runner, Path(tmp))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", default="all", choices=TARGETS)
    parser.add_argument("--reuse-linux", action="store_true",
                        help="deb: package the Linux bundle of the last run (for iterating "
                             "on the .deb) instead of freezing it again")
    parser.add_argument("--screens", type=Path, default=None,
                        help="windows, windows-window: where the screenshots of the window "
                             "under wine go (default build/packaging/windows/screens)")
    args = parser.parse_args(argv)
    times: dict[str, float] = {}
    made: list[Path] = []
    try:
        ensure_host_tools(args.target)
        _in_tools_venv(argv)
        log(f"declapp {version()}: {args.target}; cache {CACHE}")
        with timed(f"{args.target}: total", times):
            if args.target == "bundle":
                made.append(build_bundle(times))
            if args.target in ("linux", "deb", "all"):
                bundle = BUILD / "linux" / "dist" / "declapp"
                if not (args.reuse_linux and args.target == "deb" and bundle.is_dir()):
                    bundle, archive = build_linux(times)
                    if args.target != "deb":
                        made.append(archive)
                if args.target in ("deb", "all"):
                    import deb

                    with timed("deb: package and install tests", times):
                        made.append(deb.build_and_test(bundle))
            if args.target in ("windows", "all"):
                import windows

                made.append(windows.build(times, linux_pdf(times), args.screens))
            if args.target == "windows-window":
                import windows

                onedir, _facts = windows.frozen_and_tested(
                    times, (args.screens or windows.SCREENS).resolve(), reuse=True)
                made.append(onedir)
    except BuildError as exc:
        print(f"\nBUILD FAILED: {exc}", file=sys.stderr)
        return 1
    print()
    for path in made:
        print(f"made {path}: {size_text(path)}")
    for what, seconds in times.items():
        print(f"  {what}: {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    DIST.mkdir(exist_ok=True)
    sys.exit(main())
