"""Writes the shipped letter templates, dialogs/letters/*.docx, with python-docx.

The templates are Word documents with docxtpl (Jinja) tags; a municipality's registry and
lawyers edit their copy in Word or LibreOffice (intake copies them to its config folder on
first use). This script is how the shipped versions are made, so a change of wording is
reviewed as text here rather than as a binary diff:

    .venv/bin/python tools/make_letter_templates.py

Paragraph markers: "#" a heading, "-" a bullet, "" an ordinary paragraph; a paragraph that
is only a `{%p ... %}` tag is docxtpl's paragraph-level if/for. Every tag gets a run of its
own, as Word would give it after typing.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "dialogs" / "letters"

_HEAD = [
    "{{ sender }}",
    "Handläggare: {{ handler_name }}, {{ handler_contact }}",
    "Datum: {{ letter_date }}",
    "Vårt ärende: {{ case_number }}   Diarienummer: {{ registry_number }}",
    "",
]
_TO_ORIGIN = ["Till", "{{ recipient }}", "{{ recipient_municipality }}", ""]
_BASIS = [
    "{%p for item in legal_basis %}", "- {{ item }}", "{%p endfor %}",
]
_SIGN = ["", "Med vänlig hälsning", "", "{{ handler_name }}", "{{ sender }}"]

SKRIVELSE = [
    *_HEAD, *_TO_ORIGIN,
    "# Skrivelse om flytt av en person med behov av stöd till vår kommun",
    "{{ sender }} har fått kännedom om omständigheter som tyder på att {{ origin_municipality }} "
    "aktivt har medverkat till att en person med behov av stöd har bosatt sig i vår kommun, "
    "utan att våra socialtjänster först har samverkat.",
    "{%p if identified %}",
    "Skrivelsen gäller {{ person_name }}, {{ person_id }}, som kom till vår kommun {{ arrival }}.",
    "{%p else %}",
    "Personen kom till vår kommun i {{ arrival }}. {{ consent_note }}",
    "{%p endif %}",
    "# Vad som har framkommit",
    "{%p for item in events %}", "- {{ item }}", "{%p endfor %}",
    "# Vår bedömning",
    "Vi vill tydligt markera att ett sådant agerande inte är acceptabelt. Den kommun där en "
    "person bor har ansvaret för att personen får det stöd och den hjälp som hen behöver, och "
    "en flytt av en person med behov av stöd ska föregås av samverkan mellan socialtjänsterna "
    "i de berörda kommunerna.",
    "{%p if identified %}",
    "Personen har samtyckt till att vi kontaktar er. Vi begär en skälig motivering till ert "
    "agerande i ärendet, skriftligen inom en månad från dagens datum.",
    "{%p else %}",
    "Vi ber er redogöra för hur ni säkerställer att en flytt av en person med behov av stöd "
    "till en annan kommun föregås av samverkan mellan kommunernas socialtjänster.",
    "{%p endif %}",
    "# Grund för skrivelsen",
    *_BASIS,
    "{%p for item in policy_points %}", "- {{ item }}", "{%p endfor %}",
    *_SIGN,
]

TRANSFER_REQUEST = [
    *_HEAD, *_TO_ORIGIN,
    "# Begäran om flytt av ärende",
    "{{ sender }} begär att {{ origin_municipality }} tar över ansvaret för ärendet som gäller "
    "{{ person_name }}, {{ person_id }}. Personen har samtyckt till att uppgifterna i denna "
    "begäran lämnas till er.",
    "# Bakgrund",
    "Personen kom till vår kommun {{ arrival }}. Det här har framkommit om flytten:",
    "{%p for item in events %}", "- {{ item }}", "{%p endfor %}",
    "# Pågående insatser beslutade av er",
    "{%p for item in interventions %}", "- {{ item }}", "{%p endfor %}",
    "# Personens önskemål och anknytning",
    "{{ wish }}",
    "{%p for item in ties %}", "- {{ item }}", "{%p endfor %}",
    "{{ strongest_connection }}",
    "# Barn i hushållet",
    "{%p for item in children %}", "- {{ item }}", "{%p endfor %}",
    "# Vår begäran",
    "Med hänsyn till personens önskemål, anknytning och de pågående insatserna bedömer vi att "
    "ärendet bör flyttas till {{ origin_municipality }}. Begäran görs med stöd av:",
    *_BASIS,
    "Vi ber om ert skriftliga svar inom en månad från dagens datum. Om ni inte samtycker till "
    "att ta över ärendet, eller inte svarar inom en månad, kommer vi att ansöka hos "
    "Inspektionen för vård och omsorg (IVO) om flytt av ärendet.",
    *_SIGN,
]

IVO_APPLICATION = [
    *_HEAD,
    "Till", "Inspektionen för vård och omsorg (IVO)", "",
    "# Ansökan om flytt av ärende",
    "Sökande: {{ sender }}",
    "Motpart: {{ recipient }}, {{ recipient_municipality }}",
    "Den enskilde: {{ person_name }}, {{ person_id }}",
    "# Yrkande",
    "{{ sender }} ansöker om att ärendet som gäller {{ person_name }} flyttas till "
    "{{ origin_municipality }}.",
    "# Begäran om flytt och svaret",
    "Vi begärde den {{ request_date }} att {{ origin_municipality }} skulle ta över ärendet. "
    "{{ reply }}",
    "# Bakgrund",
    "Personen kom till vår kommun {{ arrival }}. Det här har framkommit om flytten:",
    "{%p for item in events %}", "- {{ item }}", "{%p endfor %}",
    "# Pågående vårdinsatser",
    "{%p for item in interventions %}", "- {{ item }}", "{%p endfor %}",
    "# Anknytning",
    "{%p for item in ties %}", "- {{ item }}", "{%p endfor %}",
    "{{ strongest_connection }}",
    "# Den enskildes inställning",
    "{{ wish }}",
    "Personens egen berättelse: {{ person_view }}",
    "# Barnen och deras synpunkter",
    "{%p for item in children %}", "- {{ item }}", "{%p endfor %}",
    "{{ children_views }}",
    "# Rättslig grund",
    *_BASIS,
    "# Bilagor",
    "- Begäran om flytt av ärende till {{ origin_municipality }}",
    "- [FYLL I: svaret från ursprungskommunen, eller intyg om att svar saknas]",
    *_SIGN,
]

_SECRECY = "Sekretess enligt OSL 26 kap."
TEMPLATES = {
    # without consent a skrivelse holds nothing secret, so it is not marked
    "official_letter": ("Skrivelse", SKRIVELSE, "{% if identified %}" + _SECRECY + "{% endif %}"),
    "transfer_request": ("Begäran om flytt av ärende", TRANSFER_REQUEST, _SECRECY),
    "ivo_application": ("Ansökan till IVO", IVO_APPLICATION, _SECRECY),
}

_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")


def _runs(paragraph: object, text: str) -> None:
    for piece in _TAG.split(text):
        if piece:
            paragraph.add_run(piece)  # type: ignore[attr-defined]


def build(title: str, lines: list[str], secrecy: str) -> object:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = title
    doc.core_properties.author = "intake"
    doc.core_properties.created = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
    header = doc.sections[0].header.paragraphs[0]
    _runs(header, "Ärende {{ case_number }}    " + secrecy)
    for line in lines:
        if line.startswith("# "):
            _runs(doc.add_heading(level=2), line[2:])
        elif line.startswith("- "):
            _runs(doc.add_paragraph(style="List Bullet"), line[2:])
        else:
            _runs(doc.add_paragraph(), line)
    return doc


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (title, lines, secrecy) in TEMPLATES.items():
        doc = build(title, lines, secrecy)
        doc.save(str(OUT / f"{name}.docx"))  # type: ignore[attr-defined]
        print(f"wrote {OUT / name}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
