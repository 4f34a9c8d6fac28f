"""The one error of a data file that cannot be used (a dialogue, scenarios): every problem
found, each a line `file:line: where: what is wrong` for whoever edits the file.

Light on purpose (no YAML, no pydantic): `intake.cli` catches it around every command.
"""

from __future__ import annotations

from collections.abc import Sequence


class FileProblems(Exception):
    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))
