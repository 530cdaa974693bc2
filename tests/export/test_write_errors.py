"""Every writer, when the file cannot be written: a Chinese message, the old file kept,
no temp file left behind."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from form_cases import example

from declapp.export import FORMATS, export_draft
from declapp.storage.atomic import WriteError

FORMAT_IDS = sorted(FORMATS)


_EXPORT_AND_SAY = """
import sys
from form_cases import example
from declapp.storage.atomic import WriteError
from declapp.export import export_draft
try:
    export_draft(example(), sys.argv[1])
except WriteError as exc:
    print(exc.message)
"""


def _export_as_a_clerk(target) -> str:
    """Export to *target* without root's power to ignore permissions; the error message.

    Root (CI runs as root) writes into any folder; a child process without the
    capabilities that allow it meets the folder's permission bits like a clerk does.
    """
    command = [sys.executable, "-c", _EXPORT_AND_SAY, str(target)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux) to drop its rights")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).parent), str(Path(__file__).parents[1]),
         os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("fmt", FORMAT_IDS)
def test_read_only_folder_gives_chinese_error_and_keeps_the_old_file(tmp_path, fmt):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / f"f.{fmt}"
    target.write_bytes(b"old")
    folder.chmod(0o555)
    try:
        message = _export_as_a_clerk(target)
    finally:
        folder.chmod(0o755)
    assert message.startswith(f"无法写入“f.{fmt}”")
    assert "只读" in message or "没有权限" in message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == [f"f.{fmt}"]


@pytest.mark.parametrize("fmt", FORMAT_IDS)
def test_locked_target_gives_chinese_error_and_keeps_the_old_file(tmp_path, monkeypatch, fmt):
    # Windows refuses to replace a file Word, Excel or WPS holds open (a sharing
    # violation), which Python reports as PermissionError from os.replace.
    target = tmp_path / f"f.{fmt}"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "locked", str(dst))

    monkeypatch.setattr("declapp.storage.atomic.os.replace", locked)
    with pytest.raises(WriteError) as info:
        export_draft(example(), target)
    assert "被占用" in info.value.message
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"f.{fmt}"]  # no temp file left


@pytest.mark.parametrize("fmt", FORMAT_IDS)
def test_folder_that_is_a_file_gives_chinese_error(tmp_path, fmt):
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"x")
    with pytest.raises(WriteError) as info:
        export_draft(example(), blocker / f"f.{fmt}")
    assert info.value.message.startswith("无法写入")
    assert blocker.read_bytes() == b"x"


@pytest.mark.parametrize("fmt", FORMAT_IDS)
def test_a_folder_in_the_targets_place_is_left_untouched(tmp_path, fmt):
    target = tmp_path / f"form.{fmt}"
    target.mkdir()
    (target / "inside.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(WriteError) as info:
        export_draft(example(), target)
    assert f"form.{fmt}" in info.value.message
    assert (target / "inside.txt").read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"form.{fmt}"]


@pytest.mark.parametrize("fmt", FORMAT_IDS)
def test_a_read_only_export_is_not_replaced(tmp_path, fmt):
    from declapp.storage.atomic import ReadOnlyFileError

    target = tmp_path / f"f.{fmt}"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyFileError) as info:
            export_draft(example(), target)
    finally:
        target.chmod(0o644)
    assert "只读" in info.value.message
    assert target.read_bytes() == b"old"



FULL_DISK = r"""
import resource, signal, sys
from pathlib import Path
from declapp.storage.fileformat import load, save
from declapp.export import export_draft
from declapp.storage.atomic import WriteError
draft = load(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
for name in sys.argv[2:]:
    try:
        if name.endswith(".json"):
            save(draft, Path(name))
        else:
            export_draft(draft, Path(name))
    except WriteError as exc:
        print(exc.message, flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "setrlimit") and os.name != "posix",
                    reason="file size limits are POSIX")
def test_a_disk_that_fills_up_gives_the_message_and_nothing_else(tmp_path, example_file):
    import subprocess
    import sys

    names = [str(tmp_path / f"f.{ext}") for ext in ("docx", "xlsx", "pdf", "json")]
    big = tmp_path / "big.json"
    from samples import large_draft

    from declapp.storage.fileformat import save

    save(large_draft(100, 60_000), big)
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(big), *names],
                            capture_output=True, text=True, encoding="utf-8", timeout=300,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and all(line.startswith("无法写入") for line in lines), lines
    assert all("太大" in line for line in lines)
    assert result.stderr == ""  # no "Exception ignored in: ZipFile.__del__"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json"]
