"""Every check's id, in one list: what a template's ``checks.disabled`` may name, what
``declapp template check`` accepts there and what the help page explains.

Most ids are fixed. Two families are made from the form: a required field left blank
is ``<the field id's last part>-missing`` (``department.name`` → ``name-missing``), and a
kind of 一级指标 that is missing or there twice takes its id from its role (``output``,
``effect``; any other role ``group-missing`` / ``extra-group``).
"""

from __future__ import annotations

from declapp.form.definition import FormDefinition, GroupKind

# Each fixed id once; tests/test_checks.py checks this list against the rules' source.
FIXED_IDS = frozenset({
    # fields and amounts (form_rules)
    "row-empty", "phone-format", "date-format", "choice-invalid", "name-too-long",
    "year-range", "import-unplaced", "switch-unplaced", "amount-invalid", "total-mismatch",
    "totals-disagree", "hidden-amount",
    # tables (table_rules)
    "table-empty", "table-row-empty", "table-cell-missing", "table-row-sum",
    # the indicator tree (indicator_rules)
    "group-kind-unknown", "effect-not-last", "group-name-missing", "effect-name",
    "category-missing", "category-name-missing", "category-empty", "item-empty",
    "item-duplicate",
    # as a reviewer reads them (reviewer_rules)
    "indicator-name-missing", "indicator-op-missing", "indicator-value-missing",
    "indicator-value-not-number", "indicator-unit-missing", "indicator-name-long",
    "indicator-value-long", "indicator-percent-over-100", "satisfaction-low",
    "satisfaction-missing", "satisfaction-empty", "vague-words", "cost-over-total",
    "weight-invalid", "weight-missing", "weights-total", "qualitative-unit",
    "value-unit-mismatch",
    # a form typed into the wrong cells (entry_rules)
    "indicator-name-lines", "amounts-all-zero",
    # cost indicators, last year's figures, old years (cost_rules, carry_rules, year_rules)
    "cost-sum", "cost-share", "carried-amount", "carried-cost", "stale-year",
    # a self-evaluation and a monitoring form as a reviewer reads them (stage_rules)
    "execution-unknown", "execution-low", "points-total", "score-unknown",
    "score-without-cause", "over-completion", "score-mismatch",
    "impossible-without-measures",
    # the draft's template itself
    "template-unknown",
})
# (missing, one too many) for a kind of 一级指标, by its role.
KIND_IDS = {"output": ("no-output-group", "extra-output-group"),
            "effect": ("no-effect-group", "extra-effect-group")}
OTHER_KIND_IDS = ("group-missing", "extra-group")
MISSING_SUFFIX = "-missing"
CHECK_IDS = FIXED_IDS | {i for pair in (*KIND_IDS.values(), OTHER_KIND_IDS) for i in pair}


def kind_ids(kind: GroupKind) -> tuple[str, str]:
    """(missing, one too many): the ids of the two findings for a kind of group."""
    return KIND_IDS.get(kind.role, OTHER_KIND_IDS)


def missing_id(field_id: str) -> str:
    """``department.name`` → ``name-missing``: a required field left blank."""
    return f"{field_id.rsplit('.', 1)[-1].replace('_', '-')}{MISSING_SUFFIX}"


def form_check_ids(form: FormDefinition) -> frozenset[str]:
    """Every id a check can give for a draft of *form*: the fixed ones and the
    ``…-missing`` of each field it requires."""
    return CHECK_IDS | {missing_id(f.id) for f in form.text_fields()
                        if f.required == "error" and f.printed}


def unknown_disabled(form: FormDefinition) -> list[str]:
    """The ids *form*'s ``checks.disabled`` names that no check gives, sorted."""
    known = form_check_ids(form)
    return sorted(i for i in form.checks.disabled if i not in known)
