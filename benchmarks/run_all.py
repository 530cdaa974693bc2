"""All speed and memory figures in one command: ``python benchmarks/run_all.py``.

Runs each benchmark in its own process (start-up time is part of what is measured)
and prints their tables one after another. ``--with-crash-test`` adds the 100-round
SIGKILL reliability run (a few minutes).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_export.py", "bench_31mb.py", "bench_gui.py", "bench_import.py",
              "bench_templates.py",
              "bench_library.py"]


def main() -> int:
    scripts = list(BENCHMARKS)
    if "--with-crash-test" in sys.argv[1:]:
        scripts.append("crash_test.py")
    failed = 0
    for script in scripts:
        print(f"\n=== {script} ===", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script)]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
