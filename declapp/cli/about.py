"""The text of the 关于 box: version, licences, and the fonts bundled for the PDF.

Qt-free, so the GUI shows it and a test reads it without a screen. The bundled fonts'
licences (SIL OFL 1.1) must travel with the fonts: ``resources/fonts/OFL.txt`` (Noto Serif
SC) and ``Tinos-OFL.txt`` ship in the package and in every frozen build, and the box says
where they are.
"""

from __future__ import annotations

import html
from pathlib import Path

from declapp import APP_NAME, __version__
from declapp.system.paths import resource_path

LICENCE_FILE = "OFL.txt"

# What the frozen builds carry besides declapp itself, with the licence each is under.
THIRD_PARTY: tuple[tuple[str, str], ...] = (
    ("Python", "PSF License"),
    ("Qt 6 / PySide6", "LGPL v3"),
    ("reportlab", "BSD"),
    ("python-docx", "MIT"),
    ("openpyxl", "MIT"),
    ("lxml", "BSD"),
    ("pypdfium2 / PDFium", "Apache 2.0 / BSD"),
)


def bundled_font_names() -> list[str]:
    """The family names of the fonts shipped for the PDF (Chinese first), or none in a
    source checkout where ``packaging/build.py`` has not fetched them."""
    from declapp.export.font_files import bundled_faces  # reads only the name table

    return list(dict.fromkeys(face.family for face in bundled_faces()))


def font_licence_path() -> Path:
    return resource_path("fonts", LICENCE_FILE)


def font_licence_text() -> str:
    """The bundled font's licence, as shipped (empty if the file is missing)."""
    try:
        return font_licence_path().read_text(encoding="utf-8")
    except OSError:
        return ""


def about_lines() -> list[str]:
    """The 关于 box as plain lines of text."""
    lines = [
        APP_NAME,
        f"版本 {__version__}",
        "填写、检查、保存、导出和打印部门整体支出绩效目标申报表。",
        "declapp 以 MIT 许可证发布。",
    ]
    fonts = bundled_font_names()
    if fonts:
        lines.append(f"PDF 使用随程序附带的字体 {'、'.join(fonts)}（SIL Open Font License 1.1，"
                     f"许可证全文在 {font_licence_path().parent} 中），"
                     "在任何电脑上导出的 PDF 都一样。")
    else:
        lines.append("PDF 使用本机的中文 TrueType 字体（本版本未附带字体）。")
    parts = "、".join(f"{name}（{licence}）" for name, licence in THIRD_PARTY)
    lines.append(f"使用的开源软件：{parts}。")
    return lines


def about_text() -> str:
    """The 关于 box as plain text, one paragraph a line."""
    return "\n".join(about_lines())


def about_html() -> str:
    """The 关于 box as the rich text ``QMessageBox.about`` shows: a heading, paragraphs."""
    title, *rest = about_lines()
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in rest)
    return f"<h3>{html.escape(title)}</h3>{paragraphs}"
