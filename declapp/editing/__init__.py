"""Editing a draft: every change a clerk can make, as an operation that can be undone.

The window's undo stack, a script and the tests all edit drafts this way. ``operations``
holds the operations and ``apply``, which returns each one's undo; ``access`` reads and
writes a draft by path and location; ``rules`` holds the rules of the indicator tree (fixed
groups, where a new group or item goes, the next standard category name); ``switch``
gives a draft another template.
"""

from declapp.editing.access import (
    EditError,
    Node,
    Path,
    Value,
    children,
    get_value,
    groups_of,
    has_node,
    is_carried,
    node_at,
    same_value,
)
from declapp.editing.operations import (
    LEVEL_NAMES,
    NODE_TEXT_NAMES,
    InsertNode,
    InsertRow,
    MarkReviewed,
    MoveNode,
    MoveRow,
    Op,
    RemoveNode,
    RemoveRow,
    ReplaceDraft,
    ReplaceItems,
    RowOp,
    SetValue,
    SetValues,
    TreeOp,
    apply,
    describe,
    first_replaced,
)
from declapp.editing.rules import (
    add_category,
    add_group,
    add_item,
    can_delete,
    drop,
    duplicate_row,
    group_kind,
    insert_copy,
    is_fixed_group,
    move,
    neighbour,
    new_group_row,
    next_category_name,
    repeating_kind,
    standard_category_names,
)
from declapp.editing.switch import SWITCH_MARKER, switch_leftovers, switch_template, switched

__all__ = [
    "LEVEL_NAMES", "NODE_TEXT_NAMES", "SWITCH_MARKER", "EditError", "InsertNode", "InsertRow",
    "MarkReviewed",
    "MoveNode", "MoveRow", "Node", "Op", "Path", "RemoveNode", "RemoveRow", "ReplaceDraft",
    "ReplaceItems", "RowOp", "SetValue", "SetValues", "TreeOp", "Value", "add_category",
    "add_group", "add_item", "apply", "can_delete", "children", "describe", "drop",
    "duplicate_row", "first_replaced", "get_value", "group_kind", "groups_of", "has_node",
    "insert_copy", "is_carried", "is_fixed_group", "move", "neighbour", "new_group_row",
    "next_category_name", "node_at", "repeating_kind", "same_value", "standard_category_names",
    "switch_leftovers", "switch_template", "switched",
]
