"""Shared by the build steps: where things go, running commands, checked downloads, sizes.

Only the standard library: build.py runs under any Python 3.11 and makes its own
environments for the rest.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import time
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build" / "packaging"  # small work files, git-ignored
# Downloads, the Debian roots and the wine prefix: gigabytes, kept outside the checkout.
CACHE = Path(os.environ.get("DECLAPP_PACK_CACHE")
             or Path.home() / ".cache" / "declapp-packaging")
EXAMPLE = ROOT / "resources" / "examples" / "zhanlanlu-2021.json"


class BuildError(Exception):
    """A step failed; the message says which and why."""


def version() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return str(project["version"])


def log(text: str) -> None:
    print(f"[build] {text}", flush=True)


def run(cmd: Sequence[str | Path], *, env: Mapping[str, str] | None = None,
        cwd: Path | None = None, check: bool = True, capture: bool = False,
        stdin: int | None = subprocess.DEVNULL, timeout: float | None = None,
        quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run *cmd*, echoing it; raise ``BuildError`` with its output when it fails."""
    args = [str(c) for c in cmd]
    if not quiet:
        log("+ " + shlex.join(args))
    full_env = None if env is None else {**os.environ, **env}
    try:
        done = subprocess.run(args, env=full_env, cwd=cwd, text=True, stdin=stdin,
                              capture_output=capture, timeout=timeout,
                              encoding="utf-8", errors="replace")
    except FileNotFoundError as exc:
        raise BuildError(f"{args[0]} is not installed ({exc})") from None
    except subprocess.TimeoutExpired:
        raise BuildError(f"timed out after {timeout} s: {shlex.join(args)}") from None
    if check and done.returncode != 0:
        detail = (done.stdout or "")[-3000:] + (done.stderr or "")[-3000:] if capture else ""
        raise BuildError(f"exit {done.returncode}: {shlex.join(args)}\n{detail}")
    return done


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, sha256: str) -> Path:
    """*path* if its sha256 is the pinned one; else the file is removed and the build stops."""
    actual = sha256_of(path)
    if actual != sha256:
        path.unlink()
        raise BuildError(f"{path.name}: sha256 {actual}, pinned {sha256} — refusing it")
    return path


def size_text(path: Path) -> str:
    size = tree_size(path)
    return f"{size / 2**20:.1f} MiB ({size / 1e6:.1f} MB)"


def tree_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


@contextmanager
def timed(what: str, record: dict[str, float] | None = None) -> Iterator[None]:
    start = time.monotonic()
    yield
    seconds = time.monotonic() - start
    log(f"{what}: {seconds:.0f} s")
    if record is not None:
        record[what] = seconds


def need_tools(*tools: str, packages: Sequence[str] = ()) -> None:
    """Stop early, naming the Debian packages, when a host tool is missing; as root with
    apt, install them (after ``apt-get update``)."""
    missing = [t for t in tools if shutil.which(t) is None]
    if not missing and not packages:
        return
    if packages and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        run(["apt-get", "update", "-q"], env=env)
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages], env=env)
        missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise BuildError(f"missing tools: {', '.join(missing)} "
                         f"(Debian packages: {' '.join(packages)}; see packaging/README.md)")
