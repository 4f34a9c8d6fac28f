"""The assessment screen as a receptionist uses it (issue 14, item 14), and two whole visits
through the app: one with violence, one with a placement by the origin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.widgets import Button, Input, Select, Static

from intake.core.assessment_text import step_when
from intake.core.rules import load_rules
from intake.ui.app import IntakeApp
from intake.ui.screens.assessment import AssessmentScreen
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY, Driver, shown
from tests.ui.test_intakes import STRONG_WITH_CHILDREN
from tests.ui.test_snapshots import session_at

STEPS = [
    {"code": f"step_{i}", "title": f"Steg nummer {i}", "due": "2026-12-01", "not_before": None,
     "basis": "Grund"}
    for i in range(1, 15)
] + [
    {"code": "apply_ivo_transfer", "title": "Ansök hos IVO", "due": None,
     "not_before": "2026-12-24", "basis": "IVO"},
]  # fmt: skip
FAKE = {
    "schema": "intake-assessment/2",
    "level": "possible",
    "score": 3,
    "urgency": "soon",
    "indicators": [{"code": "x", "weight": 3, "explanation": "Ett tecken", "source": "Regel"}],
    "counter_indicators": [],
    "open_questions": [
        {"field": "move.paid_after_ordinary_assessment",
         "question": "Föregicks betalningen av en vanlig prövning?", "could_raise_to": "strong"},
    ],
    "next_steps": STEPS,
}  # fmt: skip


async def _open(app: IntakeApp, drive: Driver, session: Any) -> AssessmentScreen:
    await drive.settle()
    app.open_conversation(session)
    await drive.settle()
    return await drive.to_assessment()


def test_a_not_before_date_reads_tidigast_never_senast() -> None:
    assert step_when(STEPS[-1], "sv") == "tidigast 24 december 2026"
    assert step_when(STEPS[-1], "en") == "not before 24 December 2026"
    assert step_when(STEPS[0], "sv") == "senast 1 december 2026"
    assert step_when({"due": None, "not_before": None}, "sv") == "inget datum"


async def test_every_step_is_reachable_by_keyboard_and_counted(
    make_app: Callable[..., IntakeApp],
    repo: Repository,
    user: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = session_at(repo, user, None)
    monkeypatch.setattr(session, "assessment", lambda: FAKE)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        drive = Driver(pilot)
        screen = await _open(app, drive, session)
        assert isinstance(app.focused, Button) and app.focused.id == "confirm"
        assert shown(screen.query_one("#steps-heading")) == f"Nästa steg ({len(STEPS)})"
        # Visible at once at 80x24, before any scrolling: how much there is.
        overview = screen.query_one("#overview")
        assert shown(overview).startswith("1 tecken, 0 talar emot, 1 öppna frågor, 15 nästa steg")
        assert screen.query_one("#assess-scroll").region.contains_region(overview.region)
        assert shown(screen.query_one("#questions-heading")) == "Öppna frågor (1)"
        texts = [shown(w) for w in screen.query(".item").results(Static)]
        assert any("Föregicks betalningen" in x and "kan leda till: Misstänkt" in x for x in texts)
        assert any("Ansök hos IVO – tidigast 24 december 2026" in x for x in texts)
        items = screen.query(".item").results(Static)
        steps = next(w for w in items if "Ansök hos IVO" in shown(w))  # the list of steps
        scroll = screen.query_one("#assess-scroll")

        def end_in_view() -> bool:  # the list's last line is inside the scrolled region
            return scroll.region.y <= steps.region.bottom - 1 < scroll.region.bottom

        assert not end_in_view()  # below the fold at first
        for _ in range(10):
            await pilot.press("pagedown")  # the confirm button keeps focus
            await drive.settle()
        assert end_in_view()
        assert app.focused is not None and app.focused.id == "confirm"
        await pilot.press("pageup")
        await drive.settle()
        assert not end_in_view()


async def test_enter_in_the_reason_field_does_not_create_the_case(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, None)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        screen = await _open(app, drive, session)
        screen.query_one("#override-level", Select).value = "possible"
        screen.query_one("#override-reason", Input).focus()
        await drive.settle()
        await pilot.press(*"Vet mer")
        await pilot.press("enter")
        await drive.settle()
        assert screen.case_number is None
        assert repo.list_cases(user) == []
        assert app.focused is screen.query_one("#confirm", Button)
        assert "Skapa ärende" in shown(screen.query_one("#assess-message"))
        await pilot.press("enter")  # now on the button: this is the confirmation
        await drive.settle()
        assert screen.case_number is not None
    case = repo.get_case(user, screen.case_number)
    assert (case.level_override, case.override_reason) == ("possible", "Vet mer")


def _to_origin_or_return() -> set[str]:
    """The steps marked ✉ (they tell the origin something) or towards a return, in steps.yaml."""
    return {rule.code for rule, _ in load_rules().steps if rule.to_origin or rule.towards_return}


async def test_a_visit_with_violence(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    script = {**STRONG_WITH_CHILDREN, "violence": "yes", "protected_identity": "unknown"}
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(script)
        path = drive.conversation.session.engine.path
        assert path.index("violence") == path.index("name") + 2  # right after the name
        assert "safety_first" in path
        assert not {"consent_contact", "wants_return", "years_in_origin"} & set(path)
        screen = await drive.to_assessment()
        assert screen.query_one("#urgency").has_class("urgency-immediate")
        steps_shown = "\n".join(shown(item) for item in screen.query(".item"))
        number = await drive.confirm_case()
    case = repo.get_case(user, number)
    planned = {task.code: task for task in case.tasks}
    assert planned["safety_assessment"].due == TODAY  # the same day
    assert f"– {step_when({'due': TODAY.isoformat()}, 'sv')}" in steps_shown  # senast <today>
    # nothing that tells the origin about the person, nothing towards a return or transfer
    assert not _to_origin_or_return() & set(planned), sorted(planned)
    assert not {"request_case_transfer", "apply_ivo_transfer", "support_return"} & set(planned)
    assert case.record["safety"]["violence_or_threats"] == "yes"
    assert case.record["safety"]["protected_identity"] == "unknown"
    assert case.record["consent"]["contact_origin"] == "unknown"


async def test_a_visit_with_a_placement_by_the_origin(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    script = {
        **STRONG_WITH_CHILDREN,
        "violence": "no",
        "protected_identity": "no",
        "interventions": ["placement"],
        "intervention_status.placement": "ongoing",
        "placed_here.placement": "yes",
        "initiated_by": "origin_municipality",
        "years_in_origin": "ungefär 12 år",
        "network_here": "no",
    }
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(script)
        path = drive.conversation.session.engine.path
        assert "placed_here.placement" in path and "consent_contact" in path
        await drive.to_assessment()
        number = await drive.confirm_case()
    case = repo.get_case(user, number)
    planned = {task.code for task in case.tasks}
    # docs/rules.md: the origin stays responsible for what it placed here: a reminder (with
    # consent, which was given), never a transfer request or an IVO application
    assert "remind_origin_responsibility" in planned
    assert not {"request_case_transfer", "apply_ivo_transfer"} & planned
    assert "safety_assessment" not in planned  # no violence, no protected identity
    (placement,) = case.record["interventions"]
    assert placement["placed_here_by_origin"] == "yes"
    assert placement["status"] == "ongoing"
    assert case.record["ties"]["years_in_origin"] == 12
