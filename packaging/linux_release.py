"""The Linux release: frozen inside a Debian 11 (bullseye, glibc 2.31) root, so it runs
on Kylin V10 (2.31) and newer; UOS V20 (2.28) is reported from the measured floor.

A bundle frozen on Debian 12 needs glibc 2.36 (pitfalls.md). Here CPython 3.11 is built
in the root from Debian's own source package (bookworm's python3.11: the upstream tarball,
pinned by sha256, plus Debian's upstream security fixes), the pinned wheels are installed
offline, and PyInstaller runs there. Every ELF file must need glibc <= 2.31.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import chroot
import elfcheck
from common import BUILD, DIST, ROOT, BuildError, log, run, verify, version
from fetch import BUILD_REQUIREMENTS, FROZEN_REQUIREMENTS

SUITE = "bullseye"
# The issue asks for <= 2.31 (Kylin V10); UOS V20 has 2.28 and is reached too, so the
# build holds the bundle to 2.28 (PySide6 6.9.3's own floor).
MAX_GLIBC = (2, 28)
BUILD_PACKAGES = [
    # CPython: compiler and the libraries of the modules the app uses (sqlite3: the
    # 指标库). No OpenSSL (no
    # network; hashlib has its own), no readline (GPL), no Tk.
    "build-essential", "binutils", "xz-utils", "zlib1g-dev", "libbz2-dev", "liblzma-dev",
    "libffi-dev", "uuid-dev", "libsqlite3-dev", "ca-certificates", "patch",
    # What Qt's libraries and plugins link, so PyInstaller bundles bullseye's builds.
    "libglib2.0-0", "libfontconfig1", "libfreetype6", "libdbus-1-3", "libx11-6",
    "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-render0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1",
    "libxcb-util1", "libxkbcommon0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libcups2",
    "libzstd1",
]
PYTHON_PREFIX = "/opt/python3.11"
ORIG_TARBALL = "python3.11_3.11.2.orig.tar.gz"
ORIG_SHA256 = "2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849"
# Debian's patches that are upstream fixes (security and crashes), applied in the order of
# debian/patches/series; its layout patches (multiarch, dist-packages…) are not wanted.
UPSTREAM_FIX = re.compile(r"^(CVE-.*|[0-9]{4}-3\.11-.*|relfile-nullptr-dereference\.patch|"
                          r"shutdown-deadlock\.diff|frame_dealloc-crash\.diff)$")
VENV = "/opt/venv"
PYTHON_ENV = {"LD_LIBRARY_PATH": f"{PYTHON_PREFIX}/lib"}


def build_root() -> Path:
    return chroot.ensure_root("bullseye-build", SUITE, BUILD_PACKAGES)


# glibc 2.29 gave exp, exp2, log, log2 and pow new symbol versions, and 2.30 added
# sem_clockwait: a CPython built on bullseye would need 2.30. Pinning the old versions
# and hiding sem_clockwait (CPython falls back to sem_timedwait) keeps it at 2.28 (UOS V20).
GLIBC_COMPAT_H = "\n".join(
    f'__asm__(".symver {name},{name}@GLIBC_2.2.5");'
    for name in ("exp", "exp2", "log", "log2", "pow")) + "\n"
def python_recipe(src: str, debian: str) -> str:
    """The shell script that builds CPython in the root from the unpacked source."""
    return f"""
cd {src} && tar xzf {ORIG_TARBALL} && tar xJf {debian}
cd Python-3.11.2
for p in $(cat ../debian/patches/series); do
  if echo "$p" | grep -Eq '{UPSTREAM_FIX.pattern}'; then
    patch -p1 --forward --silent < ../debian/patches/$p ||
      {{ echo "Debian patch $p does not apply" >&2; exit 1; }}
  fi
done
# Debian's fix for CVE-2026-4224 has pyexpat.c include an internal header, which Debian's
# own build allows; upstream's 3.12 opens pyexpat.c with these three lines.
if grep -q pycore_ceval.h Modules/pyexpat.c &&
   ! grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c; then
  sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\\n#  define Py_BUILD_CORE_MODULE 1\\n#endif' \\
    Modules/pyexpat.c
fi
cat > ../glibc-compat.h <<'EOF_H'
{GLIBC_COMPAT_H}EOF_H
# No RUNPATH: it would point into the build root from every bundled binary; the root's
# steps set LD_LIBRARY_PATH instead.
./configure --prefix={PYTHON_PREFIX} --enable-shared ac_cv_func_sem_clockwait=no \\
  CFLAGS="-include $PWD/../glibc-compat.h" > ../configure.log
make -j"$(nproc)" > ../make.log 2>&1
make install > ../install.log 2>&1
{PYTHON_PREFIX}/bin/python3.11 -c 'import ctypes, lzma, bz2, zlib, uuid, decimal, _elementtree, sqlite3'
"""  # noqa: E501 (a shell line)


def ensure_python(root: Path) -> None:
    """CPython 3.11 in /opt/python3.11 of the root, built once per recipe."""
    marker = root / PYTHON_PREFIX.lstrip("/") / ".declapp-built"
    recipe_id = hashlib.sha256(python_recipe("SRC", "DEBIAN").encode()).hexdigest()
    if marker.is_file() and marker.read_text().strip() == recipe_id:
        return
    src = "/opt/src/python3.11"
    with chroot.mounted(root):
        (root / "etc/apt/sources.list.d/bookworm-src.list").write_text(
            f"deb-src {chroot.MIRROR} bookworm main\n")
        chroot.in_root(root, f"rm -rf {src} {PYTHON_PREFIX} && mkdir -p {src} && cd {src} && "
                             "apt-get update -q >/dev/null && "
                             "apt-get source --download-only -q python3.11", timeout=1800)
        verify(root / src.lstrip("/") / ORIG_TARBALL, ORIG_SHA256)
        debian = next((root / src.lstrip("/")).glob("python3.11_*.debian.tar.xz"))
        log(f"CPython source: {ORIG_TARBALL} (pinned) + upstream fixes from {debian.name}")
        chroot.in_root(root, python_recipe(src, debian.name), env=PYTHON_ENV, timeout=3600)
    marker.write_text(recipe_id + "\n")


def build_onedir(wheel: Path, fonts: list[Path], wheels: Path) -> Path:
    """Freeze the app in the bullseye root; the onedir, checked, in BUILD/linux."""
    root = build_root()
    ensure_python(root)
    out = BUILD / "linux"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    src = out / "src"
    _copy_checkout(src)
    for font in fonts:
        shutil.copy(font, out / font.name)
    bundled = ":".join(f"/mnt/out/{font.name}" for font in fonts)
    shutil.copy(wheel, out / wheel.name)
    reqs = " ".join(f"-r /mnt/src/packaging/{p.name}"
                    for p in (FROZEN_REQUIREMENTS, BUILD_REQUIREMENTS))
    with chroot.mounted(root, {"/mnt/src": src, "/mnt/wheels": wheels, "/mnt/out": out},
                        readonly=("/mnt/wheels",)):
        chroot.in_root(root, f"""
            test -x {VENV}/bin/python && {VENV}/bin/python -c '' ||
              {{ rm -rf {VENV}; {PYTHON_PREFIX}/bin/python3.11 -m venv {VENV}; }}
            {VENV}/bin/pip install -q --no-index --find-links /mnt/wheels {reqs}
            {VENV}/bin/pip install -q --no-index --no-deps --force-reinstall /mnt/out/{wheel.name}
            mkdir -p /mnt/out/work && cd /mnt/out/work
            DECLAPP_FONT={bundled} {VENV}/bin/python -m PyInstaller --noconfirm \\
              --log-level WARN --distpath /mnt/out/dist --workpath /mnt/out/work/build \\
              /mnt/src/packaging/declapp.spec
        """, env=PYTHON_ENV, timeout=3600)
    bundle = out / "dist" / "declapp"
    floor, problems = elfcheck.check(bundle, MAX_GLIBC)
    text = ".".join(map(str, floor))
    if problems:
        raise BuildError("the Linux bundle would not run on glibc 2.28 (UOS V20) or 2.31 "
                         "(Kylin V10):\n  " + "\n  ".join(problems))
    log(f"glibc floor of the bundle: {text} (UOS V20 has 2.28, Kylin V10 2.31)")
    (out / "glibc-floor.txt").write_text(text + "\n")
    return bundle


def _copy_checkout(target: Path) -> None:
    """The checkout as the spec reads it (resources, ui, packaging, pyproject)."""
    skip = {".git", ".venv", "build", "dist", "__pycache__", ".pytest_cache", ".ruff_cache",
            ".hypothesis", "declapp.egg-info"}
    shutil.copytree(ROOT, target, ignore=lambda _d, names: [n for n in names if n in skip],
                    symlinks=True)


def tarball(bundle: Path) -> Path:
    """dist/declapp-<v>-linux-x86_64.tar.xz holding declapp-<v>/ (the onedir)."""
    DIST.mkdir(exist_ok=True)
    name = f"declapp-{version()}"
    target = DIST / f"{name}-linux-x86_64.tar.xz"
    partial = target.with_name(target.name + ".part")
    # xz with both cores: Python's lzma is single-threaded and three times slower here.
    run(["tar", "--owner=0", "--group=0", "--numeric-owner", "--sort=name",
         "--transform", f"s,^declapp,{name},", "-I", "xz -T0 -6", "-cf", partial,
         "-C", bundle.parent, bundle.name], quiet=True)
    partial.replace(target)
    return target


def smoke_in_root(bundle: Path, root: Path | None = None) -> dict[str, object]:
    """The smoke test inside a Debian root (default: the bullseye build root)."""
    import tempfile

    import smoke

    root = root or build_root()
    with tempfile.TemporaryDirectory(dir=BUILD) as tmp, \
            chroot.mounted(root, {"/mnt/bundle": bundle, "/mnt/work": Path(tmp)},
                           readonly=("/mnt/bundle",)):
        work = Path(tmp)

        def inside(path: Path) -> str:
            return "/mnt/work/" + str(path.relative_to(work))

        runner = smoke.Runner(f"{root.name} (chroot)",
                              [chroot.CHROOT, str(root), "/mnt/bundle/declapp"],
                              {"PATH": "/usr/bin:/bin", "HOME": "/mnt/work"}, inside)
        return smoke.smoke(runner, work)
