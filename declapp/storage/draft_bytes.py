"""The bytes of a draft file: read without hanging on what is not a file, and told
apart from what clerks open by mistake (a gzip, a Word file, UTF-16 from Notepad, …);
and the limits of a draft, the same wherever a draft is read or written (open, save,
autosave, import), so that whatever the program writes, it reads back.

``fileformat`` turns ``Refused`` into its ``DraftError``, naming the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from declapp.form.model import Draft
from declapp.storage.atomic import WriteError

# A real draft is ~20 KB with ~100 items; 1,000 items stay under 2 MB.
MAX_DRAFT_BYTES = 32 * 1024 * 1024
# 一级指标, 二级指标 and 具体指标 of every indicator table, and the rows of the other
# tables, together. More makes every check and the window slow (each entry is checked,
# shown and laid out), and no form needs a thousandth of it.
MAX_ENTRIES = 150_000
_MB = 1024 * 1024


def size_problem(size: int) -> str | None:
    """Why a draft of *size* bytes is too large, or None."""
    if size <= MAX_DRAFT_BYTES:
        return None
    return (f"草稿有 {size / _MB:.1f} MB，超过了草稿文件的上限 {MAX_DRAFT_BYTES // _MB} MB"
            "（一份申报表通常只有几十 KB）")


def entries_problem(count: int) -> str | None:
    """Why a draft of *count* entries (indicators and table rows) holds too many, or None."""
    if count <= MAX_ENTRIES:
        return None
    return (f"指标和表格行太多：共 {count:,} 项，超过了草稿文件的上限 {MAX_ENTRIES:,} 项"
            "（一级指标、二级指标、具体指标和表格行合计）")


def _listed(value: Any, key: str) -> list[Any]:
    inner = value.get(key) if isinstance(value, dict) else None
    return inner if isinstance(inner, list) else []


def _tree_entries(groups: Any) -> int:
    groups = groups if isinstance(groups, list) else []
    return len(groups) + sum(1 + len(_listed(category, "items"))
                             for group in groups for category in _listed(group, "categories"))


def raw_entries(raw: dict[str, Any]) -> int:
    """How many entries the parsed JSON of a draft holds (every indicator table's groups,
    categories and items, every table's rows), counted before any is read, whatever the
    types (a wrong one is the reader's to refuse)."""
    count = _tree_entries(raw.get("indicators"))
    others = raw.get("other_indicators")
    if isinstance(others, dict):
        count += sum(_tree_entries(groups) for groups in others.values())
    tables = raw.get("tables")
    if isinstance(tables, dict):
        count += sum(len(rows) for rows in tables.values() if isinstance(rows, list))
    return count


def draft_entries(draft: Draft) -> int:
    trees = sum(len(groups) + sum(1 + len(c.items) for g in groups for c in g.categories)
                for groups in draft.trees.values())
    return trees + sum(len(rows) for rows in draft.tables.values())


def draft_problem(draft: Draft, text: str) -> str | None:
    """Why *draft*, written as *text*, would be a file the reader refuses, or None."""
    return entries_problem(draft_entries(draft)) or size_problem(len(text.encode("utf-8")))


class TooLargeError(WriteError):
    """A draft beyond the limits of a draft file: not written, since it could not be read."""


def file_bytes(draft: Draft, text: str, target: Path | str) -> bytes:
    """The bytes of the file *text* (``fileformat.dumps(draft)``) for *target*;
    ``TooLargeError`` when the reader would refuse them."""
    data = text.encode("utf-8")
    problem = entries_problem(draft_entries(draft)) or size_problem(len(data))
    if problem:
        raise TooLargeError(f"{problem}，无法保存。请删去一些内容（例如重复粘贴的大段文字"
                            "或多余的指标）后再保存。", target)
    return data


class Refused(Exception):
    """The bytes are not a draft's text; ``problem`` says why, in Chinese."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in Chinese."""
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是草稿文件。"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道，不是草稿文件。"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是草稿文件。"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是草稿文件。"
    return "这不是普通文件，不是草稿文件。"


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the file at *path* (at most *limit* + 1, so that a caller sees it is
    too large); ``Refused`` when it is missing, not a regular file (a folder, a named
    pipe, a device: reading those would hang or never end), unreadable or too large."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise Refused("文件不存在。") from None
    except OSError as exc:
        raise Refused(f"无法访问文件（{exc.strerror}）。") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(_kind_of(info.st_mode))
    if info.st_size > limit:
        raise Refused(f"文件太大（{info.st_size // (1024 * 1024)} MB），不是申报表草稿。")
    try:
        # Non-blocking, and checked again once open: a pipe swapped in after the stat
        # must not hang the program.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except PermissionError:
        raise Refused("没有读取这个文件的权限。") from None
    except OSError as exc:
        raise Refused(f"无法读取文件（{exc.strerror}）。") from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(_kind_of(mode))
        try:
            return fh.read(limit + 1)
        except OSError as exc:
            raise Refused(f"无法读取文件（{exc.strerror}）。") from None


_SAVE_AS_UTF8 = "草稿必须是 UTF-8 编码：请用记事本打开，“另存为”时编码选 UTF-8，再打开另存的文件。"
_UTF8_BOM = b"\xef\xbb\xbf"


def _not_utf8_text(data: bytes) -> str | None:
    """Why *data* is not a UTF-8 text file, when it plainly is something else."""
    if not data.strip(b"\x00"):
        return ("文件的内容全是空字节，文件已损坏（可能在保存时断电或磁盘出错）。"
                "如有备份或自动保存的恢复副本，请改用它们。")
    if data.startswith(b"\x1f\x8b"):
        return "这是一个 gzip 压缩文件，不是草稿：请先解压缩，再打开解压出的 .json 文件。"
    if data.startswith(b"PK\x03\x04"):
        return "这是一个压缩包或 Word/Excel 文件（.zip/.docx/.xlsx），不是草稿。"
    if data.startswith(b"%PDF"):
        return "这是一个 PDF 文件，不是草稿。"
    head = data[:4]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or (
            len(head) == 4 and (head[1:] == b"\x00\x00\x00" or head[:3] == b"\x00\x00\x00")):
        return f"文件是 UTF-32 编码。{_SAVE_AS_UTF8}"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) == 4 and (head[1::2] == b"\x00\x00" or head[0::2] == b"\x00\x00")):
        return f"文件是 UTF-16 编码。{_SAVE_AS_UTF8}"
    if b"\x00" in data:
        return "文件中有空字节，不是文本文件，或者已经损坏；不是申报表草稿。"
    return None


def utf8_text(data: bytes) -> str:
    """*data* as text, or ``Refused`` with a sentence saying what the file is instead
    (gzip, all zero bytes, UTF-32, UTF-16, GBK, a Word, Excel or PDF file, …)."""
    problem = _not_utf8_text(data)
    if problem:
        raise Refused(problem)
    # Windows Notepad adds a BOM: accept it, and one added again by a second tool (the
    # text itself is intact then: the marks are all that doubled).
    while data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(_decode_problem(data, exc)) from None


def _decode_problem(data: bytes, exc: UnicodeDecodeError) -> str:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return f"文件不是 UTF-8 文本（第 {exc.start + 1} 个字节处），不是申报表草稿。"
    return f"文件是 GBK（GB18030）编码，可能被记事本或 WPS 另存过。{_SAVE_AS_UTF8}"
