"""Debian roots made with debootstrap, and commands run inside them (chroot, as root).

Roots live in the cache (``CACHE/roots/<name>``) and are made once; a root is ready when
its marker file names the same suite and package list. Bind mounts are undone on the way
out, also after a failure, and stale ones from a killed run are undone first.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from common import CACHE, BuildError, log, run

MIRROR = os.environ.get("DECLAPP_DEBIAN_MIRROR", "http://deb.debian.org/debian")
MARKER = ".root-id"  # no "declapp" in its name: the purge test looks for those
CHROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Absolute: the smoke test runs it with an environment whose PATH lacks /usr/sbin.
CHROOT = shutil.which("chroot") or "/usr/sbin/chroot"


def root_path(name: str) -> Path:
    return CACHE / "roots" / name


def ensure_root(name: str, suite: str, packages: Sequence[str]) -> Path:
    """A minbase *suite* root with *packages*, made with debootstrap unless it exists."""
    root = root_path(name)
    wanted = hashlib.sha256(f"{suite} {' '.join(sorted(packages))}".encode()).hexdigest()
    marker = root / MARKER
    if marker.is_file() and marker.read_text().strip() == wanted:
        return root
    if os.geteuid() != 0:
        raise BuildError("making a Debian root needs root (debootstrap, chroot)")
    if shutil.which("debootstrap") is None:
        raise BuildError("debootstrap is not installed (Debian package: debootstrap)")
    unmount_all(root)
    if root.exists():
        log(f"removing the outdated root {root}")
        shutil.rmtree(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    run(["debootstrap", "--variant=minbase", f"--include={','.join(packages)}", suite, root,
         MIRROR], capture=True, timeout=3600)
    marker.write_text(wanted + "\n")
    return root


def _mounts_under(root: Path) -> list[str]:
    prefix = str(root.resolve()) + "/"
    with open("/proc/mounts", encoding="utf-8") as fh:
        points = [line.split()[1].replace("\\040", " ") for line in fh]
    return sorted((p for p in points if p.startswith(prefix)), key=len, reverse=True)


def unmount_all(root: Path) -> None:
    """Undo every mount inside *root* (deepest first)."""
    if not root.exists():
        return
    for point in _mounts_under(root):
        run(["umount", "-l", point], check=False, quiet=True)


@contextmanager
def mounted(root: Path, binds: Mapping[str, Path] | None = None,
            readonly: Sequence[str] = ()) -> Iterator[Path]:
    """*root* with /proc, /dev, /dev/pts and /sys, and *binds* (path inside -> host
    folder) mounted; the host's resolv.conf copied so apt works."""
    unmount_all(root)
    shutil.copy("/etc/resolv.conf", root / "etc" / "resolv.conf")
    try:
        for inside, kind in (("proc", "proc"), ("sys", "sysfs")):
            run(["mount", "-t", kind, kind, root / inside], quiet=True)
        for inside in ("dev", "dev/pts"):
            run(["mount", "--bind", f"/{inside}", root / inside], quiet=True)
        for inside, host in (binds or {}).items():
            point = root / inside.lstrip("/")
            point.mkdir(parents=True, exist_ok=True)
            run(["mount", "--bind", host, point], quiet=True)
            if inside in readonly:
                run(["mount", "-o", "remount,bind,ro", point], quiet=True)
        yield root
    finally:
        unmount_all(root)


def in_root(root: Path, script: str, *, env: Mapping[str, str] | None = None,
            capture: bool = False, check: bool = True, timeout: float | None = None):
    """Run a bash *script* inside *root* with a clean environment (nothing of the host's
    pip or Python settings leaks in)."""
    variables = {"PATH": CHROOT_PATH, "HOME": "/root", "LANG": "C.UTF-8",
                 "DEBIAN_FRONTEND": "noninteractive", **(env or {})}
    assignments = [f"{k}={v}" for k, v in variables.items()]
    log(f"[{root.name}] {script if len(script) < 300 else script[:300] + ' …'}")
    return run([CHROOT, root, "env", "-i", *assignments, "bash", "-euo", "pipefail", "-c",
                script], capture=capture, check=check, timeout=timeout, quiet=True)


def quote(path: str | Path) -> str:
    return shlex.quote(str(path))
