"""Reading the values of a template file, each checked, each error naming its place.

``TemplateError`` names the file and the place (``parts[2].fields[0].type``) and says what
is wrong, in Chinese, for the IT person of a 财政局 who wrote the file. ``ValueReader``
reads one JSON value as an object with known keys, a text, a flag, a number in a range,
one of a few choices or a list, and fails with that sentence otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from declapp.errors import ClerkError

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
FIELD_ID = re.compile(r"[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){0,3}")
KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_COLUMNS = 30
T = TypeVar("T")


class TemplateError(ClerkError):
    """A template that is unknown or malformed; ``message`` says which and where."""

    def __init__(self, problem: str, source: str = "", place: str = "") -> None:
        self.problem, self.source, self.place = problem, source, place
        where = f"（位置：{place}）" if place else ""
        head = f"模板文件“{source}”有误{where}：" if source else ""
        super().__init__(f"{head}{problem}")


class ValueReader:
    """Reads the values of the template file named *source*."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, place: str) -> TemplateError:
        return TemplateError(problem, self.source, place)

    def obj(self, value: Any, place: str, required: tuple[str, ...],
            optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail("应为对象（{…}）。", place)
        for key in value:
            if key not in required and key not in optional:
                raise self.fail(f"有未知的键“{key}”（可能是拼写错误；可用的键："
                                f"{'、'.join((*required, *optional))}）。", place or "顶层")
        for key in required:
            if key not in value:
                raise self.fail(f"缺少键“{key}”。", place or "顶层")
        return value

    def text(self, value: Any, place: str, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail("应为文本（用双引号括起来）。", place)
        if not empty and not value.strip():
            raise self.fail("不能为空。", place)
        return value

    def flag(self, value: Any, place: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail("应为 true 或 false。", place)
        return value

    def count(self, value: Any, place: str, low: int = 1, high: int = MAX_COLUMNS) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 2.0 is an integer to JSON Schema, and to an editor
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(f"应为 {low} 到 {high} 之间的整数。", place)
        return value

    def number(self, value: Any, place: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not low <= value <= high:
            raise self.fail(f"应为 {low:g} 到 {high:g} 之间的数。", place)
        return float(value)

    def choice(self, value: Any, place: str, options: tuple[str, ...]) -> str:
        if value not in options:
            shown = "、".join(f"“{o}”" for o in options)
            raise self.fail(f"应为 {shown} 之一，实际为“{value}”。", place)
        return str(value)

    def pattern(self, value: Any, place: str, regex: re.Pattern[str], what: str) -> str:
        text = self.text(value, place)
        if not regex.fullmatch(text):
            raise self.fail(f"“{text}”不是有效的{what}。", place)
        return text

    def items(self, value: Any, place: str, read: Callable[[Any, str], T], *,
              empty: bool = False) -> tuple[T, ...]:
        if not isinstance(value, list):
            raise self.fail("应为数组（[…]）。", place)
        if not value and not empty:
            raise self.fail("不能为空数组。", place)
        return tuple(read(v, f"{place}[{n}]") for n, v in enumerate(value))

    def strings(self, value: Any, place: str) -> tuple[str, ...]:
        return self.items(value, place, lambda v, p: self.text(v, p, empty=False), empty=True)

    def decimal(self, value: Any, place: str, high: float = 100) -> Decimal:
        """A number of points as written (10 stays 10, never 10.0)."""
        self.number(value, place, 0, high)
        return Decimal(str(value))
