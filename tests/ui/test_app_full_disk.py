"""The Textual app in a real terminal when the disk fills up during a visit: it says the
answer was not saved and why, keeps it, and stores it once space returns and the receptionist
retries."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.small_disk import fill, small_disk
from tests.ui.tmux_term import Terminal, desk_database, stored_drafts

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def test_a_full_disk_mid_visit_keeps_the_answer_until_space_returns(tmp_path: Path) -> None:
    with small_disk(tmp_path, "3m") as folder:
        url = desk_database(folder / "intake.sqlite3")
        term = Terminal(tmp_path / "home", width=110, height=35)
        try:
            name = term.start("--db", url)
            term.begin_visit(name)
            term.type(name, "Ida Berg")
            term.keys(name, "Enter")
            term.wait_for(name, "Nu två frågor")  # the name is stored
            filler = fill(folder)
            term.keys(name, "Enter")  # the safety introduction: its save finds no space
            screen = term.wait_for(name, "Disken är full")
            assert "kunde inte sparas" in screen and "Försök spara igen" in screen
            assert "Traceback" not in screen
            assert stored_drafts(url) == [[("greeting", ""), ("name", "Ida Berg")]]
            filler.unlink()  # space returns
            term.keys(name, "Enter")  # on "Försök spara igen"
            term.wait_for(name, "3 Inte frågat nu")  # stored, and the next question shows
            term.keys(name, "C-q")
            term.wait_for(name, lambda _s: term.dead(name))
            assert term.exit_status(name) == 0
        finally:
            term.close()
        stored = [("greeting", ""), ("name", "Ida Berg"), ("safety_intro", "")]
        assert stored_drafts(url) == [stored]
