"""Read an export the way a clerk sees it: printed by LibreOffice, text taken off the page.

Reading a file back with the library that wrote it proves little (openpyxl says a
clipped row is fine), so these helpers convert the file to PDF with LibreOffice and
rebuild each table column's text from the words on the pages: a word belongs to the
column its line starts in, unless a cell rule (found on the page rendered at 72 dpi,
one pixel a point) stands between it and the word before it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from declapp.layout import FormGrid

TOOLS = ("soffice", "pdftotext", "pdftoppm")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")
_FOOTER_WORD = re.compile(r"[第页共\d]+")


def tools_missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def to_pdf(source: Path, workdir: Path) -> Path:
    """*source* printed to PDF by LibreOffice, with a profile of its own."""
    profile = (workdir / "lo-profile").resolve()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(source)],
                   check=True, capture_output=True, timeout=180)
    pdf = workdir / f"{source.stem}.pdf"
    assert pdf.exists(), f"LibreOffice made no PDF of {source.name}"
    return pdf


@dataclass
class Printed:
    pages: int
    head: str  # the text above the table on page 1
    footers: list[str]
    columns: list[list[str]] = field(default_factory=list)  # words per table column


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&amp;", "&"))


def read_pdf(pdf: Path, grid: FormGrid, workdir: Path) -> Printed:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = [[(float(m[1]), float(m[2]), float(m[3]), float(m[4]), _unescape(m[5]))
              for m in _WORD.finditer(page)] for page in xml.split("<page ")[1:]]
    subprocess.run(["pdftoppm", "-r", "72", "-gray", "-png", str(pdf), str(workdir / "p")],
                   check=True)
    images = sorted(workdir.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    pixels = [Image.open(p).convert("L") for p in images]
    height = pixels[0].size[1]
    left, right = _outer_rules(pixels[0])
    total = sum(grid.columns_mm)
    bounds, acc = [], 0.0
    for mm in grid.columns_mm[:-1]:
        acc += mm
        bounds.append(left + (right - left) * acc / total - 2.5)
    printed = Printed(pages=len(pages), head="", footers=[],
                      columns=[[] for _ in grid.columns_mm])
    for number, words in enumerate(pages):
        footer = [w for w in words if w[1] > height - 75 and _FOOTER_WORD.fullmatch(w[4])]
        printed.footers.append("".join(w[4] for w in sorted(footer)))
        # LibreOffice draws a merged cell's text on each page the cell crosses, clipped to
        # the print area: words beyond the margins are not on paper.
        body = [w for w in words if w not in footer and w[1] >= 60 and w[3] <= height - 60]
        if number == 0:
            top = min(w[1] for w in body if w[4].startswith("部门（"))
            above = sorted((w for w in body if w[1] < top - 2), key=lambda w: (w[1], w[0]))
            printed.head = "".join(w[4] for w in above)
            body = [w for w in body if w[1] >= top - 2]
        px = pixels[number].load()
        for line in _lines(body):
            column = 0
            for i, word in enumerate(line):
                if i == 0 or _rule_between(px, line[i - 1], word):
                    column = sum(word[0] > b for b in bounds)
                printed.columns[column].append(word[4])
    return printed


def _outer_rules(image: Image.Image) -> tuple[int, int]:
    px = image.load()
    width, height = image.size
    dark = [x for x in range(width) if sum(px[x, y] < 128 for y in range(height)) > 150]
    return min(dark), max(dark)


def _lines(words):
    lines: list[list] = []
    for word in sorted(words, key=lambda w: ((w[1] + w[3]) / 2, w[0])):
        middle = (word[1] + word[3]) / 2
        if lines and abs((lines[-1][0][1] + lines[-1][0][3]) / 2 - middle) < 4:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line) for line in lines]


def _rule_between(px, before, word) -> bool:
    top, bottom = int(min(before[1], word[1])) + 1, int(max(before[3], word[3]))
    for x in range(int(before[2]) - 1, int(word[0]) + 2):
        if all(px[x, y] < 128 for y in range(top, bottom)):
            return True
    return False


def squeeze_all(text: str) -> str:
    return re.sub(r"\s", "", text)


def column_mismatches(grid: FormGrid, printed: Printed) -> list[str]:
    """Where a column's printed text differs from the grid's cells in that column, in
    order. A label merged over a page break may be printed again on the next page."""
    problems = []
    for col, words in enumerate(printed.columns):
        got = "".join(words)
        pos, previous = 0, ""
        cells = sorted((c for c in grid.cells if c.col == col), key=lambda c: c.row)
        for cell in cells:
            want = squeeze_all(cell.text)
            while previous and not got.startswith(want, pos) and got.startswith(previous, pos):
                pos += len(previous)
            if not got.startswith(want, pos):
                at = next((i for i, (a, b) in enumerate(zip(want, got[pos:], strict=False))
                           if a != b), min(len(want), len(got) - pos))
                problems.append(f"column {'ABCD'[col]}, {cell.location}, character {at}: "
                                f"printed …{got[pos + at:pos + at + 30]!r}, "
                                f"expected …{want[at:at + 30]!r}")
                break
            pos += len(want)
            previous = want if cell.role == "label" else ""
        else:
            while previous and got.startswith(previous, pos):
                pos += len(previous)
            if pos != len(got):
                problems.append(f"column {'ABCD'[col]}: extra text {got[pos:pos + 40]!r}")
    return problems
