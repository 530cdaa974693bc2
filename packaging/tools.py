"""The build's own Python environment (build/packaging/venv): the pinned app wheels,
PyInstaller, and pypdf for the smoke test's PDF checks; and the declapp wheel itself.

The frozen app takes its declapp from a wheel of this checkout, not an editable install,
so its metadata (the version) is this checkout's.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import venv
from pathlib import Path

from common import BUILD, ROOT, BuildError, log, run
from fetch import BUILD_REQUIREMENTS, FROZEN_REQUIREMENTS

VENV = BUILD / "venv"
EXTRA = ["pypdf==7.1.0"]  # smoke test only; never in the bundle


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted() -> str:
    text = "".join(p.read_text(encoding="utf-8") for p in (FROZEN_REQUIREMENTS,
                                                            BUILD_REQUIREMENTS))
    return hashlib.sha256((text + " ".join(EXTRA)).encode()).hexdigest()


def ensure_venv() -> Path:
    """The tools environment, made or refreshed when the requirements changed."""
    if sys.version_info[:2] != (3, 11):
        raise BuildError(f"build.py needs Python 3.11 (this is {sys.version.split()[0]})")
    marker = VENV / ".declapp-requirements"
    if marker.is_file() and marker.read_text().strip() == _wanted():
        return venv_python()
    log(f"making the build environment {VENV}")
    shutil.rmtree(VENV, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(VENV)
    run([venv_python(), "-m", "pip", "install", "-q", "-r", FROZEN_REQUIREMENTS,
         "-r", BUILD_REQUIREMENTS, *EXTRA], capture=True, timeout=1800)
    marker.write_text(_wanted() + "\n")
    return venv_python()


def pip() -> list[str]:
    return [str(venv_python()), "-m", "pip"]


def declapp_wheel() -> Path:
    """A wheel of this checkout in build/packaging/wheel (made fresh every time)."""
    folder = BUILD / "wheel"
    shutil.rmtree(folder, ignore_errors=True)
    run([*pip(), "wheel", "-q", "--no-deps", "-w", folder, ROOT], capture=True, timeout=600)
    # setuptools leaves its build/lib copy in the checkout's build/: not ours to keep.
    shutil.rmtree(ROOT / "build" / "lib", ignore_errors=True)
    shutil.rmtree(ROOT / "build" / "bdist.linux-x86_64", ignore_errors=True)
    wheels = list(folder.glob("declapp-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one declapp wheel in {folder}, found {wheels}")
    return wheels[0]
