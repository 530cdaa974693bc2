"""The draft MIME type the .deb installs: a draft is application/x-declapp-draft, any other
JSON file stays application/json (a plain *.json glob would claim them all).

The type is compiled with shared-mime-info's update-mime-database into a temporary data
folder, then asked of GIO (what file managers use) and of Qt's QMimeDatabase.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from declapp.system.paths import example_path

ROOT = Path(__file__).resolve().parent.parent
MIME_XML = ROOT / "packaging" / "linux" / "declapp.xml"
DRAFT_TYPE = "application/x-declapp-draft"

pytestmark = pytest.mark.skipif(shutil.which("update-mime-database") is None,
                                reason="shared-mime-info (update-mime-database) not installed")


@pytest.fixture(scope="module")
def mime_env(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("xdg")
    packages = base / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages / "declapp.xml")
    subprocess.run(["update-mime-database", str(base / "share" / "mime")], check=True,
                   capture_output=True, timeout=120)
    (base / "home").mkdir()
    env = dict(os.environ)
    env.update(XDG_DATA_DIRS=f"{base / 'share'}:/usr/share", XDG_DATA_HOME=str(base / "home"))
    return env


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    draft = folder / "2021年草稿.json"
    shutil.copy(example_path("zhanlanlu-2021.json"), draft)
    plain = folder / "settings.json"
    plain.write_text(json.dumps({"name": "不是草稿", "format": "other"}, indent=2),
                     encoding="utf-8")
    compact = folder / "compact.json"
    compact.write_text('{"format":"declapp.form","version":1}', encoding="utf-8")
    mention = folder / "mention.json"  # names the format, but not as its first key
    mention.write_text(json.dumps({"notes": "x" * 80, "format": "declapp.form"}),
                       encoding="utf-8")
    return {"draft": draft, "plain": plain, "compact": compact, "mention": mention}


EXPECTED = {"draft": DRAFT_TYPE, "compact": DRAFT_TYPE, "plain": "application/json",
            "mention": "application/json"}


def test_the_mime_package_compiles(mime_env) -> None:
    base = Path(mime_env["XDG_DATA_DIRS"].split(":")[0])
    assert (base / "mime" / "application" / "x-declapp-draft.xml").is_file()


@pytest.mark.skipif(shutil.which("gio") is None, reason="GIO's gio tool not installed")
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_gio_tells_drafts_from_json(mime_env, files, name) -> None:
    out = subprocess.run(["gio", "info", "-a", "standard::content-type", str(files[name])],
                         env=mime_env, capture_output=True, text=True, check=True,
                         timeout=60).stdout
    assert f"standard::content-type: {EXPECTED[name]}" in out


def test_qt_tells_drafts_from_json(mime_env, files) -> None:
    # A fresh process: Qt reads the MIME database once, from XDG_DATA_DIRS at start.
    code = ("import json, sys\nfrom PySide6.QtCore import QMimeDatabase\n"
            "db = QMimeDatabase()\n"
            "print(json.dumps({k: db.mimeTypeForFile(v).name() "
            "for k, v in json.loads(sys.argv[1]).items()}))")
    arg = json.dumps({k: str(v) for k, v in files.items()})
    out = subprocess.run([sys.executable, "-c", code, arg], env=mime_env, capture_output=True,
                         text=True, check=True, timeout=60).stdout
    assert json.loads(out) == EXPECTED
