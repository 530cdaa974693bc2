"""What a check says: a finding with an id, a severity, a Chinese message and a place."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from declapp.form.definition import FormDefinition
from declapp.form.model import Draft

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
    highlight: str = ""  # the words in the field the finding is about, to select there

    def line(self) -> str:
        """One line for the command line: ``错误 funds.total: …``."""
        where = self.location or "（整体）"
        return f"{SEVERITY_NAMES[self.severity]}  {where}  {self.message}  [{self.id}]"


@dataclass(frozen=True)
class CheckContext:
    draft: Draft
    form: FormDefinition


Rule = Callable[[CheckContext], Iterable[Finding]]
