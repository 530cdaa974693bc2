"""The draft file format (described by ``resources/schema/``): read, validate, write.

Versions 1 and 2 are read; version 2 is written. They differ only in the item, which
version 2 lets carry the fields of a structured indicator.

Reading never half-reads: a file is either turned into a complete ``Draft`` or refused
with one ``DraftError`` that names the file and the place. Writing is atomic.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from declapp import __version__
from declapp.errors import ClerkError
from declapp.form import carry_over
from declapp.form import locations as loc
from declapp.form.model import (
    DEPARTMENT_FIELDS,
    FUND_FIELDS,
    ITEM_FIELDS,
    OPS,
    STRUCTURED_FIELDS,
    Category,
    Department,
    Draft,
    Funds,
    Group,
    Item,
    normalize_op,
)
from declapp.form.money import (
    AmountError,
    json_number,
    parse_json_amount,
    to_json,
    without_sign_of_zero,
)
from declapp.form.text import clean_text
from declapp.storage import draft_bytes
from declapp.storage.atomic import atomic_write_bytes

FORMAT_MARK = "declapp.form"
FORMAT_VERSION = 2  # what this release writes
READABLE_VERSIONS = (1, 2)
MAX_FILE_BYTES = draft_bytes.MAX_DRAFT_BYTES  # the limits live in draft_bytes
TOP_KEYS = ("format", "version", "template", "year", "department", "funds", "goals",
            "indicators", "notes")
OPTIONAL_TOP_KEYS = ("meta",)
GROUP_KEYS = ("kind", "name", "categories")
CATEGORY_KEYS = ("name", "items")
ITEM_KEYS_V1 = ("content", "value")
ITEM_KEYS = ITEM_FIELDS  # version 2: content, value, name, op, unit, …; every key optional
GROUP_KINDS = ("output", "effect")
YEAR_DIGITS = (1000, 9999)


class DraftError(ClerkError):
    """A draft that cannot be read. ``message`` is the whole Chinese sentence."""

    def __init__(self, problem: str, file: Path | str | None = None, location: str = "") -> None:
        self.problem = problem
        self.file = Path(file) if file is not None else None
        self.location = location
        name = f"“{self.file.name}”" if self.file is not None else "草稿"
        where = f"（位置：{location}）" if location else ""
        super().__init__(f"无法读取{name}：{problem}{where}")


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


_TYPE_NAMES = {str: "文本", int: "整数", list: "数组", dict: "对象"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal):
        return "数字"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Reader:
    """Validates the parsed JSON and builds the draft, tracking the place of each value."""

    def __init__(self, source: Path | str | None, version: int = FORMAT_VERSION) -> None:
        self.source = source
        self.version = version

    def fail(self, problem: str, location: str) -> DraftError:
        return DraftError(problem, self.source, location)

    def obj(self, value: Any, location: str, keys: tuple[str, ...],
            optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"应为对象，实际为{_type_name(value)}。", location)
        for key in value:
            if key not in keys and key not in optional:
                raise self.fail(f"有未知的键“{key}”（可能是拼写错误）。", location or "顶层")
        for key in keys:
            if key not in value:
                raise self.fail(f"缺少键“{key}”。", location or "顶层")
        return value

    def text(self, value: Any, location: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"应为文本，实际为{_type_name(value)}。", location)
        return clean_text(value)

    def array(self, value: Any, location: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"应为数组，实际为{_type_name(value)}。", location)
        return value

    def amount(self, value: Any, location: str) -> Decimal:
        # -0 and -0.00 are zero: never kept, never printed as -0.00万元.
        return without_sign_of_zero(self._amount(value, location))

    def _amount(self, value: Any, location: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise self.fail(f"金额应为数字，实际为{_type_name(value)}。", location)
        try:
            return parse_json_amount(value)
        except AmountError as exc:
            raise self.fail(exc.problem, location) from None


def from_dict(raw: Any, source: Path | str | None = None) -> Draft:
    """Build a draft from parsed JSON, refusing anything its format version does not allow."""
    r = _Reader(source)
    if not isinstance(raw, dict):
        raise r.fail("不是申报表草稿（文件内容应为一个 JSON 对象）。", "")
    if raw.get("format") != FORMAT_MARK:
        raise r.fail(f"不是申报表草稿（缺少 \"format\": \"{FORMAT_MARK}\"）。", "")
    version = raw.get("version")
    readable = " 和 ".join(str(v) for v in READABLE_VERSIONS)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise r.fail(f"文件由更新版本的程序写入（格式版本 {version}），"
                     f"本程序只能读取版本 {readable}。请升级后再打开。", "version")
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise r.fail(f"格式版本应为 {readable}，实际为“{version}”。", "version")
    r.version = version
    r.obj(raw, "", TOP_KEYS, OPTIONAL_TOP_KEYS)
    if "meta" in raw and not isinstance(raw["meta"], dict):
        raise r.fail(f"应为对象，实际为{_type_name(raw['meta'])}。", "meta")

    template = r.text(raw["template"], "template")
    if not template:
        raise r.fail("模板不能为空。", "template")
    year = raw["year"]
    if isinstance(year, Decimal) and year.is_finite() and year == year.to_integral_value():
        year = int(year)  # 2021.0 is an integer to JSON Schema too
    if isinstance(year, bool) or not isinstance(year, int):
        raise r.fail(f"年度应为整数，实际为{_type_name(year)}。", "year")
    if not YEAR_DIGITS[0] <= year <= YEAR_DIGITS[1]:
        # 2000–2100 is the check's business (a typo the clerk mends in the window);
        # a year of another length is not a year at all.
        raise r.fail(f"年度应为四位数的年份，实际为 {year}。", "year")

    dept_raw = r.obj(raw["department"], "department", DEPARTMENT_FIELDS)
    department = Department(**{k: r.text(dept_raw[k], loc.department(k))
                               for k in DEPARTMENT_FIELDS})
    funds_raw = r.obj(raw["funds"], "funds", FUND_FIELDS)
    funds = Funds(**{k: r.amount(funds_raw[k], loc.fund(k)) for k in FUND_FIELDS})

    too_many = draft_bytes.entries_problem(draft_bytes.raw_entries(raw["indicators"]))
    if too_many:
        raise r.fail(f"{too_many}。", "indicators")
    groups = [_group(r, g_raw, gi)
              for gi, g_raw in enumerate(r.array(raw["indicators"], "indicators"))]

    draft = Draft(template=template, year=year, department=department, funds=funds,
                  goals=r.text(raw["goals"], "goals"), indicators=groups,
                  notes=r.text(raw["notes"], "notes"))
    carry_over.mark(draft, raw.get("meta", {}).get(carry_over.META_KEY))
    return draft


def _group(r: _Reader, raw: Any, gi: int) -> Group:
    r.obj(raw, loc.group(gi), GROUP_KEYS)
    kind = raw["kind"]
    if kind not in GROUP_KINDS:
        raise r.fail(f"kind 应为 \"output\" 或 \"effect\"，实际为“{kind}”。",
                     loc.group(gi, "kind"))
    categories = [_category(r, c_raw, gi, ci) for ci, c_raw
                  in enumerate(r.array(raw["categories"], loc.group(gi, "categories")))]
    return Group(kind=kind, name=r.text(raw["name"], loc.group(gi, "name")),
                 categories=categories)


def _category(r: _Reader, raw: Any, gi: int, ci: int) -> Category:
    r.obj(raw, loc.category(gi, ci), CATEGORY_KEYS)
    items = [_item(r, i_raw, gi, ci, ii) for ii, i_raw
             in enumerate(r.array(raw["items"], loc.category(gi, ci, "items")))]
    return Category(name=r.text(raw["name"], loc.category(gi, ci, "name")), items=items)


def _item(r: _Reader, raw: Any, gi: int, ci: int, ii: int) -> Item:
    if r.version == 1:  # content and value, both required: a free-text item
        r.obj(raw, loc.item(gi, ci, ii), ITEM_KEYS_V1)
        return Item(**{key: r.text(raw[key], loc.item(gi, ci, ii, key)) for key in ITEM_KEYS_V1})
    r.obj(raw, loc.item(gi, ci, ii), (), ITEM_KEYS)  # a key left out reads as ""
    fields = {key: r.text(raw[key], loc.item(gi, ci, ii, key)) for key in ITEM_KEYS if key in raw}
    if "op" in fields:
        op = normalize_op(raw["op"])  # as written: the schema's enum sees no cleaning
        if op not in ("", *OPS):
            raise r.fail(f"计算符号应为 {' '.join(OPS)} 之一或空，实际为“{fields['op']}”。",
                         loc.item(gi, ci, ii, "op"))
        fields["op"] = op
    return Item(**fields)


# --- writing -----------------------------------------------------------------------------

def to_dict(draft: Draft, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The draft as JSON-ready data, keys in the documented order."""
    data: dict[str, Any] = {
        "format": FORMAT_MARK,
        "version": FORMAT_VERSION,
        "template": draft.template,
        "year": draft.year,
        "department": {k: getattr(draft.department, k) for k in DEPARTMENT_FIELDS},
        "funds": {k: to_json(draft.funds.get(k)) for k in FUND_FIELDS},
        "goals": draft.goals,
        "indicators": [
            {"kind": g.kind, "name": g.name,
             "categories": [{"name": c.name, "items": [item_to_dict(i) for i in c.items]}
                            for c in g.categories]}
            for g in draft.indicators
        ],
        "notes": draft.notes,
    }
    meta = dict(meta or {})
    if carry_over.any_carried(draft):
        meta[carry_over.META_KEY] = carry_over.carried_locations(draft)
    if meta:
        data["meta"] = meta
    return data


def item_to_dict(item: Item) -> dict[str, str]:
    """A free-text item as version 1 wrote it; a structured one with every field.

    A field set on a free-text item (a sign kept while the clerk retypes the name) is
    written too, so saving never loses what was typed.
    """
    data = {"content": item.content, "value": item.value}
    for key in STRUCTURED_FIELDS:
        text = getattr(item, key)
        if item.is_structured or text:
            data[key] = text
    return data


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
