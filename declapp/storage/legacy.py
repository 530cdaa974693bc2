"""Versions 1 and 2 of the draft format, read into today's draft.

Both had a fixed shape — ``department`` (name, head, phone, functions), ``funds``
(total, basic, project, other), ``goals``, ``indicators``, ``notes`` — which the
西城区 templates still use under the same names: ``department.name`` is the field
``department.name`` of a version 3 draft, ``funds.total`` the amount ``funds.total``.
Version 2 differs from version 1 only in the item (structured indicators). Both open
unchanged and are saved as version 3.
"""

from __future__ import annotations

from typing import Any

from declapp.form.model import Draft
from declapp.storage.reader import Reader

TOP_KEYS = ("format", "version", "template", "year", "department", "funds", "goals",
            "indicators", "notes")
DEPARTMENT_KEYS = ("name", "head", "phone", "functions")
FUND_KEYS = ("total", "basic", "project", "other")
GROUP_KINDS = ("output", "effect")


def read_legacy(r: Reader, raw: dict[str, Any], template: str, year: int) -> Draft:
    """The version 1 or 2 draft *raw*, as today's model holds it."""
    r.obj(raw, "", TOP_KEYS, ("meta",))
    dept = r.obj(raw["department"], "department", DEPARTMENT_KEYS)
    funds = r.obj(raw["funds"], "funds", FUND_KEYS)
    texts = {f"department.{k}": r.text(dept[k], f"department.{k}") for k in DEPARTMENT_KEYS}
    texts["goals"] = r.text(raw["goals"], "goals")
    texts["notes"] = r.text(raw["notes"], "notes")
    amounts = {f"funds.{k}": r.amount(funds[k], f"funds.{k}") for k in FUND_KEYS}
    draft = Draft(template=template, year=year, texts=texts, amounts=amounts)
    draft.indicators = r.groups(raw["indicators"], "indicators", GROUP_KINDS)
    return draft
