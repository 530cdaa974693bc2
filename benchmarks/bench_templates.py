"""Every bundled template's example draft: ``python benchmarks/bench_templates.py``.

For each ``resources/examples/*.json`` (a filled form of its template), and the 监控 and
自评 drafts made from those that go on through the year, in this process:
the check, the layout, each export (Word, Excel, PDF, the draft embedded) and the import
of each export, with and without the embedded draft (the text read back). Prints the
best of a few runs and the pages of the PDF. Target: each export and import under 1 s.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdf

from declapp.checks import check_draft
from declapp.editing.stages import next_stages, to_stage
from declapp.export import ExportOptions, export_draft
from declapp.form.model import Draft
from declapp.form.templates import load_template
from declapp.importing import import_file
from declapp.layout import build_layout
from declapp.storage.fileformat import load
from declapp.system.paths import resource_path

RUNS = 3
TARGET_S = 1.0


def best(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def drafts() -> list[tuple[str, Draft]]:
    out = []
    for path in sorted(Path(resource_path("examples")).glob("*.json")):
        draft = load(path)
        out.append((path.stem, draft))
        for stage in next_stages(load_template(draft.template)):
            out.append((f"{path.stem}>{stage}", to_stage(draft, load_template(draft.template),
                                                         stage)))
    return out


def main() -> int:
    print(f"{'draft':<22} {'template':<19} {'items':>5} {'check':>6} {'layout':>6} "
          f"{'docx':>6} {'xlsx':>6} {'pdf':>6} {'pages':>5} {'in docx':>7} {'in xlsx':>7} "
          f"{'in pdf':>7} {'text pdf':>8}   (seconds)")
    slow = []
    with tempfile.TemporaryDirectory() as folder:
        for name, draft in drafts():
            row = [best(partial(check_draft, draft)), best(partial(build_layout, draft))]
            files: dict[str, Path] = {}
            for fmt in ("docx", "xlsx", "pdf"):
                target = Path(folder) / f"{draft.template}-{len(files)}.{fmt}"
                row.append(best(partial(export_draft, draft, target)))
                files[fmt] = target
            pages = len(pypdf.PdfReader(files["pdf"]).pages)
            imports = [best(partial(import_file, files[fmt])) for fmt in files]
            bare = Path(folder) / f"{draft.template}-bare.pdf"
            export_draft(draft, bare, options=ExportOptions(embed_draft=False))
            imports.append(best(partial(import_file, bare)))
            figures = [*row, *imports]
            slow += [name for t in figures[2:] if t > TARGET_S]
            cells = " ".join(f"{t:>6.2f}" for t in row)
            ins = " ".join(f"{t:>7.2f}" for t in imports[:3]) + f" {imports[3]:>8.2f}"
            print(f"{name:<22} {draft.template:<19} {draft.item_count():>5} {cells} "
                  f"{pages:>5} {ins}")
    print(f"target: every export and import under {TARGET_S:.0f} s — "
          + ("met" if not slow else f"missed by {', '.join(sorted(set(slow)))}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
