"""The desk locks (issue 18.3), driven as a receptionist who walks away from a visit would.

Idle time is an injected clock, moved on by five minutes at once; the credential is checked by
a checker given through the same interface the app uses (`intake.credentials`). What the
screen shows is read from the rendered screen (Textual's own screenshot, as text), so a name
left in any widget, toast or title would be found.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from intake.core.session import Desk, IntakeSession
from intake.ui.app import IntakeApp
from intake.ui.desk_lock import DeskLock
from intake.ui.screens.conversation import ConversationScreen
from intake.ui.screens.lock import LockScreen
from intake.ui.screens.start import StartScreen
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY, Driver
from tests.ui.test_snapshots import SnapCompare, session_at, steady_cursor

RIGHT = "rätt lösen 7"
FIVE_MINUTES = 5 * 60


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Checker:
    """The desk's credential, as a test knows it (the real ones: tests/test_credentials.py)."""

    account = "anna"

    def __init__(self) -> None:
        self.tries = 0

    def check(self, secret: str) -> bool:
        self.tries += 1
        return secret == RIGHT


def screen_text(app: IntakeApp) -> str:
    """Every character the terminal shows now (Textual's screenshot, without the markup)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(texts)).replace("\xa0", " ")


@pytest.fixture(autouse=True)
def quick_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Idle time is looked at every 50 ms (the clock itself is the test's)."""
    monkeypatch.setattr(DeskLock, "tick", 0.05)
    monkeypatch.setattr(DeskLock, "wrong_delay", 0.3)


async def _wait_for(pilot: Pilot[Any], screen_type: type, limit: float = 5.0) -> None:
    end = time.monotonic() + limit
    while not isinstance(pilot.app.screen, screen_type):
        assert time.monotonic() < end, f"still {type(pilot.app.screen).__name__}"
        await pilot.pause(0.05)
    await pilot.pause()  # laid out, so that a click finds its widget
    await pilot.pause()


async def _open_visit(pilot: Pilot[Any], session: IntakeSession) -> Driver:
    drive = Driver(pilot)
    await drive.settle()
    pilot.app.open_conversation(session)  # type: ignore[attr-defined]
    await drive.settle()
    return drive


async def test_idle_desk_hides_the_visit_and_unlocks_with_the_right_password(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    clock, checker = FakeClock(), Checker()
    app = make_app(credentials=checker, clock=clock)
    session = session_at(repo, user, "landlord")
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        drive = await _open_visit(pilot, session)
        await drive.answer("Okänd värd")  # stored before the next question is asked
        asked = drive.current().id
        app.notify("Sara Lind: en avisering med ett namn", markup=False)
        await pilot.pause()
        before = screen_text(app)
        assert "Sara Lind" in before and "Okänd värd" in before  # the test can see them
        assert "avisering" in before

        clock.now += FIVE_MINUTES - 1
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConversationScreen)  # not yet
        clock.now += 1
        await _wait_for(pilot, LockScreen)
        await pilot.pause()
        locked = screen_text(app)
        for personal in ("Sara", "Lind", "Okänd värd", "arabiska", "Stockholm", "avisering"):
            assert personal not in locked, personal
        assert "Skärmen är låst" in locked and "anna" in locked
        assert "Sara" not in f"{app.title} {app.sub_title} {app.screen.title}"
        # Nothing reaches the screen while it is locked: not a toast, not the palette.
        app.notify("Sara Lind igen", markup=False)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert "Sara" not in screen_text(app)

        # A wrong password: refused, said plainly, after a pause; the desk stays locked.
        start = time.monotonic()
        app.screen.query_one("#lock-password", Input).value = "fel"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert time.monotonic() - start >= DeskLock.wrong_delay
        assert isinstance(app.screen, LockScreen)
        assert "Fel lösenord" in screen_text(app)
        assert app.screen.query_one("#lock-password", Input).value == ""
        # Activity at a locked desk does not unlock it or restart anything.
        clock.now += FIVE_MINUTES
        await pilot.pause(0.1)
        assert isinstance(app.screen, LockScreen)

        # The right one: the visit comes back where it was, and goes on.
        app.screen.query_one("#lock-password", Input).value = RIGHT
        await pilot.press("enter")
        await _wait_for(pilot, ConversationScreen)
        await drive.settle()
        assert checker.tries == 2
        assert drive.current().id == asked
        after = screen_text(app)
        assert "Sara Lind" in after and "Upplåst" in after
        assert "Sara Lind igen" in after  # the toast held while locked is shown now
        await drive.answer("1")
        assert drive.current().id != asked
        # Idle time counts from the unlock: no lock straight away.
        await pilot.pause(0.2)
        assert isinstance(app.screen, ConversationScreen)

    drafts = repo.list_drafts(user)
    assert len(drafts) == 1
    resumed = IntakeSession.resume(Desk(repo, user), drafts[0], receiving="2283", today=TODAY)
    answers = {line.question_id: line.answer for line in resumed.engine.transcript()}
    assert answers["name"] == "Sara Lind"
    assert answers["landlord"] == "Okänd värd"
    assert answers[asked] == "1"


async def test_someone_else_logs_out_a_locked_desk_and_the_draft_is_kept(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    clock, checker = FakeClock(), Checker()
    app = make_app(credentials=checker, clock=clock)
    session = session_at(repo, user, "landlord")
    async with app.run_test(size=(100, 30)) as pilot:
        drive = await _open_visit(pilot, session)
        await drive.answer("Okänd värd")
        transcript = [(x.question_id, x.answer) for x in session.engine.transcript()]
        clock.now += FIVE_MINUTES
        await _wait_for(pilot, LockScreen)
        assert await pilot.click("#lock-logout")
        await pilot.pause()
    assert app.return_code == 0
    assert checker.tries == 0  # logging out needs no password and shows nothing
    assert not any(isinstance(s, ConversationScreen) for s in app.screen_stack[-1:])

    # The next person at the desk resumes the draft: every answer is there.
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.settle()
        [draft] = repo.list_drafts(user)
        again.resume_draft(draft)
        await drive.settle()
        resumed = drive.conversation.session
        assert [(x.question_id, x.answer) for x in resumed.engine.transcript()] == transcript
        assert drive.current().id != "landlord"


async def test_ctrl_q_at_a_locked_desk_logs_out_without_showing_unsaved_answers(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    """Ctrl+Q at a locked desk would otherwise offer the unsaved answers for copying."""
    clock = FakeClock()
    app = make_app(credentials=Checker(), clock=clock)
    session = session_at(repo, user, "landlord")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_visit(pilot, session)
        assert session.unsaved  # answered through the engine, never stored
        clock.now += FIVE_MINUTES
        await _wait_for(pilot, LockScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)  # no list of answers was pushed over it
    assert app.return_code == 3
    assert app.left_unsaved


async def test_an_account_that_is_refused_has_nothing_to_lock(
    make_app: Callable[..., IntakeApp], os_account: list[str]
) -> None:
    """The lock is armed by the sign-in (`lock_after_minutes` from the settings): an OS
    account that is not a user sees only the refusal, and no lock screen over it."""
    os_account[0] = "okand"
    clock = FakeClock()
    app = make_app(credentials=Checker(), clock=clock, user=None, repo=None)
    app._settings = app.settings.model_copy(update={"lock_after_minutes": 1})
    async with app.run_test(size=(100, 30)) as pilot:
        await Driver(pilot).settle()
        assert app.user is None and app.refused
        clock.now += 120
        await pilot.pause(0.2)
        assert not isinstance(app.screen, LockScreen)
        assert app.desk_lock.idle is None


def test_lock_screen(snap_compare: SnapCompare, make_app: Callable[..., IntakeApp]) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[Any]) -> None:
        await Driver(pilot).settle()
        clock.now += FIVE_MINUTES
        await _wait_for(pilot, LockScreen)
        pilot.app.screen.query_one("#lock-password", Input).value = "hemligt"
        pilot.app.screen.query_one("#lock-logout", Button)  # both ways out are offered
        steady_cursor(pilot)
        await pilot.pause()

    app = make_app(credentials=Checker(), clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_lock_screen_switches_language_and_keeps_the_focus(
    make_app: Callable[..., IntakeApp],
) -> None:
    clock = FakeClock()
    app = make_app(credentials=Checker(), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await Driver(pilot).settle()
        clock.now += FIVE_MINUTES
        await _wait_for(pilot, LockScreen)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.pause()
        assert "The screen is locked" in screen_text(app)
        await pilot.press(*["space" if c == " " else c for c in RIGHT], "enter")
        await _wait_for(pilot, StartScreen)
