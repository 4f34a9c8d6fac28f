"""Plain mode in a real terminal (tmux): what it says at the end of a visit and when the
database cannot store an answer, as a screen-reader user would hear it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake.oscompat import login_name
from storage import open_repository
from storage.api import Repository, Role
from tests.ui.test_plain import PLAIN_VISIT
from tests.ui.tmux_term import Terminal

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


class Plain:
    """`intake --plain` in tmux, answered line by line."""

    def __init__(self, term: Terminal, url: str) -> None:
        self.term = term
        self.name = term.start("--plain", "--db", url)
        self.wait_prompt()

    def screen(self) -> str:
        return self.term.screen(self.name)

    def wait_prompt(self, below: int = -1) -> str:
        """Until the cursor stands after a prompt (">" or "]") on a line below `below`."""

        def prompting(_screen: str) -> bool:
            row, text = self.term.cursor(self.name)
            return row > below and text.rstrip().endswith((">", "]"))

        self.term.wait_for(self.name, prompting)
        return self.screen()

    def last_line(self, text: str) -> str:
        """A line after which plain mode ends: the screen once the process is gone."""
        self.term.type(self.name, text)
        self.term.keys(self.name, "Enter")
        return self.term.wait_for(self.name, lambda _s: self.term.dead(self.name), timeout=10)

    def line(self, text: str) -> str:
        if text:
            self.term.type(self.name, text)
        row, _ = self.term.cursor(self.name)
        self.term.keys(self.name, "Enter")
        return self.wait_prompt(below=row)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Terminal, str, Path]]:
    path = tmp_path / "plain.sqlite3"
    url = f"sqlite:///{path}"
    repo = open_repository(url)
    repo.ensure_user(login_name(), "Eva Ek", Role.RECEPTION)
    repo.close()
    term = Terminal(tmp_path / "home", width=110, height=40)
    yield term, url, path
    term.close()


def _stored(url: str) -> tuple[int, list[list[str]]]:
    repo: Repository = open_repository(url)
    try:
        eva = repo.get_user(login_name())
        assert eva is not None
        drafts = [[e["raw"] for e in d.events] for d in repo.list_drafts(eva)]
        return len(repo.list_cases(eva)), drafts
    finally:
        repo.close()


def test_only_an_explicit_choice_shows_the_assessment_or_creates_the_case(
    setup: tuple[Terminal, str, Path],
) -> None:
    term, url, _ = setup
    plain = Plain(term, url)
    for text in PLAIN_VISIT[:-3]:  # up to the summary's question
        screen = plain.line(text)
    assert "Visa bedömningen?" in screen
    screen = plain.line("n")
    assert "Bedömningen visas inte" in screen
    assert "Nivå" not in screen and "Skapa ärende" not in screen
    screen = plain.line("")  # Enter: yes, show it
    assert "Skapa ärende" in screen
    for refusal in ("", "avbryt"):
        screen = plain.line(refusal)
        assert "skapat" not in screen
    assert "Visa bedömningen?" in screen.splitlines()[-1] or "Visa bedömningen?" in screen
    screen = plain.line("/avsluta")
    assert "Avbrutet. Svaren är sparade" in screen
    plain.last_line("3")
    assert term.exit_status(plain.name) == 0
    cases, drafts = _stored(url)
    assert cases == 0 and len(drafts) == 1


def test_a_locked_database_is_said_plainly_and_nothing_is_claimed(
    setup: tuple[Terminal, str, Path],
) -> None:
    term, url, path = setup
    plain = Plain(term, url)
    for text in ("1", "", "Ida Berg", ""):  # menu, welcome, name, the safety introduction
        plain.line(text)
    lock = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        lock.execute("BEGIN EXCLUSIVE")
        term.type(plain.name, "/hoppa")
        term.keys(plain.name, "Enter")
        screen = term.wait_for(plain.name, "Databasen är upptagen", timeout=10)
        assert "skyddade personuppgifter" not in screen  # the next question waits for the save
        term.keys(plain.name, "C-c")
        screen = plain.wait_prompt()
        assert "Sparandet avbröts" in screen and "INTE sparade" in screen
        screen = plain.line("2")  # show the answers to copy them
        assert "Vad heter du? = Ida Berg" in screen
        screen = plain.last_line("3")  # leave without saving
        assert "Svaren ovan är INTE sparade" in screen
        assert "Svaren är sparade" not in screen
        assert "Traceback" not in screen
        lock.execute("ROLLBACK")
        assert term.exit_status(plain.name) == 3  # answers not saved
    finally:
        if lock.in_transaction:
            lock.execute("ROLLBACK")
        lock.close()
    _, drafts = _stored(url)
    assert drafts == [["", "Ida Berg", ""]]  # the skip was never stored, and never said to be
