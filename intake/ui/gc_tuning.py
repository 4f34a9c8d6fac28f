"""Garbage-collector settings for an interactive session.

Measured with Pilot over a full visit (40 questions): CPython's cyclic collector ran 1,760
times and took 1.8 s in all, up to 166 ms at once, the largest part of the pause between
Enter and the next question late in a visit. Most of that work was scanning objects that
live as long as the process: the modules, SQLAlchemy's and pydantic's tables, Textual's
styles, the loaded dialogue. So:

- `tune()` at start raises the first generation's threshold, so that young collections run
  about a tenth as often (each answer allocates a few thousand short-lived objects);
- `freeze_long_lived()` once the database is open and the dialogue is loaded moves every
  object alive at that moment out of the collector's reach (`gc.freeze`); later full
  collections then scan only what the session itself made.

Reference cycles are still collected; only how often and over what changes. Nothing here
runs in the tests' processes, which build the app without `intake.ui.run`.
"""

from __future__ import annotations

import gc

# (generation 0, 1, 2); CPython's default is (700, 10, 10).
THRESHOLDS = (10_000, 20, 20)


def tune() -> None:
    gc.set_threshold(*THRESHOLDS)


def freeze_long_lived() -> None:
    """Exclude everything alive now from future collections (call once, after start-up)."""
    gc.freeze()
