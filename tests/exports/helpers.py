"""A case with consent and one without, as plain data: what the letters and exports are built
from. The record uses the spec's keys of 2026-11-29 (ties, origin_district) as plain JSON."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from docx import Document

from intake.exports.letter_templates import paragraphs

NAME = "Anna Andersson"
PNR = "19811218-9876"
PHONE = "070-1234567"
REASON = "Boende & stöd upphörde; de sa att jag skulle flytta hit."

RECORD: dict[str, Any] = {
    "schema": "intake-record/1",
    "receiving_municipality": "2283",
    "visit_date": "2026-11-23",
    "person": {"name": NAME, "personal_id": PNR, "phone": PHONE},
    "origin_municipality": "0180",
    "origin_district": "Södermalms stadsdelsnämnd",
    "arrival_date": "2026-11-02",
    "interventions": [
        {"type": "home_care", "status": "ongoing", "municipality": "0180"},
        {"type": "economic_assistance", "status": "ongoing", "municipality": "0180"},
    ],
    "move": {"initiated_by": "origin_municipality", "tenancy_terminated_by_origin": "yes",
             "wants_to_return": "yes", "reason": REASON},
    "children": [{"age": 7, "in_school_or_preschool": "yes"}],
    "consent": {"contact_origin": "yes"},
    "ties": {"years_in_origin": 12, "network_in_origin": "yes"},
}

ASSESSMENT: dict[str, Any] = {
    "schema": "intake-assessment/2",
    "level": "strong",
    "score": 6,
    "urgency": "soon",
    "indicators": [
        {"code": "origin_proposed_move", "weight": 3, "source": "Sollefteå riktlinjer 1.1.1",
         "explanation": "The move was proposed by Stockholm, not by the person."},
        {"code": "tenancy_terminated_by_origin", "weight": 3,
         "source": "Sollefteå riktlinjer 1.1.1",
         "explanation": "Stockholm ended the person's tenancy."},
    ],
    "counter_indicators": [],
    "open_questions": [{"field": "move.move_paid_by_origin",
                        "question": "Betalade Stockholm flytten – biljett eller hyra?",
                        "could_raise_to": "strong"}],
    "next_steps": [],
}


def without_consent(consent: str = "no") -> dict[str, Any]:
    data = copy.deepcopy(RECORD)
    data["consent"]["contact_origin"] = consent
    return data


def with_changes(**sections: Any) -> dict[str, Any]:
    """RECORD with sections merged in (a dict) or top-level keys replaced (anything else)."""
    data = copy.deepcopy(RECORD)
    for key, values in sections.items():
        if isinstance(values, dict):
            data.setdefault(key, {}).update(values)
        else:
            data[key] = values
    return data


TODAY = dt.date(2026, 11, 29)


def docx_text(content: bytes | str) -> str:
    """All text of a .docx (body, tables, headers), one paragraph a line."""
    import io

    source = io.BytesIO(content) if isinstance(content, bytes) else content
    return "\n".join(p.text for p in paragraphs(Document(source)))
