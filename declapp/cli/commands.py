"""The command line: ``declapp new | check | export | import | indicator-sheet |
template``, and ``declapp [FILE]`` for the window.

A user error prints one Chinese sentence and never a traceback. Exit codes of
``check``: 0 clean or warnings only, 1 errors, 2 unreadable file.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from declapp import __version__
from declapp.cli.template_commands import (
    cmd_template_check,
    cmd_template_list,
    grouped_ids,
    unknown_template_message,
)
from declapp.cli.text import ChineseArgumentParser
from declapp.cli.year import add_commands as add_year_commands
from declapp.errors import ClerkError
from declapp.form.model import YEAR_MAX, YEAR_MIN, Draft
from declapp.form.templates import DEFAULT_TEMPLATE, available_templates, load_template, unit_name
from declapp.storage.atomic import describe_os_error
from declapp.storage.fileformat import load, save
from declapp.system.font_guard import guard_font_folders, left_out_message
from declapp.system.startup import choose_input_method, no_display_message

if TYPE_CHECKING:
    from declapp.checks import Finding

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
COMMANDS = ("new", "check", "export", "import", "indicator-sheet", "indicators", "stage",
            "report", "template")


class UserError(ClerkError):
    """A mistake the clerk can mend; printed as it is, exit code attached."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.code = code


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _exists(path: Path) -> bool:
    """Is there anything at *path*? A name the disk cannot hold is the clerk's sentence."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.ELOOP):
            raise UserError(describe_os_error(exc, path)) from None
        return True  # there, but not ours to look at: the writer says why
    return True


def _new_draft_file(output: str, force: bool) -> Path:
    """Where a command writes a new draft: a .json name, never over a file unasked."""
    target = Path(output)
    if target.suffix.lower() != ".json":
        raise UserError(f"草稿文件名应以 .json 结尾：{target.name}")
    if _exists(target) and not force:
        raise UserError(f"文件“{target}”已存在；如要覆盖，请加 --force。")
    return target


def _may_replace(targets: list[tuple[Path, str]], draft: Draft, force: bool) -> None:
    """Export only over nothing, or over our own earlier export of this draft (the same
    department and year, as we wrote it); anything else needs ``--force``. Checked for
    every target before any is written."""
    from declapp.export.ownership import earlier_export, is_regular

    for target, fmt in targets:
        if not _exists(target):
            continue
        if target.is_dir():
            raise UserError(f"“{target}”是一个文件夹，不能导出为文件：请换一个文件名。")
        if not is_regular(target):  # a device or a pipe: never replaced, even with --force
            raise UserError(f"“{target}”不是普通文件（设备或管道），不能导出到这里。")
        if not force and not earlier_export(target, draft, fmt):
            raise UserError(f"文件“{target}”已存在，而且不是本程序为这份草稿（{draft.year} 年度，"
                            f"{unit_name(draft) or '未填写部门名称'}）导出的文件，"
                            "没有覆盖它；如确要覆盖，请加 --force。")


def cmd_new(args: argparse.Namespace) -> int:
    if args.template not in available_templates():
        raise UserError(unknown_template_message(args.template))
    profile = load_template(args.template)
    if not YEAR_MIN <= args.year <= YEAR_MAX:
        raise UserError(f"年度 {args.year} 不在 {YEAR_MIN}–{YEAR_MAX} 之间。")
    target = _new_draft_file(args.output, args.force)
    save(profile.new_draft(args.year), target)
    print(f"已新建 {args.year} 年度草稿（{profile.name}）：{target}")
    return EXIT_OK


def _print_findings(findings: list[Finding]) -> None:
    for f in findings:
        print(f.line())


def cmd_check(args: argparse.Namespace) -> int:
    from declapp.checks import check_draft, errors_first, tally

    draft = load(args.file)
    findings = errors_first(check_draft(draft))
    _print_findings(findings)
    counted = tally(findings)
    if not findings:
        print(f"{Path(args.file).name}：没有发现问题。")
    else:
        print(f"{Path(args.file).name}：{counted.sentence()}。")
    return EXIT_FINDINGS if counted.errors else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from declapp.export import FORMATS, ExportOptions, default_filename, format_of
    from declapp.export.parallel import export_all

    draft = load(args.file)
    if args.all and args.output:
        raise UserError("-o 和 --all 只能选一个：-o 导出一个文件，--all 导出全部三种格式。")
    if not args.all and not args.output:
        raise UserError("请用 -o 指定一个导出文件，或用 --all 导出全部三种格式。")
    if args.all:
        out_dir = Path(args.out_dir or Path(args.file).resolve().parent)
        _make_folder(out_dir)
        targets = [(out_dir / default_filename(draft, fmt), fmt) for fmt in FORMATS]
    else:
        targets = [(Path(args.output), format_of(args.output))]
    _may_replace(targets, draft, args.force)
    options = ExportOptions(font_file=Path(args.font) if args.font else None,
                            embed_draft=not args.no_embed)
    failed = False
    outcomes = export_all(draft, targets, options, meanwhile=lambda: _warn_of_errors(draft))
    for (target, _fmt), outcome in zip(targets, outcomes, strict=True):
        if isinstance(outcome, ClerkError):  # the others are written all the same
            _err(outcome.message)
            failed = True
            continue
        for warning in outcome.warnings:
            _err(f"警告：{warning}")
        print(f"已导出：{target}")
    return EXIT_UNREADABLE if failed else EXIT_OK


def _warn_of_errors(draft: Draft) -> None:
    """An export goes ahead despite errors in the draft, and says so."""
    from declapp.checks import ERROR, check_draft, counts, has_errors

    findings = check_draft(draft)
    if has_errors(findings):
        errors, _ = counts(findings)
        _err(f"注意：草稿有 {errors} 个错误，仍然导出：")
        for f in findings:
            if f.severity == ERROR:
                _err(f"  {f.line()}")


def _make_folder(folder: Path) -> None:
    """Create the export folder the clerk named (as the README shows: --out-dir 导出)."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"“{folder}”是一个文件，不是文件夹：请换一个导出文件夹。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(describe_os_error(exc, folder).replace("无法写入", "无法创建文件夹", 1)) \
            from None


def cmd_import(args: argparse.Namespace) -> int:
    from declapp.importing import import_file

    target = _new_draft_file(args.output, args.force)
    result = import_file(args.file)
    for line in result.summary_lines():
        print(line)
    for warning in result.warnings:
        print(f"警告：{warning}")
    save(result.draft, target)
    print(f"已导入：{target}")
    return EXIT_OK


def cmd_indicator_sheet(args: argparse.Namespace) -> int:
    from declapp.export.indicator_sheet import write_indicator_sheet

    draft = load(args.file)
    target = Path(args.output)
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"指标表应保存为 .xlsx 文件：{target.name}")
    _may_replace([(target, "sheet")], draft, args.force)
    rows = write_indicator_sheet(draft, target, args.columns)
    free = sum(row.free_text for row in rows)
    print(f"已导出一体化指标表：{target}（{len(rows)} 行"
          + (f"，其中 {free} 行是自由文本指标，需在系统中拆分填写）" if free else "）"))
    return EXIT_OK


def cmd_gui(files: list[str]) -> int:
    # Before Qt is imported: without a screen Qt aborts with a misleading message, and the
    # input-method choice is read from the environment when Qt starts.
    problem = no_display_message()
    if problem:
        raise UserError(problem, 1)  # as when Qt itself is missing
    choose_input_method()
    left_out = guard_font_folders()  # a pipe in ~/.fonts would hang Qt's font scan
    if left_out:
        _err(left_out_message(left_out))
    try:
        from declapp.gui.app import run
    except ImportError as exc:
        raise UserError(f"无法启动图形界面（{exc}）。请确认已安装 PySide6。", 1) from None
    return run(files)


def _year(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数的年份，例如 2022，而不是“{text}”") \
            from None


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="declapp", description="部门整体支出绩效目标申报表：新建、检查、导出草稿。"
        "不带命令时打开窗口（可指定要打开的草稿文件）。",
        epilog="“declapp 命令 --help”显示该命令的用法，例如 declapp export --help。")
    parser.add_argument("--version", action="version", version=f"declapp {__version__}",
                        help="显示程序版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")

    p_new = sub.add_parser("new", help="新建一份空白草稿", description="新建一份空白草稿。")
    p_new.add_argument("--template", default=DEFAULT_TEMPLATE, metavar="模板",
                       help=f"模板的标识，默认 {DEFAULT_TEMPLATE}。可用的模板——{grouped_ids()}。"
                       "declapp template list 列出各模板的名称")
    p_new.add_argument("--year", type=_year, required=True, metavar="年度",
                       help="年度，例如 2022")
    p_new.add_argument("-o", "--output", required=True, metavar="草稿文件",
                       help="要新建的草稿文件（.json）")
    p_new.add_argument("--force", action="store_true", help="覆盖已有文件")
    p_new.set_defaults(func=cmd_new)

    p_check = sub.add_parser("check", help="检查草稿，逐行列出问题",
                             description="检查草稿，逐行列出问题。退出码：0 没有错误，"
                             "1 有错误，2 无法读取。")
    p_check.add_argument("file", metavar="草稿文件", help="草稿文件（.json）")
    p_check.set_defaults(func=cmd_check)

    p_export = sub.add_parser("export", help="导出为 Word、Excel 或 PDF",
                              description="导出为 Word、Excel 或 PDF。")
    p_export.add_argument("file", metavar="草稿文件", help="草稿文件（.json）")
    p_export.add_argument("-o", "--output", metavar="导出文件",
                          help="导出文件，格式由扩展名决定（.docx/.xlsx/.pdf）")
    p_export.add_argument("--all", action="store_true", help="导出全部三种格式")
    p_export.add_argument("--out-dir", metavar="文件夹",
                          help="与 --all 一起使用：导出到这个文件夹（不存在时自动创建）")
    p_export.add_argument("--font", metavar="字体文件", help="PDF 使用的字体文件（.ttf/.ttc）")
    p_export.add_argument("--no-embed", action="store_true",
                          help="不在导出文件中保存草稿（导入时只能按表格文字读取）")
    p_export.add_argument("--force", action="store_true",
                          help="覆盖已有的其他文件（本程序为这份草稿导出的文件总会被更新）")
    p_export.set_defaults(func=cmd_export)

    p_import = sub.add_parser("import",
                              help="从 Word、Excel 或本程序导出的 PDF 读入申报表，存为草稿",
                              description="从 Word、Excel 或本程序导出的 PDF 读入申报表，"
                              "存为草稿。")
    p_import.add_argument("file", metavar="申报表文件",
                          help="申报表文件（.docx .xlsx .pdf；.doc .wps .et .xls 需 LibreOffice）")
    p_import.add_argument("-o", "--output", required=True, metavar="草稿文件",
                          help="草稿文件（.json）")
    p_import.add_argument("--force", action="store_true", help="覆盖已有文件")
    p_import.set_defaults(func=cmd_import)
    # 一体化指标表: one name in the code (indicator_sheet), the menu and here; the
    # command's first name, "indicators", still works.
    p_ind = sub.add_parser("indicator-sheet", aliases=["indicators"],
                           help="导出预算管理一体化系统的绩效指标表（.xlsx）",
                           description="导出预算管理一体化系统的绩效指标表（.xlsx）。")
    p_ind.add_argument("file", metavar="草稿文件", help="草稿文件（.json）")
    p_ind.add_argument("-o", "--output", required=True, metavar="指标表文件",
                       help="指标表文件（.xlsx）")
    p_ind.add_argument("--columns", default="standard", metavar="列定义",
                       help="列定义：内置格式名（默认 standard）或一个 .json 列定义文件")
    p_ind.add_argument("--force", action="store_true",
                       help="覆盖已有的其他文件（本程序为这份草稿导出的指标表总会被更新）")
    p_ind.set_defaults(func=cmd_indicator_sheet)
    add_year_commands(sub)
    _add_template_commands(sub)
    return parser


def _add_template_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p_template = sub.add_parser("template", help="检查模板文件，列出程序认识的模板",
                                description="表格模板：检查财政局编写的模板文件，列出程序认识的"
                                "模板。模板的格式见程序附带的 templates/README.md。")
    actions = p_template.add_subparsers(dest="action", metavar="操作", title="操作")
    p_check = actions.add_parser(
        "check", help="检查一个模板文件，并列出程序读到的各部分",
        description="检查一个模板文件，并列出程序读到的各部分（栏目、金额、表格、指标表）。"
        "退出码：0 可以使用，2 有误（说明哪个文件、哪个位置、什么问题）。")
    p_check.add_argument("file", metavar="模板文件", help="模板文件（.json）")
    p_check.set_defaults(func=cmd_template_check)
    p_list = actions.add_parser(
        "list", help="按“新建”中的分组列出程序认识的模板，以及有问题的模板文件",
        description="按“新建”中的分组列出程序认识的模板（部门整体按地区，然后是项目支出），"
        "自备模板的文件夹，以及有问题、没有载入的模板文件。")
    p_list.set_defaults(func=cmd_template_list)

    def no_action(_args: argparse.Namespace) -> int:
        raise UserError(p_template.format_usage().strip() + "\n请给出操作：check 或 list。")

    p_template.set_defaults(func=no_action)


def _command_list(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """(name, help) of each sub-command, as the parser knows them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return [(name, helps[name]) for name in action.choices if name in helps]
    return []


def _looks_like_a_file(word: str) -> bool:
    """A draft to open in the window: a path that exists, or one written as a path."""
    try:
        if Path(word).exists():
            return True
    except OSError:  # a name longer than the disk allows: a file to the clerk all the same
        return True
    return bool(Path(word).suffix) or any(sep in word for sep in ("/", "\\", os.sep))


def _unknown_word(word: str) -> UserError:
    commands = _command_list(build_parser())
    lines = [f"declapp：错误：未知的命令“{word}”，也没有叫这个名字的文件。"]
    close = difflib.get_close_matches(word.lower(), [name for name, _ in commands], n=1)
    if close:
        lines.append(f"您是不是要输入“{close[0]}”？")
    lines.append("可用的命令：")
    width = max((len(name) for name, _ in commands), default=0)
    lines += [f"  {name:<{width}}  {text}" for name, text in commands]
    lines.append("要在窗口中打开草稿，请给出草稿文件的路径，例如：declapp 草稿.json；"
                 "查看帮助：declapp --help")
    return UserError("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A Windows console or pipe in GBK must not crash on a character it lacks.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if sys.stdout is not None and not isinstance(sys.stdout, _Output):
        sys.stdout = _Output(sys.stdout)
    try:
        if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
            args = build_parser().parse_args(argv)
            if args.command is None:
                return cmd_gui([])
            command: Callable[[argparse.Namespace], int] = args.func
            code = command(args)
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk under stdout is told here, not at exit
            return code
        unknown = [word for word in argv if not _looks_like_a_file(word)]
        if unknown:
            raise _unknown_word(unknown[0])
        return cmd_gui(argv)
    except UserError as exc:
        _err(exc.message)
        return exc.code
    except ClerkError as exc:  # a file that cannot be read or written, a template unknown
        _err(exc.message)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the details for a report
        return _internal_error(exc)
    finally:
        if isinstance(sys.stdout, _Output):
            sys.stdout = sys.stdout.stream


class _Output:
    """stdout for the commands: a write it refuses (redirected to a full disk, a closed
    pipe) ends the command with one sentence, not a traceback."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise _output_error(self.stream, exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise _output_error(self.stream, exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _output_error(stream: TextIO, exc: OSError) -> UserError:
    """The sentence for output that cannot be written; the output is pointed at nothing
    first, so that the interpreter's last flush at exit prints no traceback either."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    if exc.errno == errno.ENOSPC:
        why = "标准输出所在的磁盘已满"
    elif exc.errno == errno.EPIPE:
        why = "接收输出的程序已经关闭"
    else:
        why = f"标准输出无法写入（{exc.strerror or exc}）"
    return UserError(f"无法输出结果：{why}。")


def _internal_error(exc: Exception) -> int:
    """A bug: say so plainly, keep the details for a report."""
    if os.environ.get("DECLAPP_DEBUG"):
        raise exc
    _err(f"程序内部错误：{type(exc).__name__}: {exc}（设置 DECLAPP_DEBUG=1 可查看详细信息）")
    return 3
