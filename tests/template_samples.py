"""The worked example of resources/templates/README.md, as tests read it: the README's
promise that it is a usable template is kept by the tests that use it."""

from __future__ import annotations

import copy
import json
from typing import Any

from declapp.system.paths import resource_path

README = resource_path("templates", "README.md")
MARKER = "<!-- 完整例子"


def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def code_block_after(marker: str, text: str | None = None) -> str:
    """The first fenced code block after *marker* in the README."""
    text = readme_text() if text is None else text
    rest = text[text.index(marker):]
    start = rest.index("```")
    body_start = rest.index("\n", start) + 1
    return rest[body_start:rest.index("```", body_start)]


_EXAMPLE: dict[str, Any] | None = None


def readme_example() -> dict[str, Any]:
    """A fresh copy of the README's worked example template (``shili-2024``)."""
    global _EXAMPLE
    if _EXAMPLE is None:
        _EXAMPLE = json.loads(code_block_after(MARKER))
    return copy.deepcopy(_EXAMPLE)
