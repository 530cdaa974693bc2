"""How an indicator reads: on the printed form, in the tree and in its value column.

One place, so that the form, the window, the checks and the 指标库 say the same thing.
A structured item reads ``名称：≥95%`` (file-format.md, version 2): the sign is left out
for ＝ and 定性 (``名称：10项``, ``名称：达成``) and the 指标内容 follows on the next line;
指标解释 and 评（扣）分标准 are not printed. A free-text item reads ``content：value``
as version 1 printed it.
"""

from __future__ import annotations

from declapp.form.model import ITEM_FIELDS, OP_EQ, OP_QUALITATIVE, Item
from declapp.form.text import clean_text, is_blank

DEFAULT_SEPARATOR = "："  # both Xicheng profiles; the layout passes the profile's own
_SIGN_NOT_PRINTED = ("", OP_EQ, OP_QUALITATIVE)


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def value_text(item: Item) -> str:
    """The 指标值 as the form prints it: ``≥95%``, ``10项``, ``达成``; a free-text item's
    value as typed. Empty when there is no value (a sign alone says nothing)."""
    if not item.is_structured:
        return _one_line(item.value)
    value = _one_line(item.value)
    if not value:
        return ""
    sign = "" if item.op in _SIGN_NOT_PRINTED else item.op
    return f"{sign}{value}{_one_line(item.unit)}"


def _content_lines(content: str) -> list[str]:
    return [] if is_blank(content) else clean_text(content).strip("\n").split("\n")


def item_lines(item: Item, separator: str = DEFAULT_SEPARATOR) -> list[str]:
    """The item as printed, one entry per paragraph, without the ``1、`` numbering.

    Empty for an item that prints nothing (a blank free-text item).
    """
    if item.is_structured:
        head = _one_line(item.name)
        value = value_text(item)
        return [f"{head}{separator}{value}" if value else head, *_content_lines(item.content)]
    lines = _content_lines(item.content)
    value = "" if is_blank(item.value) else clean_text(item.value).strip()
    if value:
        if lines:
            lines[-1] = f"{lines[-1].rstrip()}{separator}{value}"
        else:
            lines = [value]
    return lines


def is_printed(item: Item) -> bool:
    """True when the item prints something on the form."""
    return item.is_structured or not (is_blank(item.content) and is_blank(item.value))


def printed_text(item: Item, separator: str = DEFAULT_SEPARATOR) -> str:
    """The item's text on the form, paragraphs joined by ``\\n``."""
    return "\n".join(item_lines(item, separator))


def tree_text(item: Item) -> str:
    """One line for the indicator column of the tree: what the form prints, less the value,
    which the value column (``value_text``) shows. ``""`` for a blank item."""
    if item.is_structured:
        return " ".join(p for p in (_one_line(item.name), _one_line(item.content)) if p)
    return _one_line(item.content)


def tooltip_text(item: Item, separator: str = DEFAULT_SEPARATOR) -> str:
    """The whole item for a tooltip or a library hit: the printed text, then 指标解释 and
    评（扣）分标准, which the form does not print."""
    parts = [printed_text(item, separator)]
    if item.is_structured:
        if item.explanation.strip():
            parts.append(f"指标解释：{clean_text(item.explanation).strip()}")
        if item.scoring.strip():
            parts.append(f"评（扣）分标准：{clean_text(item.scoring).strip()}")
    return "\n".join(p for p in parts if p)


def indicator_key(item: Item) -> tuple[str, ...]:
    """What makes an indicator the one it is: every field, less spaces and line breaks
    (two copies of one indicator have one key)."""
    return tuple("".join(getattr(item, f).split()) for f in ITEM_FIELDS)


def same_indicator(a: Item, b: Item) -> bool:
    """True when *a* and *b* are one indicator written twice: every field the same but
    for spaces and line breaks. Blank items are never the same indicator (each is a line
    still to fill)."""
    if not is_printed(a) or not is_printed(b):
        return False
    return indicator_key(a) == indicator_key(b)
