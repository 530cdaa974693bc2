"""Smoke test of a frozen build: the command line, the three exports, the window.

The same steps for the bundle on this machine, inside a Debian root (chroot) and under
wine. Each program runs with an empty environment but PATH and HOME (``env -i``), as a
clerk's desktop launcher would not give it a developer's variables.

``python packaging/smoke.py BUNDLE_DIR`` tests a Linux onedir here (needs pypdf).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import EXAMPLE, BuildError, log, version

FORMATS = (".docx", ".xlsx", ".pdf")
NO_SCREEN = "没有找到可用的屏幕"


@dataclass
class Runner:
    """How to start the frozen program somewhere: a command prefix, and how a host path
    is named there."""

    name: str
    prefix: list[str]
    env: dict[str, str]
    path: Callable[[Path], str] = str
    window: bool = True  # can the window start here (offscreen)?
    linux: bool = True  # X11/Wayland: without a screen the window must say so
    chinese_output: bool = True  # can the program's output show Chinese here?
    timings: dict[str, float] = field(default_factory=dict)

    def run(self, args: Sequence[str], extra_env: dict[str, str] | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        # The environment is replaced, not extended: ``env -i`` with these variables.
        env = {**self.env, **(extra_env or {})}
        start = time.monotonic()
        # stdin from /dev/null and stdout a pipe: Python under wine dies with "[WinError 6]
        # Invalid handle" otherwise (pitfalls.md).
        done = subprocess.run([*self.prefix, *args], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout)
        self.timings[" ".join(args[:2])] = time.monotonic() - start
        return done

    def start(self, args: Sequence[str], extra_env: dict[str, str]) -> subprocess.Popen[str]:
        return subprocess.Popen([*self.prefix, *args], env={**self.env, **extra_env},
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, errors="replace")


def host_runner(bundle: Path, home: Path) -> Runner:
    return Runner("host", [str(bundle / "declapp")],
                  {"PATH": "/usr/bin:/bin", "HOME": str(home)})


def _expect(done: subprocess.CompletedProcess[str], what: str, code: int = 0) -> str:
    if done.returncode != code:
        raise BuildError(f"smoke test, {what}: exit {done.returncode} (expected {code})\n"
                         f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


def pdf_facts(path: Path) -> dict[str, object]:
    """What the comparison of two PDFs looks at: text, fonts and the properties' font."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts: set[str] = set()
    embedded: set[str] = set()
    programs: set[str] = set()  # sha256 of each embedded font program (subset)
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            font = ref.get_object()
            # Subset fonts are named ABCDEF+Name: the prefix differs per file.
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            fonts.add(name)
            for desc in [font.get("/FontDescriptor")] + [
                    d.get_object().get("/FontDescriptor")
                    for d in font.get("/DescendantFonts", [])]:
                if desc is not None and "/FontFile2" in desc.get_object():
                    embedded.add(name)
                    data = desc.get_object()["/FontFile2"].get_object().get_data()
                    programs.add(hashlib.sha256(data).hexdigest())
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    return {"pages": len(reader.pages), "text": text, "fonts": sorted(fonts),
            "embedded": sorted(embedded), "font_programs": sorted(programs),
            "keywords": str(reader.metadata.get("/Keywords"))}


BUNDLED_FONTS = ("NotoSerifSC-Regular", "Tinos-Regular")  # Chinese; Latin letters and digits


def smoke(runner: Runner, work: Path, expect_fonts: tuple[str, ...] = BUNDLED_FONTS
          ) -> dict[str, object]:
    """Run every step; raise ``BuildError`` at the first that fails. The PDF's facts."""
    log(f"smoke test ({runner.name})")
    out = _expect(runner.run(["--version"]), "--version").strip()
    if out != f"declapp {version()}":
        raise BuildError(f"smoke test: --version said {out!r}")
    draft = work / "草稿.json"
    shutil.copy(EXAMPLE, draft)
    out = _expect(runner.run(["check", runner.path(draft)]), "check")
    # The real form: no errors (the reviewer's hints on vague words are warnings).
    if runner.chinese_output and "0 个错误" not in out:
        raise BuildError(f"smoke test: check said {out!r}")
    exported = work / "导出"
    exported.mkdir(exist_ok=True)
    data = work / "data"
    _expect(runner.run(["export", runner.path(draft), "--all", "--out-dir",
                        runner.path(exported)], {"DECLAPP_DATA_DIR": runner.path(data)},
                       timeout=300), "export --all")
    # The bundled fonts' faces come parsed with the app (font_cache, built by the spec):
    # nothing is parsed and cached in the clerk's data folder.
    cached = sorted(p.name for p in (data / "font-cache").glob("*.rlface")) \
        if (data / "font-cache").is_dir() else []
    if expect_fonts == BUNDLED_FONTS and cached:
        raise BuildError(f"smoke test: the bundled fonts were parsed again: {cached}")
    files = {p.suffix: p for p in exported.iterdir()}
    if sorted(files) != sorted(FORMATS) or min(p.stat().st_size for p in files.values()) < 5000:
        raise BuildError(f"smoke test: export --all made {sorted(p.name for p in files.values())}")
    facts = pdf_facts(files[".pdf"])
    if "北京市西城区人民政府展览路街道办事处" not in str(facts["text"]):
        raise BuildError("smoke test: the PDF lacks the department's name")
    for font in expect_fonts:
        if font not in str(facts["keywords"]) or not any(font in f for f in facts["embedded"]):
            raise BuildError(f"smoke test: the PDF does not embed {font}: {facts}")
    if runner.window:
        _window(runner, draft)
    log(f"smoke test ({runner.name}) passed: {facts['pages']} PDF pages, "
        f"fonts {facts['fonts']}")
    return facts


def _window(runner: Runner, draft: Path) -> None:
    """No screen: the Chinese sentence; offscreen: the window stays up for 3 seconds."""
    if runner.linux:
        done = runner.run([runner.path(draft)])
        if done.returncode != 1 or NO_SCREEN not in done.stderr:
            raise BuildError(f"smoke test, no screen: exit {done.returncode}, {done.stderr!r}")
    proc = runner.start([runner.path(draft)], {"QT_QPA_PLATFORM": "offscreen"})
    try:
        code = proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        if proc.poll() is None:
            proc.terminate()
        _out, err = proc.communicate(timeout=30)
    if code is not None:
        raise BuildError(f"smoke test: the window ended within 3 s (exit {code}): {err[-2000:]}")
    if re.search(r"Traceback|程序内部错误|cannot open shared object", err):
        raise BuildError(f"smoke test: the window wrote errors: {err[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--no-font", action="store_true", help="the bundle has no font")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        runner = host_runner(args.bundle.resolve(), Path(tmp))
        try:
            smoke(runner, Path(tmp), () if args.no_font else BUNDLED_FONTS)
        except BuildError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    sys.exit(main())
