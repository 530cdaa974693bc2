"""Which forms the program knows: the bundled templates and the clerk's own.

Bundled templates are in ``resources/templates/``; a clerk's (or their 财政局's) own
template files go in the ``templates`` folder of the data folder, or in one folder chosen
in 设置. A bad file there is listed with its problem (``template_problems``) and left out;
it never stops the program. A file may not take the id of a bundled template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from declapp.form.definition import STAGES, FormDefinition
from declapp.form.model import MAIN_TREE, Draft
from declapp.form.template_file import TemplateError, read_template_file
from declapp.form.text import is_blank
from declapp.system.paths import data_folder, resource_path

DEFAULT_TEMPLATE = "xicheng-2021"
USER_FOLDER_NAME = "templates"
MAX_USER_TEMPLATES = 200  # a folder of a few dozen forms at most; more is not templates


@dataclass
class _Registry:
    forms: dict[str, FormDefinition]
    problems: list[TemplateError]


_extra_folders: tuple[Path, ...] = ()
_registry: _Registry | None = None
_generation = 0


def bundled_folder() -> Path:
    return resource_path("templates")


def user_folders() -> list[Path]:
    """Where the clerk's own templates are looked for, in order."""
    return [data_folder() / USER_FOLDER_NAME, *_extra_folders]


def set_extra_folders(folders: Iterable[Path]) -> None:
    """Also read the templates in *folders* (the one chosen in 设置); reloads."""
    global _extra_folders
    _extra_folders = tuple(folders)
    reload_templates()


def reload_templates() -> None:
    """Forget what was read: the next question reads the folders again."""
    global _registry, _generation
    _registry = None
    _generation += 1


def generation() -> int:
    """A number that changes whenever the templates are read again: what is worked out
    from them may be kept until it changes."""
    return _generation


def _read() -> _Registry:
    forms: dict[str, FormDefinition] = {}
    problems: list[TemplateError] = []
    for path in sorted(bundled_folder().glob("*.json")):
        form = read_template_file(path, bundled=True)  # a bad bundled one is a bug: raise
        forms[form.id] = form
    seen: set[Path] = set()
    for folder in user_folders():
        try:
            files = sorted(p for p in folder.glob("*.json") if p.is_file())
        except OSError:
            continue  # no such folder, or not readable: nothing of the clerk's there
        for path in files[:MAX_USER_TEMPLATES]:
            real = path.resolve()
            if real in seen:
                continue
            seen.add(real)
            try:
                form = read_template_file(path)
            except TemplateError as exc:
                problems.append(exc)
                continue
            if form.id in forms:
                owner = "程序自带的" if forms[form.id].bundled else "另一个"
                problems.append(TemplateError(f"标识“{form.id}”与{owner}模板重复，未载入。",
                                              path.name, "id"))
                continue
            forms[form.id] = form
    return _Registry(forms, problems)


def _get() -> _Registry:
    global _registry
    if _registry is None:
        _registry = _read()
    return _registry


def available_templates() -> tuple[str, ...]:
    """Ids of every usable template, sorted."""
    return tuple(sorted(_get().forms))


def all_templates() -> list[FormDefinition]:
    """Every usable template: 部门整体 by region first, then the other families."""
    forms = _get().forms.values()
    return sorted(forms, key=lambda f: (f.family != "部门整体", f.family, f.region, f.id))


def template_problems() -> list[TemplateError]:
    """The clerk's template files that could not be used, each with its problem."""
    return list(_get().problems)


def load_template(template_id: str) -> FormDefinition:
    """The form with *template_id*; ``TemplateError`` if there is none."""
    form = _get().forms.get(template_id)
    if form is None:
        known = "、".join(available_templates())
        raise TemplateError(f"未知的模板“{template_id}”（可用：{known}）。")
    return form


def form_of(draft: Draft) -> FormDefinition | None:
    """The draft's template, or None when this program does not know it."""
    try:
        return load_template(draft.template)
    except TemplateError:
        return None


def unit_name(draft: Draft, form: FormDefinition | None = None) -> str:
    """The name the form is filed under (部门（单位）名称, or a project's name): the value
    of the field its template gives the role ``unit_name``; "" when blank or unknown."""
    form = form or form_of(draft)
    field = form.with_role("unit_name") if form else None
    name = draft.text(field.id) if field else ""
    return "" if is_blank(name) else name.strip()


def group_labels(draft: Draft, tree: str = MAIN_TREE) -> list[str]:
    """The labels of a tree's groups as the form prints them (产出指标一（…）, 效果指标);
    for a template this program does not know, the groups' names or kinds."""
    form = form_of(draft)
    groups = draft.trees.get(tree, [])
    part = form.find_tree(tree) if form else None
    if part is None:
        return [g.name.strip() or g.kind for g in groups]
    return part.group_labels(groups)


def new_draft(template_id: str = DEFAULT_TEMPLATE, year: int | None = None) -> Draft:
    """A blank draft; the year is the budget year being prepared unless given."""
    return load_template(template_id).new_draft(year)


TemplateGroups = list[tuple[str, list[tuple[str, list[FormDefinition]]]]]
# The later stages' forms are looked for by stage, whatever their family or region.
STAGE_GROUPS = {"监控": "年中监控", "自评": "年末自评"}
DEPARTMENT_FAMILY = "部门整体"


def group_of(form: FormDefinition) -> tuple[str, str]:
    """The group and subgroup *form* is listed under: a declaration by its family and
    region (部门整体 › 湖南省, 项目支出 › 财政部格式), a later stage's form by its stage and
    family (年中监控 › 项目支出)."""
    if form.stage in STAGE_GROUPS:
        return STAGE_GROUPS[form.stage], form.family
    return form.family, form.region


def _listing_order(form: FormDefinition) -> tuple[int, bool, str, str, str]:
    stage = STAGES.index(form.stage) if form.stage in STAGES else len(STAGES)
    return (stage, form.family != DEPARTMENT_FAMILY, form.family, form.region, form.id)


def template_groups(stage: str | None = None) -> TemplateGroups:
    """The usable templates as 新建, the template chooser and ``declapp template list``
    show them: 部门整体 by region, 项目支出 and any other family, then 年中监控 and 年末自评
    (each by family); with *stage*, only the templates of that stage."""
    groups: TemplateGroups = []
    forms = sorted(_get().forms.values(), key=_listing_order)
    for form in forms:
        if stage is not None and form.stage != stage:
            continue
        group, subgroup = group_of(form)
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        subgroups = groups[-1][1]
        if not subgroups or subgroups[-1][0] != subgroup:
            subgroups.append((subgroup, []))
        subgroups[-1][1].append(form)
    return groups


def chooser_sections(stage: str | None = None) -> list[tuple[str, list[FormDefinition]]]:
    """``template_groups`` under one heading each, as a list shows them: 部门整体 by region
    (部门整体 · 湖南省), every other group whole (项目支出, 年中监控)."""
    sections: list[tuple[str, list[FormDefinition]]] = []
    for group, subgroups in template_groups(stage):
        for subgroup, forms in subgroups:
            heading = f"{group} · {subgroup}" if group == DEPARTMENT_FAMILY and subgroup \
                else group
            if sections and sections[-1][0] == heading:
                sections[-1][1].extend(forms)
            else:
                sections.append((heading, list(forms)))
    return sections
