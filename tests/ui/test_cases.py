"""The handoff to social workers, driven as a person would: the start screen by role, the case
list's filters, a case worked from its first step to closed; reception refused others' cases."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any, cast

import pytest
from textual.widgets import Button, OptionList, Static

from intake.core.classifier import classify_data
from intake.ui.app import IntakeApp
from intake.ui.screens.case import CaseScreen
from intake.ui.screens.case_dialogs import ConfirmDialog, FormDialog
from intake.ui.screens.cases import CaseListScreen
from intake.ui.widgets.case_table import PAGE_SIZE, CaseTable
from storage.api import (
    AuditAction,
    CaseKind,
    CaseQuery,
    CaseStatus,
    CaseWork,
    NewCase,
    Repository,
    Role,
    TaskState,
    UserInfo,
)
from tests.ui.driver import TODAY

STAMP_RECORD: dict[str, Any] = {
    "schema": "intake-record/1",
    "receiving_municipality": "2283",
    "visit_date": "2026-11-02",
    "origin_municipality": "0180",
    "move": {
        "initiated_by": "origin_municipality",
        "move_paid_by_origin": "yes",
        "tenancy_terminated_by_origin": "yes",
    },
    "interventions": [{"type": "home_care", "status": "ongoing", "municipality": "0180"}],
    "consent": {"contact_origin": "yes"},
}
QUESTION = {
    "field": "move.paid_after_ordinary_assessment",
    "question": "Föregicks betalningen av en vanlig prövning?",
    "could_raise_to": "strong",
}


def transfer_case(record: dict[str, Any] | None = None) -> NewCase:
    """A case classified by the real rules, with the transfer steps; its open question is the
    one the rules list for the unknown means test."""
    from intake.core.dialogue.loader import default_dialogue

    record = record or STAMP_RECORD
    assessment = classify_data(record, receiving="2283", today=dt.date(2026, 11, 2))
    if not assessment.get("open_questions"):  # rules of the first shape list none
        assessment["open_questions"] = [QUESTION]
    return NewCase(
        kind=CaseKind.INTAKE,
        record=record,
        assessment=assessment,
        transcript=[("origin_municipality", "Varifrån kom du?", "Stockholm")],
        stamp=default_dialogue().stamp,
        language="sv",
    )


async def settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def fill_form(pilot: Any, **values: str) -> None:
    """Type into the open form's fields (by name) and save it."""
    screen = pilot.app.screen
    assert isinstance(screen, FormDialog)
    for name, value in values.items():
        box = screen.query_one(f"#field-{name}")
        box.value = value
    screen.query_one("#dialog-save", Button).press()
    await settle(pilot)


def task_line(screen: CaseScreen, code: str) -> tuple[int, str]:
    assert screen.case is not None
    steps = screen.query_one("#steps", OptionList)
    index = next(i for i, task in enumerate(screen.case.tasks) if task.code == code)
    return index, str(steps.get_option_at_index(index).prompt)


async def test_a_social_worker_works_a_case_from_the_overdue_list_to_closed(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> None:
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    overdue = repo.create_case(reception, transfer_case())
    later = {**STAMP_RECORD, "visit_date": TODAY.isoformat()}
    repo.create_case(reception, transfer_case(later))  # due today: not overdue
    app = make_app(user=sven)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # the start screen offers a social worker's views, not the intake first
        labels = [str(b.label) for b in app.screen.query(Button).results(Button)]
        assert any("Försenade ärenden (1)" in label for label in labels), labels
        await pilot.press("o")  # overdue
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        assert screen.case_query.overdue and "☑ Försenade" in screen.filter_text()
        table = screen.query_one(CaseTable)
        assert table.total == 1 and table.current is not None
        assert table.current.number == overdue.number
        await pilot.press("enter")
        await settle(pilot)
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)

        # assign to oneself
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")  # "Till mig"
        await settle(pilot)
        assert case_screen.case is not None and case_screen.case.assignee == "sven"

        # the first step (contact the origin) done with a date and a note
        index, _ = task_line(case_screen, "contact_origin_municipality")
        case_screen.query_one("#steps", OptionList).highlighted = index
        await pilot.press("d")
        await settle(pilot)
        await fill_form(pilot, on="2026-11-03", note="Ringt handläggaren")
        _, line = task_line(case_screen, "contact_origin_municipality")
        assert line.startswith("☑") and "2026-11-03" in line

        # the IVO step waits for the transfer request; sending it moves the IVO date
        _, ivo_before = task_line(case_screen, "apply_ivo_transfer")
        index, _ = task_line(case_screen, "request_case_transfer")
        case_screen.query_one("#steps", OptionList).highlighted = index
        await pilot.press("d")
        await settle(pilot)
        await fill_form(pilot, on="2026-11-10", note="Skickad med post")
        _, ivo_after = task_line(case_screen, "apply_ivo_transfer")
        assert "tidigast 2026-12-10" in ivo_after and ivo_after != ivo_before
        assert case_screen.case.status is CaseStatus.TRANSFER_REQUESTED
        headline = str(case_screen.query_one("#case-line", Static).render())
        assert "Överfl. begärd" in headline

        # answer the open question: the changed steps are shown, then accepted
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")  # "Ja"
        await settle(pilot)
        await fill_form(pilot, text="Farsta bekräftade prövningen")
        assert isinstance(app.screen, ConfirmDialog)
        preview = str(app.screen.query_one("#confirm-text", Static).render())
        assert "Ny bedömning" in preview
        app.screen.query_one("#dialog-accept", Button).press()
        await settle(pilot)
        case = case_screen.case
        assert len(case.assessments) == 2
        assert case.assessments[-1].by == "sven"
        assert case.assessments[-1].reason == "Farsta bekräftade prövningen"
        assert case.assessments[-1].fields == [QUESTION["field"]]
        history = str(case_screen.query_one("#text-history", Static).render())
        assert "Farsta bekräftade prövningen" in history

        # close with a reason
        await pilot.press("a")
        await settle(pilot)
        await fill_form(pilot, text="Ärendet överflyttat")
        assert case_screen.case.status is CaseStatus.CLOSED
        assert not case_screen.check_action("done", ())  # nothing more to do on a closed case
    stored = repo.get_case(sven, overdue.number)
    assert stored.status is CaseStatus.CLOSED and stored.closed_reason == "Ärendet överflyttat"
    done = {t.code: t for t in stored.tasks}
    assert done["contact_origin_municipality"].state is TaskState.DONE
    assert done["contact_origin_municipality"].note == "Ringt handläggaren"


async def test_reception_is_refused_others_cases_with_a_message_and_an_audit(
    repo: Repository, user: UserInfo, make_app: Callable[..., IntakeApp]
) -> None:
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    admin = repo.ensure_user("it", "IT", Role.ADMIN)
    repo.create_case(sven, transfer_case())
    app = make_app()  # anna, reception
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # her own view is offered; the list of everyone's cases is not
        assert app.screen.check_action("open_cases", ("created",))
        assert not app.screen.check_action("open_cases", ("all",))
        app.push_screen(CaseListScreen())  # as if reached some other way
        await settle(pilot)
        status = str(app.screen.query_one("#case-list-status", Static).render())
        assert "Mottagningen ser bara de ärenden du själv har skapat" in status
        assert app.screen.query_one(CaseTable).total == 0
    refused = [e for e in repo.audit_for_user(admin, "anna") if e.action is AuditAction.REFUSED]
    assert len(refused) == 1


async def test_an_admin_is_offered_no_case_work(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> None:
    admin = repo.ensure_user("it", "IT", Role.ADMIN)
    app = make_app(user=admin)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = [b.id for b in app.screen.query("Button, MenuEntry") if b.display]
        assert "help" in shown  # the menu's entries are among them
        assert "new" not in shown and "resume" not in shown
        assert not any(str(i).startswith("view-") for i in shown)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Nytt intag" not in titles and "Mina ärenden" not in titles
        assert app.screen.query_one("#admin-note", Static).display


def test_the_resume_list_names_the_visitor_and_origin_to_the_drafts_owner(
    repo: Repository, user: UserInfo
) -> None:
    from intake.core.dialogue.loader import default_dialogue
    from intake.ui.common import draft_label

    events = [
        {"kind": "answered", "question_id": "name", "raw": "Ida", "value": "Ida Berg"},
        {"kind": "answered", "question_id": "origin", "raw": "sthlm", "value": "0180"},
    ]
    draft_id = repo.save_draft(user, None, default_dialogue().stamp, "sv", events)
    label = draft_label(repo.get_draft(user, draft_id), "sv")
    assert label.startswith("Ida Berg · Stockholm – Påbörjat") and "2 svar" in label
    empty = repo.save_draft(user, None, default_dialogue().stamp, "sv", [])
    assert draft_label(repo.get_draft(user, empty), "sv").startswith("Påbörjat")


async def test_the_list_filters_and_sorts_by_keyboard(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> None:
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    first = repo.create_case(reception, transfer_case())
    repo.create_case(reception, transfer_case())
    app = make_app(user=sven)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # all cases
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseListScreen)
        table = screen.query_one(CaseTable)
        assert table.total == 2
        await pilot.press("s")  # status: the first, "Ny"
        await settle(pilot)
        assert screen.case_query.statuses == (CaseStatus.NEW,) and table.total == 2
        await pilot.press("s")  # "Tilldelad": none yet
        await settle(pilot)
        assert table.total == 0 and "Tilldelad" in screen.filter_text()
        await pilot.press("s", "s", "s", "s", "s", "s")  # on round to all open again
        await settle(pilot)
        assert screen.case_query.statuses == () and table.total == 2
        await pilot.press("f5")  # sort by the next column: the origin
        await settle(pilot)
        assert table.sort.value == "origin"
        await pilot.press("slash")
        await pilot.press(*first.number)
        await pilot.press("enter")
        await settle(pilot)
        assert table.total == 1 and table.current is not None
        assert table.current.number == first.number


async def test_the_first_rows_are_drawn_before_the_count_and_the_count_follows(
    repo: Repository, make_app: Callable[..., IntakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """More cases than a page: the rows come first, the total says "at least" until counted."""
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    case = transfer_case()
    for _ in range(PAGE_SIZE + 1):
        repo.create_case(reception, case)
    counting = threading.Event()
    counted = cast(CaseWork, repo).count_cases

    def slow_count(user: UserInfo, query: CaseQuery) -> int:
        counting.wait(10)
        return counted(user, query)

    monkeypatch.setattr(repo, "count_cases", slow_count)
    app = make_app(user=sven)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(CaseListScreen())
        table, status = None, ""
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, CaseListScreen):
                table = app.screen.query_one(CaseTable)
                status = str(app.screen.query_one("#case-list-status", Static).render())
                if table.row(0) is not None:
                    break
        assert table is not None and table.row(0) is not None and not table.counted
        assert table.total == PAGE_SIZE and f"{PAGE_SIZE}+ ärenden" in status
        counting.set()
        await settle(pilot)
        status = str(app.screen.query_one("#case-list-status", Static).render())
        assert table.counted and table.total == PAGE_SIZE + 1
        assert f"{PAGE_SIZE + 1} ärenden" in status
        await pilot.press("end")  # the row past the first page is there to go to
        await settle(pilot)
        assert table.cursor == PAGE_SIZE and table.current is not None


def social_workers_case(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> tuple[IntakeApp, str, UserInfo]:
    """A transfer case made by reception, and the app of the social worker who works it."""
    reception = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    case = repo.create_case(reception, transfer_case())
    return make_app(user=sven), case.number, sven


async def open_case(pilot: Any, number: str) -> CaseScreen:
    await settle(pilot)
    pilot.app.push_screen(CaseScreen(number))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def test_a_fact_is_corrected_with_a_reason_and_the_new_steps_shown_first(
    repo: Repository, make_app: Callable[..., IntakeApp]
) -> None:
    app, number, _ = social_workers_case(repo, make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot, number)
        await pilot.press("r", "end", "enter")  # "another fact": a field by its name
        await settle(pilot)
        await fill_form(pilot, field="housing.rooms", value="many", reason="x")
        assert isinstance(app.screen, CaseScreen)  # refused: the value does not fit
        await pilot.press("r", "end", "enter")
        await settle(pilot)
        child = '[{"age": 7, "in_school_or_preschool": "no"}]'
        await fill_form(pilot, field="children", value=child, reason="Ett barn utan skolplats")
        assert isinstance(app.screen, ConfirmDialog)
        preview = str(app.screen.query_one("#confirm-text", Static).render())
        assert "Nya steg" in preview
        app.screen.query_one("#dialog-accept", Button).press()
        await settle(pilot)
        assert screen.case is not None
        assert screen.case.record["children"][0]["age"] == 7
        assert screen.case.assessments[-1].fields == ["children"]
        assert "ensure_school_placement" in {t.code for t in screen.case.tasks}


async def test_a_draft_is_deleted_after_a_confirmation_and_another_handed_over(
    repo: Repository, user: UserInfo, make_app: Callable[..., IntakeApp]
) -> None:
    from intake.core.dialogue.loader import default_dialogue
    from intake.ui.screens.start import ResumeScreen

    stamp = default_dialogue().stamp
    repo.ensure_user("sven", "Sven Svensson", Role.SOCIAL_WORKER)
    first = repo.save_draft(user, None, stamp, "sv", [])
    repo.save_draft(user, None, stamp, "sv", [])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on "Avbryt": nothing happens
        await settle(pilot)
        assert len(repo.list_drafts(user)) == 2
        await pilot.press("delete")
        await settle(pilot)
        app.screen.query_one("#dialog-accept", Button).press()
        await settle(pilot)
        assert len(repo.list_drafts(user)) == 1
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")  # the only colleague: Sven
        await settle(pilot)
    assert repo.list_drafts(user) == []
    sven = repo.get_user("sven")
    # the newest was deleted; the one left, the first, is now Sven's
    assert sven is not None and [d.id for d in repo.list_drafts(sven)] == [first]
