"""One export of a stored case, as the command line and the case screen both make it: the
bytes, and a file name built from the case number only (never the person's name).

A letter made here is kept with the case as a new version (`CaseWork.save_letter`, audited);
a PDF or JSON export is audited by the caller's `record_audit` here, once the bytes exist.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.api import CaseInfo, CaseWork, UserInfo

FORMATS = ("pdf", "json")
KINDS = ("official_letter", "transfer_request", "ivo_application")


def file_name(number: str, fmt: str, kind: str | None = None, version: int = 0) -> str:
    if kind:
        return f"{number}-{kind}-v{version}.{fmt}"
    return f"{number}.{fmt}"


def letter_bytes(
    case: CaseInfo, kind: str, handler: str, *, reply: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The letter made from the case, as .docx bytes (nothing stored yet). Raises
    LetterRefused (consent, safety) or TemplateError (an edited template)."""
    from intake.core.letters import LetterCase, LetterKind, letter_fields
    from intake.core.workflow import WorkflowStep
    from intake.exports.letter_docx import render_letter
    from intake.exports.letter_templates import template_for

    letter = LetterCase(
        number=case.number, today=today or dt.date.today(), handler=handler,
        request_sent=case.step_date(WorkflowStep.TRANSFER_REQUEST_SENT), origin_reply=reply,
    )
    fields = letter_fields(LetterKind(kind), case.record, case.assessment, letter)
    return render_letter(template_for(LetterKind(kind)), fields, case.language)


def keep_letter(
    repo: CaseWork, user: UserInfo, case: CaseInfo, kind: str, content: bytes
) -> tuple[str, bytes]:
    """Keep a letter just made with the case (a new version, audited): (file name, bytes)."""
    info = repo.save_letter(user, case.number, kind, content)
    return file_name(case.number, "docx", kind, info.version), content


def export_case(
    repo: CaseWork, user: UserInfo, case: CaseInfo, fmt: str, lang: str
) -> tuple[str, bytes]:
    """The case as PDF or JSON: (file name, bytes); the export is audited."""
    from intake.exports.case_data import from_case_info
    from storage.api import AuditAction

    doc = from_case_info(case)
    if fmt == "pdf":
        from intake.exports.case_pdf import case_pdf

        content = case_pdf(doc, lang)
    else:
        from intake.exports.case_json import case_json_bytes

        content = case_json_bytes(doc)
    repo.record_audit(user, AuditAction.EXPORT, case.number)
    return file_name(case.number, fmt), content
