"""The PDF's document information read without pdfium agrees with pdfium, or does not
answer: an export over our own PDF must not replace a PDF another program saved since."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from declapp.export import export_draft
from declapp.export.ownership import earlier_export
from declapp.export.pdf_info import KEYS, simple_info
from declapp.storage.fileformat import load
from declapp.system.paths import resource_path

EXAMPLES = sorted(resource_path("examples").glob("*.json"))


def filled(info: dict[str, str] | None) -> dict[str, str] | None:
    """pdfium does not tell an empty entry from a missing one."""
    return None if info is None else {k: v for k, v in info.items() if v}


def pdfium_info(path: Path) -> dict[str, str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if k in KEYS}
    finally:
        pdf.close()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_our_exports_are_read_as_pdfium_reads_them(tmp_path: Path, example: Path) -> None:
    target = tmp_path / "表.pdf"
    export_draft(load(example), target)
    info = simple_info(target)
    assert info is not None  # our own PDF: read here, pdfium not needed
    assert info == pdfium_info(target)
    assert info["Creator"].startswith("declapp") and "ReportLab" in info["Producer"]


def test_escaped_and_plain_titles_are_decoded(tmp_path: Path) -> None:
    for title in ("a (b) \\ c\td", "部门（草稿）) \\ (", "line\nbreak", ""):
        target = tmp_path / "t.pdf"
        page = canvas.Canvas(str(target), invariant=1)
        page.setTitle(title)
        page.setCreator("declapp test")
        page.drawString(72, 72, "x")
        page.save()
        info = simple_info(target)
        assert info is not None
        assert filled(info) == pdfium_info(target)


def _resaved(source: Path, target: Path, **writer_options: object) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Producer": "Adobe PDF Library"})
    for option, value in writer_options.items():
        getattr(writer, option)(value)
    with target.open("wb") as fh:
        writer.write(fh)
    return target


def test_a_pdf_saved_again_elsewhere_is_read_rightly_or_left_to_pdfium(
        tmp_path: Path, example_draft: object) -> None:
    ours = tmp_path / "ours.pdf"
    export_draft(example_draft, ours)  # type: ignore[arg-type]
    resaved = _resaved(ours, tmp_path / "resaved.pdf")
    encrypted = _resaved(ours, tmp_path / "encrypted.pdf", encrypt="")
    incremental = tmp_path / "incremental.pdf"
    writer = PdfWriter(ours, incremental=True)
    writer.add_metadata({"/Producer": "WPS PDF"})
    with incremental.open("wb") as fh:
        writer.write(fh)
    assert incremental.read_bytes().startswith(ours.read_bytes())  # appended to ours
    assert simple_info(incremental) is None  # the old dictionary is still in the file
    for path in (resaved, encrypted, incremental):
        info = simple_info(path)
        assert info is None or filled(info) == pdfium_info(path), path.name
        assert not earlier_export(path, example_draft, "pdf")  # type: ignore[arg-type]
    assert earlier_export(ours, example_draft, "pdf")  # type: ignore[arg-type]


def test_damaged_or_foreign_files_give_no_answer_and_no_error(tmp_path: Path,
                                                             example_draft: object) -> None:
    ours = tmp_path / "ours.pdf"
    export_draft(example_draft, ours)  # type: ignore[arg-type]
    data = ours.read_bytes()
    startxref = data.rindex(b"startxref")
    cases = {
        "empty": b"",
        "text": b"%PDF-1.4 another department's form",
        "cut": data[: len(data) // 2],
        "no end": data[:-6],
        "xref pointing nowhere": data[:startxref] + b"startxref\n99999999\n%%EOF\n",
        "xref pointing inside": data[:startxref] + b"startxref\n100\n%%EOF\n",
        "info entry garbled": data.replace(b"/Info ", b"/Info 9999").rstrip(),
    }
    for name, content in cases.items():
        path = tmp_path / f"{len(name)}.pdf"
        path.write_bytes(content)
        assert simple_info(path) in (None, {}), name
        # pdfium answers instead, and may well repair a file that only lost its end.
        ours_still = earlier_export(path, example_draft, "pdf")  # type: ignore[arg-type]
        assert ours_still == (name not in ("empty", "text", "cut") and bool(pdfium_info(path))), name
    assert simple_info(tmp_path / "missing.pdf") is None


def test_exporting_over_our_own_pdf_does_not_load_pdfium(tmp_path: Path,
                                                         example_file: Path) -> None:
    script = (
        "import sys\n"
        "from declapp.cli.commands import main\n"
        "for _ in range(2):\n"
        "    assert main(['export', sys.argv[1], '-o', sys.argv[2]]) == 0\n"
        "print('pypdfium2' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script, str(example_file),
                           str(tmp_path / "表.pdf")], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
