"""Warnings a clerk has looked at (已核对): kept in the draft with the reason given, for
as long as the text they are about stays as it was.

A check's warning is sometimes right to leave: a vague word in a quotation, a year that
names a plan of that year. The clerk marks it 已核对 with a reason; the mark holds while
the text at its place is unchanged (a fingerprint of it is kept), so a later edit brings
the warning back. The marks travel in the file (``meta.reviewed``) and with next year's
copy, where they hold only where the text was kept unchanged.
"""

from __future__ import annotations

from typing import Any

from declapp.form.model import Draft
from declapp.form.texts import value_at

META_KEY = "reviewed"
MAX_REASON = 200


def fingerprint(draft: Draft, location: str) -> str:
    import hashlib  # loads OpenSSL: not for every command that reads a draft

    return hashlib.sha1(value_at(draft, location).encode("utf-8")).hexdigest()[:16]


def reason_for(draft: Draft, check_id: str, location: str) -> str:
    """The reason a warning at *location* was marked 已核对 with, while its text is
    unchanged; "" when it was not, or the text changed since."""
    mark = draft.reviewed.get((check_id, location))
    if mark is None or mark[0] != fingerprint(draft, location):
        return ""
    return mark[1]


def to_meta(draft: Draft) -> list[dict[str, str]]:
    return [{"id": check_id, "location": location, "text": print_, "reason": reason}
            for (check_id, location), (print_, reason) in sorted(draft.reviewed.items())]


def from_meta(draft: Draft, raw: Any) -> None:
    """Marks read from a file: anything malformed is passed over (a reminder, not the
    form)."""
    if not isinstance(raw, list):
        return
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        values = [entry.get(k) for k in ("id", "location", "text", "reason")]
        texts = [v for v in values if isinstance(v, str)]
        if len(texts) == 4 and texts[3]:
            check_id, location, print_, reason = texts
            draft.reviewed[(check_id, location)] = (print_, reason[:MAX_REASON])
