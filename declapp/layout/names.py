"""Names the program proposes for files: drafts and exports, safe on every disk."""

from __future__ import annotations

import re

from declapp.form.model import Draft
from declapp.form.templates import form_of, unit_name

EXPORT_NAME = "绩效目标申报表"

_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\u3164\ufeff\uffa0]")
# Disks allow 255 bytes for a name (ext4 counts UTF-8 bytes: a Chinese character is 3).
# Names we propose stay below that with room for what a clerk or Windows adds ("（2）",
# " - 副本"), and so do the short temp names written beside them.
MAX_FILE_NAME_BYTES = 230
DRAFT_SUFFIX = ".json"
LONGEST_EXPORT_SUFFIX = ".docx"


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of *text* whose UTF-8 form has at most *limit* bytes."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:max(limit, 0)].decode("utf-8", "ignore")


def _name_part(draft: Draft, tail: str) -> str:
    """``<部门>`` safe as a file name and short enough that ``<部门><tail>`` fits."""
    name = _INVISIBLE.sub("", unit_name(draft))
    name = _UNSAFE_FILENAME.sub("_", " ".join(name.split()))
    room = MAX_FILE_NAME_BYTES - len(tail.encode("utf-8"))
    # Windows drops a trailing dot or space from a name: none is left at the cut either.
    name = cut_to_bytes(name, room).rstrip(". ")
    return name or "未命名部门"


def draft_basename(draft: Draft) -> str:
    """``<部门>-<年度>``, safe as a file name on Windows and Linux: drafts are saved so.
    ``<部门>`` is cut so that the name with ``.json`` fits any disk."""
    year = f"-{draft.year}"
    return _name_part(draft, f"{year}{DRAFT_SUFFIX}") + year


def export_basename(draft: Draft) -> str:
    """``<部门>-<年度>-绩效目标申报表``: exports are named so, cut to fit with ``.docx``."""
    form = form_of(draft)
    tail = f"-{draft.year}-{form.export_name if form else EXPORT_NAME}"
    return _name_part(draft, f"{tail}{LONGEST_EXPORT_SUFFIX}") + tail


