"""Export benchmark: ``python benchmarks/bench_export.py``.

Exports every bundled example (``resources/examples``: new templates' examples join by
being put there) and a generated form of 1,000 items and 500,000
characters (``samples.large_draft``) to Word, Excel and PDF in this process,
and prints wall times and memory: the Python heap's peak (tracemalloc, in a second run
so that tracing does not slow the timed one) and, since lxml and reportlab allocate
outside Python's heap, the peak resident memory an export adds to a fresh process
(VmHWM after a reset, one child process per form and format; Linux only). Where LibreOffice is
installed, the large form's .docx is also converted to PDF by ``soffice --headless``
and compared with our PDF time.

Targets on a 2-core machine: the example in all three formats under 1 s in one process
(first exports included: imports, font discovery); the 1,000-item form under 5 s.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from samples import large_draft

from declapp.export import FORMATS, export_draft
from declapp.layout import build_layout
from declapp.storage.fileformat import load
from declapp.system.paths import resource_path

EXAMPLE_TARGET_S = 1.0
LARGE_TARGET_S = 5.0


@dataclass
class Result:
    form: str
    fmt: str
    seconds: float | None = None
    peak_mb: float | None = None
    size_kb: float | None = None
    note: str = ""
    rss_mb: float | None = None


def writer_available(fmt: str) -> str:
    """'' when the writer for *fmt* can be imported, else why not."""
    try:
        importlib.import_module(f"declapp.export.{FORMATS[fmt]}")
    except ImportError as exc:
        return f"not available ({exc.name or exc})"
    return ""


def run_one(form: str, draft, fmt: str, folder: Path, memory: bool) -> Result:
    why = writer_available(fmt)
    if why:
        return Result(form, fmt, note=why)
    target = folder / f"{form}.{fmt}"
    start = time.perf_counter()
    result = export_draft(draft, target)
    seconds = time.perf_counter() - start
    peak = None
    if memory:
        tracemalloc.start()
        export_draft(draft, folder / f"{form}-traced.{fmt}")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    note = f"{len(result.warnings)} warning(s)" if result.warnings else ""
    return Result(form, fmt, seconds, peak, target.stat().st_size / 1024, note)


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def examples() -> dict[str, Path]:
    return {p.stem: p for p in sorted(resource_path("examples").glob("*.json"))}


def rss_child(form: str, fmt: str, items: int, chars: int) -> None:
    """In a fresh process: how far resident memory rises above its level before an export."""
    draft = large_draft(items, chars) if form == "large" else load(examples()[form])
    build_layout(draft)  # imports and the draft itself belong to the baseline
    importlib.import_module(f"declapp.export.{FORMATS[fmt]}")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak (VmHWM) to now
    before = _status_kib("VmRSS")
    with tempfile.TemporaryDirectory() as tmp:
        export_draft(draft, Path(tmp) / f"x.{fmt}")
    print((_status_kib("VmHWM") - before) / 1024)


def rss_mb(form: str, fmt: str, items: int, chars: int) -> float | None:
    try:
        out = subprocess.run([sys.executable, __file__, "--rss-child", form, fmt,
                              "--items", str(items), "--chars", str(chars)],
                             capture_output=True, text=True, timeout=600, check=True)
        return float(out.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def soffice_convert(docx: Path, folder: Path, timeout: float) -> tuple[float | None, str]:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return None, "LibreOffice not installed"
    if not docx.exists():
        return None, "no .docx to convert"
    profile = folder / "lo-profile"
    out = folder / "soffice"
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(out), str(docx)]
    start = time.perf_counter()
    try:
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    if not (out / f"{docx.stem}.pdf").exists():
        return None, "conversion failed"
    return seconds, ""


def fmt_cell(value: float | None, pattern: str) -> str:
    return pattern.format(value) if value is not None else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=500_000)
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice")
    parser.add_argument("--soffice-timeout", type=float, default=900)
    parser.add_argument("--rss-child", nargs=2, metavar=("FORM", "FORMAT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_child:
        form, fmt = args.rss_child
        rss_child(form, fmt, args.items, args.chars)
        return 0

    drafts = {name: load(path) for name, path in examples().items()}
    large = large_draft(items=args.items, chars=args.chars)
    n_chars = sum(len(c.text) for c in build_layout(large).cells)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="declapp-bench-") as tmp:
        folder = Path(tmp)
        # The first example first, timed cold: this is what a clerk's first export costs.
        example_total = 0.0
        for n, (name, draft) in enumerate(drafts.items()):
            cold_start = time.perf_counter()
            for fmt in FORMATS:
                results.append(run_one(name, draft, fmt, folder, memory=False))
            if n == 0:
                example_total = time.perf_counter() - cold_start
            for fmt in FORMATS:
                traced = run_one(name, draft, fmt, folder, memory=True)
                for r in results:
                    if r.form == name and r.fmt == fmt:
                        r.peak_mb = traced.peak_mb
        large_total = 0.0
        for fmt in FORMATS:
            r = run_one("large", large, fmt, folder, memory=True)
            large_total += r.seconds or 0.0
            results.append(r)
        if sys.platform.startswith("linux"):
            for r in results:
                r.rss_mb = rss_mb(r.form, r.fmt, args.items, args.chars)
        soffice_s, soffice_note = (None, "skipped")
        if not args.no_soffice:
            soffice_s, soffice_note = soffice_convert(folder / "large.docx", folder,
                                                      args.soffice_timeout)

    print(f"Python {sys.version.split()[0]}; large form: {large.item_count()} items, "
          f"{n_chars} characters\n")
    width = max(8, *(len(name) for name in drafts))
    header = (f"{'form':<{width}} {'format':<6} {'time s':>8} {'py heap MB':>10} {'+RSS MB':>8} "
              f"{'size KB':>9}  note")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r.form:<{width}} {r.fmt:<6} {fmt_cell(r.seconds, '{:.3f}'):>8} "
              f"{fmt_cell(r.peak_mb, '{:.1f}'):>10} {fmt_cell(r.rss_mb, '{:.1f}'):>8} "
              f"{fmt_cell(r.size_kb, '{:.0f}'):>9}  {r.note}")
    print()
    ok = "OK" if example_total < EXAMPLE_TARGET_S else "OVER TARGET"
    print(f"{next(iter(drafts))}, all formats, first exports in this process: "
          f"{example_total:.3f} s "
          f"(target < {EXAMPLE_TARGET_S:.0f} s: {ok})")
    for r in results:
        if r.form == "large" and r.seconds is not None:
            ok = "OK" if r.seconds < LARGE_TARGET_S else "OVER TARGET"
            print(f"large form, {r.fmt}: {r.seconds:.3f} s (target < {LARGE_TARGET_S:.0f} s: {ok})")
    print(f"large form, all formats: {large_total:.3f} s")
    ours = next((r.seconds for r in results if r.form == "large" and r.fmt == "pdf"), None)
    if soffice_s is not None and ours:
        print(f"large form to PDF: declapp {ours:.3f} s | soffice from .docx {soffice_s:.1f} s "
              f"| ratio soffice/declapp {soffice_s / ours:.1f}x")
    else:
        print(f"soffice .docx -> PDF: {soffice_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
