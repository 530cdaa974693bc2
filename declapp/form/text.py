"""Text hygiene: what may enter a draft."""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than tab and newline, U+FFFE/U+FFFF and lone surrogates cannot be
# held by XML (docx, xlsx) and break reportlab; Word and WPS paste \x0b and \x0c.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return *value* with ``\\n`` line ends and without characters XML cannot hold."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode line and paragraph separators come from some web editors: keep the break.
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    return _BAD_CHARS.sub("", value)


# Chinese line breaking (GB/T 15834, plus the Japanese marks reportlab knows): a line
# never starts with the first set nor ends with the second. Every writer that breaks
# lines itself (PDF text, Excel labels) uses these.
NO_LINE_START = frozenset(
    "!',.:;?\")]、。」』】〕］）々―ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮーヵヶ゛゜・ヽヾゝゞ‐°′″℃￠"
    "％‰，；：？！》〉〗｝”’…—～·．}%")
NO_LINE_END = frozenset("（《「『“‘〈【〔〖［｛([{<")


# Characters that print nothing: format characters (zero-width space, joiners, BOM, soft
# hyphen, direction marks), and letters that are blank by design (Hangul fillers, braille
# blank). A text of only these and white space looks empty to the clerk.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e")


def _prints_nothing(ch: str) -> bool:
    return ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in ("Cf", "Cc",
                                                                               "Zs", "Zl", "Zp")


def is_blank(value: str) -> bool:
    """True when *value* prints nothing: empty, white space, or only invisible characters
    such as ``\\u200b`` and ``\\ufeff``. Every "is it empty" check asks this."""
    return all(_prints_nothing(ch) for ch in value)


# A label merged down over a page end prints again at the head of the next page, marked
# so: 产出指标（续）. The rows there would otherwise stand under no group. (Here, not in
# layout: the import recognises it without loading the layout.)
CONTINUED_MARK = "（续）"
# The line an import puts above what it could not place (in 其他说明的问题): the clerk
# moves that text where it belongs, and a check keeps pointing at it until then.
UNPLACED_MARKER = "【以下内容导入时未能归入表中的栏目，请核对后移到正确的位置】"
SWITCH_MARKER = "【以下内容在更换模板时没有对应的栏目，请核对后移到正确的位置或删去】"
