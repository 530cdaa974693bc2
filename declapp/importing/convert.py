"""Old Word and Excel files (.doc .wps .et .xls) converted by LibreOffice, when installed.

The source is copied into a folder of our own first, so LibreOffice never touches the
clerk's file, and LibreOffice runs with a profile of its own in that folder: with the
clerk's profile, a LibreOffice window already open would take the job and return at
once without converting.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from declapp.importing.source_file import SourceError

TIMEOUT_S = 120
_WINDOWS_PLACES = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                   r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_KIND = {"docx": "Word", "xlsx": "Excel"}


def find_soffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        return next((p for p in _WINDOWS_PLACES if Path(p).is_file()), None)
    if sys.platform == "darwin":
        mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
        return mac if Path(mac).is_file() else None
    return None


def convert(source: Path, target: str, workdir: Path) -> Path:
    """*source* converted to *target* ("docx" or "xlsx") inside *workdir*."""
    soffice = find_soffice()
    kind = _KIND[target]
    if soffice is None:
        raise SourceError(f"“{source.name}”是旧格式的文件，本机没有安装 LibreOffice，无法直接读取。"
                          f"请在 {kind} 或 WPS 中打开它，“另存为” .{target} 格式后再导入。")
    copy = workdir / f"source{source.suffix.lower() or '.bin'}"
    shutil.copyfile(source, copy)
    profile = (workdir / "profile").resolve().as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(workdir), str(copy)]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   stdin=subprocess.DEVNULL,
                                   # its own group, so a timeout ends LibreOffice's children
                                   start_new_session=os.name == "posix")
    except OSError as exc:
        raise SourceError(f"无法启动 LibreOffice 转换“{source.name}”（{exc.strerror}）。"
                          f"请在 {kind} 或 WPS 中把它另存为 .{target} 后再导入。") from None
    try:
        process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise SourceError(f"LibreOffice 在 {TIMEOUT_S} 秒内没有转换完“{source.name}”。"
                          f"请在 {kind} 或 WPS 中把它另存为 .{target} 后再导入。") from None
    result = workdir / f"{copy.stem}.{target}"
    if not result.is_file():
        raise SourceError(f"LibreOffice 无法转换“{source.name}”（文件可能已损坏或设有密码）。"
                          f"请在 {kind} 或 WPS 中打开它，另存为 .{target} 后再导入。")
    return result


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)
