"""When the garbage collector runs in an interactive session.

Measured with Pilot over a full visit (40 questions), when every message was a widget:
CPython's cyclic collector took 1.8 s in all, up to 166 ms at once, mostly rescanning
objects that live as long as the process (modules, SQLAlchemy's and pydantic's tables,
Textual's styles, the loaded dialogue). So:

- `freeze_long_lived()`, once the database is open and the dialogue is loaded, moves every
  object alive at that moment out of the collector's reach (`gc.freeze`); later collections
  scan only what the session itself made;
- `collect_at_a_pause()` runs a full collection where the person reads (the summary), so the
  conversation's garbage is freed before the assessment and the case are built: the visit's
  peak memory is lower (bench_ui: 80.2 -> 79.1 MB).

The thresholds stay CPython's defaults: raising the first one (tried: 10,000) cost about 3 MB
of peak memory and, once the chat was drawn by one widget, no longer made answers faster.
The freeze runs only in the real app (`IntakeApp(freeze_after_start=True)` from
`intake.ui.run`), not in the tests' processes.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Exclude everything alive now from future collections (call once, after start-up)."""
    gc.freeze()


def collect_at_a_pause() -> None:
    gc.collect()
