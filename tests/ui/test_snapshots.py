"""How the screens look: SVG snapshots at fixed sizes, with a fixed `today`.

Each conversation snapshot starts from a visit whose earlier answers are given to the engine
directly (the same path the app takes when a draft is resumed), so only the screen under test
is driven through the UI. Update the baselines with `pytest tests/ui --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from intake.core.dialogue.api import QuestionKind
from intake.core.session import Desk, IntakeSession
from intake.ui.app import IntakeApp
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY, Driver
from tests.ui.test_intakes import STRONG_WITH_CHILDREN

SnapCompare = Callable[..., bool]


def _as_text(value: Any) -> str:
    return ",".join(value) if isinstance(value, list) else str(value)


def session_at(repo: Repository, user: UserInfo, stop: str | None) -> IntakeSession:
    """A new visit answered from the strong-suspicion script up to question `stop`."""
    session = IntakeSession.start(Desk(repo, user), lang="sv", receiving="2283", today=TODAY)
    engine = session.engine
    for _ in range(100):
        question = engine.current()
        if question.id == stop or question.kind is QuestionKind.SUMMARY:
            break
        if question.id in STRONG_WITH_CHILDREN:
            assert engine.answer(_as_text(STRONG_WITH_CHILDREN[question.id])).ok, question.id
        elif question.kind is QuestionKind.INFO:
            engine.answer("")
        else:
            engine.skip()
    assert stop is None or engine.current().id == stop
    return session


def _opener(session: IntakeSession, *keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        drive = Driver(pilot)
        await drive.settle()
        pilot.app.open_conversation(session)  # type: ignore[attr-defined]
        await drive.settle()
        # The answer field takes focus once drawn (its cursor shows); on a busy machine the
        # picture could be taken before, so the field is focused here as the screen does.
        pilot.app.screen.answer_input.focus_field()  # type: ignore[attr-defined]
        await drive.settle()
        if keys:
            await pilot.press(*keys)
            await drive.settle()
        steady_cursor(pilot)
        await drive.settle()

    return run_before


def steady_cursor(pilot: Pilot[Any]) -> None:
    """The cursor shown, not blinking: a blink between drawing and taking the picture would
    make the snapshot depend on how busy the machine is."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


def test_start_screen(snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_start_screen_english_wide(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]
) -> None:
    assert snap_compare(make_app(lang="en"), terminal_size=(120, 30))


@pytest.mark.parametrize(
    "question",
    [
        "greeting",  # info
        "name",  # text
        "violence",  # a safety question: yes / no / not asked now, with its introduction
        "personal_id",
        "interpreter",  # yes / no / don't know
        "origin",  # municipality
        "arrival_date",  # date
        "interventions",  # multi-select
        "intervention_status.home_care",  # a choice of three: buttons
        "initiated_by",  # a choice of six: a list
        "own_account",  # long text
        "rooms",  # number
        "child_age#2",  # the second child of the repeat group
    ],
)
def test_question_kinds(
    question: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., IntakeApp],
    repo: Repository,
    user: UserInfo,
) -> None:
    session = session_at(repo, user, question)
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_opener(session))


def test_question_narrow(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    """80x24: the facts panel gives way to the chat."""
    session = session_at(repo, user, "interventions")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_opener(session))


def test_validation_message_keeps_the_typed_text(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, "rooms")
    run_before = _opener(session, *"tre", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_summary(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, None)
    assert snap_compare(make_app(), terminal_size=(120, 50), run_before=_opener(session))


def test_assessment(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, None)
    run_before = _opener(session, "enter")
    assert snap_compare(make_app(), terminal_size=(120, 50), run_before=run_before)


def test_assessment_narrow(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, None)
    run_before = _opener(session, "enter")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_help(snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), press=["f1"])


def test_summary_200x60(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    session = session_at(repo, user, None)
    assert snap_compare(make_app(), terminal_size=(200, 60), run_before=_opener(session))


def test_opening_while_the_dialogue_loads(
    snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]
) -> None:
    """N before the dialogue is compiled: its greeting at once (intake.ui.screens.opening),
    after Enter, with the line saying that the visit is about to begin."""
    from intake.core.dialogue.opening import default_opening
    from intake.ui.screens.opening import OpeningScreen

    opening = default_opening()
    assert opening is not None

    async def run_before(pilot: Pilot[Any]) -> None:
        drive = Driver(pilot)
        await drive.settle()
        await pilot.app.push_screen(OpeningScreen(opening))
        await drive.settle()
        await pilot.press("enter")
        await drive.settle()

    assert snap_compare(make_app(), terminal_size=(100, 24), run_before=run_before)
