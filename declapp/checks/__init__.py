"""Checks: one engine, a list of rules, findings that say what and where.

A rule is a function of a ``CheckContext`` yielding ``Finding``s. Each finding has a
stable id, a severity, a Chinese message and the location path of the field (the
notation of ``declapp.form.locations``: ``indicators[2].categories[0].items[3].content``), so the
window can jump there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from declapp.checks import (
    carry_rules,
    cost_rules,
    entry_rules,
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
from declapp.form.review import reason_for
from declapp.form.template_file import TemplateError
from declapp.form.templates import load_template
from declapp.form.texts import order_key, paragraph_of, place_name

__all__ = ["ERROR", "SEVERITY_NAMES", "WARNING", "CheckContext", "Finding", "Rule", "Severity",
           "Tally", "check_draft", "counts", "errors_first", "has_errors", "tally"]

RULES: list[Rule] = [*form_rules.RULES, *table_rules.RULES, *indicator_rules.RULES,
                     *reviewer_rules.RULES, *entry_rules.RULES, *cost_rules.RULES,
                     *carry_rules.RULES, *stage_rules.RULES, *year_rules.RULES]


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
    key = order_key(draft, form)
    return [replace(f, place=_place(draft, form, f),
                    reviewed=reason_for(draft, f.id, f.location) if f.severity == WARNING
                    else "")
            for f in sorted(findings, key=lambda f: key(f.location))]


def _place(draft: Draft, form: FormDefinition, finding: Finding) -> str:
    """``资金情况 › 基本支出``; ``年度绩效目标 第 2 段`` for words in a long text."""
    if not finding.location:
        return ""
    name = place_name(draft, form, finding.location)
    paragraph = paragraph_of(draft.texts.get(finding.location, ""), finding.highlight)
    return f"{name} 第 {paragraph} 段" if paragraph else name


def errors_first(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with the errors first, each kind in the form's order."""
    return sorted(findings, key=lambda f: f.severity != ERROR)


@dataclass(frozen=True)
class Tally:
    errors: int
    warnings: int  # not looked at yet
    reviewed: int  # warnings marked 已核对

    def sentence(self) -> str:
        """0 个错误，0 个未核对的警告（另有 3 个已核对）."""
        more = f"（另有 {self.reviewed} 个已核对）" if self.reviewed else ""
        return f"{self.errors} 个错误，{self.warnings} 个未核对的警告{more}"


def tally(findings: Iterable[Finding]) -> Tally:
    errors = warnings = reviewed = 0
    for f in findings:
        if f.severity == ERROR:
            errors += 1
        elif f.reviewed:
            reviewed += 1
        else:
            warnings += 1
    return Tally(errors, warnings, reviewed)


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
