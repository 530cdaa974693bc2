"""What an import gives the clerk: the draft and a summary of what was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from declapp.form.definition import FormDefinition
from declapp.form.model import Draft
from declapp.form.texts import texts_of


class DraftOrigin(StrEnum):
    EMBEDDED = "embedded"  # our export's embedded draft, restored exactly
    TEXT = "text"  # read from the table's text (no embedded draft)
    TEXT_OVER_EMBEDDED = "text-over-embedded"  # the table was edited after export


@dataclass(frozen=True)
class ImportCounts:
    groups: int
    categories: int
    items: int
    characters: int  # characters of text, spaces and line breaks not counted

    @classmethod
    def of(cls, draft: Draft) -> ImportCounts:
        texts = [text for _where, text in texts_of(draft)]
        return cls(groups=len(draft.indicators),
                   categories=sum(len(g.categories) for g in draft.indicators),
                   items=draft.item_count(),
                   characters=sum(len("".join(t.split())) for t in texts))


@dataclass
class ImportResult:
    """A new, unsaved draft made from *source*, with what the clerk should know."""

    draft: Draft
    source: Path
    source_format: str  # "docx", "xlsx" or "pdf": what was read
    converted_from: str  # ".doc", ".wps", ".et", ".xls" when LibreOffice converted it; else ""
    profile: FormDefinition
    origin: DraftOrigin
    counts: ImportCounts
    warnings: list[str] = field(default_factory=list)

    @property
    def template(self) -> str:
        return self.profile.id

    @property
    def year(self) -> int:
        return self.draft.year

    @property
    def used_embedded_draft(self) -> bool:
        return self.origin == DraftOrigin.EMBEDDED

    def summary_lines(self) -> list[str]:
        """The summary in Chinese, one fact a line (for the command line and the window)."""
        c = self.counts
        how = {DraftOrigin.EMBEDDED: "文件中嵌入的草稿（与导出时完全相同）",
               DraftOrigin.TEXT: "表格中的文字",
               DraftOrigin.TEXT_OVER_EMBEDDED: "表格中的文字（导出后表格被修改过，"
                                                "未使用文件中嵌入的草稿）"}[self.origin]
        converted = f"（已由 LibreOffice 从 {self.converted_from} 转换）" \
            if self.converted_from else ""
        return [f"模板：{self.profile.name}；年度：{self.draft.year}",
                f"读出：{c.groups} 个一级指标，{c.categories} 个二级指标，{c.items} 条具体指标，"
                f"共 {c.characters:,} 字",
                f"来源：{how}{converted}"]
