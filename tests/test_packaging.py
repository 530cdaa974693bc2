"""The wheel carries every subpackage, the template profiles, the example, the schema,
the icons and the Qt Designer forms, so an installed or frozen app finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "declapp").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


@pytest.mark.slow
def test_wheel_contains_the_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(tmp_path.glob("declapp-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "declapp/resources/templates/xicheng-2019.json",
        "declapp/resources/templates/xicheng-2021.json",
        "declapp/resources/examples/zhanlanlu-2021.json",
        "declapp/resources/examples/project-2011.json",
        "declapp/resources/help/help.html",
        "declapp/resources/schema/declapp-form.schema.json",
        "declapp/resources/schema/declapp-template.schema.json",
        "declapp/resources/schema/file-format-v3.md",
        "declapp/resources/templates/README.md",
        "declapp/resources/indicator_sheets/standard.json",
        "declapp/library/__init__.py",
        "declapp/checks/__init__.py",
        "declapp/gui/app.py",
        "declapp/ui/main_window.ui",
        "declapp/resources/fonts/OFL.txt",
    }
    assert expected <= names, sorted(expected - names)
    assert any(n.startswith("declapp/resources/icons/") for n in names)


def test_the_frozen_build_collects_every_kind_of_data_file():
    """The spec copies resources/ and ui/ by file type: a new type (the help page was
    .html) would be left out of the installers while every test of a checkout passes."""
    import re

    spec = (ROOT / "packaging" / "declapp.spec").read_text(encoding="utf-8")
    collected = set(re.findall(r'"(\.\w+)"', spec.split("DATA_SUFFIXES = ", 1)[1].split("}")[0]))
    shipped = {p.suffix for folder in ("resources", "ui") for p in (ROOT / folder).rglob("*")
               if p.is_file() and p.suffix not in (".py", ".pyc", ".ttf")}
    assert shipped <= collected, sorted(shipped - collected)
    # The wheel too: its package data names the same kinds of file.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = " ".join(p for globs in config["tool"]["setuptools"]["package-data"].values()
                        for p in globs)
    assert all(suffix in patterns for suffix in shipped), patterns


FROZEN_EXPORT = """
import sys
sys._MEIPASS = sys.argv[1]  # as PyInstaller's bootloader sets it
from pathlib import Path
from declapp.export import font_cache
face = font_cache.load_face(Path(sys.argv[2]), 0)
print(type(face).__name__)
"""


def test_the_frozen_app_takes_the_bundled_fonts_parsed_from_its_own_cache(tmp_path):
    """The spec parses the bundled fonts into resources/fonts/font-cache with the reportlab
    and Python it freezes; the frozen app (resources under sys._MEIPASS) reads them from
    there and writes nothing to the clerk's data folder."""
    sys.path.insert(0, str(ROOT / "tests" / "export"))
    from fontmaker import make_font

    from declapp.export.font_cache import BUNDLED_CACHE, build_cache

    spec = (ROOT / "packaging" / "declapp.spec").read_text(encoding="utf-8")
    assert "build_cache(fonts" in spec and "declapp/resources/fonts/{BUNDLED_CACHE}" in spec
    fonts = tmp_path / "meipass" / "declapp" / "resources" / "fonts"
    fonts.mkdir(parents=True)
    font = make_font(fonts / "NotoSerifSC-Regular.ttf", "部门整体支出绩效目标申报表",
                     family="DeclappFrozen Song")
    written = build_cache([font], fonts / BUNDLED_CACHE)
    assert [p.parent.name for p in written] == [BUNDLED_CACHE]
    data = tmp_path / "data"
    env = dict(os.environ, DECLAPP_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-c", FROZEN_EXPORT, str(tmp_path / "meipass"),
                           str(font)], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "CachedFace"
    # Nothing parsed and cached there (the font's sha256 is remembered, nothing else).
    assert not list(data.rglob("*.rlface"))
