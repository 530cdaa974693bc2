"""How a message names an amount of the form, so that the clerk finds the one meant.

A template labels an amount the way its table prints it, beside its section: 湖北's
资金情况 has a 合计 under 收入构成 and another under 支出构成. Named alone, "超过合计"
could be either; ``amount_name`` adds the section where the label alone is shared with
another amount of the form (支出构成合计, 收入构成合计), and the heading of any column but
the year's own, as the draft prints it (财政拨款（2022年）, 项目支出（1–6月执行数）).
"""

from __future__ import annotations

from declapp.form.definition import (
    AmountSection,
    AmountsPart,
    FormDefinition,
    fill_label,
    strip_colon,
)
from declapp.form.model import Draft


def amount_name(form: FormDefinition, key: str, draft: Draft) -> str:
    """What a message about *draft* calls its amount at *key* (``funds.total``,
    ``funds.fiscal@y1``); a block's or table's id gives its label."""
    row, _, column = key.partition("@")
    found = form.field(row)
    if found is None:
        return strip_colon(form.label(key)) or key
    name = found.name
    block, section = _place(form, row)
    if block is not None and section is not None and name in _other_names(form, row):
        # The section's heading says which; without one, the block's label.
        name = f"{strip_colon(section.heading) or strip_colon(block.label)}{name}"
    if column and block is not None:
        heading = next((c.label for c in block.columns if c.key == column), "")
        if heading:
            name += f"（{fill_label(strip_colon(heading), draft, form)}）"
    return name


def _place(form: FormDefinition, row: str) -> tuple[AmountsPart | None, AmountSection | None]:
    for block in form.amount_parts():
        for section in block.sections:
            if any(r.id == row for r in section.rows):
                return block, section
    return None, None


def _other_names(form: FormDefinition, row: str) -> set[str]:
    """The names of the form's other amounts (rows and amount fields)."""
    others = {key.partition("@")[0] for key in form.amount_ids()} - {row}
    return {f.name for key in others if (f := form.field(key)) is not None}
