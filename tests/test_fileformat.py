"""The draft file: what a clerk's file (version 1 as written by the first releases, and
version 3 as written today) turns into, and what is refused with which message."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from samples import as_old_version

from declapp.form.model import Item
from declapp.form.templates import new_draft
from declapp.storage.atomic import WriteError
from declapp.storage.fileformat import DraftError, dumps, load, loads, save


def _valid() -> dict:
    """A version 1 file, as the first releases wrote it: what the promise is about."""
    return json.loads(as_old_version(new_draft("xicheng-2021", 2022), 1))


def _write(tmp_path: Path, data, name: str = "d.json") -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False),
                        encoding="utf-8")
    return path


def test_example_loads_with_exact_amounts(example_draft):
    assert example_draft.texts["department.name"] == "北京市西城区人民政府展览路街道办事处"
    assert example_draft.amounts["funds.total"] == Decimal("41421.22")
    assert example_draft.amounts["funds.basic"] + example_draft.amounts["funds.project"] == example_draft.amounts["funds.total"]
    assert [g.kind for g in example_draft.indicators] == ["output"] * 5 + ["effect"]
    assert example_draft.item_count() == 51


def test_save_is_stable_readable_json(tmp_path, example_draft, example_file):
    target = tmp_path / "out.json"
    save(example_draft, target, meta={})
    text = target.read_text(encoding="utf-8")
    assert "\\u" not in text  # Chinese stays readable in a diff
    assert '"funds.total": "41421.22"' in text  # amounts as strings, never floats
    assert list(json.loads(text)) == ["format", "version", "template", "year", "texts",
                                      "amounts", "tables", "indicators"]
    # The template's fields in its order, under the ids it gives them.
    assert list(json.loads(text)["texts"]) == ["department.name", "goals", "notes"]
    assert list(json.loads(text)["amounts"]) == ["funds.total", "funds.basic", "funds.project"]
    # Same content as the hand-written example (version 1), key for key; saved as version 3.
    example = json.loads(example_file.read_text(encoding="utf-8"))
    assert (example["version"], json.loads(text)["version"]) == (1, 3)
    back = json.loads(as_old_version(loads(text), 1))
    assert back == {**example, "department": {**example["department"]},
                    "funds": {**example["funds"], "other": "0"}}
    save(example_draft, target, meta={})
    assert target.read_text(encoding="utf-8") == text  # byte-stable


def test_save_records_meta_and_load_ignores_it(tmp_path, example_draft):
    target = tmp_path / "out.json"
    save(example_draft, target)
    meta = json.loads(target.read_text(encoding="utf-8"))["meta"]
    assert meta["saved_by"].startswith("declapp ")
    assert load(target) == example_draft


def test_failed_save_leaves_old_file_and_no_temp(tmp_path, example_draft, monkeypatch):
    target = tmp_path / "old.json"
    target.write_text("old content", encoding="utf-8")

    def broken_replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError) as info:
        save(example_draft, target)
    assert "无法写入" in info.value.message
    assert target.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["old.json"]


def test_save_into_missing_folder_says_so(tmp_path, example_draft):
    with pytest.raises(WriteError) as info:
        save(example_draft, tmp_path / "nope" / "d.json")
    assert "不存在" in info.value.message


def test_json_numbers_are_read_as_exact_decimals(tmp_path):
    data = _valid()
    data["funds"] = {"total": 0.3, "basic": 0.1, "project": 0.2, "other": 7}
    draft = load(_write(tmp_path, data))
    # Through a float 0.1 + 0.2 would not be 0.3.
    assert draft.amounts["funds.basic"] + draft.amounts["funds.project"] == draft.amounts["funds.total"] == Decimal("0.3")
    assert draft.amounts["funds.other"] == Decimal(7)


def test_text_is_cleaned_on_the_way_in(tmp_path):
    data = _valid()
    data["goals"] = "第一段\r\n第二段\x0b续\x0c完\x00。"
    data["notes"] = "a\rb"
    draft = load(_write(tmp_path, data))
    assert draft.texts["goals"] == "第一段\n第二段续完。"
    assert draft.texts["notes"] == "a\nb"


def test_utf8_bom_is_accepted(tmp_path):
    path = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(_valid()).encode("utf-8"))
    assert load(path).year == 2022


def test_a_doubled_bom_opens_the_draft(tmp_path):
    # A second tool adding its own mark to a file that had one: the text is intact, and
    # the clerk gets the draft rather than an English JSON message.
    path = _write(tmp_path, b"\xef\xbb\xbf" * 2 + json.dumps(_valid()).encode("utf-8"))
    assert load(path).year == 2022


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once(tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "declapp", "check", str(fifo)],
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert result.returncode == 2
    assert "命名管道" in result.stderr and "fifo.json" in result.stderr


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_is_refused():
    with pytest.raises(DraftError, match="设备"):
        load("/dev/null")


BAD_FILES = {
    "empty": (b"", "文件是空的", ""),
    "blank": (b"  \n ", "文件是空的", ""),
    "utf16": ('{"format": "declapp.form"}'.encode("utf-16"), "UTF-16", ""),
    "latin1": ('{"goals": "caf\xe9"}'.encode("latin-1"), "不是 UTF-8", ""),
    "truncated": (b'{"format": "declapp.form", "version": 1, "goals": "abc', "截断", ""),
    "array": (b"[1, 2]", "不是申报表草稿", ""),
    "no_format": (b'{"version": 1}', "不是申报表草稿", ""),
    "newer": (b'{"format": "declapp.form", "version": 4, "whatever": []}', "更新版本", "version"),
    "nan": (b'{"format": "declapp.form", "version": 1, "year": NaN}', "不是有效的 JSON", ""),
    "infinity": (b'{"format": "declapp.form", "version": 1, "funds": {"total": Infinity}}',
                 "不是有效的 JSON", ""),
    "dup": (b'{"format": "declapp.form", "format": "declapp.form"}', "出现了两次", ""),
    # Issue 9: each kind of wrong file gets its own sentence, none is called UTF-16.
    "gzip": (gzip.compress(json.dumps(_valid()).encode()), "gzip 压缩文件", ""),
    "nul": (b"\x00" * 100, "全是空字节", ""),
    "utf32": (json.dumps(_valid(), ensure_ascii=False).encode("utf-32"), "UTF-32", ""),
    "utf32be": (json.dumps(_valid(), ensure_ascii=False).encode("utf-32-be"), "UTF-32", ""),
    "utf16le": (json.dumps(_valid(), ensure_ascii=False).encode("utf-16-le"), "UTF-16", ""),
    "gbk": (json.dumps(_valid(), ensure_ascii=False).encode("gbk"), "GBK", ""),
    "docx": (b"PK\x03\x04" + b"\x00" * 30, "Word/Excel", ""),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF", ""),
    "nul_inside": (b'{"format": "declapp.form",\x00 "version": 1}', "空字节", ""),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_bytes_are_refused_with_a_message(tmp_path, case):
    data, words, location = BAD_FILES[case]
    path = _write(tmp_path, data)
    with pytest.raises(DraftError) as info:
        load(path)
    assert words in info.value.message
    if case not in ("utf16", "utf16le"):
        assert "UTF-16" not in info.value.message
    assert "d.json" in info.value.message  # names the file
    assert info.value.location == location
    assert path.read_bytes() == data  # touches nothing


def _mutations():
    def set_(path, value):
        def apply(d):
            target = d
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        return apply

    def delete(path):
        def apply(d):
            target = d
            for key in path[:-1]:
                target = target[key]
            del target[path[-1]]
        return apply

    def add_item(d):
        d["indicators"][0]["categories"][0]["items"] = [{"content": "甲", "value": ""}] * 4

    return {
        "wrong type goals": ([set_(["goals"], 5)], "goals", "应为文本"),
        "wrong type year": ([set_(["year"], "2021")], "year", "整数"),
        "bool year": ([set_(["year"], True)], "year", "整数"),
        "five-digit year": ([set_(["year"], 20211)], "year", "四位数"),
        "huge year": ([set_(["year"], 10**30)], "year", "四位数"),
        "missing key": ([delete(["department", "phone"])], "department", "缺少键“phone”"),
        "missing top key": ([delete(["notes"])], "顶层", "缺少键“notes”"),
        "unknown key": ([set_(["department", "nmae"], "x")], "department", "未知的键“nmae”"),
        "unknown top key": ([set_(["gaols"], "x")], "顶层", "未知的键“gaols”"),
        "amount text": ([set_(["funds", "total"], "四万")], "funds.total", "不是数字"),
        "amount with unit": ([set_(["funds", "basic"], "12万元")], "funds.basic", "不是数字"),
        "amount null": ([set_(["funds", "other"], None)], "funds.other", "应为数字"),
        "amount bool": ([set_(["funds", "other"], False)], "funds.other", "应为数字"),
        "bad kind": ([set_(["indicators", 1, "kind"], "outcome")], "indicators[1].kind",
                     "output"),
        "deep item": ([add_item,
                       set_(["indicators", 0, "categories", 0, "items", 3],
                            {"content": 1, "value": ""})],
                      "indicators[0].categories[0].items[3].content", "应为文本"),
        "items not array": ([set_(["indicators", 0, "categories", 2, "items"], {})],
                            "indicators[0].categories[2].items", "应为数组"),
        "meta not object": ([set_(["meta"], [])], "meta", "应为对象"),
        "version zero": ([set_(["version"], 0)], "version", "格式版本应为 1"),
    }


@pytest.mark.parametrize("case", sorted(_mutations()))
def test_bad_structure_names_the_place(tmp_path, case):
    changes, location, words = _mutations()[case]
    data = _valid()
    for change in changes:
        change(data)
    path = _write(tmp_path, data)
    before = path.read_bytes()
    with pytest.raises(DraftError) as info:
        load(path)
    assert info.value.location == location
    assert words in info.value.message
    assert location in info.value.message
    assert path.read_bytes() == before


def test_version_four_is_never_half_read(tmp_path):
    data = _valid()
    data["version"] = 4
    with pytest.raises(DraftError, match="更新版本"):
        load(_write(tmp_path, data))


def test_directory_missing_and_unreadable(tmp_path, monkeypatch):
    with pytest.raises(DraftError, match="文件夹"):
        load(tmp_path)
    with pytest.raises(DraftError, match="不存在"):
        load(tmp_path / "missing.json")
    path = _write(tmp_path, _valid())
    path.chmod(0)
    if os.access(path, os.R_OK):
        # Root reads anything (CI runs as root): let the OS answer as it would a clerk.
        real_open = os.open

        def refusing_open(name, *args, **kwargs):
            if Path(name) == path:
                raise PermissionError(13, "Permission denied", str(name))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        with pytest.raises(DraftError, match="没有读取"):
            load(path)
    finally:
        path.chmod(0o644)


def test_fifty_megabytes_of_garbage(tmp_path):
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        block = os.urandom(1024 * 1024)
        for _ in range(50):
            fh.write(block)
    with pytest.raises(DraftError, match="太大"):
        load(path)
    assert path.stat().st_size == 50 * 1024 * 1024


def test_loads_of_text_and_multi_paragraph_items():
    draft = new_draft("xicheng-2019", 2020)
    draft.indicators[0].categories[0].items.append(Item("第一段\n第二段", "≥95%"))
    assert loads(dumps(draft)) == draft


def test_a_temp_file_left_by_a_killed_save_is_cleaned_up_later(tmp_path, example_draft):
    target = tmp_path / "d.json"
    stale = tmp_path / ".declapp-abc123.tmp"  # what a power cut in the middle of a save leaves
    older = tmp_path / ".d.json.abc123.tmp"  # left by a release that named temps after files
    fresh = tmp_path / ".declapp-def456.tmp"  # another save, in progress
    other = tmp_path / ".e.json.abc123.tmp"  # an old temp of another file, not ours to judge
    for path in (stale, older, fresh, other):
        path.write_text("{", encoding="utf-8")
    for path in (stale, older, other):
        os.utime(path, (0, 0))
    save(example_draft, target)
    assert not stale.exists() and not older.exists()
    assert fresh.exists() and other.exists()
    assert load(target) == example_draft


def test_temp_names_are_short_whatever_the_file(tmp_path, example_draft, monkeypatch):
    import tempfile

    seen: list[str] = []
    real = tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        seen.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    save(example_draft, tmp_path / ("绩" * 80 + ".json"))
    assert len(seen) == 1 and len(seen[0].encode()) <= 32


def test_a_read_only_draft_is_not_replaced(tmp_path, example_draft):
    from declapp.storage.atomic import ReadOnlyFileError

    target = tmp_path / "只读.json"
    save(example_draft, target)
    before = target.read_bytes()
    target.chmod(0o444)
    inode = target.stat().st_ino
    example_draft.texts["goals"] = "改过的目标"
    try:
        with pytest.raises(ReadOnlyFileError) as info:
            save(example_draft, target)
        assert isinstance(info.value, WriteError)  # every window handler still catches it
        assert "只读" in info.value.message and "另存为" in info.value.message
        assert "只读.json" in info.value.message and info.value.path == target
        assert target.read_bytes() == before and target.stat().st_ino == inode
        assert [p.name for p in tmp_path.iterdir()] == ["只读.json"]
        save(example_draft, tmp_path / "另存.json")  # 另存为 works
    finally:
        target.chmod(0o644)
    save(example_draft, target)  # the mark cleared, it saves
    assert load(target).texts["goals"] == "改过的目标"
