"""Amounts in 万元: exact decimals, parsed without ever passing through a float."""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def format_amount(amount: Decimal) -> str:
    """``41421.22`` → ``"41421.22"``; two decimals at least, more where entered."""
    if not amount.is_finite():
        return str(amount)
    places = max(2, decimals(amount))
    return f"{amount:.{places}f}"


def format_wanyuan(amount: Decimal) -> str:
    """The amount as the form prints it: ``41421.22万元``."""
    return f"{format_amount(amount)}万元"


def to_json(amount: Decimal) -> str:
    """The amount as a draft file stores it: the decimal string, exactly as entered."""
    text = format(amount, "f")
    return "0" if text in ("-0", "0E-0") else text


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
