"""Editing a draft: every change a clerk can make, as an operation that can be undone.

The window's undo stack, a script and the tests all edit drafts this way. ``operations``
holds the operations and ``apply``, which returns each one's undo; ``access`` reads and
writes a draft by path and location; ``rules`` holds the rules of the form (the 效果指标
group fixed and last, where a new group or item goes, the next standard category name).
"""

from declapp.editing.access import (
    EditError,
    Node,
    Path,
    Value,
    children,
    get_value,
    has_node,
    is_carried,
    node_at,
    same_value,
)
from declapp.editing.operations import (
    FIELD_NAMES,
    LEVEL_NAMES,
    NODE_TEXT_NAMES,
    InsertNode,
    MoveNode,
    Op,
    RemoveNode,
    ReplaceItems,
    SetValue,
    SetValues,
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
    insert_copy,
    is_effect_group,
    move,
    neighbour,
    new_group_row,
    next_category_name,
    standard_category_names,
)

__all__ = [
    "FIELD_NAMES", "LEVEL_NAMES", "NODE_TEXT_NAMES", "EditError", "InsertNode", "MoveNode", "Node",
    "Op", "Path", "RemoveNode", "ReplaceItems", "SetValue", "SetValues", "Value", "add_category",
    "add_group", "add_item", "apply", "can_delete", "children", "describe", "drop",
    "duplicate_row", "first_replaced", "get_value", "has_node", "insert_copy", "is_carried",
    "is_effect_group", "move", "neighbour", "new_group_row", "next_category_name", "node_at",
    "same_value", "standard_category_names",
]
