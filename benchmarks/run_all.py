"""All speed and memory figures in one command: ``python benchmarks/run_all.py``.

Runs each benchmark in its own process (start-up time is part of what is measured)
and prints their tables one after another. ``--with-crash-test`` adds the 100-round
SIGKILL reliability run (a few minutes); ``--with-hostile`` the hostile files of issue 19
at full size (a minute, and a few GB of temporary files).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_cli.py", "bench_export.py", "bench_31mb.py", "bench_gui.py",
              "bench_import.py", "bench_templates.py", "bench_library.py", "bench_autosave.py"]


def main() -> int:
    scripts = list(BENCHMARKS)
    if "--with-crash-test" in sys.argv[1:]:
        scripts.append("crash_test.py")
    if "--with-hostile" in sys.argv[1:]:
        scripts.append("bench_hostile.py")
    failed = 0
    print(f"machine: {os.cpu_count()} cores shared with other work; load average "
          f"{os.getloadavg()[0]:.2f} at the start")
    for script in scripts:
        print(f"\n=== {script} ===", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script)]) != 0
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
