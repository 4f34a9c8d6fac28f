"""Export and letters from the case screen, as a social worker would: a PDF saved where she
says, a letter made and listed with its version, the letter recorded as sent (which moves the
IVO date); a letter refused without consent says why; reception is offered none of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from intake.ui.app import IntakeApp
from intake.ui.screens.case import CaseScreen
from intake.ui.screens.case_dialogs import ChoiceDialog, FormDialog
from storage.api import AuditAction, CaseStatus, Repository, Role, UserInfo
from tests.exports.helpers import docx_text
from tests.ui.test_cases import STAMP_RECORD, fill_form, settle, task_line, transfer_case
from tests.ui.test_screenshots import spy_notify


async def _choose(pilot: object, option_id: str) -> None:
    from textual.widgets import OptionList

    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ChoiceDialog)
    options = screen.query_one(OptionList)
    options.highlighted = next(i for i, (key, _) in enumerate(screen.choices) if key == option_id)
    options.action_select()
    await settle(pilot)


async def test_export_a_pdf_and_make_and_send_a_letter(
    repo: Repository, make_app: Callable[..., IntakeApp], tmp_path: Path
) -> None:
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    admin = repo.ensure_user("it", "IT", Role.ADMIN)
    case = repo.create_case(reception, transfer_case())
    app = make_app(user=sven)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(CaseScreen(case.number))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.check_action("export", ()) and not screen.check_action("letter_sent", ())

        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "pdf")
        assert isinstance(app.screen, FormDialog)  # it asks where
        await fill_form(pilot, folder=str(tmp_path))
        pdf = tmp_path / f"{case.number}.pdf"
        assert pdf.is_file()
        assert f"Ärende {case.number}" in PdfReader(pdf).pages[0].extract_text()

        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "transfer_request")
        await fill_form(pilot, folder=str(tmp_path))
        letter = tmp_path / f"{case.number}-transfer_request-v1.docx"
        assert "Begäran om flytt av ärende" in docx_text(letter.read_bytes())
        assert screen.case is not None and len(screen.case.letters) == 1
        assert "transfer_request v1" in str(screen.query_one("#text-letters").render())

        await pilot.press("s")
        await settle(pilot)
        await _choose(pilot, str(screen.case.letters[0].id))
        await fill_form(pilot, on="2026-11-10")
        assert screen.case.status is CaseStatus.TRANSFER_REQUESTED
        _, ivo = task_line(screen, "apply_ivo_transfer")
        assert "tidigast 2026-12-10" in ivo

        await pilot.press("x")  # the IVO application asks what the origin answered
        await settle(pilot)
        await _choose(pilot, "ivo_application")
        await _choose(pilot, "no_answer")
        await fill_form(pilot, folder=str(tmp_path))
        ivo_text = docx_text((tmp_path / f"{case.number}-ivo_application-v1.docx").read_bytes())
        assert "Vi begärde den 10 november 2026" in ivo_text
        assert "inte besvarat begäran av den 10 november 2026 skriftligen" in ivo_text
    exports = [e for e in repo.audit_for_case(admin, case.number)
               if e.action is AuditAction.EXPORT]
    assert len(exports) == 3


async def test_a_letter_without_consent_is_refused_with_the_reason(
    repo: Repository, make_app: Callable[..., IntakeApp], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    record = {**STAMP_RECORD, "consent": {"contact_origin": "no"}}
    case = repo.create_case(reception, transfer_case(record))
    app = make_app(user=sven)
    told = spy_notify(app, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(CaseScreen(case.number))
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await _choose(pilot, "ivo_application")
        assert not isinstance(app.screen, ChoiceDialog | FormDialog)  # refused at once
        assert any("samtycke" in m for m in told), told
    assert not list(tmp_path.glob("*.docx"))
    assert repo.get_case(sven, case.number).letters == []


async def test_reception_is_offered_no_export(
    repo: Repository, user: UserInfo, make_app: Callable[..., IntakeApp]
) -> None:
    case = repo.create_case(user, transfer_case())
    app = make_app()  # anna, reception, her own case
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(CaseScreen(case.number))
        await settle(pilot)
        assert not app.screen.check_action("export", ())
        assert not app.screen.check_action("letter_sent", ())
