"""The command line keeps its font cache in the window's data folder: the core finds the
folder Qt's AppLocalDataLocation names, without Qt."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from declapp.gui import settings
from declapp.gui.app import create_application
from declapp.system import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders: Linux")
@pytest.mark.parametrize("xdg", [None, "/srv/自定义数据", "relative/ignored"])
def test_the_core_finds_the_folder_qt_names(qapp: QApplication, monkeypatch, tmp_path,
                                            xdg: str | None) -> None:
    create_application()  # the organisation and application names the folder is named by
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg is None:
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert paths.data_folder() == settings.data_folder()
    assert paths.data_folder().parts[-2:] == ("declapp", "declapp")


def test_declapp_data_dir_names_the_folder_for_both(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "portable"))
    assert paths.data_folder() == settings.data_folder() == tmp_path / "portable"
