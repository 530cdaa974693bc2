"""Atomic file writes: a reader sees the old complete file or the new one, never a part."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from declapp.errors import ClerkError


class WriteError(ClerkError):
    """A file could not be written; ``message`` is for the clerk, in Chinese."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


def describe_os_error(exc: OSError, path: Path) -> str:
    """A Chinese sentence saying why *path* could not be written."""
    name = path.name
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and not os.access(path.parent, os.W_OK):
            return f"无法写入“{name}”：文件夹“{path.parent}”是只读的，请换一个文件夹。"
        if path.exists():
            return (f"无法写入“{name}”：文件被占用或只读。"
                    "如果它正在 Word、WPS 或 Excel 中打开，请先关闭后再试。")
        return f"无法写入“{name}”：没有权限写入文件夹“{path.parent}”，请换一个文件夹。"
    if exc.errno == errno.ENOSPC:
        return f"无法写入“{name}”：磁盘空间不足。"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"无法写入“{name}”：文件夹“{path.parent}”不存在。"
    if exc.errno == errno.EISDIR:
        return f"无法写入“{name}”：这是一个文件夹。"
    return f"无法写入“{name}”：{exc.strerror or exc}"


@contextlib.contextmanager
def atomic_open(path: Path | str) -> Iterator[BinaryIO]:
    """Open a temp file beside *path*; on success it replaces *path* in one step.

    On any failure the temp file is removed and *path* is left as it was.
    """
    target = Path(path)
    _remove_stale_temps(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX,
                                        dir=target.parent)
    except OSError as exc:
        raise WriteError(describe_os_error(exc, target), target) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            # Keep the permission bits the clerk's file had.
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise WriteError(describe_os_error(exc, target), target) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise
    _fsync_dir(target.parent)


TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 120  # no write of ours takes that long: an older temp was orphaned


def _remove_stale_temps(target: Path) -> None:
    """Remove temp files a killed process left beside *target* (never a fresh one)."""
    with contextlib.suppress(OSError):
        limit = time.time() - STALE_TEMP_SECONDS
        for leftover in target.parent.glob(f".{target.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < limit:
                    leftover.unlink()


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_with(path: Path | str, writer: Callable[[BinaryIO], None]) -> None:
    """Let *writer* fill a binary stream that atomically becomes *path*."""
    with atomic_open(path) as fh:
        writer(fh)


def _read_umask() -> int:
    # os.umask can only be read by setting it: do it once, before any worker thread runs.
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open directories.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
