"""When the garbage collector runs in an interactive session.

Measured with Pilot over a full visit, when every message was a widget (figures in
docs/benchmarks.md, "Figures behind design decisions"): CPython's cyclic collector paused the
screen often and for long, mostly rescanning
objects that live as long as the process (modules, SQLAlchemy's and pydantic's tables,
Textual's styles, the loaded dialogue). So:

- `freeze_long_lived()`, once the database is open and the dialogue is loaded, moves every
  object alive at that moment out of the collector's reach (`gc.freeze`); later collections
  scan only what the session itself made;
- `collect_at_a_pause()` runs a full collection where the person reads (the summary), so the
  conversation's garbage is freed before the assessment and the case are built: the visit's
  peak memory is lower (bench_ui's whole-visit peak, target < 80 MB).

The thresholds stay CPython's defaults: raising the first one (tried: 10,000) raised the peak
memory and, once the chat was drawn by one widget, no longer made answers faster.
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
