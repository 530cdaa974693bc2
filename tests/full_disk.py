"""A folder on a disk with no room left, for the tests of what a full disk does.

Where the tests may mount file systems (root on Linux), the folder is a small tmpfs
filled to the brim: every write of every library (SQLite, logging, zip, ours) meets a
real ENOSPC. Elsewhere the fault is injected where our atomic writes open their temp
file (``declapp.storage.atomic._temp_stream``): each write to a file in the folder then
fails with ENOSPC, through the same code as on a real full disk. Tests that need the
real thing (SQLite, the log) ask for ``mounted`` and skip without it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SIZE = "256k"


@dataclass
class FullDisk:
    folder: Path
    mounted: bool

    def fill(self) -> None:
        """Take every byte left (files made before this keep theirs)."""
        filler = self.folder / ".filler"
        if not self.mounted:
            return
        with contextlib.suppress(OSError), filler.open("ab") as fh:
            chunk = b"\0" * 4096
            while True:
                fh.write(chunk)
                fh.flush()
        with contextlib.suppress(OSError), filler.open("ab") as fh:
            while True:  # the last few bytes
                fh.write(b"\0")
                fh.flush()

    def child_prefix(self) -> list[str]:
        """The start of a command line that runs ``declapp`` in a child process on this
        disk: plain where the disk is real, with the fault injected where it is not."""
        if self.mounted:
            return [sys.executable, "-m", "declapp"]
        return [sys.executable, "-c", _INJECT, str(self.folder)]


_INJECT = """
import errno, io, os, sys
from pathlib import Path
import declapp.storage.atomic as atomic
full = Path(sys.argv.pop(1)).resolve()
opened = atomic._temp_stream
class _Full(io.RawIOBase):
    def writable(self): return True
    def write(self, data): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
def temp_stream(fd, tmp):
    if tmp.resolve().parent == full:
        os.close(fd)
        return io.BufferedWriter(_Full())
    return opened(fd, tmp)
atomic._temp_stream = temp_stream
from declapp.cli import main
sys.argv[0] = "declapp"
sys.exit(main())
"""


def _can_mount() -> bool:
    if os.environ.get("DECLAPP_TEST_NO_MOUNT"):  # to try the injected fault where root
        return False
    return sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0 \
        and shutil.which("mount") is not None


@contextlib.contextmanager
def full_disk_at(folder: Path) -> Iterator[FullDisk]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = False
    if _can_mount():
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={_SIZE},mode=0777",
                               "tmpfs", str(folder)], capture_output=True, check=False)
        mounted = done.returncode == 0
    try:
        yield FullDisk(folder, mounted)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def inject_in_process(monkeypatch, disk: FullDisk) -> None:
    """Where the disk is not real: make our atomic writes into it fail with ENOSPC."""
    if disk.mounted:
        return
    import io

    from declapp.storage import atomic

    opened = atomic._temp_stream
    full = disk.folder.resolve()

    class _Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def temp_stream(fd: int, tmp: Path):
        if tmp.resolve().parent == full:
            os.close(fd)
            return io.BufferedWriter(_Full())
        return opened(fd, tmp)

    monkeypatch.setattr(atomic, "_temp_stream", temp_stream)
