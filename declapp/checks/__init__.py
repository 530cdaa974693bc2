"""Checks: one engine, a list of rules, findings that say what and where.

A rule is a function of a ``CheckContext`` yielding ``Finding``s. Each finding has a
stable id, a severity, a Chinese message and the location path of the field (the
notation of file-format.md: ``indicators[2].categories[0].items[3].content``), so the
window can jump there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from declapp.model import Draft
from declapp.templates import TemplateError, TemplateProfile, load_template

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True)
class Finding:
    id: str
    severity: Severity
    message: str
    location: str

    def line(self) -> str:
        """One line for the command line: ``错误 funds.total: …``."""
        where = self.location or "（整体）"
        return f"{SEVERITY_NAMES[self.severity]}  {where}  {self.message}  [{self.id}]"


@dataclass(frozen=True)
class CheckContext:
    draft: Draft
    profile: TemplateProfile


Rule = Callable[[CheckContext], Iterable[Finding]]


def _rules() -> list[Rule]:
    # Imported here so each rule module can import Finding from this one.
    from declapp.checks import (
        cost_rules,
        form_rules,
        indicator_rules,
        reviewer_rules,
        year_rules,
    )

    return [*form_rules.RULES, *indicator_rules.RULES, *reviewer_rules.RULES,
            *cost_rules.RULES, *year_rules.RULES]


def check_draft(draft: Draft, profile: TemplateProfile | None = None) -> list[Finding]:
    """All findings for *draft*, errors first, then in the order of the form."""
    if profile is None:
        try:
            profile = load_template(draft.template)
        except TemplateError as exc:
            return [Finding("template-unknown", ERROR, exc.message, "template")]
    context = CheckContext(draft, profile)
    findings = [f for rule in _rules() for f in rule(context)]
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
