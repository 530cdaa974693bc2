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
    place: str = ""  # where it is, in the form's own words (资金情况 › 基本支出)
    reviewed: str = ""  # the reason a clerk marked this warning 已核对 with
    theme: str = ""  # what findings of this kind share, said once above a list of them

    def line(self) -> str:
        """One line for the command line: ``错误  资金情况 › 资金总额  …``."""
        where = self.place or self.location or "（整体）"
        kind = "已核对" if self.reviewed else SEVERITY_NAMES[self.severity]
        said = f"（已核对：{self.reviewed}）" if self.reviewed else ""
        return f"{kind}  {where}  {self.message}{said}  [{self.id}]"


@dataclass(frozen=True)
class CheckContext:
    draft: Draft
    form: FormDefinition


Rule = Callable[[CheckContext], Iterable[Finding]]
