"""Byte mutations of our own exports and of a form filled in by hand: the import reads a
form or refuses the file with the clerk's sentence (exit 0 or 2), never an internal
error (exit 3), and each file in bounded time.

Mutated are the raw bytes of the file (the zip or the PDF), and the bytes of one part
inside a well-formed zip (so the XML readers, not only the zip's checksums, meet them).
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from handmade import write_handmade
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declapp.errors import ClerkError
from declapp.export import ExportOptions, export_draft
from declapp.importing import import_file

SLOWEST_S = 20.0  # per file; the import of these takes well under a second


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, bytes]:
    from samples import form_2019

    folder = tmp_path_factory.mktemp("bases")
    draft = form_2019()
    files = {"hand.docx": write_handmade(draft, folder / "hand.docx")}
    for fmt in ("docx", "xlsx", "pdf"):
        files[f"ours.{fmt}"] = folder / f"ours.{fmt}"
        export_draft(draft, files[f"ours.{fmt}"])
        files[f"plain.{fmt}"] = folder / f"plain.{fmt}"
        export_draft(draft, files[f"plain.{fmt}"], options=ExportOptions(embed_draft=False))
    return {name: path.read_bytes() for name, path in files.items()}


def _mutate(data: bytes, edits: list[tuple[float, int, int]]) -> bytes:
    """Each edit: (where, from 0 to 1; what: 0 flip, 1 delete, 2 insert, 3 cut off; byte)."""
    out = bytearray(data)
    for where, kind, byte in edits:
        if not out:
            break
        at = min(int(where * len(out)), len(out) - 1)
        if kind == 0:
            out[at] ^= byte or 0x20
        elif kind == 1:
            del out[at:at + 1 + byte % 64]
        elif kind == 2:
            out[at:at] = bytes([byte]) * (1 + byte % 8)
        else:
            del out[max(at, 1):]
    return bytes(out)


def _mutate_part(data: bytes, pick: float, edits: list[tuple[float, int, int]]) -> bytes:
    """One XML part of the package mutated, the package itself whole."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = [n for n in source.namelist() if n.endswith((".xml", ".rels"))]
        chosen = names[min(int(pick * len(names)), len(names) - 1)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                part = source.read(info.filename)
                out.writestr(info.filename, _mutate(part, edits) if info.filename == chosen
                             else part)
    return buffer.getvalue()


edit = st.tuples(st.floats(0, 1), st.integers(0, 3), st.integers(0, 255))


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["hand.docx", "ours.docx", "plain.docx", "ours.xlsx",
                             "plain.xlsx", "ours.pdf", "plain.pdf"]),
       inside=st.booleans(), pick=st.floats(0, 1),
       edits=st.lists(edit, min_size=1, max_size=6))
def test_a_mutated_file_is_read_or_refused_never_an_internal_error(
        bases, tmp_path, name, inside, pick, edits):
    data = bases[name]
    if inside and not name.endswith(".pdf"):
        data = _mutate_part(data, pick, edits)
    else:
        data = _mutate(data, edits)
    source = tmp_path / name
    source.write_bytes(data)
    started = time.perf_counter()
    try:
        import_file(source)
    except ClerkError as exc:
        assert exc.message and "\n" not in exc.message.strip()
    assert time.perf_counter() - started < SLOWEST_S


def test_the_unmutated_files_import(bases, tmp_path):
    for name, data in bases.items():
        path = Path(tmp_path / name)
        path.write_bytes(data)
        assert import_file(path).draft.text("department.name")
