"""Checks of a Linux bundle's ELF files: the glibc they need, and that every library
they link is in the bundle or is one every desktop Linux has.

``python packaging/elfcheck.py BUNDLE [--max-glibc 2.31]`` runs both and prints the floor.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from slim import SYSTEM_LIBRARIES

GLIBC_SYMBOL = re.compile(r"\bGLIBC_(\d+)\.(\d+)(?:\.(\d+))?\b")
# Libraries the bundle must not carry and the PC supplies: glibc's own, the graphics
# driver stack (must match the PC's driver), the X connection, Wayland's client
# libraries; and those slim.SYSTEM_LIBRARIES leaves out on purpose.
SYSTEM = re.compile(
    r"^(ld-linux[-\w]*|libc|libm|libdl|libpthread|librt|libutil|libresolv|libnsl|libcrypt|"
    r"libanl|libBrokenLocale|libthread_db|libEGL|libGL|libGLX|libOpenGL|libGLESv2|libdrm|"
    r"libxcb|libcups|libwayland-(client|cursor|egl))\.so(\.[\d.]+)?$")


def elf_files(bundle: Path) -> list[Path]:
    files = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    files.append(path)
    return files


def glibc_needed(path: Path) -> tuple[int, ...]:
    """The highest GLIBC_x.y symbol version *path* asks for (``objdump -T``), or ()."""
    out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                         check=False).stdout
    versions = [tuple(int(n) for n in m.groups() if n is not None)
                for m in GLIBC_SYMBOL.finditer(out)]
    return max(versions, default=())


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                         check=False).stdout
    return [line.split()[1] for line in out.splitlines()
            if line.strip().startswith("NEEDED") and len(line.split()) > 1]


def check(bundle: Path, max_glibc: tuple[int, ...]) -> tuple[tuple[int, ...], list[str]]:
    """The bundle's glibc floor and a list of problems (empty when all is well)."""
    files = elf_files(bundle)
    if not files:
        return (), [f"{bundle}: no ELF files"]
    present = {p.name for p in bundle.rglob("*")}
    problems: list[str] = []
    floor: tuple[int, ...] = ()
    for path in files:
        need = glibc_needed(path)
        floor = max(floor, need)
        rel = path.relative_to(bundle)
        if need > max_glibc:
            problems.append(f"{rel} needs GLIBC_{'.'.join(map(str, need))}")
        for lib in needed(path):
            if lib not in present and not (SYSTEM.match(lib) or SYSTEM_LIBRARIES.match(lib)):
                problems.append(f"{rel} links {lib}, which is neither bundled nor a system "
                                "library every PC has")
    return floor, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--max-glibc", default="2.31")
    args = parser.parse_args(argv)
    limit = tuple(int(n) for n in args.max_glibc.split("."))
    floor, problems = check(args.bundle, limit)
    print(f"glibc floor: {'.'.join(map(str, floor))} (limit {args.max_glibc}), "
          f"{len(elf_files(args.bundle))} ELF files")
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
