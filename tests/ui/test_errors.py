"""Failures: a failed save is shown and retried, never silent or fatal; an unexpected error
shows an id, logs no personal data and never prints a traceback with local variables."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.core.session import IntakeSession
from intake.oscompat import login_name
from intake.ui import errors
from intake.ui.app import IntakeApp
from intake.ui.screens.conversation import ConversationScreen
from storage import open_repository
from storage.api import Repository, StorageError, UserInfo
from tests.ui.accounts import desk_user
from tests.ui.driver import Driver
from tests.ui.tmux_term import Terminal

PERSONAL = "19121212-1212 Ida Berg"


class FlakyRepository:
    """The real repository, except that `save_draft` fails while `failing` is set."""

    def __init__(self, inner: Repository) -> None:
        self._inner = inner
        self.failing = True

    def save_draft(self, *args: Any, **kwargs: Any) -> int:
        if self.failing:
            raise StorageError(f"disk full while saving {PERSONAL}")
        return self._inner.save_draft(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _log() -> str:
    path = errors.log_dir() / errors.LOG_NAME
    return path.read_text("utf-8") if path.is_file() else ""


async def test_failed_save_is_shown_and_retried(
    make_app: Callable[..., IntakeApp], repo: Repository, user: UserInfo
) -> None:
    flaky = FlakyRepository(repo)
    app = make_app(repo=flaky)
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        await drive.answer(None)  # the welcome: its save fails
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        message = screen.chat.last("error")
        assert message is not None
        note = screen.chat.drawn_text(message)
        assert "kunde inte sparas" in note and "fel-id" in note
        assert PERSONAL not in note
        assert drive.current().id == "name"  # the engine moved on ...
        assert not screen.chat.of_kind("question")[-1].text.startswith("Vad heter")
        assert repo.list_drafts(user) == []  # ... but nothing was stored, so nothing is shown
        flaky.failing = False
        await pilot.press("enter")  # the focused "try again" button
        await drive.settle()
        assert "Vad heter du?" in screen.chat.of_kind("question")[-1].text
        assert len(repo.list_drafts(user)) == 1
    assert PERSONAL not in _log() and "StorageError" in _log()


async def test_unexpected_error_in_an_answer_keeps_the_app(
    make_app: Callable[..., IntakeApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: IntakeSession, text: str) -> Any:
        raise RuntimeError(f"parser bug with {PERSONAL}")

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        drive = Driver(pilot)
        await drive.start_new()
        monkeypatch.setattr(IntakeSession, "answer", broken)
        await pilot.press("enter")
        await drive.settle()
        assert isinstance(app.screen, ConversationScreen)
        assert app.last_error_id and app.last_error_id in _log()
    assert PERSONAL not in _log() and "RuntimeError" in _log()


async def test_unhandled_error_prints_an_id_not_a_traceback(
    make_app: Callable[..., IntakeApp],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(self: ConversationScreen) -> None:
        secret_local = PERSONAL  # a traceback with locals would print this
        raise ValueError(secret_local)

    monkeypatch.setattr(ConversationScreen, "_update_side", broken)
    app = make_app()
    with pytest.raises(ValueError):
        async with app.run_test(size=(100, 30)) as pilot:
            await Driver(pilot).start_new()
    app._print_error_renderables()
    printed = capsys.readouterr()
    assert app.return_code == 1
    assert app.last_error_id in _log()
    everything = printed.out + printed.err + _log()
    assert PERSONAL not in everything
    assert "Traceback" not in everything


@pytest.mark.tmux
def test_hangup_mid_intake_exits_and_keeps_the_draft(tmp_path: Path) -> None:
    """A closed terminal sends SIGHUP, which Textual does not handle: the app ends by itself,
    prints no traceback, and every answer given is in the draft."""
    url = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    desk_user(url, "Eva Ek")
    term = Terminal(tmp_path / "home")
    try:
        name = term.start("--db", url)
        term.wait_for(name, "Inloggad: Eva Ek")
        term.keys(name, "n")
        term.wait_for(name, "Välkommen!")
        term.keys(name, "Enter")
        term.wait_for(name, "Vad heter du?")
        term.type(name, "Ida Berg")
        term.keys(name, "Enter")
        term.wait_for(name, "Nu två frågor")
        os.kill(term.pid(name), signal.SIGHUP)
        screen = term.wait_for(name, lambda _s: term.dead(name), timeout=10)
        assert "Traceback" not in screen
    finally:
        term.close()
    repository = open_repository(url)
    try:
        user = repository.get_user(login_name())
        assert user is not None
        (draft,) = repository.list_drafts(user)
        assert [e["raw"] for e in draft.events] == ["", "Ida Berg"]
    finally:
        repository.close()
