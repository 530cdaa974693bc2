"""Chinese input under fcitx5, the input method of UOS and Kylin: on a virtual X screen
with a real fcitx5 and its pinyin engine, ``nihao`` and a space typed into the department
name give 你好 (packaging/imtest.py sets up the desktop and types).

PySide6 ships no fcitx plugin; declapp.system.startup points Qt's ibus plugin at fcitx5's IBus
portal. The same check runs on the frozen bundles in packaging/build.py.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from declapp.system.paths import example_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import imtest  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or bool(imtest.missing_tools()),
    reason=f"needs {', '.join(imtest.missing_tools()) or 'Linux'} "
           f"(Debian: {imtest.DEBIAN_PACKAGES})")


def test_typing_pinyin_under_fcitx5_gives_chinese(tmp_path: Path) -> None:
    draft = tmp_path / "草稿.json"
    shutil.copy(example_path("zhanlanlu-2021.json"), draft)
    with imtest.fcitx_desktop() as env:
        env = {**env, "DECLAPP_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
        name = imtest.type_nihao([sys.executable, "-m", "declapp"], draft, env)
    assert name == "你好"


def test_without_the_portal_fcitx_gets_nothing(tmp_path: Path) -> None:
    # The control: keeping the session's QT_IM_MODULE=fcitx (no such plugin in PySide6)
    # leaves the keys untranslated, so the test above is not passing by accident.
    draft = tmp_path / "草稿.json"
    shutil.copy(example_path("zhanlanlu-2021.json"), draft)
    with imtest.fcitx_desktop() as env:
        env = {**env, "DECLAPP_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT),
               "DECLAPP_KEEP_IM": "1"}
        name = imtest.type_nihao([sys.executable, "-m", "declapp"], draft, env)
    assert name.strip() == "nihao"
