"""Reading a template file: JSON in, a ``FormDefinition`` out, or one ``TemplateError``
that names the file and the place (``parts[2].fields[0].type``) and says what is wrong,
in Chinese, for the IT person of a 财政局 who wrote it.

``resources/templates/README.md`` describes the format for them; the JSON Schema
``resources/schema/declapp-template.schema.json`` says the same for their editor.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from declapp.form.definition import (
    FIELD_FORMULAS,
    FIELD_TYPES,
    ROLES,
    STAGES,
    TREE_SUFFIX,
    AboveLine,
    AmountColumn,
    AmountSection,
    AmountsPart,
    CheckSettings,
    FieldDef,
    FieldsPart,
    FormDefinition,
    Page,
    Part,
    ScoringSettings,
    TableColumn,
    TablePart,
)
from declapp.form.template_indicators import IndicatorsReader
from declapp.form.template_values import FIELD_ID, ID_PATTERN, KEY, MAX_COLUMNS
from declapp.form.template_values import TemplateError as TemplateError  # where callers look

TEMPLATE_MARK = "declapp.template"
TEMPLATE_VERSION = 1
MAX_TEMPLATE_BYTES = 1024 * 1024


class _Reader(IndicatorsReader):
    """Reads a whole template file: its fields, amounts and table parts, the page, the
    settings (the indicator parts: ``IndicatorsReader``)."""

    # --- fields --------------------------------------------------------------------------
    def field(self, raw: Any, place: str, *, amount: bool = False) -> FieldDef:
        keys = ("id", "label")
        optional = ("type", "required", "role", "options", "span", "label_span", "printed",
                    "hint", "total", "aliases", "formula")
        r = self.obj(raw, place, keys, optional)
        type_ = "amount" if amount else self.choice(r.get("type", "text"), f"{place}.type",
                                                   FIELD_TYPES)
        if amount and r.get("type", "amount") != "amount":
            raise self.fail("金额行的类型只能是 amount。", f"{place}.type")
        required = r.get("required", "")
        required = "error" if required is True else "" if required is False else required
        options = self.strings(r.get("options", []), f"{place}.options")
        if type_ == "choice" and not options:
            raise self.fail("选择类（choice）的栏目需要 options：可选的几项。", place)
        total = self.flag(r.get("total", False), f"{place}.total")
        if total and not amount:
            raise self.fail("只有金额块中的行可以是合计（total）。", f"{place}.total")
        formula = r.get("formula", "")
        if type_ == "computed":
            self.choice(formula, f"{place}.formula", FIELD_FORMULAS)
        elif formula != "":  # 0 or false is no formula either: said, not ignored
            raise self.fail("只有计算栏目（type: computed）有 formula。", f"{place}.formula")
        return FieldDef(
            id=self.pattern(r["id"], f"{place}.id", FIELD_ID, "栏目标识（小写字母、数字、_ 和 .）"),
            label=self.text(r["label"], f"{place}.label"),
            type=type_,  # type: ignore[arg-type]
            required=self.choice(required, f"{place}.required",  # type: ignore[arg-type]
                                 ("", "error", "warning")),
            role=self.choice(r.get("role", ""), f"{place}.role", ("", *ROLES)),
            options=options,
            span=self.count(r.get("span", 1), f"{place}.span"),
            label_span=self.count(r.get("label_span", 1), f"{place}.label_span", 0),
            printed=self.flag(r.get("printed", True), f"{place}.printed"),
            hint=self.text(r.get("hint", ""), f"{place}.hint"),
            total=total,
            aliases=self.strings(r.get("aliases", []), f"{place}.aliases"),
            formula=formula)

    def fields_part(self, r: dict[str, Any], place: str) -> FieldsPart:
        self.obj(r, place, ("kind", "fields"), ("label", "label_span", "labels_above", "tab"))
        return FieldsPart(
            fields=self.items(r["fields"], f"{place}.fields", self.field),
            label=self.text(r.get("label", ""), f"{place}.label"),
            label_span=self.count(r.get("label_span", 1), f"{place}.label_span", 0),
            labels_above=self.flag(r.get("labels_above", False), f"{place}.labels_above"),
            tab=self.text(r.get("tab", ""), f"{place}.tab"))

    # --- amounts ---------------------------------------------------------------------------
    def amount_column(self, raw: Any, place: str) -> AmountColumn:
        r = self.obj(raw, place, (), ("key", "label", "span", "computed", "of"))
        key = self.text(r.get("key", ""), f"{place}.key")
        if key:
            self.pattern(key, f"{place}.key", KEY, "列标识")
        computed = self.choice(r.get("computed", ""), f"{place}.computed",
                               ("", "share", "rate", "points", "score"))
        of = self.items(r.get("of", []), f"{place}.of", self.text, empty=True)
        if computed == "rate" and len(of) != 2:
            raise self.fail("执行率列（computed: rate）需要 of：两个列的 key（被除数、除数）。",
                            f"{place}.of")
        if computed != "rate" and of:
            raise self.fail("只有执行率列（computed: rate）有 of。", f"{place}.of")
        return AmountColumn(key=key, label=self.text(r.get("label", ""), f"{place}.label"),
                            span=self.count(r.get("span", 1), f"{place}.span"),
                            computed=computed,  # type: ignore[arg-type]
                            of=(of[0], of[1]) if len(of) == 2 else ("", ""))

    def section(self, raw: Any, place: str) -> AmountSection:
        r = self.obj(raw, place, ("rows",), ("heading",))
        rows = self.items(r["rows"], f"{place}.rows",
                          lambda v, p: self.field(v, p, amount=True))
        if sum(row.total for row in rows) > 1:
            raise self.fail("一个部分只能有一个合计行。", f"{place}.rows")
        return AmountSection(heading=self.text(r.get("heading", ""), f"{place}.heading"),
                             rows=rows)

    def group_header(self, r: dict[str, Any], place: str, keys: set[str]
                     ) -> tuple[str, tuple[str, ...]] | None:
        """The part *r*'s ``column_group``, None when it has none."""
        if "column_group" not in r:
            return None
        place = f"{place}.column_group"
        r = self.obj(r["column_group"], place, ("label", "keys"))
        under = self.strings(r["keys"], f"{place}.keys")
        unknown = [k for k in under if k not in keys]
        if unknown or not under:
            raise self.fail(f"keys 中有不存在的列：{'、'.join(unknown) or '（空）'}。", place)
        return self.text(r["label"], f"{place}.label"), under

    def amounts_part(self, r: dict[str, Any], place: str) -> AmountsPart:
        self.obj(r, place, ("kind", "id", "label"),
                 ("sections", "rows", "columns", "column_group", "label_span",
                  "row_label_span", "suffix", "agree", "tab"))
        if ("sections" in r) == ("rows" in r):
            raise self.fail("金额块需要 rows（一组行）或 sections（几组行）之一。", place)
        sections = self.items(r["sections"], f"{place}.sections", self.section) \
            if "sections" in r else (self.section({"rows": r["rows"]}, place),)
        columns = self.items(r.get("columns", [{}]), f"{place}.columns", self.amount_column)
        keys = [c.key for c in columns]
        if len(set(keys)) != len(keys) or "" not in keys:
            raise self.fail("各列的 key 不能重复，且必须有一列 key 为空（本年金额）。",
                            f"{place}.columns")
        stored = {c.key for c in columns if c.stored}
        for n, column in enumerate(columns):
            if column.computed == "rate" and not set(column.of) <= stored:
                raise self.fail("of 只能列出本金额块中存放金额的列。", f"{place}.columns[{n}].of")
        totals = {row.id for s in sections for row in s.rows if row.total}
        agree = self.items(r.get("agree", []), f"{place}.agree",
                           lambda v, p: tuple(self.strings(v, p)), empty=True)
        for n, pair in enumerate(agree):
            if len(pair) != 2 or not set(pair) <= totals:
                raise self.fail("agree 的每一项应是两个合计行的 id。", f"{place}.agree[{n}]")
        return AmountsPart(
            id=self.pattern(r["id"], f"{place}.id", FIELD_ID, "标识"),
            label=self.text(r["label"], f"{place}.label"), sections=sections,
            columns=columns,
            column_group=self.group_header(r, place, set(keys)),
            label_span=self.count(r.get("label_span", 1), f"{place}.label_span"),
            row_label_span=self.count(r.get("row_label_span", 1), f"{place}.row_label_span"),
            suffix=self.text(r.get("suffix", ""), f"{place}.suffix"),
            agree=agree,  # type: ignore[arg-type]
            tab=self.text(r.get("tab", ""), f"{place}.tab"))

    # --- tables ----------------------------------------------------------------------------
    def table_column(self, raw: Any, place: str) -> TableColumn:
        r = self.obj(raw, place, ("key", "label"), ("type", "span", "sum_of", "required"))
        return TableColumn(
            key=self.pattern(r["key"], f"{place}.key", KEY, "列标识"),
            label=self.text(r["label"], f"{place}.label"),
            type=self.choice(r.get("type", "text"), f"{place}.type",  # type: ignore[arg-type]
                             ("text", "longtext", "amount")),
            span=self.count(r.get("span", 1), f"{place}.span"),
            sum_of=self.strings(r.get("sum_of", []), f"{place}.sum_of"),
            required=self.flag(r.get("required", False), f"{place}.required"))

    def table_part(self, r: dict[str, Any], place: str) -> TablePart:
        self.obj(r, place, ("kind", "id", "label", "columns"),
                 ("column_group", "totals_label", "label_span", "min_rows", "tab", "row_name"))
        table_id = self.pattern(r["id"], f"{place}.id", KEY, "表格标识")
        if table_id.endswith(TREE_SUFFIX):
            raise self.fail(f"表格的标识不能以“{TREE_SUFFIX}”结尾（那是指标表的标识）。",
                            f"{place}.id")
        columns = self.items(r["columns"], f"{place}.columns", self.table_column)
        by_key = {c.key: c for c in columns}
        if len(by_key) != len(columns):
            raise self.fail("各列的 key 不能重复。", f"{place}.columns")
        for n, column in enumerate(columns):
            bad = [k for k in column.sum_of if k not in by_key or not by_key[k].is_amount]
            if column.sum_of and (not column.is_amount or bad):
                raise self.fail("sum_of 只能用在金额列上，并且只能列出其他金额列。",
                                f"{place}.columns[{n}].sum_of")
        return TablePart(
            id=table_id, label=self.text(r["label"], f"{place}.label"), columns=columns,
            column_group=self.group_header(r, place, set(by_key)),
            totals_label=self.text(r.get("totals_label", ""), f"{place}.totals_label"),
            label_span=self.count(r.get("label_span", 1), f"{place}.label_span"),
            min_rows=self.count(r.get("min_rows", 1), f"{place}.min_rows", 0, 50),
            tab=self.text(r.get("tab", ""), f"{place}.tab"),
            row_name=self.text(r.get("row_name", "行"), f"{place}.row_name", empty=False))

    def part(self, raw: Any, place: str) -> Part:
        if not isinstance(raw, dict):
            raise self.fail("应为对象（{…}）。", place)
        kind = self.choice(raw.get("kind"), f"{place}.kind",
                           ("fields", "amounts", "table", "indicators"))
        if kind == "fields":
            return self.fields_part(raw, place)
        if kind == "amounts":
            return self.amounts_part(raw, place)
        if kind == "table":
            return self.table_part(raw, place)
        return self.indicators_part(raw, place)

    # --- the whole form --------------------------------------------------------------------
    def above_line(self, raw: Any, place: str) -> AboveLine:
        r = self.obj(raw, place, ("text",), ("align", "field"))
        return AboveLine(text=self.text(r["text"], f"{place}.text"),
                         align=self.choice(r.get("align", "left"),  # type: ignore[arg-type]
                                           f"{place}.align", ("left", "center", "right")),
                         field=self.field(r["field"], f"{place}.field") if "field" in r
                         else None)

    def page(self, raw: Any, place: str) -> Page:
        r = self.obj(raw, place, (), ("orientation", "top_mm", "bottom_mm", "left_mm",
                                      "right_mm"))
        landscape = self.choice(r.get("orientation", "portrait"), f"{place}.orientation",
                                ("portrait", "landscape")) == "landscape"
        margins = {k: self.number(r.get(k, getattr(Page(), k)), f"{place}.{k}", 5, 60)
                   for k in ("top_mm", "bottom_mm", "left_mm", "right_mm")}
        width, height = (297.0, 210.0) if landscape else (210.0, 297.0)
        return Page(width_mm=width, height_mm=height, **margins)

    def stages(self, raw: Any, place: str) -> tuple[tuple[str, str], ...]:
        r = self.obj(raw, place, (), STAGES)
        return tuple((stage, self.pattern(r[stage], f"{place}.{stage}", ID_PATTERN, "模板标识"))
                     for stage in STAGES if stage in r)

    def scoring(self, raw: Any, place: str) -> ScoringSettings:
        keys = ("execution_points", "budget", "spent", "points", "actual_column",
                "points_column", "band_column", "deviation_column", "adjusted_column",
                "execution_note")
        r = self.obj(raw, place, (), keys)
        points = self.obj(r.get("points", {}), f"{place}.points", (),
                          ("output", "effect", "satisfaction"))
        columns = {k: self.text(r[k], f"{place}.{k}") for k in keys[4:] if k in r}
        return ScoringSettings(
            execution_points=self.decimal(r.get("execution_points", 10),
                                          f"{place}.execution_points"),
            budget=self.text(r.get("budget", ""), f"{place}.budget"),
            spent=self.text(r.get("spent", ""), f"{place}.spent"),
            points=tuple((role, self.decimal(v, f"{place}.points.{role}"))
                         for role, v in points.items()),
            **columns)

    def checks(self, raw: Any, place: str) -> CheckSettings:
        r = self.obj(raw, place, (), ("cost_budget", "total_budget", "weights_column",
                                      "weights_total", "disabled", "likelihood_column",
                                      "impossible", "measures_column", "measures_field"))
        total = r.get("weights_total")
        if "weights_total" in r:  # null is no number: refused, as the schema does
            self.number(total, f"{place}.weights_total", 1, 1000)
            total = Decimal(str(total))  # as written: 100 stays 100, never 100.0
        return CheckSettings(cost_budget=self.text(r.get("cost_budget", ""),
                                                   f"{place}.cost_budget"),
                             total_budget=self.text(r.get("total_budget", ""),
                                                    f"{place}.total_budget"),
                             weights_column=self.text(r.get("weights_column", ""),
                                                      f"{place}.weights_column"),
                             weights_total=total,
                             likelihood_column=self.text(r.get("likelihood_column", ""),
                                                         f"{place}.likelihood_column"),
                             impossible=self.text(r.get("impossible", "完全不可能"),
                                                  f"{place}.impossible", empty=False),
                             measures_column=self.text(r.get("measures_column", ""),
                                                       f"{place}.measures_column"),
                             measures_field=self.text(r.get("measures_field", ""),
                                                      f"{place}.measures_field"),
                             disabled=frozenset(self.strings(r.get("disabled", []),
                                                             f"{place}.disabled")))


TOP_REQUIRED = ("format", "version", "id", "name", "title", "columns_mm", "parts")
TOP_OPTIONAL = ("family", "region", "year_line", "above_table", "page", "checks",
                "required_mark", "description", "document_name", "export_name", "stage",
                "stages", "scoring")


def definition_from_dict(raw: Any, source: str = "", path: Path | None = None,
                         bundled: bool = False) -> FormDefinition:
    """The form *raw* (a template file's parsed JSON) describes; ``TemplateError`` names
    the first thing that is wrong and where."""
    r = _Reader(source)
    if not isinstance(raw, dict) or raw.get("format") != TEMPLATE_MARK:
        raise r.fail(f"不是模板文件（缺少 \"format\": \"{TEMPLATE_MARK}\"）。", "")
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) \
            and version > TEMPLATE_VERSION:
        raise r.fail(f"模板由更新版本的程序写成（模板格式版本 {version}），请升级后再使用。",
                     "version")
    if version != TEMPLATE_VERSION or isinstance(version, bool):
        raise r.fail(f"模板格式版本应为 {TEMPLATE_VERSION}。", "version")
    r.obj(raw, "", TOP_REQUIRED, TOP_OPTIONAL)
    columns = r.items(raw["columns_mm"], "columns_mm",
                      lambda v, p: r.number(v, p, 3, 250))
    if len(columns) > MAX_COLUMNS:
        raise r.fail(f"最多 {MAX_COLUMNS} 列。", "columns_mm")
    definition = FormDefinition(
        id=r.pattern(raw["id"], "id", ID_PATTERN, "模板标识（小写字母、数字和 -）"),
        name=r.text(raw["name"], "name", empty=False),
        title=r.text(raw["title"], "title", empty=False),
        columns_mm=columns,
        parts=r.items(raw["parts"], "parts", r.part),
        family=r.text(raw.get("family", "部门整体"), "family", empty=False),
        region=r.text(raw.get("region", ""), "region"),
        year_line=r.text(raw.get("year_line", ""), "year_line"),
        above_table=r.items(raw.get("above_table", []), "above_table", r.above_line,
                            empty=True),
        page=r.page(raw.get("page", {}), "page"),
        checks=r.checks(raw.get("checks", {}), "checks"),
        required_mark=r.text(raw.get("required_mark", ""), "required_mark"),
        description=r.text(raw.get("description", ""), "description"),
        document_name=r.text(raw.get("document_name", ""), "document_name"),
        export_name=r.text(raw.get("export_name", "绩效目标申报表"), "export_name", empty=False),
        stage=r.choice(raw.get("stage", "申报"), "stage", STAGES),
        stages=r.stages(raw.get("stages", {}), "stages"),
        scoring=r.scoring(raw["scoring"], "scoring") if "scoring" in raw else None,
        source=path, bundled=bundled)
    from declapp.form.template_rules import check_consistency  # the rules across parts

    check_consistency(definition, r.fail)
    return definition


def read_template_file(path: Path, bundled: bool = False) -> FormDefinition:
    """The form the template file at *path* describes, or a ``TemplateError``."""
    name = path.name
    try:
        if not path.exists():
            raise TemplateError("找不到这个文件。", name)
        if not path.is_file():
            raise TemplateError("不是一个文件。", name)
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError("文件太大，不是模板文件。", name)
        data = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"无法读取（{exc.strerror or exc}）。", name) from None
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TemplateError("不是 UTF-8 编码的文本文件。", name) from None
    except json.JSONDecodeError as exc:
        raise TemplateError(f"不是完整的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）。",
                            name) from None
    except (ValueError, RecursionError):
        raise TemplateError("不是有效的 JSON。", name) from None
    return definition_from_dict(raw, name, path, bundled)
