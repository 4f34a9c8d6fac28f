"""Start the real `intake` entry point with the signals a Windows desk has.

Windows has no SIGHUP, and its asyncio event loops raise NotImplementedError from
`add_signal_handler`; it has SIGBREAK (Ctrl+Break), which Linux lacks, so SIGUSR1 stands in
for it (`kill -USR1` plays Ctrl+Break). Used by the tmux tests as
`python -m tests.ui.windows_like ARGS...`, and by in-process tests through `patch_signals`.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from typing import Any

STANDS_IN_FOR_SIGBREAK = signal.SIGUSR1


def _refuse(self: Any, sig: int, callback: Any, *args: Any) -> None:
    raise NotImplementedError


def patch_signals(setattr_: Any = setattr, delattr_: Any = delattr) -> None:
    """Make this process's `signal` and asyncio look like Windows' (monkeypatch-compatible)."""
    if hasattr(signal, "SIGHUP"):
        delattr_(signal, "SIGHUP")
    setattr_(signal, "SIGBREAK", STANDS_IN_FOR_SIGBREAK)
    setattr_(asyncio.AbstractEventLoop, "add_signal_handler", _refuse)
    unix_loop = getattr(asyncio, "SelectorEventLoop", None)
    if unix_loop is not None:
        setattr_(unix_loop, "add_signal_handler", _refuse)


if __name__ == "__main__":
    patch_signals()
    from intake.cli import main

    sys.exit(main(sys.argv[1:]))
