"""The largest drafts the loader takes, exported: ``python benchmarks/bench_31mb.py``.

Three draft files of about 31 MB (the loader refuses more than 32 MB), each of a shape
that once broke an exporter (issue 9):

- ``mixed``: 20,000 items over 1,250 groups, and goals, functions and notes of one
  paragraph of a million characters each (``samples.bulky_draft()``);
- ``giant``: goals, functions and notes of 3.4 million characters, one paragraph each;
- ``items``: 100,000 short items (25,000 table rows).

Each is loaded from its file and exported to Word, Excel and PDF, each export in a fresh
process, timed from the loaded draft to the written file; the process's peak resident
memory (VmHWM, Linux) includes the loaded draft. Target for every format and shape:
under 15 s and under 1 GB (issue 20). The machine's load is printed with the figures:
on a shared machine the wall times stretch with it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

TARGET_S = 15.0
TARGET_MB = 1024.0
SHAPES: dict[str, dict[str, Any]] = {
    "mixed": {},
    "giant": {"items": 0, "long_text_chars": 3_400_000},
    "items": {"items": 100_000, "long_text_chars": 0},
}
FORMATS = ("docx", "xlsx", "pdf")


def peak_mb() -> float:
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(draft_file: str, fmt: str) -> None:
    """In a fresh process: load, export, print seconds, peak MB and MB after loading."""
    from declapp.export import export_draft
    from declapp.storage.fileformat import load

    draft = load(draft_file)
    loaded = peak_mb()
    with tempfile.TemporaryDirectory() as tmp:
        start, cpu = time.perf_counter(), time.process_time()
        export_draft(draft, Path(tmp) / f"x.{fmt}")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{seconds:.2f} {cpu:.2f} {peak_mb():.0f} {loaded:.0f}")


def make_drafts(folder: Path) -> dict[str, Path]:
    from samples import bulky_draft

    from declapp.storage.fileformat import save

    files = {}
    for name, options in SHAPES.items():
        path = folder / f"{name}.json"
        draft = bulky_draft(**options)
        save(draft, path)
        files[name] = path
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("DRAFT", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    over = 0
    with tempfile.TemporaryDirectory(prefix="declapp-31mb-") as tmp:
        files = make_drafts(Path(tmp))
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
        header = (f"{'draft':<7} {'MB':>5} {'format':<6} {'time s':>8} {'CPU s':>7} "
                  f"{'peak MB':>8} {'loaded MB':>9}  target")
        print(header)
        print("-" * len(header))
        for name, path in files.items():
            size = path.stat().st_size / 1e6
            for fmt in FORMATS:
                try:
                    done = subprocess.run([sys.executable, __file__, "--child", str(path), fmt],
                                          capture_output=True, text=True, timeout=args.timeout,
                                          check=True)
                    seconds, cpu, peak, loaded = map(float, done.stdout.split()[-4:])
                except (subprocess.SubprocessError, ValueError) as exc:
                    print(f"{name:<7} {size:>5.1f} {fmt:<6} failed: {exc}")
                    over += 1
                    continue
                ok = seconds < TARGET_S and peak < TARGET_MB
                over += not ok
                print(f"{name:<7} {size:>5.1f} {fmt:<6} {seconds:>8.2f} {cpu:>7.2f} {peak:>8.0f} "
                      f"{loaded:>9.0f}  {'OK' if ok else 'OVER TARGET'}"
                      f"  (load {os.getloadavg()[0]:.1f})")
    print(f"\ntarget: each export under {TARGET_S:.0f} s and {TARGET_MB:.0f} MB peak")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
