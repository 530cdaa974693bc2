"""Text hygiene: what may enter a draft, and how text is measured for layout."""

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


def display_width(text: str) -> int:
    """Width of *text* in half-width units: full-width (CJK) characters count double."""
    width = 0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        elif ch == "\t":
            width += 4
        elif not unicodedata.combining(ch):
            width += 1
    return width
