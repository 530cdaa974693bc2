"""Autosave figures: how long writing the recovery copy of a 2019-size form takes.

Run: ``python benchmarks/bench_autosave.py``. The copy is written on the GUI thread a
few seconds after the clerk stops typing (``gui/services/autosave.py``); target: well
under a keystroke's 50 ms, fsync included.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from samples import form_2019

from declapp.storage.fileformat import dumps
from declapp.storage.recovery import RecoveryStore

TARGET_MS = 50.0


def main(runs: int = 50) -> int:
    draft = form_2019()
    with tempfile.TemporaryDirectory() as folder:
        store = RecoveryStore(folder)
        store.start()
        original = Path(folder) / "2019.json"
        times, serialise = [], []
        for n in range(runs):
            draft.texts["goals"] += str(n % 10)  # a keystroke between copies
            t0 = time.perf_counter()
            dumps(draft)
            serialise.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            path = store.write("bench", draft, original)
            times.append((time.perf_counter() - t0) * 1000)
        size = path.stat().st_size
        store.finish()
    times.sort()
    median, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    print(f"form_2019: {draft.item_count()} items, copy {size / 1024:.0f} KiB")
    print(f"recovery copy written (JSON + atomic write + fsync), {runs} runs: "
          f"median {median:.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
          f"(target < {TARGET_MS:.0f} ms)")
    print(f"  of which JSON text: median {statistics.median(serialise):.1f} ms")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
