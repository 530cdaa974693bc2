"""Command-line export against LibreOffice: ``python benchmarks/bench_cli.py [--pairs 7]``.

For the 2019 form of a real one's size (``samples.form_2019``), every example draft in
``resources/examples/`` (new templates' examples join by being put there) and the real
2021 form's 监控 and 自评 drafts, in pairs run
one after the other so that both meet the same load:

- ``declapp export DRAFT --all`` (Word, Excel and PDF, the draft embedded, the bundled
  fonts where the checkout has them), a fresh process each time;
- LibreOffice turning the same form's Word file into one PDF (``soffice --headless
  --convert-to pdf``, a fresh process with a profile made before the first pair).

Prints the medians and their ratio (target: declapp at least 8 times faster), the same
for the CPU time of the two processes (less sensitive to other programs on the machine),
the first export with an empty data folder (the parsed-font cache is written then), the
machine's load, and the imports of one export (``python -X importtime``), largest first.
``--callgrind`` adds valgrind's instruction count of one export, a figure that does not
depend on the load at all.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The drafts made for tests and benchmarks (tests/samples.py) are not shipped.
sys.path.insert(0, str(ROOT / "tests"))

from samples import form_2019  # noqa: E402

from declapp.editing.stages import next_stages, to_stage  # noqa: E402
from declapp.export import export_draft  # noqa: E402
from declapp.export.parallel import ONE_PROCESS_ENV  # noqa: E402
from declapp.form.templates import load_template  # noqa: E402
from declapp.storage.fileformat import load, save  # noqa: E402
from declapp.system.paths import example_path, resource_path  # noqa: E402

TARGET_RATIO = 8.0


@dataclass
class Timed:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(cmd: list[str], env: dict[str, str], into: Timed) -> None:
    cpu0, start = children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu0
    if done.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed: {done.stderr[-2000:]}")
    into.add(wall, cpu)


def declapp_cmd(draft: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, *extra, "-m", "declapp", "export", str(draft), "--all",
            "--out-dir", str(out)]


def soffice_cmd(exe: str, docx: Path, out: Path, profile: Path) -> list[str]:
    return [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
            "pdf", "--outdir", str(out), str(docx)]


def drafts(folder: Path) -> dict[str, Path]:
    """The drafts measured: the 2019-size form and every bundled example."""
    found = {"form-2019 (samples)": folder / "form-2019.json"}
    save(form_2019(), found["form-2019 (samples)"])
    for example in sorted(resource_path("examples").glob("*.json")):
        found[f"{example.stem} (example)"] = example
    # The largest stage forms: the real 2021 form's 监控 and 自评 (13 pages each).
    real = load(example_path("zhanlanlu-2021.json"))
    form = load_template(real.template)
    for stage in next_stages(form):
        path = folder / f"zhanlanlu-2021-{stage}.json"
        save(to_stage(real, form, stage), path)
        found[f"zhanlanlu-2021>{stage} (stage)"] = path
    return found


def importtime_top(draft: Path, out: Path, env: dict[str, str], n: int = 12) -> list[str]:
    done = subprocess.run(declapp_cmd(draft, out, "-X", "importtime"), env=env,
                          capture_output=True, text=True, timeout=600)
    rows: list[tuple[int, str]] = []
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m and not m.group(3):  # imported by the program itself, not by another module
            rows.append((int(m.group(2)), m.group(4)))
    rows.sort(reverse=True)
    total = sum(us for us, _ in rows)
    lines = [f"  all imports: {total / 1000:.0f} ms (importtime's own overhead included)"]
    lines += [f"  {us / 1000:7.1f} ms  {name}" for us, name in rows[:n]]
    return lines


def callgrind_count(draft: Path, out: Path, env: dict[str, str], work: Path) -> str:
    exe = shutil.which("valgrind")
    if not exe:
        return "valgrind not installed"
    report = work / "callgrind.out"
    subprocess.run([exe, "--tool=callgrind", f"--callgrind-out-file={report}",
                    *declapp_cmd(draft, out)], env=env, capture_output=True, timeout=3600)
    for line in report.read_text(errors="replace").splitlines():
        if line.startswith("summary:") or line.startswith("totals:"):
            return f"{int(line.split()[1]):,} instructions"
    return "no count"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--no-soffice", action="store_true")
    parser.add_argument("--callgrind", action="store_true")
    args = parser.parse_args(argv)
    soffice = None if args.no_soffice else (shutil.which("soffice") or
                                             shutil.which("libreoffice"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"Python {sys.version.split()[0]}")
    fonts = sorted(p.name for p in resource_path("fonts").glob("*.tt[fc]"))
    print(f"bundled fonts in this checkout: {', '.join(fonts) or 'none (system fonts used)'}")
    forks = hasattr(os, "fork") and os.path.isdir("/proc/self/task")
    print("Word and Excel written by a second process while the PDF is written: "
          + ("yes (this system forks)" if forks else "no (one process)"))
    failed = False
    with tempfile.TemporaryDirectory(prefix="declapp-bench-cli-") as tmp:
        work = Path(tmp)
        # Compiled modules as an installed program has them, whatever this shell says.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["DECLAPP_DATA_DIR"] = str(work / "data")
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "declapp")],
                       env=env, capture_output=True)
        profile = work / "lo-profile"
        measured = drafts(work)
        for name, draft in measured.items():
            out = work / "out"
            docx = work / "form.docx"
            export_draft(load(draft), docx)
            cold, ours, theirs = Timed(), Timed(), Timed()
            shutil.rmtree(work / "data", ignore_errors=True)
            timed_run(declapp_cmd(draft, out), env, cold)  # the font cache is written here
            if soffice and not profile.exists():  # LibreOffice's first start makes a profile
                subprocess.run(soffice_cmd(soffice, docx, work / "lo", profile), env=env,
                               capture_output=True, timeout=600)
            for _ in range(args.pairs):
                timed_run(declapp_cmd(draft, out), env, ours)
                if soffice:
                    timed_run(soffice_cmd(soffice, docx, work / "lo", profile), env, theirs)
            print(f"\n{name}: export --all, {args.pairs} pairs, medians")
            print(f"  declapp export --all  {median(ours.wall):6.3f} s wall  "
                  f"{median(ours.cpu):6.3f} s CPU   (first, empty data folder: "
                  f"{cold.wall[0]:.3f} s)")
            if name == next(iter(measured)) and forks:
                alone = Timed()
                one = dict(env, **{ONE_PROCESS_ENV: "1"})
                for _ in range(args.pairs):
                    timed_run(declapp_cmd(draft, out), one, alone)
                print(f"  in one process (as on Windows): {median(alone.wall):6.3f} s wall  "
                      f"{median(alone.cpu):6.3f} s CPU")
            if soffice:
                ratio = median(theirs.wall) / median(ours.wall)
                cpu_ratio = median(theirs.cpu) / median(ours.cpu)
                print(f"  LibreOffice, one PDF  {median(theirs.wall):6.3f} s wall  "
                      f"{median(theirs.cpu):6.3f} s CPU")
                ok = ratio >= TARGET_RATIO
                failed |= not ok
                print(f"  ratio LibreOffice / declapp: {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU "
                      f"(target >= {TARGET_RATIO:.0f}x: {'OK' if ok else 'NOT MET'})")
        print(f"\nimports of one export --all ({next(iter(measured))}):")
        for line in importtime_top(work / "form-2019.json", work / "out", env):
            print(line)
        if args.callgrind:
            print("\ncallgrind, one export --all of the 2019 form: "
                  + callgrind_count(work / "form-2019.json", work / "out", env, work))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
