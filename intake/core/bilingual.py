"""A text in both languages, as the data files (dialogues, rules) write it.

A pydantic model, so it lives apart from `intake.core.lang`: the first screen imports the
language words but must not wait for pydantic (`tests/ui/test_start_up.py`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from intake.core.lang import Lang


class Text(BaseModel):
    """A text in both languages, as data files write it; a missing translation is an error,
    not a fallback."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.sv
