"""``declapp stage`` and ``declapp report``: the rest of the year on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from declapp.errors import ClerkError
from declapp.form.definition import STAGES
from declapp.form.templates import load_template
from declapp.storage.fileformat import load, save


def cmd_stage(args: argparse.Namespace) -> int:
    """The next stage's draft (监控 or 自评) made from a draft: a new file."""
    from declapp.editing.stages import stage_word, to_stage

    draft = load(args.file)
    form = load_template(draft.template)
    target = Path(args.output)
    if target.suffix.lower() != ".json":
        raise ClerkError(f"草稿文件名应以 .json 结尾：{target.name}")
    if target.exists() and not args.force:
        raise ClerkError(f"文件“{target}”已存在；如要覆盖，请加 --force。")
    staged = to_stage(draft, form, args.to)
    save(staged, target)
    new_form = load_template(staged.template)
    count = staged.item_count()
    print(f"已生成{stage_word(args.to)}草稿（{new_form.name}）：{target}")
    print(f"{count} 项指标的名称、计算符号、指标值和计量单位已带入（只读，调整请用“调整指标值”）。")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The year at a glance: printed, or written to an Excel file."""
    from declapp.export.year_report import headings, row_cells, write_year_report, year_of

    view = year_of([Path(f) for f in args.files])
    stages = "、".join(f"{s.stage}：{s.path.name if s.path else s.form.name}"
                       for s in view.stages)
    print(f"{view.unit} {view.year} 年度（{stages}）")
    if args.output:
        target = Path(args.output)
        if target.suffix.lower() != ".xlsx":
            raise ClerkError(f"概览应保存为 .xlsx 文件：{target.name}")
        write_year_report(view, target)
        print(f"已写入年度概览：{target}（{len(view.rows)} 项指标）")
        return 0
    heads = headings(view)[:-1]
    print(" | ".join(heads))
    for n in range(len(view.rows)):
        print(" | ".join(row_cells(view, n)[:-1]))
    if view.total:
        grade = view.grade or "（未完成）"
        print(f"预算执行率 {view.execution}；总分 {view.total}；自评等级 {grade}")
    return 0


def add_commands(sub: Any) -> None:
    p_stage = sub.add_parser("stage", help="由申报（或监控）草稿生成年中监控或年末自评草稿",
                             description="由申报（或监控）草稿生成下一阶段的草稿：指标的名称、"
                             "计算符号、指标值和计量单位带入新草稿。")
    p_stage.add_argument("file", metavar="草稿文件", help="申报或监控草稿（.json）")
    p_stage.add_argument("--to", required=True, choices=STAGES[1:], metavar="阶段",
                         help="监控 或 自评")
    p_stage.add_argument("-o", "--output", required=True, metavar="新草稿文件",
                         help="新草稿文件（.json）")
    p_stage.add_argument("--force", action="store_true", help="覆盖已有文件")
    p_stage.set_defaults(func=cmd_stage)
    p_report = sub.add_parser("report", help="年度概览：同一年的申报、监控、自评放在一张表上",
                              description="年度概览：每项指标的目标、年中完成值和年末完成值、"
                              "得分。只给一份草稿时，在它所在的文件夹里找同一年的其他阶段。")
    p_report.add_argument("files", nargs="+", metavar="草稿文件", help="一份或几份草稿（.json）")
    p_report.add_argument("-o", "--output", metavar="概览文件", help="写成 Excel 文件（.xlsx）")
    p_report.set_defaults(func=cmd_report)
