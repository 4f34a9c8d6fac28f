"""What goes into each letter: the facts of a case turned into the fields of fields.py.

This is where consent and safety decide content, before any template sees it:
- a safety concern (violence or threats, protected identity) means no letter at all;
- without the person's consent to contact the origin (`consent.contact_origin == "yes"`) no
  field carries anything that identifies them: no name, no personal identity number, no phone,
  no exact dates and none of their own free text (OSL 26 kap. 1 §). A skrivelse is still
  possible, about the conduct; a transfer request or an IVO application is about the person,
  so it is refused until there is consent (the spec's ✉ rule).
Because withheld fields are filled with a statement instead of being left out, a template a
municipality edited to print the name still cannot print it.

Legal references come from the rule data (dialogs/rules/legal.yaml via the steps that the
letter carries out), so a lawyer's correction there reaches the letters too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from intake.core.letters.fields import to_complete
from intake.core.municipalities import by_code
from intake.core.rules import RuleSet, load_rules

FieldValue = str | bool | list[str]

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")

_INTERVENTIONS = {
    "economic_assistance": "ekonomiskt bistånd",
    "home_care": "hemtjänst",
    "housing_support": "boendestöd",
    "supported_housing": "stödboende/särskilt boende",
    "addiction_care": "missbruks- och beroendevård",
    "placement": "placering i HVB eller familjehem",
    "contact_person": "kontaktperson/kontaktfamilj",
    "family_support": "familjebehandling/stöd till barn och familj",
    "social_housing_contract": "bostad via socialtjänsten (socialt kontrakt)",
    "lss": "insats enligt LSS",
    "other": "annan insats",
}


class LetterKind(StrEnum):
    OFFICIAL_LETTER = "official_letter"  # the skrivelse (Sollefteå 2.1)
    TRANSFER_REQUEST = "transfer_request"
    IVO_APPLICATION = "ivo_application"


# The steps each letter carries out: its legal basis is their references, after the
# statute the letter itself argues from (legal.yaml ids).
_STEP = {
    LetterKind.OFFICIAL_LETTER: ("contact_origin_municipality", "send_official_letter"),
    LetterKind.TRANSFER_REQUEST: ("request_case_transfer",),
    LetterKind.IVO_APPLICATION: ("apply_ivo_transfer",),
}
_FIRST = {
    LetterKind.OFFICIAL_LETTER: ("sol_responsible_municipality",),
    LetterKind.TRANSFER_REQUEST: (),
    LetterKind.IVO_APPLICATION: (),
}
SECRECY = "osl_26_1"

TITLES: dict[str, dict[str, str]] = {
    LetterKind.OFFICIAL_LETTER: {"sv": "Skrivelse till ursprungskommunen",
                           "en": "Official letter (skrivelse) to the origin municipality"},
    LetterKind.TRANSFER_REQUEST: {"sv": "Begäran om flytt av ärende",
                                  "en": "Request to transfer the case"},
    LetterKind.IVO_APPLICATION: {"sv": "Ansökan till IVO om flytt av ärende",
                                 "en": "Application to IVO to transfer the case"},
}


class LetterRefused(Exception):
    """This letter may not be written for this case; `message(lang)` says why."""

    def __init__(self, reason: str, sv: str, en: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self._texts = {"sv": sv, "en": en}

    def message(self, lang: str) -> str:
        return self._texts["sv" if lang == "sv" else "en"]


@dataclass(frozen=True, slots=True)
class LetterCase:
    """What a letter needs beyond the record and assessment: the case and the workflow."""

    number: str
    today: dt.date
    handler: str = ""  # display name of who makes the letter
    request_sent: dt.date | None = None  # when the transfer request was sent
    origin_reply: str | None = None  # "refused" | "no_answer" | None (not known yet)


def swedish_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _get(data: dict[str, Any], path: str, default: Any = None) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _name(code: str | None) -> str:
    found = by_code(code) if code else None
    return found.name if found else (code or "")


def check_allowed(kind: LetterKind, record: dict[str, Any]) -> None:
    """Raise LetterRefused if this letter may not be written at all."""
    if "yes" in (_get(record, "safety.violence_or_threats"),
                 _get(record, "safety.protected_identity")):
        raise LetterRefused(
            "safety",
            "Inget brev skrivs: personen (eller ett barn) är utsatt för våld eller hot eller har "
            "skyddade personuppgifter. Ingenting får lämnas till ursprungskommunen; gör en "
            "säkerhetsbedömning i stället.",
            "No letter is written: the person (or a child) is exposed to violence or threats or "
            "has protected personal data. Nothing may go to the origin municipality; make a "
            "safety assessment instead.",
        )
    if not _get(record, "origin_municipality"):
        raise LetterRefused(
            "no_origin",
            "Inget brev skrivs: ursprungskommunen är inte känd.",
            "No letter is written: the origin municipality is not known.",
        )
    if kind is not LetterKind.OFFICIAL_LETTER and _get(record, "consent.contact_origin") != "yes":
        raise LetterRefused(
            "consent",
            "Brevet handlar om personen och kräver personens samtycke till kontakt med "
            "ursprungskommunen (OSL 26 kap. 1 §). Fråga om samtycke först.",
            "This letter is about the person and needs their consent to contact the origin "
            "municipality (OSL chapter 26 section 1). Ask for consent first.",
        )


def _legal_basis(kind: LetterKind, rules: RuleSet, receiving: str) -> list[str]:
    steps = {rule.code: rule for rule, _ in rules.steps}
    ids: list[str] = list(_FIRST[kind])
    for code in _STEP[kind]:
        ids.extend(i for i in steps[code].basis.references if i not in ids)
    return [rules.cite((i,), "sv", receiving) for i in ids]


def _events(
    assessment: dict[str, Any], rules: RuleSet, origin: str, receiving: str
) -> tuple[list[str], list[str]]:
    """The signs in Swedish from the current rule texts (the case may have been assessed in
    English), and the policy points they rest on."""
    texts = {rule.code: rule for rule, _ in rules.indicators}
    events: list[str] = []
    points: list[str] = []
    for item in assessment.get("indicators", []):
        rule = texts.get(item.get("code", ""))
        if rule is None:
            events.append(str(item.get("explanation", "")))
            cited = [str(item.get("source", ""))]
        else:
            events.append(rule.explanation.sv.replace("{origin}", origin))
            cited = [rules.cite((i,), "sv", receiving) for i in rule.sources]
        points.extend(c for c in cited if c and c not in points)
    return events, points


_TIES = (
    ("network_in_origin", "Personen har familj eller nära vänner i {origin}."),
    ("work_or_studies_in_origin", "Personen hade arbete eller studier i {origin}."),
    ("children_school_in_origin", "Barnen gick i skola eller förskola i {origin}."),
)


def _ties(record: dict[str, Any], origin: str) -> tuple[list[str], str]:
    ties = _get(record, "ties", {}) or {}
    lines: list[str] = []
    years = ties.get("years_in_origin")
    if isinstance(years, int) and years > 0:
        lines.append(f"Personen bodde i {origin} i {years} år före flytten.")
    lines.extend(text.format(origin=origin) for key, text in _TIES if ties.get(key) == "yes")
    toward_origin = len(lines)
    here = ties.get("network_here") == "yes"
    if here:
        lines.append("Personen har även familj eller nära vänner i den här kommunen.")
    if toward_origin and not here:
        strongest = f"Personens starkaste anknytning är till {origin}."
    elif toward_origin:
        strongest = to_complete(f"bedömning av om anknytningen till {origin} är starkast")
    else:
        strongest = to_complete("personens starkaste anknytning")
    return lines or [to_complete("personens anknytning till ursprungskommunen")], strongest


def _interventions(record: dict[str, Any], care_only: bool) -> list[str]:
    lines = []
    origin = record.get("origin_municipality")
    for item in record.get("interventions", []) or []:
        if item.get("status") != "ongoing" or item.get("placed_here_by_origin") == "yes":
            continue
        if care_only and item.get("type") == "economic_assistance":
            continue
        where = _name(item.get("municipality") or origin)
        lines.append(f"{_INTERVENTIONS.get(item.get('type', ''), 'insats')} (beslutad av {where})")
    return lines or [to_complete("pågående insats, vem som beslutat den och när")]


def _wish(record: dict[str, Any], origin: str) -> str:
    wants = _get(record, "move.wants_to_return")
    if wants == "yes":
        return f"Personen vill återvända till {origin} och att ärendet flyttas dit."
    if wants == "no":
        return to_complete("personens inställning (personen har sagt att hen inte vill återvända)")
    return to_complete("personens önskemål om att ärendet flyttas")


def _reply(case: LetterCase, origin: str) -> str:
    asked = swedish_date(case.request_sent) if case.request_sent else None
    if case.origin_reply == "refused":
        return f"{origin} har avslagit begäran " + to_complete("datum för avslaget")
    if case.origin_reply == "no_answer" and asked:
        return f"{origin} har inte besvarat begäran av den {asked} skriftligen inom en månad."
    return to_complete(f"om {origin} avslagit begäran eller inte svarat inom en månad")


def _children(record: dict[str, Any]) -> tuple[list[str], str]:
    kids = record.get("children", []) or []
    if not kids:
        return ["Det finns inga barn i hushållet."], "Det finns inga barn i hushållet."
    lines = [f"Barn, {c.get('age')} år" for c in kids]
    return lines, to_complete("barnens synpunkter och hur de har inhämtats")


def letter_fields(
    kind: LetterKind,
    record: dict[str, Any],
    assessment: dict[str, Any],
    case: LetterCase,
    *,
    rules: RuleSet | None = None,
) -> dict[str, FieldValue]:
    """Every field of the catalogue, filled for this letter; raises LetterRefused."""
    check_allowed(kind, record)
    rules = rules or load_rules()
    origin = _name(_get(record, "origin_municipality"))
    receiving = _name(_get(record, "receiving_municipality"))
    identified = _get(record, "consent.contact_origin") == "yes"
    withheld = "uppgiften lämnas inte ut (samtycke saknas)"
    receiving_code = str(_get(record, "receiving_municipality") or "")
    events, points = _events(assessment, rules, origin, receiving_code)
    ties, strongest = _ties(record, origin)
    children, children_views = _children(record)
    arrival = _get(record, "arrival_date")
    arrival_text = to_complete("när personen kom hit")
    if isinstance(arrival, str) and arrival:
        day = dt.date.fromisoformat(arrival)
        arrival_text = swedish_date(day) if identified else f"{_MONTHS[day.month - 1]} {day.year}"
    reason = str(_get(record, "move.reason", "") or "")
    fields: dict[str, FieldValue] = {
        "case_number": case.number,
        "registry_number": to_complete("diarienummer"),
        "letter_date": swedish_date(case.today),
        "sender": f"Socialtjänsten i {receiving}",
        "handler_name": case.handler or to_complete("handläggarens namn"),
        "handler_contact": to_complete("handläggarens telefon och e-post"),
        "recipient": str(_get(record, "origin_district", "") or "") or "Socialnämnden",
        "recipient_municipality": origin,
        "origin_municipality": origin,
        "identified": identified,
        "person_name": (str(_get(record, "person.name", "") or "") or to_complete("namn"))
        if identified else withheld,
        "person_id": (str(_get(record, "person.personal_id", "") or "")
                      or to_complete("personnummer")) if identified else withheld,
        "consent_note": "" if identified else (
            "Personen har inte samtyckt till att uppgifter om hen lämnas till er. Uppgifter som "
            f"kan identifiera personen lämnas därför inte ut ({rules.legal[SECRECY].cite('sv')})."),
        "arrival": arrival_text,
        "events": events or [to_complete("vad som framkommit om flytten")],
        "policy_points": points,
        "legal_basis": _legal_basis(kind, rules, receiving_code),
        "wish": _wish(record, origin) if identified else withheld,
        "person_view": (reason or to_complete("personens egen berättelse")) if identified
        else withheld,
        "ties": ties if identified else [withheld],
        "strongest_connection": strongest if identified else withheld,
        "interventions": _interventions(record, kind is LetterKind.IVO_APPLICATION)
        if identified else [withheld],
        "request_date": swedish_date(case.request_sent) if case.request_sent
        else to_complete("datum då begäran skickades"),
        "reply": _reply(case, origin),
        "children": children if identified else [withheld],
        "children_views": children_views if identified else withheld,
    }
    return fields
