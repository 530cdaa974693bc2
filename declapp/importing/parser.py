"""One parser for every format and every template: walk a ``SourceGrid`` by the labels of
the form it shows and fill a ``Draft``.

The template is found first (``detect``); its definition then drives the walk. A row
is read by its labels, wherever it stands and in whatever spelling: a field's value is
the cell after its label (several fields may share a row: 部门名称 | … | 填报人 | … |
联系电话 | …); a part's label starts a reader for its rows (``blocks``,
``indicator_rows``). What cannot be placed is never dropped nor glued onto a field: the
cells of one source row that found no place make one line (``a | b | c``), and these
lines go to the end of the form's notes under a marker line, with a warning.
"""

from __future__ import annotations

import re

from declapp.form.definition import AmountsPart, FieldsPart, IndicatorsPart, TablePart
from declapp.form.model import Group
from declapp.importing.assemble import Parsed, build_draft
from declapp.importing.blocks import AboveReader, AmountsReader, Block, TableReader
from declapp.importing.detect import NotAForm, choose, fit_warning
from declapp.importing.grid import Slot, SourceCell, SourceGrid, clean_block, squeeze, text_lines
from declapp.importing.indicator_rows import TreeReader
from declapp.importing.labels import Vocabulary, Word, split_inline
from declapp.importing.loose_lines import LooseLines

__all__ = ["NotAForm", "Parsed", "parse_grid"]

# What a value cell beside an amount may say that is no value: its unit.
_UNIT_ONLY = {"万元", "元"}
# Labels that never stand as a field's value: another field's, or a part's or heading's.
_STRUCTURE = ("field", "fields_above", "amounts", "section", "amount_column", "column_group",
              "table", "table_column", "tree", "tree_column")
_LABEL_LIKE = re.compile(r"^[^\d%％.．,，。；;]{1,12}$")


def parse_grid(grid: SourceGrid, default_year: int) -> Parsed:
    """The draft *grid* shows; ``NotAForm`` when it shows no form of ours."""
    fit = choose(grid)
    walker = Walker(fit.vocab)
    for row in grid.rows:
        walker.row(row)
    loose = LooseLines(walker, fit.form)
    year, year_warning = loose.read([*grid.before, *walker.before], grid.after, default_year)
    warnings = [w for w in (year_warning, fit_warning(fit)) if w]
    return build_draft(walker, fit.form, year, warnings)


class Walker:
    """Reads rows into values by field id, amounts, tables and trees."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.form = vocab.form
        self.texts: dict[str, list[str]] = {}
        self.amounts: dict[str, tuple[str, str]] = {}  # id → (text, label as written)
        self.tables: dict[str, TableReader] = {}
        self.trees: dict[str, TreeReader] = {}
        self.unplaced: list[str] = []
        self.warnings: list[str] = []
        self.before: list[str] = []
        self.block: Block | None = None
        self.started = False
        self.last_field = ""
        self.last_label: SourceCell | None = None

    # --- what the readers call -----------------------------------------------------------
    def assign(self, field_id: str, texts: list[str]) -> None:
        f = self.form.field(field_id)
        if f is not None and f.is_computed:
            return  # the program works it out (a self-evaluation's 总分, 自评等级)
        if f is not None and f.is_amount:
            text = " ".join(squeeze(t) for t in texts if t.strip())
            if text:
                self.amount(field_id, text, f.name)
            return
        text = "\n".join(t for t in (clean_block(v) for v in texts) if t)
        if text:
            self.texts.setdefault(field_id, []).append(text)

    def amount(self, key: str, text: str, label: str) -> None:
        if key in self.amounts:
            self.leftover([text], label)
        else:
            self.amounts[key] = (squeeze(text), label)

    def leftover(self, texts: list[str], context: str = "", always: bool = False) -> None:
        """The cells of one row that found no place: one line, ``a | b | c``, after what
        they belong to (the field before them, unless they start with a label of their
        own; the indicator of their row, *always*)."""
        cells = [" ".join(clean_block(t).split("\n")) for t in texts]
        cells = [c for c in cells if c]
        if not cells:
            return
        line = " | ".join(cells)
        if context and (always or not _LABEL_LIKE.match(squeeze(cells[0]))):
            line = f"{' '.join(clean_block(context).split())}：{line}"
        self.unplaced.append(line)

    # --- rows ------------------------------------------------------------------------------
    def row(self, slots: list[Slot]) -> None:
        new = [s for s in slots if s.first and s.cell.text.strip()]
        if not new:
            return
        if self.block is not None:
            if self.block.take(slots):
                return
            self.block = None
        if not self.started and not any(self.vocab.words(s.cell.text) or
                                         split_inline(s.cell.text, self.vocab) for s in new):
            # A title inside the table (an Excel sheet's heading rows may read as one cell).
            self.before.extend(line for s in new for line in text_lines(s.cell.text))
            return
        self.started = True
        self.field_row(slots, new)

    def field_row(self, slots: list[Slot], new: list[Slot]) -> None:
        if self.last_label is not None and slots[0].cell is self.last_label \
                and not slots[0].first and not any(self.vocab.words(s.cell.text) for s in new):
            self.assign(self.last_field, [s.cell.text for s in new])  # a merged label's row
            return
        pending: Word | None = None
        context = ""
        leftover: list[str] = []
        skip_unit = False
        for index, slot in enumerate(slots):
            if not slot.first:
                continue
            text = slot.cell.text
            word = self.vocab.word(text) if text.strip() else None
            if pending is not None and (word is None or word.kind not in _STRUCTURE):
                self.assign(pending.ref, [text])
                f = self.form.field(pending.ref)
                context, skip_unit = (f.name if f else ""), bool(f and f.is_amount)
                pending = None
                continue
            pending = None
            if not text.strip():
                continue
            if word is None:
                inline = split_inline(text, self.vocab)
                if inline is not None and inline[0].kind == "field":
                    self.assign(inline[0].ref, [inline[1]])
                elif skip_unit and squeeze(text) in _UNIT_ONLY:
                    pass
                else:
                    leftover.append(text)
                skip_unit = False
                continue
            if word.kind == "field" and not word.part:
                pending, context = word, ""
                self.last_field, self.last_label = word.ref, slot.cell
                continue
            self.leftover(leftover, context)
            self.start_block(word, slots[:index], slots[index:])
            return
        self.leftover(leftover, context)

    def start_block(self, word: Word, beside: list[Slot], slots: list[Slot]) -> None:
        part = next((p for p in self.form.parts if getattr(p, "id", "") == word.part), None)
        if word.kind in ("tree", "tree_column"):
            tree = self.tree_for(word)
            reader = self.trees.get(tree.id)
            if reader is None:
                reader = self.trees[tree.id] = TreeReader(self, beside, tree)
            else:
                reader.beside |= {id(s.cell) for s in beside}
            block: Block = reader
        elif isinstance(part, AmountsPart):
            block = AmountsReader(self, beside, part)
        elif isinstance(part, TablePart):
            table = self.tables.get(part.id)
            if table is None:
                table = self.tables[part.id] = TableReader(self, beside, part)
            else:
                table.beside |= {id(s.cell) for s in beside}
                table.done = False
            block = table
        elif isinstance(part, FieldsPart):
            block = AboveReader(self, beside, part)
        else:  # pragma: no cover - every kind of word names one of the parts above
            return
        block.start(slots)
        self.block = block

    def tree_for(self, word: Word) -> IndicatorsPart:
        """The tree a heading row starts: the one its label names; else the first not
        read yet (年度, then 中期绩效指标); else the last one read (a heading row again
        after a row of something else)."""
        if word.kind == "tree":
            return self.form.tree(word.part)
        trees = self.form.trees()
        unread = [t for t in trees if t.id not in self.trees]
        if unread:
            return unread[0]
        return self.form.tree(list(self.trees)[-1])

    def tables_read(self) -> dict[str, list[dict[str, str]]]:
        return {table_id: reader.rows for table_id, reader in self.tables.items()}

    def groups(self) -> dict[str, list[Group]]:
        found = {}
        for tree_id, reader in self.trees.items():
            found[tree_id] = reader.finish()
            self.warnings.extend(reader.warnings)
        return found
