"""Comparing drafts field by field, as the clerk reads them."""

from __future__ import annotations

from decimal import Decimal

from declapp.form.model import Draft
from declapp.storage.fileformat import to_dict


def form_fields(draft: Draft) -> dict:
    """The draft's fields; amounts as numbers (18891.87 and 18891.870 are one amount)."""
    data = to_dict(draft)
    data["amounts"] = {k: Decimal(v) for k, v in data["amounts"].items()}
    return data


def differences(got: Draft, want: Draft) -> list[str]:
    """Every field where *got* differs from *want*, with both values (empty: the same)."""
    a, b = form_fields(got), form_fields(want)
    problems = []
    for key in b:
        if a[key] != b[key]:
            problems.append(f"{key}: got {str(a[key])[:300]!r}, want {str(b[key])[:300]!r}")
    return problems
