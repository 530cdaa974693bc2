"""The draft file format (described by ``resources/schema/``): read, validate, write.

Version 3 is written: a draft holds the values of its template's fields by their ids
(``texts``, ``amounts``), the rows of its tables and its indicator trees. Versions 1 and
2 (the fixed shape of the 西城区 forms) are read by ``legacy`` and saved as version 3.

Reading never half-reads: a file is either turned into a complete ``Draft`` or refused
with one ``DraftError`` that names the file and the place. Writing is atomic.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from declapp import __version__
from declapp.form import carry_over, review
from declapp.form import locations as loc
from declapp.form.definition import FormDefinition
from declapp.form.model import MAIN_TREE, Draft
from declapp.form.money import json_number, to_json
from declapp.form.template_file import TemplateError
from declapp.form.templates import load_template
from declapp.storage import draft_bytes
from declapp.storage.atomic import atomic_write_bytes
from declapp.storage.legacy import read_legacy
from declapp.storage.reader import DraftError, Reader, item_to_dict, type_name

__all__ = ["FORMAT_MARK", "FORMAT_VERSION", "MAX_FILE_BYTES", "READABLE_VERSIONS", "DraftError",
           "default_meta", "dumps", "from_dict", "item_to_dict", "load", "loads",
           "loads_bytes", "read_draft_bytes", "save", "to_dict"]

FORMAT_MARK = "declapp.form"
FORMAT_VERSION = 3  # what this release writes
READABLE_VERSIONS = (1, 2, 3)
MAX_FILE_BYTES = draft_bytes.MAX_DRAFT_BYTES  # the limits live in draft_bytes
TOP_KEYS = ("format", "version", "template", "year", "texts", "amounts", "tables",
            "indicators")
OPTIONAL_TOP_KEYS = ("other_indicators", "meta")
YEAR_DIGITS = (1000, 9999)
_COLUMN_KEY = re.compile(r"[a-z][a-z0-9_]*")
_FIELD_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*")
_AMOUNT_ID = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*(?:@[a-z0-9_]+)?")


# --- reading -----------------------------------------------------------------------------

def load(path: Path | str) -> Draft:
    """Read the draft at *path*; raise ``DraftError`` for anything that is not one."""
    path = Path(path)
    data = read_draft_bytes(path)
    return loads_bytes(data, path)


def read_draft_bytes(path: Path | str) -> bytes:
    """The bytes of the file at *path*, refused with a ``DraftError`` when it is missing,
    not a regular file (a folder, a named pipe, a device: reading those would hang or
    never end), unreadable or too large."""
    try:
        return draft_bytes.read_regular_file(Path(path), draft_bytes.MAX_DRAFT_BYTES)
    except draft_bytes.Refused as exc:
        raise DraftError(exc.problem, path) from None


def loads_bytes(data: bytes, source: Path | str | None = None) -> Draft:
    if len(data) > draft_bytes.MAX_DRAFT_BYTES:
        raise DraftError("文件太大，不是申报表草稿。", source)
    if not data.strip():
        raise DraftError("文件是空的。", source)
    try:
        text = draft_bytes.utf8_text(data)
    except draft_bytes.Refused as exc:
        raise DraftError(exc.problem, source) from None
    return loads(text, source)


def loads(text: str, source: Path | str | None = None) -> Draft:
    """Parse the JSON text of a draft."""
    try:
        raw = json.loads(text, parse_float=json_number, parse_int=json_number,
                         parse_constant=_refuse_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        raise DraftError(f"键“{exc.key}”出现了两次。", source) from None
    except json.JSONDecodeError as exc:
        raise DraftError(f"不是完整的 JSON 文件（第 {exc.lineno} 行第 {exc.colno} 列："
                         f"{_json_reason(exc.msg)}），文件可能被截断或损坏。", source) from None
    except (ValueError, RecursionError):
        raise DraftError("不是有效的 JSON 文件。", source) from None
    return from_dict(raw, source)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


_JSON_REASONS = {
    "Expecting value": "缺少值",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Expecting property name enclosed in double quotes": "键必须用双引号",
    "Unterminated string starting at": "字符串没有结束",
    "Extra data": "结尾处有多余内容",
    "Invalid control character at": "字符串中有控制字符",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "文件中间有多余的 BOM 标记",
}


def _json_reason(msg: str) -> str:
    return _JSON_REASONS.get(msg, msg)


def from_dict(raw: Any, source: Path | str | None = None) -> Draft:
    """Build a draft from parsed JSON, refusing anything its format version does not allow."""
    r = Reader(source, FORMAT_VERSION)
    if not isinstance(raw, dict):
        raise r.fail("不是申报表草稿（文件内容应为一个 JSON 对象）。", "")
    if raw.get("format") != FORMAT_MARK:
        raise r.fail(f"不是申报表草稿（缺少 \"format\": \"{FORMAT_MARK}\"）。", "")
    version = raw.get("version")
    readable = "、".join(str(v) for v in READABLE_VERSIONS)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise r.fail(f"文件由更新版本的程序写入（格式版本 {version}），"
                     f"本程序只能读取版本 {readable}。请升级后再打开。", "version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise r.fail(f"格式版本应为 {readable}，实际为“{version}”。", "version")
    r.version = version
    if "meta" in raw and not isinstance(raw["meta"], dict):
        raise r.fail(f"应为对象，实际为{type_name(raw['meta'])}。", "meta")
    if not isinstance(raw.get("template", ""), str):
        raise r.fail(f"应为文本，实际为{type_name(raw['template'])}。", "template")
    template = r.text(raw.get("template", ""), "template")
    if "template" in raw and not template:
        raise r.fail("模板不能为空。", "template")
    year = raw.get("year")
    if isinstance(year, Decimal) and year.is_finite() and year == year.to_integral_value():
        year = int(year)  # 2021.0 is an integer to JSON Schema too
    if "year" in raw and (isinstance(year, bool) or not isinstance(year, int)):
        raise r.fail(f"年度应为整数，实际为{type_name(year)}。", "year")
    if isinstance(year, int) and not YEAR_DIGITS[0] <= year <= YEAR_DIGITS[1]:
        # 2000–2100 is the check's business (a typo the clerk mends in the window);
        # a year of another length is not a year at all.
        raise r.fail(f"年度应为四位数的年份，实际为 {year}。", "year")

    too_many = draft_bytes.entries_problem(draft_bytes.raw_entries(raw))
    if too_many:
        raise r.fail(f"{too_many}。", "indicators")
    form = _known_form(template)
    if version < 3:
        draft = read_legacy(r, raw, template, year)  # type: ignore[arg-type]
        if form is not None:
            _drop_empty_strays(draft, form)
    else:
        r.obj(raw, "", TOP_KEYS, OPTIONAL_TOP_KEYS)
        draft = _read_v3(r, raw, template, year)  # type: ignore[arg-type]
    if form is not None:
        form.complete(draft)
    carry_over.mark(draft, raw.get("meta", {}).get(carry_over.META_KEY))
    review.from_meta(draft, raw.get("meta", {}).get(review.META_KEY))
    return draft


def _known_form(template: str) -> FormDefinition | None:
    try:
        return load_template(template)
    except TemplateError:
        return None  # a newer release's or another PC's template: read as written


def _drop_empty_strays(draft: Draft, form: FormDefinition) -> None:
    """An old file's empty rows its template never had (a 2021 draft's blank 负责人) are
    not values: they are not kept. Anything with content is."""
    texts = {f.id for f in form.text_fields()}
    amounts = set(form.amount_ids())
    for key in [k for k, v in draft.texts.items() if k not in texts and not v.strip()]:
        del draft.texts[key]
    for key in [k for k, v in draft.amounts.items() if k not in amounts and v == 0]:
        del draft.amounts[key]


def _field_key(r: Reader, key: str, where: str, pattern: re.Pattern[str]) -> str:
    if not pattern.fullmatch(key) or key in ("year", "template"):
        raise r.fail(f"“{key}”不是栏目标识。", where)
    return key


def _read_v3(r: Reader, raw: dict[str, Any], template: str, year: int) -> Draft:
    texts = {_field_key(r, k, "texts", _FIELD_ID): r.text(v, k)
             for k, v in r.mapping(raw["texts"], "texts").items()}
    amounts = {_field_key(r, k, "amounts", _AMOUNT_ID): r.amount(v, k)
               for k, v in r.mapping(raw["amounts"], "amounts").items()}
    tables = {}
    for table_id, rows in r.mapping(raw["tables"], "tables").items():
        if loc.is_tree_id(table_id) or not _COLUMN_KEY.fullmatch(table_id):
            raise r.fail(f"“{table_id}”不是表格标识。", "tables")
        tables[table_id] = _read_table(r, table_id, rows)
    draft = Draft(template=template, year=year, texts=texts, amounts=amounts, tables=tables)
    draft.indicators = r.groups(raw["indicators"], MAIN_TREE, None)
    for tree_id, groups in r.mapping(raw.get("other_indicators", {}),
                                     "other_indicators").items():
        if not loc.is_tree_id(tree_id) or tree_id == MAIN_TREE:
            raise r.fail(f"“{tree_id}”不是指标表标识（应以 _indicators 结尾）。",
                         "other_indicators")
        draft.trees[tree_id] = r.groups(groups, tree_id, None)
    return draft


def _read_table(r: Reader, table_id: str, raw: Any) -> list[dict[str, str]]:
    """A table's rows: each an object of texts by column key. What the columns hold is
    the template's business: an amount that is not a number is a check's finding, as
    elsewhere, not a file the clerk cannot open."""
    rows = []
    for n, row in enumerate(r.array(raw, table_id)):
        at = loc.cell(table_id, n)
        cells = {}
        for key, value in r.mapping(row, at).items():
            if not _COLUMN_KEY.fullmatch(key):
                raise r.fail(f"“{key}”不是表格的列名。", at)
            cells[key] = r.text(value, loc.cell(table_id, n, key))
        rows.append(cells)
    return rows


# --- writing -----------------------------------------------------------------------------

def _ordered(values: dict[str, Any], order: list[str]) -> list[str]:
    """Keys of *values*: the template's order first, the rest as they sort."""
    known = [k for k in order if k in values]
    return known + sorted(k for k in values if k not in set(known))


def to_dict(draft: Draft, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The draft as JSON-ready data, keys in the documented order."""
    form = _known_form(draft.template)
    text_order = [f.id for f in form.text_fields()] if form else []
    amount_order = form.amount_ids() if form else []
    data: dict[str, Any] = {
        "format": FORMAT_MARK,
        "version": FORMAT_VERSION,
        "template": draft.template,
        "year": draft.year,
        "texts": {k: draft.texts[k] for k in _ordered(draft.texts, text_order)},
        "amounts": {k: to_json(draft.amounts[k]) for k in _ordered(draft.amounts, amount_order)},
        "tables": {k: [dict(row) for row in rows] for k, rows in draft.tables.items()},
        "indicators": _groups_to_list(draft.indicators),
    }
    others = {k: _groups_to_list(v) for k, v in draft.trees.items() if k != MAIN_TREE}
    if others:
        data["other_indicators"] = others
    meta = dict(meta or {})
    if carry_over.any_carried(draft):
        meta[carry_over.META_KEY] = carry_over.carried_locations(draft)
    if draft.reviewed:
        meta[review.META_KEY] = review.to_meta(draft)
    if meta:
        data["meta"] = meta
    return data


def _groups_to_list(groups: list[Any]) -> list[dict[str, Any]]:
    return [{"kind": g.kind, "name": g.name,
             "categories": [{"name": c.name, "items": [item_to_dict(i) for i in c.items]}
                            for c in g.categories]}
            for g in groups]


def default_meta() -> dict[str, str]:
    return {"saved_by": f"declapp {__version__}",
            "saved_at": datetime.now().astimezone().isoformat(timespec="seconds")}


def dumps(draft: Draft, meta: dict[str, Any] | None = None) -> str:
    """The draft as file text: UTF-8-ready, no ``\\u`` escapes, two-space indent."""
    return json.dumps(to_dict(draft, meta), ensure_ascii=False, indent=2) + "\n"


def save(draft: Draft, path: Path | str, meta: dict[str, Any] | None = None) -> None:
    """Write *draft* to *path* atomically; ``WriteError`` says why if it cannot."""
    text = dumps(draft, default_meta() if meta is None else meta)
    atomic_write_bytes(os.fspath(path), draft_bytes.file_bytes(draft, text, path))
