"""Exporters: render the layout grid (``declapp.layout``) to Word, Excel and PDF.

Each writer module has ``write(grid, target, options, payload=None) -> list[str]``: it
writes *target* (with *payload*, the draft file's bytes, embedded when given)
atomically, returns warnings for the clerk (Chinese sentences, e.g. a font fallback)
and raises ``declapp.storage.atomic.WriteError`` when the file cannot be written.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from declapp.errors import ClerkError
from declapp.export.embedding import draft_payload
from declapp.form.definition import FormDefinition
from declapp.form.model import Draft
from declapp.form.template_file import TemplateError
from declapp.form.templates import load_template
from declapp.layout import FormGrid, build_layout, export_basename
from declapp.system import collector

FORMATS = {"docx": "docx_writer", "xlsx": "xlsx_writer", "pdf": "pdf_writer"}
FORMAT_NAMES = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF"}


class ExportError(ClerkError):
    """An export that cannot be made; ``message`` is for the clerk."""


@dataclass
class ExportOptions:
    """Choices the clerk can make; ``font_file`` overrides the automatic PDF font;
    ``embed_draft`` puts the draft into the file, so importing it gives the draft back."""

    font_file: Path | None = None
    embed_draft: bool = True


@dataclass
class ExportResult:
    path: Path
    format: str
    warnings: list[str] = field(default_factory=list)


def format_of(path: Path | str) -> str:
    """The export format named by *path*'s extension; ``ExportError`` if none."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ExportError(f"无法识别的导出格式“.{ext}”：请使用 .docx、.xlsx 或 .pdf。")
    return ext


@dataclass
class Prepared:
    """A draft laid out and serialised once for several exports of it (export --all):
    the grid is only read by the writers."""

    grid: FormGrid
    payload: bytes | None


def prepare(draft: Draft, options: ExportOptions | None = None,
            profile: FormDefinition | None = None) -> Prepared:
    """*draft*'s layout grid and, where *options* embed it, its payload."""
    if profile is None:
        try:
            profile = load_template(draft.template)
        except TemplateError as exc:  # a draft from a release with more profiles
            raise ExportError(f"{exc}，无法按它导出。请在“单位信息”中选择一个模板。") from None
    options = options or ExportOptions()
    with collector.paused():  # millions of objects made, none in cycles to speak of
        # The draft goes to the writer beside the grid, never into it: the grid is what
        # prints.
        return Prepared(build_layout(draft, profile),
                        draft_payload(draft) if options.embed_draft else None)


def export_draft(draft: Draft, target: Path | str, fmt: str | None = None,
                 options: ExportOptions | None = None,
                 profile: FormDefinition | None = None,
                 prepared: Prepared | None = None) -> ExportResult:
    """Lay out *draft* once and render it to *target* in *fmt* (from the extension); with
    *prepared* (``prepare`` with the same *options*), as laid out there."""
    target = Path(target)
    fmt = fmt or format_of(target)
    if fmt not in FORMATS:
        raise ExportError(f"无法识别的导出格式“{fmt}”。")
    options = options or ExportOptions()
    writer = importlib.import_module(f"declapp.export.{FORMATS[fmt]}")
    with collector.paused():  # one pause for layout and writer: no walk of the grid between
        if prepared is None:
            prepared = prepare(draft, options, profile)
        warnings = writer.write(prepared.grid, target, options, prepared.payload)
    return ExportResult(path=target, format=fmt, warnings=list(warnings))


def default_filename(draft: Draft, fmt: str) -> str:
    """``<部门>-<年度>-绩效目标申报表.<ext>``."""
    return f"{export_basename(draft)}.{fmt}"
