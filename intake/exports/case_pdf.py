"""The case summary as a PDF for printing and the archive (fpdf2, PDF/A-2B).

The font is DejaVu Sans shipped in intake/exports/fonts (Bitstream Vera licence beside it):
the PDF core fonts cannot print "–", "≥" or much beyond Latin-1, and PDF/A requires every font
embedded anyway. Every page names the case number and the secrecy (OSL 26 kap.) in its header,
so a single page found on a printer still says what it is.

User text goes in as plain text (fpdf2 interprets no markup unless asked), so nothing a visitor
said can change the layout.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from intake.core.letters import TITLES
from intake.exports.case_data import CaseDocument
from intake.ui.i18n import Catalog, t

_FONT = "DejaVu"

# The summary's own words (intake/ui/texts/case_pdf.toml); the level and urgency names and the
# headings it shares with the case screen come from the app's catalog (`t`).
_T = Catalog("case_pdf")
_say = _T.say


def _fonts() -> tuple[str, str]:
    folder = resources.files("intake.exports") / "fonts"
    return str(folder / "DejaVuSans.ttf"), str(folder / "DejaVuSans-Bold.ttf")


class _Summary(FPDF):
    def __init__(self, number: str, lang: str) -> None:
        super().__init__(format="A4", enforce_compliance="PDFA_2B")
        regular, bold = _fonts()
        self.add_font(_FONT, "", regular)
        self.add_font(_FONT, "B", bold)
        self.number = number
        self.ui_lang = lang
        self.set_title(_say("title", lang, number=number))
        self.set_lang("sv-SE" if lang == "sv" else "en-GB")
        self.set_creator("intake")
        self.alias_nb_pages()

    def header(self) -> None:
        self.set_font(_FONT, "B", 9)
        self.cell(0, 6, f"{_say('case', self.ui_lang)} {self.number}")
        self.set_x(self.l_margin)
        self.cell(0, 6, _say("secrecy", self.ui_lang), align="R",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(_FONT, "", 8)
        self.cell(0, 6, _say("page", self.ui_lang, page=self.page_no()), align="C")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.set_font(_FONT, "B", 12)
        self.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(_FONT, "", 10)

    def para(self, text: str, *, bold: bool = False, indent: float = 0) -> None:
        self.set_font(_FONT, "B" if bold else "", 10)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, 5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(_FONT, "", 10)


def _level(level: str, lang: str) -> str:
    return t(f"level_{level}", lang) if level else "?"


def _status(status: str, lang: str) -> str:
    return _say(f"status_{status}", lang) if f"status_{status}" in _T else status


def _stamp(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _assessment(pdf: _Summary, doc: CaseDocument, lang: str) -> None:
    a = doc.assessment
    pdf.heading(_say("assessment", lang))
    pdf.para(_say("level", lang, level=_level(doc.effective_level, lang), score=a.get("score", 0)),
             bold=True)
    if doc.level_override:
        pdf.para(_say("override", lang, was=_level(doc.level, lang), reason=doc.override_reason))
    pdf.para(f"{t('urgency', lang)}: {t('urgency_' + doc.urgency, lang)}")
    for key, items in (("indicators", a.get("indicators", [])),
                       ("counter_indicators", a.get("counter_indicators", []))):
        pdf.para(t(key, lang), bold=True)
        for item in items or []:
            pdf.para(f"– {item.get('explanation', '')} ({item.get('source', '')})", indent=4)
        if not items:
            pdf.para(_say("none", lang), indent=4)
    questions = a.get("open_questions", []) or []
    pdf.para(_say("open_questions", lang), bold=True)
    for q in questions:
        raise_to = _say("could_raise", lang, level=_level(q.get("could_raise_to", ""), lang))
        pdf.para(f"– {q.get('question', '')} ({raise_to})", indent=4)
    if not questions:
        pdf.para(_say("none", lang), indent=4)
    rules = a.get("rules")
    if isinstance(rules, dict) and rules.get("version"):
        pdf.para(_say("rules", lang, version=rules["version"]))


def _steps(pdf: _Summary, doc: CaseDocument, lang: str) -> None:
    pdf.heading(_say("steps", lang))
    for task in doc.tasks:
        when = []
        if task.due:
            when.append(_say("due", lang, date=task.due.isoformat()))
        if task.not_before:
            when.append(_say("not_before", lang, date=task.not_before.isoformat()))
        if task.state in ("not_applicable", "withdrawn"):
            when.append(_say(task.state, lang))
        elif task.done_at:
            day = task.done_on.isoformat() if task.done_on else _stamp(task.done_at)
            when.append(_say("done", lang, at=day, by=task.done_by or ""))
        else:
            when.append(_say("open", lang))
        pdf.para(f"{task.title} ({', '.join(when)})", bold=True)
        pdf.para(task.basis, indent=4)
        if task.note:
            pdf.para(task.note, indent=4)
    if not doc.tasks:
        pdf.para(_say("none", lang))


def _lists(pdf: _Summary, doc: CaseDocument, lang: str) -> None:
    pdf.heading(_say("notes", lang))
    for note in doc.notes:
        pdf.para(f"{_stamp(note.at)} {note.by}", bold=True)
        pdf.para(note.text, indent=4)
    if not doc.notes:
        pdf.para(_say("none", lang))
    pdf.heading(_say("letters", lang))
    for letter in doc.letters:
        title = TITLES.get(letter.kind, {}).get(lang, letter.kind)
        line = _say("letter_line", lang, kind=title, version=letter.version,
                    at=_stamp(letter.created_at), by=letter.created_by)
        if letter.sent_on:
            line += ", " + _say("sent", lang, date=letter.sent_on.isoformat())
        pdf.para(line)
    if not doc.letters:
        pdf.para(_say("none", lang))
    pdf.heading(_say("history", lang))
    for item in doc.history:
        pdf.para(f"{_stamp(item.at)} {item.by}: {item.text}")
    if not doc.history:
        pdf.para(_say("none", lang))


def case_pdf(doc: CaseDocument, lang: str = "sv") -> bytes:
    """The whole summary as PDF/A-2B bytes."""
    pdf = _Summary(doc.number, lang)
    pdf.add_page()
    pdf.set_font(_FONT, "B", 15)
    pdf.multi_cell(0, 8, _say("title", lang, number=doc.number),
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.para(_say("created", lang, at=_stamp(doc.created_at), by=doc.created_by))
    who = doc.assignee or _say("nobody", lang)
    pdf.para(_say("status", lang, status=_status(doc.status, lang), who=who))
    pdf.heading(_say("facts", lang))
    for question, answer in doc.transcript:
        pdf.para(question, bold=True)
        pdf.para(answer, indent=4)
    if not doc.transcript:
        pdf.para(_say("none", lang))
    _assessment(pdf, doc, lang)
    _steps(pdf, doc, lang)
    _lists(pdf, doc, lang)
    return bytes(pdf.output())
