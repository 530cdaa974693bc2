"""Which form a file shows: the template whose labels (and title) it has.

Every template is scored on the grid: each label it prints that the file shows counts
for it, a label of another template it does not know counts against it, a label it
prints that the file lacks counts a little against it, and a title that reads like its
own counts for it. A file whose best template still fits badly, under a title no
template has, is another kind of form (a 自评表, a 监控表): it is not read as one of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from declapp.errors import ClerkError
from declapp.form.definition import FormDefinition, strip_colon
from declapp.importing.grid import SourceGrid, label_key, squeeze
from declapp.importing.labels import Vocabulary, Word, all_vocabularies, key_of

MISSING_WEIGHT = 0.3
TITLE_BONUS = 3.0
# Below this share of its labels found, a file under a title no template has is not the
# template's form.
FOREIGN_TITLE_FIT = 0.75
# Below this share, the clerk is told the layout differs from the template's.
GOOD_FIT = 0.6
_TITLE_END = re.compile(r"(表|表格)$")
_YEAR_WORDS = re.compile(r"\d{4}年度?|（\d{4}年度?）")


class NotAForm(ClerkError):
    """The file holds no form the parser can read."""


@dataclass
class Fit:
    form: FormDefinition
    vocab: Vocabulary
    found: set[Word] = field(default_factory=set)
    foreign: set[str] = field(default_factory=set)  # labels of other forms only
    title: bool = False
    titles: list[str] = field(default_factory=list)  # the file's title lines
    score: float = 0.0

    @property
    def share(self) -> float:
        """The share of the labels the form prints that the file shows."""
        return len(self.found) / max(1, len(self.vocab.printed))

    @property
    def missing(self) -> int:
        return len(self.vocab.printed) - len(self.found)


def candidate_texts(grid: SourceGrid) -> list[str]:
    """Cell texts short enough to be labels, each once, in reading order."""
    seen: dict[str, None] = {}
    for row in grid.rows:
        for slot in row:
            if slot.first and slot.cell.text.strip():
                key = key_of(slot.cell.text)
                if 0 < len(key) <= 40:
                    seen.setdefault(slot.cell.text, None)
    return list(seen)


def title_lines(grid: SourceGrid) -> list[str]:
    """Lines that read as a form's title: above the table, or in its first rows."""
    lines = [*grid.before]
    for row in grid.rows[:2]:
        firsts = [s for s in row if s.first and s.cell.text.strip()]
        if len(firsts) == 1:
            lines.append(firsts[0].cell.text)
    return [squeeze(t) for t in lines if _TITLE_END.search(squeeze(t))]


def title_pattern(form: FormDefinition) -> re.Pattern[str]:
    """The form's title with any unit name and year: ``{unit}{year}年度整体绩效目标表``."""
    pieces = re.split(r"\{unit\}|\{year\}", label_key(form.title))
    return re.compile(r".*?".join(re.escape(p) for p in pieces))


def _title_matches(form: FormDefinition, titles: list[str]) -> bool:
    pattern = title_pattern(form)
    return any(pattern.search(label_key(t)) for t in titles)


def fits(grid: SourceGrid) -> list[Fit]:
    """Every template's fit to *grid*, best first."""
    texts = candidate_texts(grid)
    titles = title_lines(grid)
    vocabs = all_vocabularies()
    known_anywhere = {t for t in texts if any(v.words(t) for v in vocabs)}
    result = []
    for vocab in vocabs:
        fit = Fit(vocab.form, vocab)
        for text in texts:
            words = vocab.words(text)
            fit.found.update(w for w in words if w in vocab.printed)
            if not words and text in known_anywhere:
                fit.foreign.add(text)
        fit.title = _title_matches(vocab.form, titles)
        fit.titles = [t for t in titles if not _YEAR_WORDS.fullmatch(t)]
        fit.score = len(fit.found) - len(fit.foreign) - MISSING_WEIGHT * fit.missing + \
            (TITLE_BONUS if fit.title else 0.0)
        result.append(fit)
    return sorted(result, key=lambda f: -f.score)


def choose(grid: SourceGrid) -> Fit:
    """The template the file shows; ``NotAForm`` when it shows none of them."""
    ranked = fits(grid)
    best = ranked[0] if ranked else None
    titles = [t for t in title_lines(grid) if not _YEAR_WORDS.fullmatch(t)]
    if best is None or not _is_form(best):
        raise NotAForm(_not_a_form(titles, ranked))
    foreign_title = bool(titles) and not any(f.title for f in ranked)
    if foreign_title and best.share < FOREIGN_TITLE_FIT:
        raise NotAForm(f"文件中的表格是“{titles[0][:40]}”，本程序的模板里没有这种表"
                       f"（最接近的“{best.form.name}”的栏目只找到 {len(best.found)} 个），"
                       "无法导入。")
    return best


def _is_form(fit: Fit) -> bool:
    """Enough of the form's labels, among them its name row or its indicator table."""
    kinds = {w.kind for w in fit.found}
    unit = fit.form.with_role("unit_name")
    named = unit is not None and any(w.kind == "field" and w.ref == unit.id for w in fit.found)
    return len(fit.found) >= 3 and (named or "tree_column" in kinds or "tree" in kinds)


def _not_a_form(titles: list[str], ranked: list[Fit]) -> str:
    named = next((f.form for f in ranked if f.title), None)
    if titles and named is None:
        return f"文件中的表格是“{titles[0][:40]}”，本程序的模板里没有这种表，无法导入。"
    form = named or (ranked[0].form if ranked else None)
    what = form.doc_name if form is not None else "绩效目标申报表"
    rows = "”“".join(_row_names(form)) if form is not None else "名称”“绩效目标”“绩效指标"
    return f"文件中没有找到{what}：表格里缺少“{rows}”等栏目。"


def _row_names(form: FormDefinition) -> list[str]:
    """The first few row labels of *form*, to say what a form of it has."""
    names = [f.name for f in form.fields() if f.printed and not f.is_amount]
    names += [strip_colon(t.label) for t in form.trees() if t.label]
    return list(dict.fromkeys(names))[:3]


def fit_warning(fit: Fit) -> str:
    """What the clerk is told when the file's layout is not quite the template's."""
    notes = fit.form.with_role("notes")
    where = f"“{notes.name}”" if notes else "说明栏"
    if fit.titles and not fit.title:
        return (f"表头是“{fit.titles[0][:40]}”，不是“{fit.form.name}”的标题；表格的栏目与它相符，"
                f"已按它导入，未能归入栏目的内容放在{where}末尾，请逐项核对。")
    if fit.share >= GOOD_FIT and not fit.foreign:
        return ""
    extra = f"；表中有本表没有的栏目“{'”“'.join(sorted(fit.foreign)[:4])}”" if fit.foreign \
        else ""
    return (f"这份表的格式与“{fit.form.name}”不完全相同（本表的栏目找到 {len(fit.found)} 个，"
            f"共 {len(fit.vocab.printed)} 个{extra}）：已按它导入，未能归入栏目的内容放在"
            f"{where}末尾，请逐项核对。")
