"""Start-up time of the frozen app against ``python -m declapp``: until the window is on
screen (Xvfb, xdotool sees it mapped), and a whole ``export --all`` of the example.

``python packaging/startup_time.py FROZEN_DIR [--runs 5]`` prints the medians (run with
the Python of an environment where declapp is installed, e.g. ``.venv/bin/python``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import imtest

EXAMPLE = Path(__file__).resolve().parent.parent / "resources/examples/zhanlanlu-2021.json"


def window_shown(program: Sequence[str], env: dict[str, str], work: Path) -> float:
    """Seconds from start until a window titled with the draft's name is mapped."""
    draft = work / "启动.json"
    shutil.copy(EXAMPLE, draft)
    start = time.monotonic()
    app = subprocess.Popen([*program, str(draft)], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - start < 60:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", draft.name],
                                   env=env, capture_output=True, text=True).stdout.strip()
            if found:
                return time.monotonic() - start
            time.sleep(0.02)
        raise RuntimeError("no window within 60 s")
    finally:
        app.terminate()
        app.wait(timeout=30)


def export_all(program: Sequence[str], env: dict[str, str], work: Path) -> float:
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    start = time.monotonic()
    subprocess.run([*program, "export", str(EXAMPLE), "--all", "--out-dir", str(out)],
                   env=env, check=True, capture_output=True)
    return time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("frozen", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    programs = {"frozen": [str(args.frozen.resolve() / "declapp")],
                "python -m declapp": [sys.executable, "-m", "declapp"]}
    with imtest.fcitx_desktop(fcitx=False) as env, tempfile.TemporaryDirectory() as tmp:
        env = {**env, "DECLAPP_DATA_DIR": str(Path(tmp) / "data")}
        for name, program in programs.items():
            for what, measure in (("window shown", window_shown), ("export --all", export_all)):
                measure(program, env, Path(tmp))  # warm the disk cache first
                times = [measure(program, env, Path(tmp)) for _ in range(args.runs)]
                print(f"{name:18} {what:13} median {statistics.median(times):.2f} s "
                      f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
