"""Pasting text with an escape character: through the terminal's own bracketed paste (tmux),
not Pilot, which hands the app a Paste event and bypasses the input parser where it broke."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.core.textclean import clean_text
from intake.ui.paste import PASTE_END, PASTE_START, PasteSafeParser
from tests.ui.tmux_term import Terminal, desk_database, stored_drafts

PASTED = "Kalle\x1bOQ Berg\x1b]0;pwned\x07 [b]Ek[/b]"


@pytest.mark.tmux
@pytest.mark.slow
def test_a_bracketed_paste_with_escapes_is_stored_whole_and_in_order(tmp_path: Path) -> None:
    url = desk_database(tmp_path / "paste.sqlite3")
    term = Terminal(tmp_path / "home")
    try:
        name = term.start("--db", url)
        term.begin_visit(name)
        term.paste(name, PASTED)
        term.wait_for(name, "[b]Ek[/b]")
        term.keys(name, "Enter")
        term.wait_for(name, "Nu två frågor")  # the next question: the name is stored
        term.keys(name, "C-q")
        screen = term.wait_for(name, lambda _s: term.dead(name))
        assert "pwned" not in screen
    finally:
        term.close()
    ((*_, (_, stored)),) = stored_drafts(url)
    assert stored == clean_text(PASTED) == "KalleQ Berg [b]Ek[/b]"


def test_the_parser_cleans_only_the_inside_of_a_paste() -> None:
    parser = PasteSafeParser()
    assert parser.clean("\x1b") == "\x1b"  # the Escape key is passed on at once
    assert parser.clean("a\x1b[Ab") == "a\x1b[Ab"  # an arrow key outside a paste
    # A paste split across reads, the end marker too.
    first = parser.clean(PASTE_START + "Ka\x1b]0;x\x07lle\x1bOQ" + PASTE_END[:3])
    second = parser.clean(PASTE_END[3:] + "\x1b[B")
    assert first + second == PASTE_START + "KalleQ" + PASTE_END + "\x1b[B"


def test_the_drivers_build_the_clean_parser() -> None:
    from textual.drivers import linux_driver

    from intake.ui import paste

    original = linux_driver.XTermParser
    try:
        paste.install()
        assert linux_driver.XTermParser is PasteSafeParser
    finally:
        linux_driver.__dict__["XTermParser"] = original


def test_on_windows_the_windows_driver_builds_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Elsewhere Textual's Windows driver is not imported at all (it loads ctypes.windll)."""
    import sys
    import types

    from textual.drivers import linux_driver

    from intake.ui import paste

    fake = types.ModuleType("textual.drivers.win32")
    original = linux_driver.XTermParser
    try:
        monkeypatch.setitem(sys.modules, "textual.drivers.win32", fake)
        monkeypatch.setattr(sys, "platform", "linux")
        paste.install()
        assert not hasattr(fake, "XTermParser")
        monkeypatch.setattr(sys, "platform", "win32")
        paste.install()
        assert fake.XTermParser is PasteSafeParser
    finally:
        linux_driver.__dict__["XTermParser"] = original
