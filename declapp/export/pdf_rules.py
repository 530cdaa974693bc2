"""The borders of a page of the PDF table: each sub-row's cell edges joined into long
segments (no rule between the sub-rows of one cell) and drawn as one path."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.pathobject import PDFPathObject

from declapp.export.pdf_table import RULE_WIDTH, SubRow

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


class PageRules:
    """The borders of one page, joined into long segments and drawn as one path."""

    def __init__(self) -> None:
        self.vertical: dict[float, list[list[float]]] = {}
        self.horizontals: list[tuple[float, float, float]] = []
        self._edges: dict[int, tuple[float, ...]] = {}  # a row's cell edges, by owners

    def add_row(self, col_x: list[float], row: SubRow, previous: SubRow | None) -> None:
        """A sub-row's borders; no rule above it inside one cell's area."""
        top, bottom = row.top, row.top - row.height
        # The sub-rows of a grid row share their owners list, and so their cell edges.
        edges = self._edges.get(id(row.owners))
        if edges is None:
            found = {col_x[first] for _pc, first, _last in row.groups()}
            found.add(col_x[-1])
            edges = self._edges[id(row.owners)] = tuple(found)
        for x in edges:
            runs = self.vertical.setdefault(x, [])
            if runs and abs(runs[-1][1] - top) < 0.01:
                runs[-1][1] = bottom
            else:
                runs.append([top, bottom])
        if previous is not None and previous.owners is row.owners:
            return  # a sub-row of the same grid row: no rule between them
        for col, owner in enumerate(row.owners):
            if previous is None or previous.owners[col] is not owner:
                self.horizontal(top, col_x[col], col_x[col + 1])

    def horizontal(self, y: float, x1: float, x2: float) -> None:
        last = self.horizontals[-1] if self.horizontals else None
        if last and abs(last[0] - y) < 0.01 and abs(last[2] - x1) < 0.01:
            self.horizontals[-1] = (y, last[1], x2)
        else:
            self.horizontals.append((y, x1, x2))

    def draw(self, canv: Canvas) -> None:
        canv.setLineWidth(RULE_WIDTH)
        canv.setLineCap(2)  # square ends close the corners
        segments = [(x, top, x, bottom) for x, runs in self.vertical.items()
                    for top, bottom in runs]
        segments += [(x1, y, x2, y) for y, x1, x2 in self.horizontals]
        canv.drawPath(rule_path(segments), stroke=1, fill=0)


def rule_path(segments: list[tuple[float, float, float, float]]) -> PDFPathObject:
    """A path of the straight *segments* (x1, y1, x2, y2) with the operators
    ``moveTo`` and ``lineTo`` write, each coordinate formatted once: a page repeats its
    column edges and row lines."""
    numbers: dict[float, str] = {}

    def number(value: float) -> str:
        text = numbers.get(value)
        if text is None:
            text = numbers[value] = fp_str(value)
        return text

    code = [f"{number(x1)} {number(y1)} m {number(x2)} {number(y2)} l"
            for x1, y1, x2, y2 in segments]
    return PDFPathObject(["n", *code] if code else None)
