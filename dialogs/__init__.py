"""The conversations and rules as data. `path(name)` finds a shipped file."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def path(name: str) -> Path:
    """The path of a file shipped in this package, e.g. `path("intake.yaml")`."""
    return Path(str(resources.files("dialogs") / name))
