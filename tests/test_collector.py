"""The cycle collector is held off during an export and given back as it was, also when
the export fails, when exports overlap in two threads, and when it was off before."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from samples import large_draft

from declapp.export import export_draft
from declapp.system import collector


@pytest.fixture(autouse=True)
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_held_off_inside_and_back_after() -> None:
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still under way
    assert gc.isenabled()


def test_back_after_an_exception() -> None:
    with pytest.raises(KeyError), collector.paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    with collector.paused():
        pass
    assert not gc.isenabled()


def test_overlapping_threads_give_it_back_when_the_last_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector.paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector.paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's block is still under way
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_an_export_gives_it_back(tmp_path: Path, monkeypatch) -> None:
    seen: list[bool] = []
    from declapp.export import pdf_writer

    real = pdf_writer.render_pdf

    def watching(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_writer, "render_pdf", watching)
    export_draft(large_draft(items=20, chars=2000), tmp_path / "x.pdf")
    assert seen == [False]
    assert gc.isenabled()
