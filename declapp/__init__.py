"""declapp: fill in, check, save, export and print the 部门整体支出绩效目标申报表.

Everything in this package except ``declapp.gui`` is the core and never imports Qt.
"""

from __future__ import annotations

APP_NAME = "绩效目标申报表"


def _version() -> str:
    """The one version number, ``[project] version`` of pyproject.toml.

    A source checkout (an editable install too) reads pyproject.toml itself, so a bump
    shows without reinstalling; an installed wheel and the frozen build (which carries
    declapp's dist-info) read the package metadata written from it.
    """
    import os

    pyproject = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                             "pyproject.toml")
    try:
        with open(pyproject, encoding="utf-8") as fh:
            project = _project_table(fh.read())
        if project.get("name") == "declapp":
            return project["version"]
    except (OSError, ValueError, KeyError):
        pass  # not a checkout: the metadata says
    from importlib import metadata  # slow to import: only where there is no pyproject

    try:
        return metadata.version("declapp")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _project_table(text: str) -> dict[str, str]:
    """The plain ``key = "value"`` lines of pyproject.toml's ``[project]`` table (tomllib
    and its regular expressions cost every start a few milliseconds)."""
    found: dict[str, str] = {}
    inside = False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            inside = line == "[project]"
        elif inside and "=" in line:
            key, _, value = line.partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                found[key.strip()] = value[1:-1]
    return found


__version__ = _version()
