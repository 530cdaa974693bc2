"""The file the clerk chose: is it one we can read, and what is it really?

Nothing here writes to the file or even opens it before knowing it is a plain file of a
sensible size (a named pipe would block the program, a folder cannot be read). The kind
comes from the first bytes, not the name: Word and WPS save .doc files as .docx and the
other way round, and an encrypted .docx is not a zip at all.
"""

from __future__ import annotations

import errno
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from declapp.errors import ClerkError

MAX_SOURCE_BYTES = 30 * 1024 * 1024  # a filled form is under 1 MB; with pictures a few
MAX_PART_BYTES = 200 * 1024 * 1024  # an unpacked part larger than this is a zip bomb
LEGACY_SUFFIXES = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".et": "xlsx",
                   ".xls": "xlsx"}
SUFFIXES = (".docx", ".xlsx", ".pdf", *LEGACY_SUFFIXES)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class SourceError(ClerkError):
    """The file cannot be imported; ``message`` says why, in Chinese."""


@dataclass(frozen=True)
class SourceKind:
    format: str  # "docx", "xlsx", "pdf", or "legacy" (LibreOffice converts it first)
    target: str = ""  # for "legacy": "docx" or "xlsx"


def check_source(path: Path) -> SourceKind:
    """What *path* holds; ``SourceError`` when it is nothing we can import."""
    name = f"“{path.name}”"
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(f"文件{name}不存在。") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise SourceError(f"无法访问文件{name}：文件名或路径太长，请把文件移到较浅的文件夹"
                              "或改用较短的文件名后再导入。") from None
        raise SourceError(f"无法访问文件{name}（{exc.strerror}）。") from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError(f"{name}是一个文件夹，请选择其中的 Word、Excel 或 PDF 文件。")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{name}不是普通文件（可能是管道或设备），无法导入。")
    if info.st_size == 0:
        raise SourceError(f"文件{name}是空的（0 字节），可能没有保存完整。")
    if info.st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"文件{name}太大（{info.st_size / 1024 / 1024:.0f} MB），不像是一份"
                          "申报表：填好的申报表通常不到 1 MB。")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            ole_body = fh.read(1024 * 1024) if head == _OLE else b""
    except PermissionError:
        raise SourceError(f"没有读取文件{name}的权限。") from None
    except OSError as exc:
        raise SourceError(f"无法读取文件{name}（{exc.strerror}）。") from None
    suffix = path.suffix.lower()
    if head == _OLE and _ENCRYPTED in ole_body:
        raise SourceError(f"文件{name}设有打开密码，无法读取。请在 Word 或 WPS 中打开它，"
                          "取消密码（“文件 > 信息 > 保护文档”或“文件 > 文档加密”）后另存，再导入。")
    if suffix == ".json":
        raise SourceError(f"{name}是草稿文件，请用“文件 > 打开”直接打开它，不需要导入。")
    if head.startswith(b"%PDF"):
        return SourceKind("pdf")
    if head.startswith(b"PK\x03\x04"):
        return SourceKind(_zip_kind(path, name))
    if suffix in LEGACY_SUFFIXES or head == _OLE or head.startswith(b"{\\rtf"):
        return SourceKind("legacy", LEGACY_SUFFIXES.get(suffix) or _ole_target(ole_body))
    raise SourceError(f"无法识别文件{name}的格式：请导入 Word（.docx、.doc、.wps）、"
                      "Excel（.xlsx、.xls、.et）或本程序导出的 PDF 文件。")


def _zip_kind(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        raise SourceError(f"文件{name}已损坏（不是完整的 Word 或 Excel 文件），无法读取。"
                          "请在 Word 或 WPS 中打开并另存一份后再导入。") from None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    raise SourceError(f"文件{name}是压缩包，但不是 Word 或 Excel 文件，无法导入。")


def _ole_target(body: bytes) -> str:
    """An old binary Office file: Word ("WordDocument" stream) or Excel ("Workbook")."""
    if "Workbook".encode("utf-16-le") in body or "Book".encode("utf-16-le") in body:
        return "xlsx"
    return "docx"


def open_zip(path: Path) -> zipfile.ZipFile:
    """The package at *path*, refusing parts that would unpack to an absurd size."""
    name = f"“{path.name}”"
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise SourceError(f"文件{name}已损坏，无法读取。") from None
    if any(info.file_size > MAX_PART_BYTES for info in package.infolist()):
        package.close()
        raise SourceError(f"文件{name}中有异常巨大的内容，无法读取。")
    return package
