"""Reading parsed JSON with its place in mind: every refusal names the file and where.

``DraftError`` is the one error of a draft that cannot be read; ``Reader`` checks types
and keys and builds values, so that the format's readers (``fileformat`` for version 3,
``legacy`` for versions 1 and 2) say the same things the same way.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from declapp.errors import ClerkError
from declapp.form import locations as loc
from declapp.form.model import (
    ITEM_FIELDS,
    OPS,
    STRUCTURED_FIELDS,
    Category,
    Group,
    Item,
    normalize_op,
)
from declapp.form.money import AmountError, parse_json_amount, without_sign_of_zero
from declapp.form.text import clean_text

ITEM_KEYS_V1 = ("content", "value")
KEY = re.compile(r"[a-z][a-z0-9_]*")  # a group's kind, an item's extra column
UID = re.compile(r"[0-9a-zA-Z_-]{1,40}")  # an indicator's identity through the year


class DraftError(ClerkError):
    """A draft that cannot be read. ``message`` is the whole Chinese sentence."""

    def __init__(self, problem: str, file: Path | str | None = None, location: str = "") -> None:
        self.problem = problem
        self.file = Path(file) if file is not None else None
        self.location = location
        name = f"“{self.file.name}”" if self.file is not None else "草稿"
        where = f"（位置：{location}）" if location else ""
        super().__init__(f"无法读取{name}：{problem}{where}")


_TYPE_NAMES = {str: "文本", int: "整数", list: "数组", dict: "对象"}


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal):
        return "数字"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def is_plain_decimal(s: str) -> bool:
    # Matches the schema's pattern ^-?[0-9]+(\.[0-9]+)?$ without a regex per call.
    body = s[1:] if s.startswith("-") else s
    whole, dot, frac = body.partition(".")
    return whole.isascii() and whole.isdigit() and (not dot or (frac.isascii() and frac.isdigit()))


class Reader:
    """Validates the parsed JSON and builds the draft, tracking the place of each value."""

    def __init__(self, source: Path | str | None, version: int) -> None:
        self.source = source
        self.version = version

    def fail(self, problem: str, location: str) -> DraftError:
        return DraftError(problem, self.source, location)

    def obj(self, value: Any, location: str, keys: tuple[str, ...],
            optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"应为对象，实际为{type_name(value)}。", location)
        for key in value:
            if key not in keys and key not in optional:
                raise self.fail(f"有未知的键“{key}”（可能是拼写错误）。", location or "顶层")
        for key in keys:
            if key not in value:
                raise self.fail(f"缺少键“{key}”。", location or "顶层")
        return value

    def mapping(self, value: Any, location: str) -> dict[str, Any]:
        """An object whose keys are ids the caller checks (field ids, table ids)."""
        if not isinstance(value, dict):
            raise self.fail(f"应为对象，实际为{type_name(value)}。", location)
        return value

    def text(self, value: Any, location: str) -> str:
        if not isinstance(value, str):
            raise self.fail(f"应为文本，实际为{type_name(value)}。", location)
        return clean_text(value)

    def array(self, value: Any, location: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"应为数组，实际为{type_name(value)}。", location)
        return value

    def amount(self, value: Any, location: str) -> Decimal:
        # -0 and -0.00 are zero: never kept, never printed as -0.00万元.
        return without_sign_of_zero(self._amount(value, location))

    def _amount(self, value: Any, location: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise self.fail(f"金额应为数字，实际为{type_name(value)}。", location)
        try:
            return parse_json_amount(value)
        except AmountError as exc:
            raise self.fail(exc.problem, location) from None

    # --- the indicator tree (the same in every version but for the item) -----------------
    def groups(self, raw: Any, tree: str, kinds: tuple[str, ...] | None) -> list[Group]:
        return [self.group(g_raw, gi, tree, kinds)
                for gi, g_raw in enumerate(self.array(raw, tree))]

    def group(self, raw: Any, gi: int, tree: str, kinds: tuple[str, ...] | None) -> Group:
        self.obj(raw, loc.group(gi, tree=tree), ("kind", "name", "categories"))
        kind = raw["kind"]
        if kinds is not None and kind not in kinds:
            shown = " 或 ".join(f"\"{k}\"" for k in kinds)
            raise self.fail(f"kind 应为 {shown}，实际为“{kind}”。",
                            loc.group(gi, "kind", tree))
        if not isinstance(kind, str) or not KEY.fullmatch(kind):
            raise self.fail(f"kind 应为小写字母开头的标识，实际为“{kind}”。",
                            loc.group(gi, "kind", tree))
        categories = [self.category(c_raw, gi, ci, tree) for ci, c_raw in enumerate(
            self.array(raw["categories"], loc.group(gi, "categories", tree)))]
        return Group(kind=kind, name=self.text(raw["name"], loc.group(gi, "name", tree)),
                     categories=categories)

    def category(self, raw: Any, gi: int, ci: int, tree: str) -> Category:
        self.obj(raw, loc.category(gi, ci, tree=tree), ("name", "items"))
        items = [self.item(i_raw, loc.item(gi, ci, ii, tree=tree)) for ii, i_raw in enumerate(
            self.array(raw["items"], loc.category(gi, ci, "items", tree)))]
        return Category(name=self.text(raw["name"], loc.category(gi, ci, "name", tree)),
                        items=items)

    def item(self, raw: Any, at: str) -> Item:
        if self.version == 1:  # content and value, both required: a free-text item
            self.obj(raw, at, ITEM_KEYS_V1)
            return Item(content=self.text(raw["content"], f"{at}.content"),
                        value=self.text(raw["value"], f"{at}.value"))
        optional = ITEM_FIELDS if self.version == 2 else (*ITEM_FIELDS, "extra", "uid")
        self.obj(raw, at, (), optional)  # a key left out reads as ""
        fields: dict[str, Any] = {key: self.text(raw[key], f"{at}.{key}")
                                  for key in ITEM_FIELDS if key in raw}
        if "op" in fields:
            op = normalize_op(raw["op"])  # as written: the schema's enum sees no cleaning
            if op not in ("", *OPS):
                written = f"{raw['op']}”"
                if not raw["op"].isprintable():  # shown, or a bad sign looks like a good one
                    written = "".join(c if c.isprintable() else f"\\u{ord(c):04x}"
                                      for c in raw["op"]) + "”（含不可见字符）"
                raise self.fail(f"计算符号应为 {' '.join(OPS)} 之一或空，实际为“{written}。",
                                f"{at}.op")
            fields["op"] = op
        if "uid" in raw:
            uid = raw["uid"]
            if not isinstance(uid, str) or not UID.fullmatch(uid):
                raise self.fail("uid 应为字母和数字组成的标识。", f"{at}.uid")
            fields["uid"] = uid
        if "extra" in raw:
            extra = raw["extra"]
            if not isinstance(extra, dict):
                raise self.fail(f"应为对象，实际为{type_name(extra)}。", f"{at}.extra")
            fields["extra"] = {}
            for key, value in extra.items():
                if key in ITEM_FIELDS or not KEY.fullmatch(key):
                    raise self.fail(f"“{key}”不能作为指标的附加列名。", f"{at}.extra")
                fields["extra"][key] = self.text(value, f"{at}.{key}")
        return Item(**fields)


def item_to_dict(item: Item) -> dict[str, Any]:
    """A free-text item as version 1 wrote it; a structured one with every field; the
    template's extra columns (权重, 备注, …) under ``extra`` when any holds text.

    A field set on a free-text item (a sign kept while the clerk retypes the name) is
    written too, so saving never loses what was typed.
    """
    data: dict[str, Any] = {"content": item.content, "value": item.value}
    for key in STRUCTURED_FIELDS:
        text = getattr(item, key)
        if item.is_structured or text:
            data[key] = text
    extra = {k: v for k, v in item.extra.items() if v}
    if extra:
        data["extra"] = extra
    if item.uid:
        data["uid"] = item.uid
    return data
