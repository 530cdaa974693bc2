"""Hostile files at full size: ``python benchmarks/bench_hostile.py``.

The largest file of each kind from issue 19 (a document part that unpacks to 190 MB, a
custom XML part of 45 million elements, a PDF carrying a 1 GB attached file, a grid span
of a billion, one merge over a whole sheet, entity tricks, tables nested 1,000 deep, a
Word cell of 12 million characters, amounts of a billion digits, a draft of a million
empty items) is run through the command line in a fresh process, and its wall time,
peak resident memory (``/usr/bin/time``) and exit code are printed. The tests build the
same files small (``tests/importing/hostile.py``); here they show the bound at the size
that once took minutes or gigabytes.

``--code DIR`` runs another checkout's ``declapp`` (an older commit, for the figures
before a fix); ``--only NAME`` one case. Each run is stopped at ``--timeout`` seconds
and ``--memory`` GB of address space, so that a case that never ends cannot take the
machine with it: it prints as stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "importing")]

import hostile  # noqa: E402
from samples import form_2019  # noqa: E402

from declapp.export import export_draft  # noqa: E402


def _v1_draft(**changes: object) -> dict:
    """The real 2021 form as a version 1 file (every release reads it)."""
    data = json.loads((ROOT / "resources" / "examples" / "zhanlanlu-2021.json")
                      .read_text(encoding="utf-8"))
    assert data["version"] == 1
    data.update(changes)
    return data


def _json_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _amount(folder: Path, name: str, literal: str) -> Path:
    text = json.dumps(_v1_draft(), ensure_ascii=False).replace(
        '"total": "41421.22"', f'"total": {literal}')
    return _json_file(folder, name, text)


def _empty_items(folder: Path, count: int = 1_000_000) -> Path:
    data = _v1_draft()
    data["version"] = 2  # items of version 2 may leave every key out
    data["indicators"][0]["categories"][0]["items"] = [{}] * count
    return _json_file(folder, f"empty-items-{count}.json",
                      json.dumps(data, separators=(",", ":")))


def _long_cell(folder: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("部门整体支出绩效目标申报表")
    table = document.add_table(rows=3, cols=2)
    for row, (label, text) in enumerate([("部门（单位）名称", "某街道"),
                                         ("部门（单位）绩效目标", "目标"),
                                         ("其他说明的问题", "说" * 12_000_000)]):
        table.cell(row, 0).text, table.cell(row, 1).text = label, text
    path = folder / "long-cell.docx"
    document.save(str(path))
    return path


Case = tuple[str, Callable[[Path, dict[str, Path]], Path], str]

CASES: list[Case] = [
    ("docx document.xml 190 MB", lambda f, o: hostile.inflated_document(
        o["docx"], f / "inflated.docx", 190), "import"),
    ("docx custom part 45M elements", lambda f, o: hostile.many_elements_custom_part(
        o["docx"], f / "elements.docx", 45_000_000), "import"),
    ("pdf attachment 1 GB", lambda f, o: hostile.pdf_with_attachment(
        form_2019(), f / "attached.pdf", 1024), "import"),
    ("docx gridSpan 1000000000", lambda f, o: hostile.with_grid_attributes(
        o["docx"], f / "span.docx", "1000000000"), "import"),
    ("docx gridSpan 2^31-1, gridBefore 1e20", lambda f, o: hostile.with_grid_attributes(
        o["docx"], f / "span2.docx", "2147483647", "99999999999999999999"), "import"),
    ("xlsx merge A1:XFD1048576", lambda f, o: hostile.with_merge(
        o["xlsx"], f / "merge.xlsx", "A1:XFD1048576"), "import"),
    ("docx billion laughs", lambda f, o: hostile.with_doctype(
        o["docx"], f / "laughs.docx", hostile.BILLION_LAUGHS), "import"),
    ("docx external DTD", lambda f, o: hostile.with_doctype(
        o["docx"], f / "dtd.docx", hostile.EXTERNAL_DTD), "import"),
    ("docx tables nested 1,000 deep", lambda f, o: hostile.nested_tables(
        o["docx"], f / "nested.docx", 1000), "import"),
    ("docx cell of 12M characters", lambda f, o: _long_cell(f), "import"),
    ("draft amount 1e999999999", lambda f, o: _amount(f, "big.json", "1e999999999"),
     "export"),
    ("draft amount 1e-999999999", lambda f, o: _amount(f, "small.json", "1e-999999999"),
     "export"),
    ("draft 1,000,000 empty items", lambda f, o: _empty_items(f), "check"),
    ("draft 149,000 empty items (within the limit)",
     lambda f, o: _empty_items(f, 149_000), "check"),
]


def _limits(memory_gb: float) -> Callable[[], None]:
    def apply() -> None:
        size = int(memory_gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return apply


def run_case(source: Path, command: str, folder: Path, code: Path | None, timeout: float,
             memory_gb: float) -> str:
    out = folder / "out"
    out.mkdir(exist_ok=True)
    args = {"import": ["import", str(source), "-o", str(out / "d.json"), "--force"],
            "export": ["export", str(source), "-o", str(out / "form.pdf"), "--force"],
            "check": ["check", str(source)]}[command]
    if code is not None and command == "export":
        args = args[:-1]  # releases before --force
    timer = shutil.which("time") or "/usr/bin/time"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    if code is not None:
        env["PYTHONPATH"] = str(code)
    report = folder / "time.txt"
    try:
        done = subprocess.run([timer, "-f", "%e %M", "-o", str(report), sys.executable, "-m",
                               "declapp", *args], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", env=env, timeout=timeout,
                              preexec_fn=_limits(memory_gb),
                              cwd=folder)  # not a checkout: "-m" would import from there
    except subprocess.TimeoutExpired:
        return f"stopped after {timeout:.0f} s"
    seconds, kb = report.read_text().split()[-2:]
    said = (done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or [""])[-1]
    if "MemoryError" in done.stderr or done.returncode in (-9, 137):
        said = f"out of memory (the {memory_gb:.0f} GB cap) {said}"
    return f"{float(seconds):7.1f} s {int(kb) / 1024:8.0f} MB  exit {done.returncode}  {said[:90]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="a checkout's folder holding declapp/")
    parser.add_argument("--only", help="run the cases whose name holds this")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--memory", type=float, default=8, help="GB of address space")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="declapp-hostile-") as tmp:
        folder = Path(tmp)
        ours = {}
        for fmt in ("docx", "xlsx"):
            ours[fmt] = folder / f"ours.{fmt}"
            export_draft(form_2019(), ours[fmt])
        print(f"{'case':<40} {'time':>9} {'peak':>11}  result")
        for name, make, command in CASES:
            if args.only and args.only not in name:
                continue
            source = make(folder, ours)
            print(f"{name:<40}", run_case(source, command, folder, args.code, args.timeout,
                                           args.memory), flush=True)
            source.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
