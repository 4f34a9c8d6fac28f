"""The case summary as PDF (read back with pypdf) and as JSON (intake-case/1)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

from pypdf import PdfReader

from intake.exports.case_data import CaseDocument, SignedLine, TaskLine
from intake.exports.case_json import case_json, case_json_bytes
from intake.exports.case_pdf import case_pdf
from storage.api import LetterInfo

from .helpers import ASSESSMENT, NAME, PNR, RECORD

AT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def case(transcript_length: int = 3) -> CaseDocument:
    return CaseDocument(
        number="2026-0007", kind="intake", status="assigned", created_at=AT,
        created_by="reception1", assignee="sw1", level="possible", level_override="strong",
        override_reason="Hyresvärden bekräftade att Stockholm betalade.", urgency="soon",
        record=RECORD, assessment=ASSESSMENT,
        tasks=[
            TaskLine("send_official_letter", "Skicka en officiell skrivelse",
                     dt.date(2026, 11, 24), "En officiell skrivelse ska skickas "
                     "(Sollefteå riktlinjer 2.1)", done_at=AT, done_by="sw1", state="done"),
            TaskLine("apply_ivo_transfer", "Ansök hos IVO om flytt av ärendet", None,
                     "IVO kan pröva en flytt (SoL (2001:453) 2 a kap. 11 §)",
                     not_before=dt.date(2026, 12, 24)),
        ],
        notes=[SignedLine(AT, "sw1", "Ringde Södermalm – ingen svarade. <b>inte fet</b> & ok")],
        transcript=[("Vad heter personen?", NAME), ("Personnummer?", PNR)] * transcript_length,
        letters=[LetterInfo(1, "official_letter", 1, AT, "sw1", sent_on=dt.date(2026, 11, 24))],
        history=[SignedLine(AT, "reception1", "skapade ärendet")],
    )


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_pdf_reads_back_with_facts_assessment_steps_notes_and_history() -> None:
    text = " ".join("\n".join(pdf_pages(case_pdf(case()))).split())  # lines wrap anywhere
    for expected in (
        "Sammanfattning av ärende 2026-0007", NAME, PNR,
        "Misstänkt social dumpning",  # the level in force (the override)
        "Hyresvärden bekräftade att Stockholm betalade.",
        "Stockholm ended the person's tenancy. (Sollefteå riktlinjer 1.1.1)",
        "Betalade Stockholm flytten – biljett eller hyra?",  # an open question, with its dash
        "senast 2026-11-24", "klar 2026-11-23 09:30 (sw1)", "tidigast 2026-12-24",
        "Sollefteå riktlinjer 2.1", "2 a kap. 11 §",
        "Ringde Södermalm – ingen svarade. <b>inte fet</b> & ok",
        "Skrivelse till ursprungskommunen, version 1", "skickat 2026-11-24", "skapade ärendet",
    ):
        assert expected in text, expected


def test_every_page_names_the_case_and_the_secrecy() -> None:
    pages = pdf_pages(case_pdf(case(transcript_length=60)))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.startswith("Ärende 2026-0007"), number
        assert "Sekretess enligt OSL 26 kap." in page.splitlines()[0]
        assert f"Sida {number}/{len(pages)}" in page


def test_the_pdf_is_pdfa_2b_with_the_font_embedded() -> None:
    content = case_pdf(case())
    assert re.search(rb"<pdfaid:part>2</pdfaid:part>", content)
    assert re.search(rb"<pdfaid:conformance>B</pdfaid:conformance>", content)
    reader = PdfReader(io.BytesIO(content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor  # embedded TrueType


def test_the_pdf_in_english() -> None:
    text = "\n".join(pdf_pages(case_pdf(case(), lang="en")))
    assert text.startswith("Case 2026-0007")
    assert "Secrecy under OSL chapter 26" in text
    assert "Suspected social dumping" in text


def test_the_json_export_embeds_record_and_assessment_unchanged() -> None:
    data = json.loads(case_json_bytes(case()))
    assert data["schema"] == "intake-case/1"
    assert data["record"] == RECORD
    assert data["assessment"] == ASSESSMENT
    assert data["case"]["number"] == "2026-0007"
    assert data["case"]["level_override"] == "strong"
    assert data["tasks"][1] == {
        "code": "apply_ivo_transfer", "title": "Ansök hos IVO om flytt av ärendet", "due": None,
        "not_before": "2026-12-24",
        "basis": "IVO kan pröva en flytt (SoL (2001:453) 2 a kap. 11 §)",
        "state": "open", "done_on": None,
        "done_at": None, "done_by": None, "note": ""}
    assert data["letters"] == [{"kind": "official_letter", "version": 1,
                                "created_at": "2026-11-23T09:30:00+00:00", "created_by": "sw1",
                                "sent_on": "2026-11-24"}]
    assert data["notes"][0]["text"].startswith("Ringde Södermalm")
    assert data["transcript"][0] == {"question": "Vad heter personen?", "answer": NAME}
    assert data["history"] == [{"at": "2026-11-23T09:30:00+00:00", "by": "reception1",
                                "what": "skapade ärendet"}]
    assert list(data) == list(case_json(case()))
    assert "Södermalm".encode() in case_json_bytes(case())  # UTF-8, not \\u escapes


def test_a_stored_case_becomes_the_export_with_notes_letters_and_history() -> None:
    from intake.core.dialogue.api import DialogueStamp
    from intake.core.workflow import CaseStatus, WorkflowStep
    from intake.exports.case_data import from_case_info
    from storage.api import (
        AssessmentRevision,
        CaseInfo,
        CaseKind,
        LetterInfo,
        NoteInfo,
        TaskInfo,
        TaskState,
        TranscriptItem,
        WorkflowEntry,
    )

    later = AT + dt.timedelta(days=1)
    stored = CaseInfo(
        number="2026-0007", kind=CaseKind.INTAKE, status=CaseStatus.TRANSFER_REQUESTED,
        created_at=AT, created_by="reception1", assignee="sw1", level="strong",
        level_override=None, override_reason="", urgency="soon", origin_code="0180",
        record=RECORD, assessment=ASSESSMENT,
        stamp=DialogueStamp("intake", "1", "0" * 64), language="sv", version=3,
        tasks=[TaskInfo(1, "request_case_transfer", "Begäran om flytt", None, "grund",
                        done_at=later, done_by="sw1", state=TaskState.DONE,
                        done_on=dt.date(2026, 11, 24)),
               TaskInfo(2, "home_visit", "Hembesök", None, "grund",
                        state=TaskState.NOT_APPLICABLE, note="Personen avböjde")],
        transcript=[TranscriptItem(1, "name", "Vad heter personen?", NAME)],
        notes=[NoteInfo(1, later, "sw1", "Sven Socialsekreterare", "Ringde Södermalm")],
        workflow=[WorkflowEntry(WorkflowStep.TRANSFER_REQUEST_SENT, dt.date(2026, 11, 24),
                                later, "sw1", CaseStatus.TRANSFER_REQUESTED)],
        assessments=[
            AssessmentRevision(AT, "reception1", "", [], "1", "possible", "soon", {}),
            AssessmentRevision(later, "sw1", "Flytten betalades", ["move.move_paid_by_origin"],
                               "1", "strong", "soon", {}),
        ],
        letters=[LetterInfo(5, "transfer_request", 2, later, "sw1", dt.date(2026, 11, 24))],
    )
    doc = from_case_info(stored)
    data = case_json(doc)
    assert data["case"]["status"] == "transfer_requested"
    assert data["notes"] == [{"at": later.isoformat(), "by": "sw1", "text": "Ringde Södermalm"}]
    assert data["letters"][0]["kind"] == "transfer_request"
    assert data["letters"][0]["sent_on"] == "2026-11-24"
    assert [h["what"] for h in data["history"]] == [
        "begäran om flytt av ärende skickad 2026-11-24", "ny bedömning (strong): Flytten betalades"]
    assert data["tasks"][0]["state"] == "done" and data["tasks"][0]["done_on"] == "2026-11-24"
    text = " ".join("\n".join(pdf_pages(case_pdf(doc))).split())
    assert "Begäran om flytt (klar 2026-11-24 (sw1))" in text
    assert "Hembesök (ej aktuell) grund Personen avböjde" in text
    assert "Begäran om flytt av ärende, version 2" in text
