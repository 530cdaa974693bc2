"""One version number, from pyproject.toml; the 关于 text names it, the licences and the
bundled font."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import declapp
from declapp.cli import about
from declapp.export import font_files

ROOT = Path(__file__).resolve().parent.parent


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"]


def test_version_comes_from_pyproject() -> None:
    assert declapp.__version__ == pyproject_version()


def test_python_m_declapp_version_from_the_checkout() -> None:
    done = subprocess.run([sys.executable, "-m", "declapp", "--version"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"declapp {pyproject_version()}"


def test_about_names_version_licences_and_bundled_font(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tests" / "export"))
    from fontmaker import make_font

    make_font(tmp_path / "NotoSerifSC-Regular.ttf", "部门整体支出绩效目标申报表",
              family="Noto Serif SC")
    make_font(tmp_path / "Tinos-Regular.ttf", "ABCabc0123", family="Tinos")
    monkeypatch.setattr(font_files, "bundled_font_dirs", lambda: [tmp_path])
    text = about.about_text()
    assert f"版本 {declapp.__version__}" in text
    assert "Noto Serif SC、Tinos" in text and "SIL Open Font License 1.1" in text
    assert "LGPL" in text and "MIT" in text
    html = about.about_html()
    assert html.startswith(f"<h3>{declapp.APP_NAME}</h3>")
    assert html.count("<p>") == len(about.about_lines()) - 1


def test_about_without_a_bundled_font(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(font_files, "bundled_font_dirs", lambda: [tmp_path])
    assert about.bundled_font_names() == []
    assert "未附带字体" in about.about_text()


def test_font_licence_ships_with_the_package() -> None:
    text = about.font_licence_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert about.font_licence_path().name == "OFL.txt"
    tinos = about.font_licence_path().with_name("Tinos-OFL.txt").read_text(encoding="utf-8")
    assert "Tinos Project Authors" in tinos and "SIL Open Font License, Version 1.1" in tinos
