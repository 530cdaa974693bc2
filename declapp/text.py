"""Text hygiene: what may enter a draft."""

from __future__ import annotations

import re

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

# The line an import puts above what it could not place (in 其他说明的问题): the clerk
# moves that text where it belongs, and a check keeps pointing at it until then.
UNPLACED_MARKER = "【以下内容导入时未能归入表中的栏目，请核对后移到正确的位置】"
