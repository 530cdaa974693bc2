"""One layout, three renderers: the form as a format-neutral grid of cells.

``grid`` holds the cells and the page; ``build`` makes the grid of a draft; ``names``
the file names the program proposes.
"""

from declapp.form.templates import unit_name
from declapp.form.text import CONTINUED_MARK
from declapp.layout.build import (
    build_layout,
    clean_paragraphs,
    item_paragraphs,
    share_text,
    table_amount,
    text_paragraphs,
)
from declapp.layout.grid import (
    MAX_PROPERTY_CHARS,
    Cell,
    FormGrid,
    PageSetup,
    Role,
    Typography,
    continued_paragraphs,
    label_breaks,
    property_text,
    without_lone_last,
)
from declapp.layout.names import (
    DRAFT_SUFFIX,
    EXPORT_NAME,
    LONGEST_EXPORT_SUFFIX,
    MAX_FILE_NAME_BYTES,
    cut_to_bytes,
    draft_basename,
    export_basename,
)

__all__ = [
    "CONTINUED_MARK", "DRAFT_SUFFIX", "EXPORT_NAME", "LONGEST_EXPORT_SUFFIX",
    "MAX_FILE_NAME_BYTES", "MAX_PROPERTY_CHARS", "Cell", "FormGrid", "PageSetup", "Role",
    "Typography", "build_layout", "clean_paragraphs", "continued_paragraphs",
    "cut_to_bytes", "draft_basename", "export_basename", "item_paragraphs", "label_breaks",
    "property_text", "share_text", "table_amount", "text_paragraphs", "unit_name",
    "without_lone_last",
]
