"""The .deb for UOS and Kylin: the bullseye-frozen onedir in /opt/declapp, a /usr/bin link,
the desktop entry, icons and the draft MIME type; then lintian, and install, run and purge
tests in Debian 11 and 12 roots.

No maintainer scripts: dpkg's file triggers (shared-mime-info, desktop-file-utils,
hicolor-icon-theme) update the MIME, desktop and icon caches on install and on removal.
xz compression: the dpkg of UOS V20 (Debian 10 based) cannot read zstd.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from email.utils import formatdate
from pathlib import Path

import chroot
import icons
from common import BUILD, DIST, PACKAGING, ROOT, BuildError, log, run, tree_size, version

MAX_SIZE = 60 * 2**20
LINUX = PACKAGING / "linux"
# The libraries the bundle takes from the PC (slim.SYSTEM_LIBRARIES, elfcheck.SYSTEM),
# by their Debian names, which UOS and Kylin share. Every desktop has them; a bare
# server without them gets a clear dpkg message instead of a program that cannot start.
SYSTEM_DEPENDS = ["libdbus-1-3", "libegl1", "libfontconfig1", "libfreetype6", "libgl1",
                  "libsqlite3-0", "libxcb1"]
TEST_PACKAGES = ["shared-mime-info", "desktop-file-utils", "libglib2.0-bin", "xdg-utils",
                 *SYSTEM_DEPENDS]
TEST_ROOTS = {"bullseye": "bullseye-test", "bookworm": "bookworm-test"}
# Set DECLAPP_MAINTAINER to the real contact for a published release.
MAINTAINER = os.environ.get("DECLAPP_MAINTAINER", "declapp maintainers <declapp@example.org>")


def _control(floor: str, installed_kib: int) -> str:
    return f"""Package: declapp
Version: {version()}
Architecture: amd64
Maintainer: {MAINTAINER}
Installed-Size: {installed_kib}
Depends: libc6 (>= {floor}), {", ".join(SYSTEM_DEPENDS)}
Recommends: libcups2
Section: utils
Priority: optional
Homepage: https://github.com/declapp/declapp
Description: 部门整体支出绩效目标申报表 editor (绩效目标申报表)
 declapp fills in, checks, saves, exports (Word, Excel, PDF) and prints the
 yearly department overall expenditure performance goal declaration form
 (部门整体支出绩效目标申报表). It works offline and carries its own Python,
 Qt and the Noto Serif SC and Tinos fonts, so PDFs look the same on every PC.
"""


def _copyright() -> str:
    ofl = (ROOT / "resources" / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    return f"""Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: declapp
Comment: /opt/declapp is a PyInstaller bundle carrying CPython (PSF-2.0), Qt 6 and
 PySide6 (LGPL-3), reportlab (BSD-3-clause), python-docx and openpyxl (Expat),
 lxml (BSD-3-clause), Pillow (HPND), pypdfium2 and PDFium (Apache-2.0 or BSD-3-clause)
 and the Noto Serif SC and Tinos fonts (OFL-1.1). Qt's libraries are separate shared objects in
 /opt/declapp/_internal and can be replaced.

Files: *
Copyright: declapp authors
License: Expat

Files: opt/declapp/_internal/declapp/resources/fonts/NotoSerifSC-Regular.ttf
 opt/declapp/_internal/declapp/resources/fonts/OFL.txt
Copyright: 2017-2024 Adobe (http://www.adobe.com/), Google Inc.
License: OFL-1.1

Files: opt/declapp/_internal/declapp/resources/fonts/Tinos-Regular.ttf
 opt/declapp/_internal/declapp/resources/fonts/Tinos-OFL.txt
Copyright: The Tinos Project Authors (https://github.com/googlefonts/tinos)
License: OFL-1.1

License: OFL-1.1
{_indent(ofl)}

License: Expat
 Permission is hereby granted, free of charge, to any person obtaining a copy of this
 software and associated documentation files, to deal in the software without
 restriction, subject to the conditions of the MIT license.
"""


def _indent(text: str) -> str:
    return "\n".join(f" {line}" if line.strip() else " ." for line in text.splitlines())


def _gz(data: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0 and no name: the same bytes every build (lintian checks gzip -n).
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="",
                                                   mtime=0, compresslevel=9) as gz:
        gz.write(data.encode("utf-8"))


def stage(bundle: Path, floor: str) -> Path:
    """The package's file tree in build/packaging/deb/root."""
    tree = BUILD / "deb" / "root"
    shutil.rmtree(tree.parent, ignore_errors=True)
    shutil.copytree(bundle, tree / "opt" / "declapp", symlinks=True)
    usr = tree / "usr"
    (usr / "bin").mkdir(parents=True)
    os.symlink("/opt/declapp/declapp", usr / "bin" / "declapp")
    share = usr / "share"
    for source, target in ((LINUX / "declapp.desktop", share / "applications"),
                           (LINUX / "declapp.xml", share / "mime" / "packages")):
        target.mkdir(parents=True)
        shutil.copy(source, target / source.name)
    pngs = icons.render(BUILD / "deb" / "icons")
    for size, png in pngs.items():
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(png, folder / "declapp.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(icons.SVG, scalable / "declapp.svg")
    doc = share / "doc" / "declapp"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(_copyright(), encoding="utf-8")
    _gz(f"declapp ({version()}) unstable; urgency=medium\n\n"
        f"  * Release {version()}.\n\n -- {MAINTAINER}  {formatdate(0)}\n",
        doc / "changelog.gz")
    _gz((LINUX / "declapp.1").read_text(encoding="utf-8"),
        share / "man" / "man1" / "declapp.1.gz")
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(LINUX / "declapp.lintian-overrides", overrides / "declapp")
    _normalise_modes(tree)
    installed = (tree_size(tree) + 1023) // 1024
    debian = tree / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(_control(floor, installed), encoding="utf-8")
    (debian / "md5sums").write_text(_md5sums(tree), encoding="utf-8")
    return tree


def _normalise_modes(tree: Path) -> None:
    """Folders 755, files 644, the one program 755 (shared objects need no x bit)."""
    program = tree / "opt" / "declapp" / "declapp"
    for path in tree.rglob("*"):
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or path == program else 0o644)


def _md5sums(tree: Path) -> str:
    lines = []
    for path in sorted(tree.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(tree)}")
    return "\n".join(lines) + "\n"


def package(tree: Path) -> Path:
    DIST.mkdir(exist_ok=True)
    target = DIST / f"declapp_{version()}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", tree, target],
        capture=True, timeout=1800)
    size = target.stat().st_size
    if size > MAX_SIZE:
        raise BuildError(f"{target.name} is {size / 2**20:.1f} MiB, over the 60 MiB target")
    return target


def lint(deb: Path) -> list[str]:
    """lintian's findings; errors stop the build, the rest are returned for the log."""
    done = run(["lintian", "--no-tag-display-limit", deb], capture=True, check=False,
               timeout=1800)
    lines = [line for line in done.stdout.splitlines() if re.match(r"^[EWIPX]: ", line)]
    errors = [line for line in lines if line.startswith("E: ")]
    if errors:
        raise BuildError("lintian errors:\n  " + "\n  ".join(errors[:40]))
    log(f"lintian: no errors, {sum(line.startswith('W: ') for line in lines)} warnings")
    return lines


INSTALL_TEST = r"""
dpkg -i /mnt/pkg/{deb}
test -L /usr/bin/declapp && test -x /opt/declapp/declapp
# dpkg's triggers ran update-mime-database and update-desktop-database:
test -f /usr/share/mime/application/x-declapp-draft.xml
grep -q '^application/x-declapp-draft=.*declapp.desktop' /usr/share/applications/mimeinfo.cache
desktop-file-validate /usr/share/applications/declapp.desktop
test "$(gio info -a standard::content-type /mnt/work/草稿.json | sed -n 's/.*content-type: //p')" \
  = application/x-declapp-draft
test "$(gio info -a standard::content-type /mnt/work/plain.json | sed -n 's/.*content-type: //p')" \
  = application/json
test "$(XDG_CURRENT_DESKTOP=X-Generic xdg-mime query default application/x-declapp-draft)" \
  = declapp.desktop
echo installed-and-registered
"""
PURGE_TEST = r"""
dpkg --purge declapp
left=$(find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /mnt \
                       -o -path /var/log -o -path /var/cache/debconf \) -prune \
            -o -iname '*declapp*' -print)
test -z "$left" || {{ echo "left after purge: $left" >&2; exit 1; }}
test ! -e /usr/share/mime/application/x-declapp-draft.xml
# (not "! grep": bash's set -e ignores a negated command's failure)
if grep -q declapp /usr/share/applications/mimeinfo.cache; then exit 1; fi
echo purged-clean
"""


def install_test(deb: Path, suite: str) -> None:
    """Install *deb* in a fresh *suite* root, check registration, run it, purge it."""
    import tempfile

    import smoke
    from common import EXAMPLE

    root = chroot.ensure_root(TEST_ROOTS[suite], suite, TEST_PACKAGES)
    run([chroot.CHROOT, root, "dpkg", "--purge", "declapp"], check=False, capture=True, quiet=True)
    before = _file_list(root)
    with tempfile.TemporaryDirectory(dir=BUILD) as tmp, \
            chroot.mounted(root, {"/mnt/pkg": deb.parent, "/mnt/work": Path(tmp)},
                           readonly=("/mnt/pkg",)):
        work = Path(tmp)
        shutil.copy(EXAMPLE, work / "草稿.json")
        (work / "plain.json").write_text('{"name": "x"}\n', encoding="utf-8")
        chroot.in_root(root, INSTALL_TEST.format(deb=deb.name), capture=True)
        runner = smoke.Runner(f"{suite} after dpkg -i", [chroot.CHROOT, str(root), "declapp"],
                              {"PATH": "/usr/bin:/bin", "HOME": "/mnt/work"},
                              lambda p: "/mnt/work/" + str(p.relative_to(work)))
        smoke.smoke(runner, work)
        chroot.in_root(root, PURGE_TEST.format(), capture=True)
    after = _file_list(root)
    if after - before:
        raise BuildError(f"{suite}: files left after purge: {sorted(after - before)[:20]}")
    log(f"{suite}: dpkg -i, registration, --version, check, export, window, purge: all good")


def _file_list(root: Path) -> set[str]:
    """Every file in the root, but logs, caches that are rewritten, and dpkg's records.

    Also not fontconfig's ``.uuid`` files in font folders: the PC's libfontconfig writes
    them the first time any program looks for fonts as root; they are not the package's.
    """
    skip = ("proc/", "sys/", "dev/", "mnt/", "tmp/", "var/log/", "var/cache/",
            "var/lib/dpkg/", "root/")
    names = set()
    for path in root.rglob("*"):
        rel = str(path.relative_to(root))
        if rel.startswith(skip) or (path.name == ".uuid" and "/fonts" in f"/{rel}"):
            continue
        names.add(rel)
    return names


def build_and_test(bundle: Path) -> Path:
    floor = (BUILD / "linux" / "glibc-floor.txt").read_text().strip()
    deb = package(stage(bundle, floor))
    log(f"{deb.name}: {deb.stat().st_size / 2**20:.1f} MiB, Depends: libc6 (>= {floor}), …")
    lint(deb)
    for suite in TEST_ROOTS:
        install_test(deb, suite)
    return deb
