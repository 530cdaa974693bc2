"""Amounts in 万元: exact decimals, parsed without ever passing through a float."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation

MAX_DECIMALS = 6
ZERO = Decimal("0")
# A 万元 amount above this is a typo (the largest district budget is some 10⁶ 万元).
MAX_AMOUNT = Decimal(10) ** 12

# Plain decimal notation only: no exponent, no thousands separators, no NaN/Infinity.
_DECIMAL_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def parse_amount(text: str) -> Decimal:
    """Parse a decimal string such as ``"41421.22"``; raise ``ValueError`` otherwise.

    Half- and full-width digits are accepted, so is a trailing ``万元``, since clerks
    type what they see on the form.
    """
    s = text.strip().translate(_FULLWIDTH)
    if s.endswith("万元"):
        s = s[:-2].strip()
    s = s.replace(",", "") if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", s) else s
    if not _DECIMAL_RE.fullmatch(s):
        raise ValueError(f"不是数字：{text!r}")
    try:
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid input
        raise ValueError(f"不是数字：{text!r}") from exc


_FULLWIDTH = str.maketrans("０１２３４５６７８９．＋－，", "0123456789.+-,")


def decimals(amount: Decimal) -> int:
    """Number of decimal places written in *amount* (``Decimal("1.50")`` has 2)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def without_sign_of_zero(amount: Decimal) -> Decimal:
    """``-0`` and ``-0.00`` are zero: never kept, never printed as ``-0.00万元``."""
    return ZERO if amount.is_zero() and amount.is_signed() else amount


def format_amount(amount: Decimal) -> str:
    """``41421.22`` → ``"41421.22"``; two decimals at least, more where entered."""
    if not amount.is_finite():
        return str(amount)
    amount = without_sign_of_zero(amount)
    places = max(2, decimals(amount))
    return f"{amount:.{places}f}"


def format_wanyuan(amount: Decimal) -> str:
    """The amount as the form prints it: ``41421.22万元``."""
    return f"{format_amount(amount)}万元"


def to_json(amount: Decimal) -> str:
    """The amount as a draft file stores it: the decimal string, exactly as entered."""
    return format(without_sign_of_zero(amount), "f")


# --- numbers as a draft file holds them ---------------------------------------------------

# What the draft reader accepts for an amount: an absolute value below 10¹⁵ 万元 (the
# checks already call anything above MAX_AMOUNT an error the clerk mends in the window)
# and at most 400 decimal places (any number a float prints, however small; the checks
# call more than MAX_DECIMALS an error). 1e999999999 or 1e-999999999 would print as a
# billion digits; within these bounds printing or adding costs nothing.
FILE_MAX_INTEGER_DIGITS = 15
FILE_MAX_DECIMALS = 400
JSON_NUMBER_MAX_CHARS = 500  # a longer number in a draft is not parsed at all
# The schema's pattern for a string amount, with the same bounds.
_PLAIN_DECIMAL = re.compile(
    rf"-?0*[0-9]{{1,{FILE_MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,{FILE_MAX_DECIMALS}}})?")


class UnreadNumber(Decimal):
    """A number of a draft file too long or too far out of range to be read: NaN to
    arithmetic, its text (shortened) to a message."""

    text: str

    def __new__(cls, text: str) -> UnreadNumber:
        number = super().__new__(cls, "NaN")
        shown = text if len(text) <= 24 else f"{text[:20]}…（共 {len(text):,} 个字符）"
        number.text = shown
        return number

    def __str__(self) -> str:
        return self.text

    def __format__(self, spec: str, context: Context | None = None, /) -> str:
        return self.text


def _within_file_bounds(amount: Decimal) -> bool:
    exponent = amount.as_tuple().exponent
    return (isinstance(exponent, int) and exponent >= -FILE_MAX_DECIMALS
            and amount.adjusted() < FILE_MAX_INTEGER_DIGITS)


def json_number(text: str) -> int | Decimal:
    """A JSON number of a draft file, for ``json.loads`` (``parse_int`` and
    ``parse_float``): an ``int`` or an exact ``Decimal`` (never a float), or an
    ``UnreadNumber`` when it is longer than ``JSON_NUMBER_MAX_CHARS`` or a decimal beyond
    the file's bounds; the reader refuses that with its place, and nothing ever computes
    with it."""
    if len(text) > JSON_NUMBER_MAX_CHARS:
        return UnreadNumber(text)
    if not any(ch in text for ch in ".eE"):
        return int(text)
    number = Decimal(text)
    return number if _within_file_bounds(number) else UnreadNumber(text)


class AmountError(ValueError):
    """An amount of a draft file that cannot be read; ``problem`` says why (Chinese)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_json_amount(value: int | Decimal | str) -> Decimal:
    """An amount as a draft file holds it: a JSON number (through ``json_number``) or a
    plain decimal string such as ``"41421.22"``; ``AmountError`` when it is not a number
    or beyond the file's bounds (``FILE_MAX_INTEGER_DIGITS``, ``FILE_MAX_DECIMALS``).
    ``-0`` is zero."""
    if isinstance(value, str):
        text = value.strip()
        if len(value) > JSON_NUMBER_MAX_CHARS or not _PLAIN_DECIMAL.fullmatch(text):
            if _ANY_DECIMAL.fullmatch(text):
                raise AmountError(_out_of_bounds(UnreadNumber(text)))
            raise AmountError(f"金额“{UnreadNumber(value)}”不是数字。")
        amount = Decimal(text)
    else:
        amount = Decimal(value)  # an int (bounded in length by json_number) or a Decimal
    if isinstance(value, UnreadNumber) or not _within_file_bounds(amount):
        shown = value if isinstance(value, UnreadNumber) else UnreadNumber(str(value))
        raise AmountError(_out_of_bounds(shown))
    return without_sign_of_zero(amount)


_ANY_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _out_of_bounds(shown: UnreadNumber) -> str:
    return (f"金额“{shown}”超出了草稿文件允许的范围（整数部分最多 {FILE_MAX_INTEGER_DIGITS} 位，"
            f"小数最多 {FILE_MAX_DECIMALS} 位），文件可能已损坏或被改错。")


def _exact_context(amounts: list[Decimal]) -> Context:
    """A context in which adding and subtracting *amounts* never rounds.

    Decimal's default 28 digits would round a 31-digit total (a false mismatch) or hide
    the difference between two 10²⁷ amounts (a missed one); the digits needed are those
    from the largest amount's first digit down to the smallest one's last decimal.
    """
    finite = [a for a in amounts if a.is_finite() and a]
    if not finite:
        return Context(traps=[InvalidOperation])
    top = max(a.adjusted() for a in finite)
    bottom = min(int(a.as_tuple().exponent) for a in finite)
    prec = max(28, top - bottom + len(amounts).bit_length() + 2)
    return Context(prec=prec, traps=[InvalidOperation, Inexact])


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of *amounts*, however many digits they have."""
    values = list(amounts)
    context = _exact_context(values)
    total = ZERO
    for value in values:
        total = context.add(total, value)
    return total


def exact_difference(a: Decimal, b: Decimal) -> Decimal:
    """``a - b``, exactly."""
    return _exact_context([a, b]).subtract(a, b)


# --- what a clerk types or pastes into an amount field --------------------------------

@dataclass(frozen=True)
class AmountEntry:
    """What became of the text typed or pasted into an amount field.

    ``text`` is what the field should now show (the clerk's digits as typed, only
    cleaned), ``amount`` its value (zero for an empty field), ``note`` a Chinese sentence
    saying what was changed (empty when nothing was); a refused text has ``amount`` None,
    ``text`` empty and the Chinese reason in ``error``.
    """

    text: str
    amount: Decimal | None
    note: str = ""
    error: str = ""

    @property
    def accepted(self) -> bool:
        return not self.error


# Full-width digits and signs, the minus signs of Word and WPS, and the IME's 。 typed for
# a decimal point in Chinese mode.
_ENTRY_CHARS = str.maketrans("０１２３４５６７８９．＋－，−﹣–", "0123456789.+-,---")
_IME_POINT = "。"
_SPACES = re.compile(r"^[\s\u3000\u200b\u200c\u200d\u2060\ufeff]+|"
                     r"[\s\u3000\u200b\u200c\u200d\u2060\ufeff]+$")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")
# "1," as the clerk types "1,000": a separator after whole groups, the next not begun.
_GROUPING_TYPED = re.compile(r"\d{1,3}(,\d{3})*,")
_ENTRY = re.compile(r"\d*\.?\d*")
_CHINESE_NUMERALS = re.compile("[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点.]+")


def _refuse(reason: str) -> AmountEntry:
    return AmountEntry("", None, error=reason)


def normalize_amount_entry(text: str) -> AmountEntry:
    """Accept an amount the way clerks have it, or say why not (Chinese).

    ``" 456.78 "``, ``"1,000.50"``, full-width ``"１２３.４５"``, ``"12.5万元"`` and the
    IME's ``"12。5"`` are cleaned to ``"456.78"``, ``"1000.50"``, ``"123.45"``, ``"12.5"``;
    what was changed is said in ``note``. A minus sign, a comma out of place, a unit of
    元, more than six decimals, an amount above ``MAX_AMOUNT`` or anything else that is
    not a number is refused with the reason in ``error``. Texts on the way to a number
    while typing (``""``, ``"."``, ``"12."``) are accepted as they are; a comma typed
    after whole groups (``"1,"``) is dropped with a note.
    """
    changes: list[str] = []
    s = _SPACES.sub("", text)
    if s != text:
        changes.append("去掉首尾空格")
    converted = s.translate(_ENTRY_CHARS)
    if converted != s:
        changes.append("全角数字和符号改为半角")
        s = converted
    if _IME_POINT in s:
        s = s.replace(_IME_POINT, ".")
        changes.append("句号“。”改为小数点")
    for unit in ("万元", "万"):
        if s.endswith(unit) and s[:-len(unit)].strip():
            s = s[:-len(unit)].rstrip()
            changes.append("去掉单位“万元”（金额本来就以万元为单位）")
            break
    if s.endswith("元"):
        return _refuse("金额以万元为单位：请把“元”换算成万元后再输入（1 万元 = 10000 元）。")
    if s.startswith("+"):
        s = s[1:]
        changes.append("去掉正号")
    negative = s.startswith("-")
    if negative:
        s = s[1:]
    if "," in s:
        if _GROUPED.fullmatch(s) or _GROUPING_TYPED.fullmatch(s):
            s = s.replace(",", "")
            changes.append("去掉千位分隔符（逗号）")
        else:
            return _refuse("逗号的位置不对：千位分隔符每三位一个，例如 1,000.50；"
                           "小数点请用“.”。")
    if not _ENTRY.fullmatch(s):
        if _CHINESE_NUMERALS.fullmatch(s):
            return _refuse("请用阿拉伯数字输入金额，例如 41421.22（单位：万元）。")
        shown = text.strip()
        shown = shown if len(shown) <= 20 else shown[:20] + "…"
        return _refuse(f"“{shown}”不是金额：只能输入数字和一个小数点，"
                       "例如 41421.22（单位：万元）。")
    amount = Decimal(s) if s.strip(".") else ZERO
    if negative:
        if amount or not s.strip("."):  # "-5", or a minus typed on its own
            return _refuse("金额不能为负数：各项资金都应大于或等于 0。")
        changes.append("去掉 0 前面的负号")
    if decimals(amount) > MAX_DECIMALS:
        return _refuse(f"金额最多 {MAX_DECIMALS} 位小数（单位是万元，"
                       f"{MAX_DECIMALS} 位小数已精确到分）。")
    if amount > MAX_AMOUNT:
        return _refuse("金额超过一万亿万元，请检查是否多输了数字。")
    note = f"已整理金额：{'，'.join(changes)}。" if changes else ""
    return AmountEntry(s, amount, note)
