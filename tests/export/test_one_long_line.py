"""A text field of 100,000 Chinese characters on one line is exported, not refused: the
format sets no limit on a text's length (only on the file's size), so the exports take
whatever the draft holds. Read back, every character is there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from declapp.layout import CONTINUED_MARK
from declapp.storage.fileformat import save

LINE = "坚持以人民为中心推进街道治理" * 7143  # 100,002 characters, no break
AGAIN = f"其他说明的问题{CONTINUED_MARK}"  # its label, printed again atop each page it runs on


@pytest.fixture
def long_draft(tmp_path, example_draft):
    draft = example_draft.copy()
    draft.texts["notes"] = LINE
    path = tmp_path / "long.json"
    save(draft, path)
    return path


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_one_line_of_100000_characters_exports(tmp_path, long_draft, fmt):
    target = tmp_path / f"long.{fmt}"
    done = subprocess.run([sys.executable, "-m", "declapp", "export", str(long_draft), "-o",
                           str(target)], capture_output=True, text=True, encoding="utf-8",
                          timeout=600, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert done.returncode == 0, done.stderr
    if fmt == "docx":
        text = "".join(cell.text for table in Document(str(target)).tables
                       for row in table.rows for cell in row.cells)
    elif fmt == "xlsx":
        sheet = load_workbook(target).worksheets[0]
        text = "".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    else:  # each page without its footer (第 n 页 共 N 页), which cuts the line
        pages = PdfReader(target).pages
        text = "".join("".join(page.extract_text().split()).removesuffix(
            f"第{n}页共{len(pages)}页") for n, page in enumerate(pages, start=1))
    text = "".join(text.split()).replace(AGAIN, "")
    assert text.count("坚持以人民为中心推进街道治理") >= 7143
