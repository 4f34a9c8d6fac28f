"""When the desk locks: idle time, counted the same way by the Textual app and plain mode.

A reception desk is left alone between visitors, with a visitor's special-category data on
the screen. After `after` seconds without a key or a click the front end hides everything
personal and asks the same user for their credential (`intake.credentials`). The clock is
injected so that tests can let five minutes pass at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class IdleLock:
    """`after`: idle seconds before locking, or None for never (a machine-wide choice)."""

    after: float | None
    clock: Callable[[], float] = time.monotonic
    locked: bool = False
    last_activity: float = field(init=False)

    def __post_init__(self) -> None:
        self.last_activity = self.clock()

    def touch(self) -> None:
        """Someone used the desk; a locked desk stays locked until unlocked."""
        if not self.locked:
            self.last_activity = self.clock()

    def idle_for(self) -> float:
        return self.clock() - self.last_activity

    def due(self) -> bool:
        """The desk has been idle long enough and is not locked yet."""
        return self.after is not None and not self.locked and self.idle_for() >= self.after

    def remaining(self) -> float | None:
        """Seconds until the lock is due (for a prompt's timeout), None for never."""
        if self.after is None:
            return None
        return max(0.0, self.after - self.idle_for())

    def lock(self) -> None:
        self.locked = True

    def unlock(self) -> None:
        self.locked = False
        self.last_activity = self.clock()
