"""Every file the program writes goes through ``declapp.storage.atomic``: a reader sees
the old file or the new one, never a part, and a full disk leaves the old one intact.

This reads the source for the ways a file gets written by name (``open(…, "w")``,
``write_bytes``, ``ZipFile(target, "w")``, a library's ``save(target)``, …). Each place
that does so must be listed here with the reason it is not a clerk's file written in
place; anything new fails until it goes through the atomic writer.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "declapp"

WRITES = re.compile(
    r"""open\([^)]*["'][wax+]b?["']"""  # open(path, "w"), Path.open("wb"), zip member open
    r"""|\.write_(bytes|text)\("""
    r"""|ZipFile\([^)]*["']w["']"""
    r"""|\.save\([^)]"""  # python-docx, openpyxl, reportlab: save(target)
    r"""|os\.open\([^)]*O_(WRONLY|RDWR|CREAT)"""
    r"""|shutil\.(copy|move)"""
    r"""|FileHandler\("""
    r"""|atomic_write_with\(""")  # a zip writer into the temp stream: half a zip on a full disk

# (module, text of the line): why it is not a file written in place.
ALLOWED = {
    ("export/docx_writer.py", "document.save(skeleton)"): "into a BytesIO",
    ("export/docx_writer.py", 'zipfile.ZipFile(stream, "w"'): "atomic_write_zip's buffer",
    ("export/docx_writer.py", 'archive.open(part, "w"'): "a member of that zip",
    ("storage/recovery.py", 'marker.open("wb")'): "the session's lock file, not a document",
    ("importing/convert.py", "shutil.copyfile(source, copy)"): "into our own temp folder",
    ("cli/commands.py", "os.open(os.devnull"): "stdout pointed at nothing once it failed",
    ("gui/errors.py", "fd = os.open(self.baseFilename"): "the log (appended to, never a document)",
    ("gui/errors.py", 'os.fdopen(fd, "a"'): "the same log",
    ("system/font_guard.py", "fd = os.open(copy"): "a new file in a temp folder of our own",
    ("system/font_guard.py", 'os.fdopen(fd, "w"'): "the same new file",
}
EXEMPT = {"storage/atomic.py"}  # the atomic writer itself


def test_no_file_is_written_in_place():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module in EXEMPT:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if not WRITES.search(code):
                continue
            if not any(module == m and text in code for m, text in ALLOWED):
                found.append(f"{module}:{number}: {line.strip()}")
    assert found == [], "files written in place, not through declapp.storage.atomic:\n" + \
        "\n".join(found)


def test_the_rule_finds_what_it_is_for():
    """The pattern catches the ways a file gets written (else the test above proves nothing)."""
    for line in ['open(target, "wb")', "path.write_bytes(data)", 'ZipFile(target, "w")',
                 "workbook.save(target)", "atomic_write_with(target, save)",
                 "os.open(p, os.O_WRONLY | os.O_CREAT)", "shutil.copyfile(a, b)",
                 'target.open("w", encoding="utf-8")']:
        assert WRITES.search(line), line
    for line in ["open(path)", 'open(path, "rb")', "canv.save()", "painter.save()",
                 "atomic_write_zip(target, workbook.save)"]:
        assert not WRITES.search(line), line
