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

- `relax_for_start_up()`, before the app is imported, lets the first generation grow to
  50,000 objects until start-up is over (`end_start_up`): the imports and the dialogue's
  compilation make hundreds of thousands of long-lived objects, and collecting every 700 of
  them cost a fifth of the CPU time to "ready for a new intake" (bench/bench_ui.py).

The thresholds in a session are CPython's defaults: raising the first one (tried: 10,000)
raised the peak memory and, once the chat was drawn by one widget, no longer made answers
faster. Both run only in the real app (`intake.ui.run`, `IntakeApp(freeze_after_start=True)`),
not in the tests' processes.
"""

from __future__ import annotations

import gc

DEFAULT_THRESHOLDS = gc.get_threshold()
START_UP_THRESHOLDS = (50_000, 20, 10)


def relax_for_start_up() -> None:
    gc.set_threshold(*START_UP_THRESHOLDS)


def end_start_up(*, freeze: bool) -> None:
    """Back to the session's thresholds; with `freeze`, exclude everything alive now from
    future collections (once the database is open and the dialogue loaded)."""
    gc.set_threshold(*DEFAULT_THRESHOLDS)
    if freeze:
        gc.freeze()


def collect_at_a_pause() -> None:
    gc.collect()
