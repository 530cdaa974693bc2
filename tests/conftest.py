"""Shared fixtures. Qt must be told to run offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import atexit
import shutil
import sys
import tempfile

# App data (the font cache above all) goes to a folder of this run, never the tester's home.
if "DECLAPP_DATA_DIR" not in os.environ:
    _DATA = tempfile.mkdtemp(prefix="declapp-test-data-")
    os.environ["DECLAPP_DATA_DIR"] = _DATA
    atexit.register(shutil.rmtree, _DATA, True)
from collections import Counter
from pathlib import Path

# tests/samples.py (drafts made for tests and benchmarks) is importable from every test.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from declapp.storage.fileformat import load
from declapp.system.paths import example_path

EXAMPLE = example_path("zhanlanlu-2021.json")


@pytest.fixture
def example_file() -> Path:
    return EXAMPLE


@pytest.fixture
def example_draft():
    return load(EXAMPLE)


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a disk with no room left (``tests/full_disk.py``); call ``fill()``
    once the files the test needs there are made."""
    from full_disk import full_disk_at

    with full_disk_at(tmp_path / "full") as disk:
        yield disk


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """A skipped test checked nothing: say how many were skipped and why, in red, last.

    A green run whose real-reader tests were skipped (no LibreOffice) never printed an
    export, so it must not pass for one that did.
    """
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    reasons: Counter[str] = Counter()
    real_reader = 0
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
        real_reader += "real_reader" in report.keywords
    write = terminalreporter.write_line
    terminalreporter.section(f"{len(skipped)} TESTS SKIPPED: NOT CHECKED IN THIS RUN",
                             sep="!", red=True, bold=True)
    for reason, count in reasons.most_common():
        write(f"  {count:3d} × {reason}", red=True)
    if real_reader:
        write(f"  {real_reader} real-reader test(s) skipped: Word and Excel exports were NOT "
              "printed and read back. Install LibreOffice and run again.", red=True, bold=True)
