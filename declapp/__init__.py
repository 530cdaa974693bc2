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
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        if project.get("name") == "declapp":
            return str(project["version"])
    except (OSError, ValueError, KeyError):
        pass  # not a checkout: the metadata says
    from importlib import metadata  # slow to import: only where there is no pyproject

    try:
        return metadata.version("declapp")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _version()
