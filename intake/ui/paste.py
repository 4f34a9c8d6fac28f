"""Pasted text with an escape character in it arrives whole and clean.

Textual's input parser (8.x) reads an ESC inside a bracketed paste as the start of a key
sequence: the characters after it leave the paste and arrive as key presses *before* it
("Kalle\\x1bOQ" was stored as "^OQKalle"). This parser removes escape sequences from the
inside of a bracketed paste before Textual's parser sees them, so the paste event carries
the text without them (as `clean_text` would leave it) and nothing is reordered. Only the
paste's inside is touched: an Escape key press outside a paste is passed on at once.

Installed by `install()` as the parser class of the drivers that read a terminal (Linux,
macOS and Windows), before the app starts.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# Escape sequences (as intake.core.textclean removes them), then any ESC left alone.
_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]?"
)


def _partial_end(text: str) -> int:
    """How many characters at the end of `text` could begin the paste's end marker."""
    for size in range(min(len(PASTE_END) - 1, len(text)), 0, -1):
        if PASTE_END.startswith(text[-size:]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""  # the start of what may be the end marker, split across reads

    def feed(self, data: str) -> Iterable[Message]:
        return super().feed(self.clean(data))

    def clean(self, data: str) -> str:
        """`data` with the escape sequences inside bracketed pastes removed."""
        data, self._held = self._held + data, ""
        out: list[str] = []
        while data:
            if not self._in_paste:
                start = data.find(PASTE_START)
                if start < 0:
                    out.append(data)
                    break
                out.append(data[: start + len(PASTE_START)])
                data = data[start + len(PASTE_START) :]
                self._in_paste = True
                continue
            end = data.find(PASTE_END)
            if end < 0:
                keep = _partial_end(data)
                inside, self._held = data[: len(data) - keep], data[len(data) - keep :]
                out.append(_SEQUENCE.sub("", inside))
                break
            out.append(_SEQUENCE.sub("", data[:end]) + PASTE_END)
            data = data[end + len(PASTE_END) :]
            self._in_paste = False
        return "".join(out)


def install() -> None:
    """Make the terminal drivers build this parser instead of Textual's own."""
    from textual.drivers import linux_driver

    linux_driver.__dict__["XTermParser"] = PasteSafeParser
    if sys.platform != "win32":
        return  # Textual's Windows driver loads ctypes.windll, which only Windows has
    try:
        from textual.drivers import win32
    except (ImportError, OSError, AttributeError):  # ctypes.windll exists only on Windows
        return
    win32.__dict__["XTermParser"] = PasteSafeParser
