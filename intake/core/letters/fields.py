"""The fields a letter template may use: one catalogue, so that filling a letter and checking
a template a municipality edited (`intake letters check`) agree on what exists.

Every field is filled for every letter (a field a kind has nothing for says so in words), so a
template edited to use another kind's field still renders; a name outside the catalogue is
what `letters check` reports as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from intake.core.dialogue.yamlsafe import load_yaml

FieldKind = Literal["text", "list", "flag"]
FIELD_KINDS: tuple[FieldKind, ...] = ("text", "list", "flag")

# How a field staff must complete is marked in the finished letter: bracketed, in capitals,
# highlighted by the Word renderer, easy to find with Ctrl+F.
TO_COMPLETE = "[FYLL I: {}]"
TO_COMPLETE_PREFIX = "[FYLL I:"


def to_complete(what: str) -> str:
    return TO_COMPLETE.format(what)


@dataclass(frozen=True, slots=True)
class LetterField:
    name: str
    kind: FieldKind
    sv: str
    en: str

    def describe(self, lang: str) -> str:
        return self.sv if lang == "sv" else self.en


def _read_fields() -> tuple[LetterField, ...]:
    """The catalogue as shipped (dialogs/letters/fields.yaml), through the safe YAML reader;
    a broken entry names its line."""
    import dialogs

    path = dialogs.path("letters/fields.yaml")
    entries = load_yaml(path.read_text("utf-8"))
    fields = []
    for entry in entries:
        texts = [entry.get(key) for key in ("name", "sv", "en")] if isinstance(entry, dict) else []
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in FIELD_KINDS or len(entry) != 4 or not all(
            isinstance(text, str) and text for text in texts
        ):
            raise ValueError(f"{path}:{getattr(entry, 'line', 0)}: expected name, kind "
                             f"({', '.join(FIELD_KINDS)}), sv and en")
        name, sv, en = (str(text) for text in texts)
        fields.append(LetterField(name, kind, sv, en))
    return tuple(fields)


_FIELDS = _read_fields()
FIELDS: dict[str, LetterField] = {f.name: f for f in _FIELDS}
