"""Checks: one engine, a list of rules, findings that say what and where.

A rule is a function of a ``CheckContext`` yielding ``Finding``s. Each finding has a
stable id, a severity, a Chinese message and the location path of the field (the
notation of ``declapp.form.locations``: ``indicators[2].categories[0].items[3].content``), so the
window can jump there.
"""

from __future__ import annotations

from collections.abc import Iterable

from declapp.checks import (
    carry_rules,
    cost_rules,
    form_rules,
    indicator_rules,
    reviewer_rules,
    stage_rules,
    table_rules,
    year_rules,
)
from declapp.checks.findings import (
    ERROR,
    SEVERITY_NAMES,
    WARNING,
    CheckContext,
    Finding,
    Rule,
    Severity,
)
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft
from declapp.form.template_file import TemplateError
from declapp.form.templates import load_template

__all__ = ["ERROR", "SEVERITY_NAMES", "WARNING", "CheckContext", "Finding", "Rule", "Severity",
           "check_draft", "counts", "has_errors"]

RULES: list[Rule] = [*form_rules.RULES, *table_rules.RULES, *indicator_rules.RULES,
                     *reviewer_rules.RULES, *cost_rules.RULES, *carry_rules.RULES,
                     *stage_rules.RULES, *year_rules.RULES]


def check_draft(draft: Draft, form: FormDefinition | None = None) -> list[Finding]:
    """All findings for *draft*, errors first, then in the order of the form. A check the
    template turns off (``checks.disabled``) says nothing."""
    if form is None:
        try:
            form = load_template(draft.template)
        except TemplateError as exc:
            return [Finding("template-unknown", ERROR, exc.message, "template")]
    context = CheckContext(draft, form)
    findings = [f for rule in RULES for f in rule(context)
                if f.id not in form.checks.disabled]
    return sorted(findings, key=lambda f: f.severity != ERROR)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        if f.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
