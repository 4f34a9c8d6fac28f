"""A save appends the new answer to the draft's log instead of rewriting it: the commit of
the 300th answer is as small as that of the 5th."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.api import UserInfo
from storage.repository import SqlRepository
from storage.schema import draft_events
from tests.storage.conftest import STAMP


def answer(n: int) -> dict[str, Any]:
    return {"kind": "answered", "question_id": f"q{n}", "raw": "svar " + "å" * 300, "value": n}


def _event_rows(repo: Any, draft_id: int) -> list[tuple[int, int]]:
    with repo.engine.connect() as conn:
        rows = conn.execute(
            select(draft_events.c.id, draft_events.c.position)
            .where(draft_events.c.draft_id == draft_id)
            .order_by(draft_events.c.position)
        )
        return [(r.id, r.position) for r in rows]


def test_a_save_appends_and_keeps_the_rows_already_stored(repo: Any, reception: UserInfo) -> None:
    events = [answer(1), answer(2)]
    draft_id = repo.save_draft(reception, None, STAMP, "sv", events)
    before = _event_rows(repo, draft_id)
    events.append(answer(3))
    repo.save_draft(reception, draft_id, STAMP, "sv", events)
    after = _event_rows(repo, draft_id)
    assert after[:2] == before and [p for _, p in after] == [1, 2, 3]
    repo.save_draft(reception, draft_id, STAMP, "sv", events)  # nothing new: nothing added
    assert _event_rows(repo, draft_id) == after
    assert repo.get_draft(reception, draft_id).events == events


def test_a_different_log_replaces_the_stored_one(repo: Any, reception: UserInfo) -> None:
    """Another desk of the same user saved a different continuation: the last save wins,
    whole, never a mix of the two."""
    draft_id = repo.save_draft(reception, None, STAMP, "sv", [answer(1), answer(2)])
    other = [answer(1), {**answer(2), "raw": "annat svar"}, answer(3)]
    repo.save_draft(reception, draft_id, STAMP, "sv", other)
    assert repo.get_draft(reception, draft_id).events == other
    shorter = [answer(1)]
    repo.save_draft(reception, draft_id, STAMP, "sv", shorter)
    assert repo.get_draft(reception, draft_id).events == shorter
    assert [p for _, p in _event_rows(repo, draft_id)] == [1]


def _frames_of_one_save(path: Path, save: Any) -> int:
    """The WAL frames (pages) one save writes: the WAL is emptied first, then counted."""
    raw = sqlite3.connect(path)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        save()
        _, frames, _ = raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        raw.close()
    return int(frames)


def test_the_commit_of_a_late_answer_is_as_small_as_an_early_one(tmp_path: Path) -> None:
    path = tmp_path / "intake.sqlite3"
    repo = SqlRepository.open(f"sqlite:///{path}")
    try:
        from storage.api import Role

        user = repo.ensure_user("anna", "Anna", Role.RECEPTION)
        events: list[dict[str, Any]] = []
        draft_id = None
        frames: dict[int, int] = {}
        for n in range(1, 301):
            events.append(answer(n))

            def save() -> None:
                nonlocal draft_id
                draft_id = repo.save_draft(user, draft_id, STAMP, "sv", events)

            if n in (5, 300):
                frames[n] = _frames_of_one_save(path, save)
            else:
                save()
    finally:
        repo.close()
    # The log of 300 answers is ~200 KB (~50 pages): rewriting it would write all of them.
    assert frames[300] <= frames[5] + 2, frames
    assert frames[300] <= 8, frames
