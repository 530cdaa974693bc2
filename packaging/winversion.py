"""The Windows version resource of declapp.exe and declappw.exe (file properties: 详细信息),
in the format PyInstaller's ``version=`` reads, carrying pyproject.toml's version."""

from __future__ import annotations

from pathlib import Path

from common import version

DESCRIPTIONS = {
    "declapp": "绩效目标申报表（命令行：检查、导出）",
    "declappw": "绩效目标申报表",
}


def version_tuple(text: str) -> tuple[int, int, int, int]:
    """``0.2.0`` -> (0, 2, 0, 0): Windows wants four numbers."""
    numbers = [int(part) for part in text.split(".")[:4] if part.isdigit()]
    padded = [*numbers, 0, 0, 0, 0][:4]
    return padded[0], padded[1], padded[2], padded[3]


def resource(name: str) -> str:
    v = version()
    t = version_tuple(v)
    strings = {
        "CompanyName": "declapp",
        "FileDescription": DESCRIPTIONS[name],
        "FileVersion": v,
        "InternalName": name,
        "LegalCopyright": "declapp (MIT); Qt (LGPLv3); Noto Serif SC (SIL OFL 1.1)",
        "OriginalFilename": f"{name}.exe",
        "ProductName": "绩效目标申报表",
        "ProductVersion": v,
    }
    table = ",\n        ".join(f"StringStruct({k!r}, {s!r})" for k, s in strings.items())
    # 0x0804 zh-CN, code page 1200 (UTF-16): the strings are Chinese.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
        {table}])]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""


def write_all(folder: Path) -> Path:
    """``<name>.txt`` for each executable in *folder* (the spec picks them by name)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in DESCRIPTIONS:
        (folder / f"{name}.txt").write_text(resource(name), encoding="utf-8")
    return folder
