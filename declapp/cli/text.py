"""argparse in Chinese: headings, the help option, and every error line.

argparse takes its words from ``gettext`` through the module's own ``_`` and
``ngettext``; ``ChineseArgumentParser`` swaps them for this table while it builds,
parses and formats (and puts them back after), so ``declapp --help`` and its errors are
Chinese throughout without a compiled catalogue and without touching other parsers.
A message missing here (one a later Python adds) stays English rather than failing.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NoReturn

from declapp.form.text import NO_LINE_START

MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",  # Python before 3.10
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "后面需要一个值",
    "expected at most one argument": "后面最多一个值",
    "expected at least one argument": "后面至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 一起使用",
    "ignored explicit argument %r": "多余的值 %r",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可用的命令：%(choices)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
PLURALS: dict[str, str] = {
    "expected %s argument": "后面需要 %s 个值",
}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chinese = PLURALS.get(singular)
    if chinese is not None:
        return chinese
    return singular if n == 1 else plural


@contextlib.contextmanager
def chinese_messages() -> Iterator[None]:
    """argparse speaks Chinese inside this block (re-entrant; restored on leaving)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


_TOKEN = re.compile(r"[!-~]+| +|.")


def wrap(text: str, width: int) -> list[str]:
    """*text* in lines of at most *width* columns; Chinese breaks between any two
    characters (never before ，。), a Latin word or option stays whole."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        w = display_width(token)
        if line and used + w > width and not token.isspace() and token not in NO_LINE_START:
            lines.append(line.rstrip())
            line, used = "", 0
        if not line and token.isspace():
            continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


# An option line: indent, the option and its value name, two spaces or more, its help.
_ACTION_LINE = re.compile(r"^( {2,})(\S(?:.*?\S)?)( {2,})(\S.*)$")
_HEADING = re.compile(r"^(\S[^:：]*):$")


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's layout counted in terminal columns, so Chinese value names and help
    line up and wrap at the window's width; headings end in a full-width colon."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, *args: Any) -> str:
        # argparse wraps the usage by characters: narrow its width until the widest line,
        # in columns, fits.
        width = self._width
        try:
            for _ in range(4):
                usage = super()._format_usage(*args)
                over = max(display_width(line) for line in usage.split("\n")) - width
                if over <= 0 or self._width <= 20:
                    break
                self._width = max(20, self._width - over)
        finally:
            self._width = width
        return usage

    def format_help(self) -> str:
        lines: list[str] = []
        for line in super().format_help().split("\n"):
            heading = _HEADING.match(line)
            if heading:
                lines.append(f"{heading.group(1)}：")
                continue
            if lines and lines[-1] == f"{line.strip()}：" and line == f"  {line.strip()}":
                continue  # "命令：" then "  命令": the sub-commands' name said once
            match = _ACTION_LINE.match(line)
            extra = display_width(match.group(2)) - len(match.group(2)) if match else 0
            if match and extra:
                indent, action, gap, help_text = match.groups()
                if len(gap) - extra >= 2:
                    lines.append(f"{indent}{action}{' ' * (len(gap) - extra)}{help_text}")
                else:  # no room left on the line: the help goes below, as for long options
                    lines.append(f"{indent}{action}")
                    lines.append(" " * (len(indent) + len(action) + len(gap)) + help_text)
                continue
            lines.append(line)
        return "\n".join(lines)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are Chinese; its sub-parsers too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with chinese_messages():
            super().__init__(*args, **kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with chinese_messages():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with chinese_messages():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese_messages():
            return super().format_help()

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        with chinese_messages():
            return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        with chinese_messages():
            super().error(message)
