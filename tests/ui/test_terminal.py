"""End to end in a real terminal: the installed `intake` command driven through tmux."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.oscompat import login_name
from storage import open_repository
from tests.ui.accounts import desk_user
from tests.ui.tmux_term import Terminal

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    terminal = Terminal(tmp_path / "home")
    yield terminal
    terminal.close()


def _skip_to_summary(term: Terminal, name: str) -> None:
    for _ in range(60):
        screen = term.screen(name)
        if "Visa bedömningen" in screen:
            return
        term.keys(name, "F2")
        term.wait_for(name, screen.__ne__, timeout=10)
    raise AssertionError("did not reach the summary")


def test_complete_intake_in_a_terminal(term: Terminal, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    desk_user(url, "Eva Ek")  # the account running the test; no name is typed
    name = term.start("--db", url)
    term.wait_for(name, "Inloggad: Eva Ek")
    term.keys(name, "n")
    term.wait_for(name, "Välkommen!")
    term.keys(name, "Enter")
    term.wait_for(name, "Vad heter du?")
    term.type(name, "Ida [b]Berg[/b]")
    term.keys(name, "Enter")
    term.wait_for(name, "Nu två frågor")
    _skip_to_summary(term, name)
    term.keys(name, "Enter")
    term.wait_for(name, "Skapa ärende")
    term.keys(name, "C-s")
    screen = term.wait_for(name, "är skapat")
    term.keys(name, "C-q")
    term.wait_for(name, lambda _screen: term.dead(name))
    assert term.exit_status(name) == 0
    repo = open_repository(url)
    try:
        user = repo.get_user(login_name())
        assert user is not None and user.display_name == "Eva Ek"
        cases = repo.list_cases(user)
        assert len(cases) == 1
        case = repo.get_case(user, cases[0].number)
        assert case.number in screen
        assert case.record["person"]["name"] == "Ida [b]Berg[/b]"
        assert repo.list_drafts(user) == []
    finally:
        repo.close()


def test_killed_mid_intake_resumes_the_draft(term: Terminal, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    desk_user(url, "Eva Ek")
    first = term.start("--db", url)
    term.wait_for(first, "Inloggad: Eva Ek")
    term.keys(first, "n")
    term.wait_for(first, "Välkommen!")
    term.keys(first, "Enter")
    term.wait_for(first, "Vad heter du?")
    term.type(first, "Ida Berg")
    term.keys(first, "Enter")
    term.wait_for(first, "Nu två frågor")
    term.keys(first, "Enter")  # once: it is not dropped while the answer area changes kind
    term.wait_for(first, "3 Inte frågat nu")
    term.keys(first, "F2")  # not asked now
    term.wait_for(first, "skyddade personuppgifter")
    term.keys(first, "F2")
    term.wait_for(first, "samordningsnummer")
    term.keys(first, "F2")
    term.wait_for(first, "Hur gammal")
    term.keys(first, "F2")
    term.wait_for(first, "Vilket telefonnummer")
    term.type(first, "070-123 45 67")
    term.keys(first, "Enter")
    term.wait_for(first, "Vilket språk")
    os.kill(term.pid(first), signal.SIGKILL)  # no chance to save anything now
    term.wait_for(first, lambda _screen: term.dead(first))
    assert term.exit_status(first) == 128 + signal.SIGKILL

    second = term.start("--db", url)
    term.wait_for(second, "Inloggad: Eva Ek")
    term.keys(second, "r")
    term.wait_for(second, "Påbörjat")
    term.keys(second, "Enter")
    # The resumed question can be drawn a frame before the transcript above it: wait for both.
    screen = term.wait_for(second, lambda s: "Vilket språk" in s and "070-123 45 67" in s)
    assert "070-123 45 67" in screen
    term.type(second, "svenska")
    term.keys(second, "Enter")
    term.wait_for(second, "Behöver du tolk?")
    term.keys(second, "C-q")
    term.wait_for(second, lambda _screen: term.dead(second))
    repo = open_repository(url)
    try:
        user = repo.get_user(login_name())
        assert user is not None
        (draft,) = repo.list_drafts(user)
        answered = {e["question_id"]: e["raw"] for e in draft.events}
        assert answered["name"] == "Ida Berg"
        assert answered["language"] == "svenska"
    finally:
        repo.close()


def test_a_social_worker_closes_a_case_in_a_terminal(tmp_path: Path) -> None:
    """From the social worker's start screen to a closed case, at 80×24, by keyboard only."""
    from storage.api import CaseStatus, Role
    from tests.ui.test_cases import transfer_case

    url = f"sqlite:///{tmp_path / 'e2e.sqlite3'}"
    repo = open_repository(url)
    try:
        anna = repo.ensure_user("anna", "Anna Andersson", Role.RECEPTION)
        repo.ensure_user(login_name(), "Sven Svensson", Role.SOCIAL_WORKER)
        number = repo.create_case(anna, transfer_case()).number
    finally:
        repo.close()
    term = Terminal(tmp_path / "home", width=80, height=24)
    try:
        name = term.start("--db", url)
        term.wait_for(name, "Otilldelade ärenden (1)")
        term.keys(name, "u")
        term.wait_for(name, number)
        term.keys(name, "Enter")
        term.wait_for(name, f"Ärende {number}")
        term.keys(name, "a")
        term.wait_for(name, "Avsluta ärendet")
        term.type(name, "Ingen åtgärd behövs")
        term.keys(name, "Enter")
        screen = term.wait_for(name, "Avslutat: Ingen åtgärd behövs")
        assert "Avslutad" in screen
        term.keys(name, "Escape")
        term.wait_for(name, "Alla öppna")
        term.keys(name, "C-q")
        term.wait_for(name, lambda _screen: term.dead(name))
    finally:
        term.close()
    repo = open_repository(url)
    try:
        sven = repo.get_user(login_name())
        assert sven is not None
        case = repo.get_case(sven, number)
        assert case.status is CaseStatus.CLOSED and case.closed_reason == "Ingen åtgärd behövs"
    finally:
        repo.close()
