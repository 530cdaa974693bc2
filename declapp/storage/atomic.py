"""Atomic file writes: a reader sees the old complete file or the new one, never a part."""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import stat
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


class ReadOnlyFileError(WriteError):
    """The file to be replaced is marked read-only: it is left alone, and the clerk may
    save under another name (另存为) or clear the mark."""


# Windows' "filename or extension is too long" (ERROR_FILENAME_EXCED_RANGE).
_WINERROR_NAME_TOO_LONG = 206


def describe_os_error(exc: OSError, path: Path) -> str:
    """A Chinese sentence saying why *path* could not be written."""
    name = path.name
    if exc.errno == errno.ENAMETOOLONG or \
            getattr(exc, "winerror", None) == _WINERROR_NAME_TOO_LONG:
        size = len(os.fsencode(name)) if os.name == "posix" else len(name)
        unit = "字节" if os.name == "posix" else "个字符"
        return (f"无法写入“{name}”：文件名或路径太长（文件名 {size} {unit}，"
                f"磁盘最多允许 255 {unit}），请改用较短的文件名或较浅的文件夹。")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.exists() and not os.access(path.parent, os.W_OK):
            return f"无法写入“{name}”：文件夹“{path.parent}”是只读的，请换一个文件夹。"
        if path.exists():
            return (f"无法写入“{name}”：文件被占用或只读。"
                    "如果它正在 Word、WPS 或 Excel 中打开，请先关闭后再试。")
        return f"无法写入“{name}”：没有权限写入文件夹“{path.parent}”，请换一个文件夹。"
    if exc.errno == errno.ENOSPC:
        return f"无法写入“{name}”：磁盘空间不足。请清理磁盘或换一个磁盘后再试。"
    if exc.errno == getattr(errno, "EDQUOT", -1):
        return f"无法写入“{name}”：磁盘配额已用完。"
    if exc.errno == errno.EFBIG:
        return f"无法写入“{name}”：文件太大，超出了这个磁盘或系统允许的大小。"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"无法写入“{name}”：文件夹“{path.parent}”不存在。"
    if exc.errno == errno.EISDIR:
        return f"无法写入“{name}”：这是一个文件夹。"
    return f"无法写入“{name}”：{exc.strerror or exc}"


def refuse_read_only(target: Path) -> None:
    """Raise ``ReadOnlyFileError`` when *target* is a file marked read-only.

    Replacing a file needs only the folder's permission on Linux: without this check a
    0444 draft was silently replaced (a new file, still 0444). The mark is the clerk's
    (or a colleague's) way of saying "do not change this file".
    """
    try:
        info = target.stat()
    except OSError:
        return  # no file there (or none we can see): nothing to protect
    if not stat.S_ISREG(info.st_mode):
        return  # a folder in the way is refused by the replace itself
    if info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) and \
            os.access(target, os.W_OK):
        return
    raise ReadOnlyFileError(
        f"无法保存到“{target.name}”：这个文件是只读的。请用“另存为”保存为另一个文件，"
        "或在文件属性中取消“只读”后再保存。", target)


def refuse_special(target: Path) -> None:
    """Raise ``WriteError`` when *target* is a device or a named pipe: replacing it would
    put a file where the system (or another program) keeps something else (``/dev/null``
    replaced by a file, for root)."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder: the replace refuses it
        raise WriteError(f"无法写入“{target.name}”：这不是普通文件（设备或管道），"
                         "请换一个文件名。", target)


@contextlib.contextmanager
def atomic_open(path: Path | str) -> Iterator[BinaryIO]:
    """Open a temp file beside *path*; on success it replaces *path* in one step.

    On any failure the temp file is removed and *path* is left as it was. A *path*
    marked read-only is refused (``ReadOnlyFileError``) before anything is written.
    """
    target = Path(path)
    refuse_read_only(target)
    refuse_special(target)
    _remove_stale_temps(target)
    try:
        # A short name of its own: a temp named after a target of 245 bytes would pass
        # the disk's 255-byte limit where the target itself fits.
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX,
                                        dir=target.parent)
    except OSError as exc:
        raise WriteError(describe_os_error(exc, target), target) from exc
    tmp = Path(tmp_name)
    try:
        with _temp_stream(fd, tmp) as fh:
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


def _temp_stream(fd: int, tmp: Path) -> BinaryIO:
    """The temp file's stream. Tests of a full disk replace it where they cannot mount
    a small file system that fills up (its writes then fail with ENOSPC)."""
    return os.fdopen(fd, "wb")


TEMP_PREFIX = ".declapp-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 120  # no write of ours takes that long: an older temp was orphaned


def _remove_stale_temps(target: Path) -> None:
    """Remove temp files a killed process left beside *target* (never a fresh one):
    ours (``.declapp-*.tmp``, whatever file they were for) and those of releases that
    named them after their file (``.<name>.*.tmp``)."""
    with contextlib.suppress(OSError):
        limit = time.time() - STALE_TEMP_SECONDS
        for pattern in (f"{TEMP_PREFIX}*{TEMP_SUFFIX}",
                        f".{glob.escape(target.name)}.*{TEMP_SUFFIX}"):
            for leftover in target.parent.glob(pattern):
                with contextlib.suppress(OSError):
                    if leftover.is_file() and leftover.stat().st_mtime < limit:
                        leftover.unlink()


def atomic_write_bytes(path: Path | str, data: bytes | memoryview) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_with(path: Path | str, writer: Callable[[BinaryIO], None]) -> None:
    """Let *writer* fill a binary stream that atomically becomes *path*."""
    with atomic_open(path) as fh:
        writer(fh)


def atomic_write_zip(path: Path | str, writer: Callable[[BinaryIO], None]) -> None:
    """Let *writer* (python-docx's or openpyxl's ``save``) build a zip package in memory,
    closed and complete, then write it atomically to *path*.

    Written straight to disk, a full disk fails the write inside the library's
    ``ZipFile``, which is left open and later prints "Exception ignored in: ZipFile.__del__"
    after the clerk's message; in memory the zip cannot fail half-way.
    """
    buffer = io.BytesIO()
    writer(buffer)
    data = buffer.getbuffer()
    try:
        atomic_write_bytes(path, data)
    finally:
        data.release()


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
