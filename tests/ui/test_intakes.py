"""Whole intakes through the Textual app (Pilot), checked in the stored case."""

from __future__ import annotations

from collections.abc import Callable

from intake.ui.app import IntakeApp
from intake.ui.screens.start import StartScreen
from intake.ui.widgets.facts_panel import FactsPanel
from storage.api import Repository, UserInfo
from tests.ui.driver import Driver, shown

PLAIN_VISIT = {
    "name": "Bo Ek",
    "phone": "070-111 22 33",
    "language": "svenska",
    "interpreter": "no",
    "origin": "Sollefteå",  # the receiving municipality itself: no move
    "housing_type": "first_hand",
    "landlord": "Sollefteåhem",
    "rooms": "2",
    "occupants": "1",
    "condition": "adequate",
    "ability_to_pay": "yes",
    "has_children": "no",
}

STRONG_WITH_CHILDREN = {
    "name": "Sara Lind",
    "interpreter": "yes",
    "language": "arabiska",
    "origin": "stockholm",
    "arrival_date": "2026-11-09",
    "registered_here": "no",
    "interventions": ["economic_assistance", "home_care"],
    "intervention_status.economic_assistance": "ongoing",
    "intervention_status.home_care": "ongoing",
    "establishment_ended": "no",
    "initiated_by": "origin_municipality",
    "tenancy_terminated": "yes",
    "support_refused": "yes",
    "referred_to_landlord": "yes",
    "move_paid": "yes",
    "paid_after_assessment": "no",
    "informed_in_advance": "no",
    "understood_move": "no",
    "left_job": "no",
    "wants_return": "yes",
    "own_account": "De sa att jag måste flytta hit.",
    "housing_type": "second_hand",
    "landlord": "Okänd värd",
    "rooms": "1",
    "occupants": "4",
    "condition": "harmful",
    "ability_to_pay": "no",
    "has_children": "yes",
    "child_age#1": "7",
    "child_school#1": "no",
    "child_more#1": "yes",
    "child_age#2": "3",
    "child_school#2": "yes",
    "child_more#2": "no",
    "consent_contact": "yes",
    "consent_home_visit": "yes",
}


async def test_plain_visit_creates_a_case(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(PLAIN_VISIT)
        assessment = await drive.to_assessment()
        number = await drive.confirm_case()
        assert shown(assessment.query_one("#created")).find(number) >= 0
        # The case exists: the footer no longer offers to create it or to go back to the talk,
        # and a second Ctrl+S creates nothing.
        shown_keys = {b.action for _n, b, _e, _t in app.screen.active_bindings.values()}
        assert not shown_keys & {"confirm", "back"}
        await pilot.press("ctrl+s")
        await drive.settle()
        assert [c.number for c in repo.list_cases(user)] == [number]
        # In English the screen is drawn again: still the created case, not the confirm button.
        await pilot.press("f4")
        await drive.settle()
        assert not app.screen.query("#confirm")
        assert number in shown(app.screen.query_one("#created"))
        await pilot.press("enter")
        await drive.settle()
        assert isinstance(app.screen, StartScreen)
    case = repo.get_case(user, number)
    assert case.record["person"]["name"] == "Bo Ek"
    assert case.record["origin_municipality"] == "2283"
    assert case.level == "not_applicable"
    assert case.level_override is None
    assert repo.list_drafts(user) == []  # the draft is gone with the case saved
    assert any(item.question_id == "landlord" for item in case.transcript)


async def test_strong_suspicion_with_children(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(STRONG_WITH_CHILDREN)
        facts = {f.label: f.value for f in drive.conversation.session.engine.facts()}
        assert any("Stockholm" in value for value in facts.values())
        panel = drive.conversation.query_one("#facts", FactsPanel)
        for label, value in facts.items():  # the side panel shows every fact collected
            assert f"{label}: {value}" in panel.text
        screen = await drive.to_assessment()
        assert screen.query_one("#level").has_class("level-strong")
        number = await drive.confirm_case()
    case = repo.get_case(user, number)
    assert case.level == "strong"
    assert [c["age"] for c in case.record["children"]] == [7, 3]
    assert case.record["move"]["initiated_by"] == "origin_municipality"
    codes = {task.code for task in case.tasks}
    assert {
        "contact_origin_municipality",
        "child_impact_analysis",
        "ensure_school_placement",
    } <= codes
    due = {task.code: task.due for task in case.tasks}
    assert due["contact_origin_municipality"] is not None


async def test_editing_an_earlier_answer_reroutes(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    """Say the move was the person's own idea, then change the origin to the receiving
    municipality from the summary: the move questions fall off the path."""
    app = make_app()
    script = dict(STRONG_WITH_CHILDREN, has_children="no")
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(script)
        screen = drive.conversation
        # F3 selects the latest answer; walk up to the origin answer and change it.
        await pilot.press("f3")
        await drive.settle()
        for _ in range(60):
            if screen.chat.selected_question_id == "origin":
                break
            await pilot.press("up")
        assert screen.chat.selected_question_id == "origin"
        await pilot.press("enter")
        await drive.settle()
        assert drive.current().id == "origin"
        field = app.focused
        assert getattr(field, "value", None) == "stockholm"  # the earlier answer, ready to change
        field.value = ""  # type: ignore[union-attr]
        await drive.answer("Sollefteå")
        notes = [m.text for m in screen.chat.of_kind("validation")]
        assert drive.current().kind.value == "summary", (notes, drive.current())
        assert "initiated_by" not in screen.session.engine.path
        await drive.to_assessment()
        number = await drive.confirm_case()
    case = repo.get_case(user, number)
    assert case.record["origin_municipality"] == "2283"
    assert case.level == "not_applicable"
    assert case.record.get("move", {}).get("initiated_by") in (None, "unknown")


async def test_level_override_needs_a_written_reason(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    from textual.widgets import Input, Select

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.run_script(PLAIN_VISIT)
        screen = await drive.to_assessment()
        screen.query_one("#override-level", Select).value = "possible"
        await pilot.press("ctrl+s")
        await drive.settle()
        assert screen.case_number is None
        assert "motivering" in shown(screen.query_one("#assess-message"))
        assert repo.list_cases(user) == []
        screen.query_one(
            "#override-reason", Input
        ).value = "Hyresvärden \x1b[2J bekräftar [b]flytten[/b]"
        number = await drive.confirm_case()
    case = repo.get_case(user, number)
    assert case.level == "not_applicable"
    assert case.level_override == "possible"
    assert case.effective_level == "possible"
    assert case.override_reason == "Hyresvärden bekräftar [b]flytten[/b]"


async def test_clicking_an_earlier_answer_reopens_it(make_app: Callable[..., IntakeApp]) -> None:
    """The chat is drawn line by line; a click on an answer's line still finds that answer."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        # The welcome, the name, the safety introduction, and five skipped (the two safety
        # questions, id number, age, phone).
        for _ in range(8):
            question = drive.current()
            if question.id in STRONG_WITH_CHILDREN or question.kind.value == "info":
                await drive.answer(STRONG_WITH_CHILDREN.get(question.id))
            else:
                await pilot.press("f2")
                await drive.settle()
        assert drive.current().id == "language"
        chat = drive.conversation.chat
        index = next(i for i, m in enumerate(chat.messages) if m.question_id == "name")
        assert chat.messages[index].kind == "question"
        answer = index + 1
        assert chat.messages[answer].kind == "answer"
        chat.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        # The answer's first text line: below its blank line, at the right edge of the chat.
        y = chat._starts[answer] + 1 + chat._top_gap - round(chat.scroll_y)
        x = chat.scrollable_content_region.width - 3
        assert await pilot.click("#chat", offset=(x + 1, y))  # +1: the chat's left padding
        await drive.settle()
        assert drive.current().id == "name"
        assert app.focused is not None and getattr(app.focused, "value", None) == "Sara Lind"
