"""The fields a letter template may use: one catalogue, so that filling a letter and checking
a template a municipality edited (`intake letters check`) agree on what exists.

Every field is filled for every letter (a field a kind has nothing for says so in words), so a
template edited to use another kind's field still renders; a name outside the catalogue is
what `letters check` reports as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["text", "list", "flag"]

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


_FIELDS: tuple[LetterField, ...] = (
    LetterField("case_number", "text", "ärendenummer (ÅÅÅÅ-NNNN)", "case number (YYYY-NNNN)"),
    LetterField("registry_number", "text", "diarienummer", "registry number (diarienummer)"),
    LetterField("letter_date", "text", "brevets datum", "the letter's date"),
    LetterField("sender", "text", "avsändare (socialtjänsten här)",
                "sender (social services here)"),
    LetterField("handler_name", "text", "handläggarens namn", "the social worker's name"),
    LetterField("handler_contact", "text", "handläggarens telefon/e-post",
                "the social worker's phone/e-mail"),
    LetterField("recipient", "text", "mottagare (nämnd eller stadsdel)",
                "recipient (committee or district)"),
    LetterField("recipient_municipality", "text", "mottagarens kommun", "recipient municipality"),
    LetterField("origin_municipality", "text", "ursprungskommunen", "the origin municipality"),
    LetterField("identified", "flag", "sant när personen får anges (samtycke finns)",
                "true when the person may be named (consent given)"),
    LetterField("person_name", "text", "personens namn (bara med samtycke)",
                "the person's name (only with consent)"),
    LetterField("person_id", "text", "personnummer (bara med samtycke)",
                "personal identity number (only with consent)"),
    LetterField("consent_note", "text", "vad som inte lämnas ut och varför",
                "what is withheld and why"),
    LetterField("arrival", "text", "när personen kom hit", "when the person arrived"),
    LetterField("events", "list", "vad som framkommit (tecknen)", "what came to light (the signs)"),
    LetterField("policy_points", "list", "riktlinjepunkter som tecknen vilar på",
                "policy points the signs rest on"),
    LetterField("legal_basis", "list", "rättslig grund för brevet", "legal basis of the letter"),
    LetterField("wish", "text", "personens önskemål", "the person's wish"),
    LetterField("person_view", "text", "personens egen berättelse", "the person's own account"),
    LetterField("ties", "list", "personens anknytning", "the person's ties"),
    LetterField("strongest_connection", "text", "starkaste anknytning", "strongest connection"),
    LetterField("interventions", "list", "pågående insatser", "ongoing interventions"),
    LetterField("request_date", "text", "datum för begäran om flytt av ärende",
                "date of the transfer request"),
    LetterField("reply", "text", "ursprungskommunens svar eller uteblivet svar",
                "the origin's reply or its absence"),
    LetterField("children", "list", "barnen i hushållet", "the children in the household"),
    LetterField("children_views", "text", "barnens synpunkter", "the children's views"),
)

FIELDS: dict[str, LetterField] = {f.name: f for f in _FIELDS}
