"""Reliability, measured: kill the running app with SIGKILL at random moments, 100 times.

Each round starts the real editor (offscreen) on a copy of a large draft, types into the
goals text, autosaves and saves in a loop, and is killed at a random moment — during an
autosave or a save included. Afterwards:

* the clerk's file must be either the old or a newer *complete* version, never partial;
* every recovery copy must be a readable draft.

    python benchmarks/crash_test.py [--rounds 100] [--seed 1]

Prints the counts; exits 1 if any round lost data. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

TYPED = "字"


def child(user_file: Path, recovery_dir: Path, settings_file: Path) -> None:
    """The app under test: edit, autosave, save, forever (until killed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from declapp.gui.app import create_application
    from declapp.gui.main_window import MainWindow
    from declapp.storage.recovery import RecoveryStore

    app = create_application()
    store = RecoveryStore(recovery_dir)
    store.start()
    window = MainWindow(QSettings(str(settings_file), QSettings.Format.IniFormat),
                        recovery=store)
    window.show()
    assert window.file_actions.open_path(user_file)
    edit = window.editor("goals")
    autosaver = window.autosaver
    assert isinstance(edit, QPlainTextEdit) and autosaver is not None
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    say = sys.stdout
    say.write("ready\n")
    say.flush()
    n = 0
    while True:
        # Chinese arrives from the input method, as on a clerk's PC.
        event = QInputMethodEvent("", [])
        event.setCommitString(TYPED * 3)
        QApplication.sendEvent(edit, event)
        app.processEvents()
        say.write("A>\n")
        say.flush()
        autosaver.autosave_now()
        say.write("A<\n")
        say.flush()
        if n % 3 == 0:
            say.write("S>\n")
            say.flush()
            window.file_actions.save()
            say.write("S<\n")
            say.flush()
        n += 1


def _phase(lines: list[str]) -> str:
    last = lines[-1] if lines else ""
    return {"A>": "autosave", "S>": "save"}.get(last, "typing")


def run_round(rng: random.Random, work: Path, original: Path, base_goals: str) -> dict:
    from declapp.storage.fileformat import DraftError, load
    from declapp.storage.recovery import RecoveryStore

    user_file = work / "申报表.json"
    shutil.copyfile(original, user_file)
    recovery_dir = work / "recovery"
    shutil.rmtree(recovery_dir, ignore_errors=True)
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", str(user_file), str(recovery_dir),
         str(work / "settings.ini")],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        proc.kill()
        raise RuntimeError("the app did not start")
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(rng.uniform(0.05, 2.0))
    phase = _phase(lines)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    saves = lines.count("S<")

    result = {"phase": phase, "saves": saves, "user_ok": False, "user_new": False,
              "copies": 0, "copies_ok": 0}
    try:
        draft = load(user_file)
        typed = draft.texts["goals"][len(base_goals):]
        result["user_ok"] = draft.texts["goals"].startswith(base_goals) and set(typed) <= {TYPED}
        result["user_new"] = bool(typed)
    except DraftError:
        pass
    # A kill in the middle of a save leaves its temp file (the target is untouched).
    temps = list(work.glob(f".{user_file.name}.*.tmp"))
    result["temps"] = len(temps)
    for temp in temps:
        temp.unlink()
    copies = RecoveryStore(recovery_dir).orphaned()
    result["copies"] = len(copies)
    result["copies_ok"] = sum(1 for c in copies if c.readable)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, metavar=("FILE", "RECOVERY", "SETTINGS"))
    args = parser.parse_args()
    if args.child:
        child(*(Path(p) for p in args.child))
        return 0

    from samples import large_draft

    from declapp.storage.fileformat import save

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="declapp-crash-") as tmp:
        work = Path(tmp)
        original = work / "original.json"
        draft = large_draft(items=1000, chars=500_000)
        save(draft, original)
        size_kb = original.stat().st_size // 1024
        print(f"draft: 1,000 items, {size_kb} KB; {args.rounds} rounds of start, type, "
              f"autosave/save, SIGKILL")
        results = []
        started = time.perf_counter()
        for n in range(args.rounds):
            results.append(run_round(rng, work, original, draft.texts["goals"]))
            if (n + 1) % 10 == 0:
                print(f"  {n + 1} rounds …", flush=True)
        elapsed = time.perf_counter() - started
    phases = {p: sum(1 for r in results if r["phase"] == p) for p in ("autosave", "save",
                                                                      "typing")}
    user_ok = sum(r["user_ok"] for r in results)
    user_new = sum(r["user_new"] for r in results)
    copies = sum(r["copies"] for r in results)
    copies_ok = sum(r["copies_ok"] for r in results)
    print(f"killed during autosave: {phases['autosave']}, during save: {phases['save']}, "
          f"while typing: {phases['typing']}")
    print(f"clerk's file complete: {user_ok}/{len(results)} "
          f"(old version {len(results) - user_new}, newer version {user_new})")
    print(f"recovery copies left: {copies}, readable: {copies_ok}/{copies}")
    temps = sum(r["temps"] for r in results)
    print(f"temp files a kill left beside the clerk's file: {temps} "
          "(the next save removes any older than 2 minutes)")
    print(f"time: {elapsed:.1f} s")
    lost = len(results) - user_ok + copies - copies_ok
    print("RESULT: no data lost" if not lost else f"RESULT: {lost} failures")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
