"""A database that does not take an answer, in the real app in a terminal: the screen says
so within a second and stays live, Esc stops waiting, and leaving says the answers are not
saved, shows them for copying and ends with exit status 3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.ui.tmux_term import Terminal, desk_database, stored_drafts

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def test_a_locked_database_is_shown_and_leaving_says_what_is_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    url = desk_database(path)
    term = Terminal(tmp_path / "home")
    lock = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        name = term.start("--db", url)
        term.begin_visit(name)
        term.type(name, "Ida Berg")
        term.keys(name, "Enter")
        term.wait_for(name, "Nu två frågor")
        term.keys(name, "Enter")  # once: it is not dropped while the answer area changes kind
        term.wait_for(name, "3 Inte frågat nu")
        lock.execute("BEGIN EXCLUSIVE")
        term.keys(name, "F2")  # skip: its save waits for the lock
        screen = term.wait_for(name, "Databasen är upptagen", timeout=10)
        assert "skyddade personuppgifter" not in screen  # next question not shown as stored
        term.keys(name, "Escape")
        screen = term.wait_for(name, "Sparandet avbröts")
        term.keys(name, "C-q")
        screen = term.wait_for(name, "INTE sparade")
        assert "Avsluta utan att spara" in screen
        term.keys(name, "2")  # show the answers to copy them
        screen = term.wait_for(name, "= (hoppade över)")  # the one answer not stored
        term.keys(name, "3")  # leave without saving
        screen = term.wait_for(name, lambda _s: term.dead(name), timeout=10)
        assert "Svaren ovan är INTE sparade" in screen and "utsatt för våld" in screen
        assert "Traceback" not in screen
        assert term.exit_status(name) == 3
    finally:
        if lock.in_transaction:
            lock.execute("ROLLBACK")
        lock.close()
        term.close()
    skip_never_stored = [("greeting", ""), ("name", "Ida Berg"), ("safety_intro", "")]
    assert stored_drafts(url) == [skip_never_stored]
