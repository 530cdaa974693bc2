"""The command line: ``declapp new | check | export``, and ``declapp [FILE]`` for the window.

A user error prints one Chinese sentence and never a traceback. Exit codes of
``check``: 0 clean or warnings only, 1 errors, 2 unreadable file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from declapp import __version__
from declapp.atomic import WriteError
from declapp.checks import ERROR, check_draft, counts, has_errors
from declapp.fileformat import DraftError, load, save
from declapp.startup import choose_input_method, no_display_message
from declapp.templates import DEFAULT_TEMPLATE, TemplateError, available_templates, load_template

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("new", "check", "export")


class UserError(Exception):
    """A mistake the clerk can mend; printed as it is, exit code attached."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _load(path: str):
    try:
        return load(path)
    except DraftError as exc:
        raise UserError(exc.message, EXIT_UNREADABLE) from None


def cmd_new(args: argparse.Namespace) -> int:
    try:
        profile = load_template(args.template)
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    if not 2000 <= args.year <= 2100:
        raise UserError(f"年度 {args.year} 不在 2000–2100 之间。")
    target = Path(args.output)
    if target.suffix.lower() != ".json":
        raise UserError(f"草稿文件名应以 .json 结尾：{target.name}")
    if target.exists() and not args.force:
        raise UserError(f"文件“{target}”已存在；如要覆盖，请加 --force。")
    try:
        save(profile.new_draft(args.year), target)
    except WriteError as exc:
        raise UserError(exc.message) from None
    print(f"已新建 {args.year} 年度草稿（{profile.name}）：{target}")
    return EXIT_OK


def _print_findings(findings, only_errors: bool = False) -> None:
    for f in findings:
        if not only_errors or f.severity == ERROR:
            print(f.line())


def cmd_check(args: argparse.Namespace) -> int:
    draft = _load(args.file)
    findings = check_draft(draft)
    _print_findings(findings)
    errors, warnings = counts(findings)
    if not findings:
        print(f"{Path(args.file).name}：没有发现问题。")
    else:
        print(f"{Path(args.file).name}：{errors} 个错误，{warnings} 个警告。")
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from declapp.export import (
        FORMATS,
        ExportError,
        ExportOptions,
        default_filename,
        export_draft,
        format_of,
    )

    draft = _load(args.file)
    findings = check_draft(draft)
    if has_errors(findings):
        errors, _ = counts(findings)
        _err(f"注意：草稿有 {errors} 个错误，仍然导出：")
        for f in findings:
            if f.severity == ERROR:
                _err(f"  {f.line()}")
    if args.all and args.output:
        raise UserError("-o 和 --all 只能选一个：-o 导出一个文件，--all 导出全部三种格式。")
    if not args.all and not args.output:
        raise UserError("请用 -o 指定一个导出文件，或用 --all 导出全部三种格式。")
    try:
        if args.all:
            out_dir = Path(args.out_dir or Path(args.file).resolve().parent)
            if not out_dir.is_dir():
                raise UserError(f"文件夹“{out_dir}”不存在。")
            targets = [(out_dir / default_filename(draft, fmt), fmt) for fmt in FORMATS]
        else:
            targets = [(Path(args.output), format_of(args.output))]
        options = ExportOptions(font_file=Path(args.font) if args.font else None)
        for target, fmt in targets:
            result = export_draft(draft, target, fmt, options)
            for warning in result.warnings:
                _err(f"警告：{warning}")
            print(f"已导出：{target}")
    except ExportError as exc:
        raise UserError(exc.message) from None
    except WriteError as exc:
        raise UserError(exc.message) from None
    return EXIT_OK


def cmd_gui(files: list[str]) -> int:
    # Before Qt is imported: without a screen Qt aborts with a misleading message, and the
    # input-method choice is read from the environment when Qt starts.
    problem = no_display_message()
    if problem:
        raise UserError(problem, 1)  # as when Qt itself is missing
    choose_input_method()
    try:
        from declapp.gui.app import run
    except ImportError as exc:
        raise UserError(f"无法启动图形界面（{exc}）。请确认已安装 PySide6。", 1) from None
    return run(files)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="declapp", description="部门整体支出绩效目标申报表：新建、检查、导出草稿。"
        "不带子命令时打开窗口（可指定要打开的草稿）。")
    parser.add_argument("--version", action="version", version=f"declapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p_new = sub.add_parser("new", help="新建一份空白草稿")
    p_new.add_argument("--template", default=DEFAULT_TEMPLATE,
                       help=f"模板（{'、'.join(available_templates())}），默认 {DEFAULT_TEMPLATE}")
    p_new.add_argument("--year", type=int, required=True, help="年度，例如 2022")
    p_new.add_argument("-o", "--output", required=True, help="草稿文件（.json）")
    p_new.add_argument("--force", action="store_true", help="覆盖已有文件")
    p_new.set_defaults(func=cmd_new)

    p_check = sub.add_parser("check", help="检查草稿，逐行列出问题")
    p_check.add_argument("file", help="草稿文件（.json）")
    p_check.set_defaults(func=cmd_check)

    p_export = sub.add_parser("export", help="导出为 Word、Excel 或 PDF")
    p_export.add_argument("file", help="草稿文件（.json）")
    p_export.add_argument("-o", "--output", help="导出文件，格式由扩展名决定（.docx/.xlsx/.pdf）")
    p_export.add_argument("--all", action="store_true", help="导出全部三种格式")
    p_export.add_argument("--out-dir", help="与 --all 一起使用：导出到这个文件夹")
    p_export.add_argument("--font", help="PDF 使用的字体文件（.ttf/.ttc）")
    p_export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A Windows console or pipe in GBK must not crash on a character it lacks.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            args = build_parser().parse_args(argv)
            if args.command is None:
                return cmd_gui([])
            return args.func(args)
        return cmd_gui(argv)
    except UserError as exc:
        _err(str(exc))
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the details for a report
        if os.environ.get("DECLAPP_DEBUG"):
            raise
        _err(f"程序内部错误：{type(exc).__name__}: {exc}（设置 DECLAPP_DEBUG=1 可查看详细信息）")
        return 3
