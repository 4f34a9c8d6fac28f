"""Moving a draft made with another version of a dialogue onto the loaded one, explicitly.

A draft's stamp that does not match the loaded dialogue makes `Engine` refuse it
(`StampMismatch`); this is the deliberate way forward, which says what was lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from intake.core.dialogue.api import AnswerEvent, Lang
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import Dialogue


@dataclass
class Migration:
    """The outcome of `migrate`: the new engine, and the answers that no longer apply."""

    engine: Engine
    dropped: list[str] = field(default_factory=list)


def migrate(
    events: Sequence[AnswerEvent],
    dialogue: Dialogue,
    *,
    lang: Lang = "sv",
    receiving: str = "2283",
    today: dt.date | None = None,
) -> Migration:
    """Move a draft made with another dialogue version onto `dialogue`, explicitly.

    The latest answer to each question is replayed in the new dialogue's order, re-checked by
    the new question's parser; answers whose question is gone, not on the new path, or no longer
    valid are reported in `dropped` (question ids) and left out.
    """
    latest: dict[str, AnswerEvent] = {}
    for event in events:
        latest[event.question_id] = event
    engine = Engine(dialogue, lang=lang, receiving=receiving, today=today)
    used: set[str] = set()
    while not engine.is_complete:
        key = engine.current().id
        old = latest.get(key)
        if old is None:
            break
        result = engine.skip() if old.kind == "skipped" else engine.answer(_canonical(old))
        if not result.ok:
            break
        used.add(key)
    dropped = [key for key in latest if key not in used]
    return Migration(engine, dropped)


def _canonical(event: AnswerEvent) -> str:
    """The stored value as text every parser reads back to the same value."""
    value = event.value
    if value is None:
        return event.raw
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    return str(value)
