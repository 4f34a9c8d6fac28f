"""Code that runs in child processes for the concurrency and crash tests (importable by the
spawn start method, and runnable as `python -m tests.storage._workers URL`)."""

from __future__ import annotations

import sys
from typing import Any

from storage.api import Role
from storage.repository import SqlRepository
from tests.storage.conftest import STAMP, new_case


def create_cases(url: str, username: str, count: int, start: Any) -> list[str]:
    """Open the database like a separate workstation and, once every workstation is ready
    (`start` is a shared barrier), create `count` cases."""
    repo = SqlRepository.open(url)
    try:
        user = repo.get_user(username)
        assert user is not None and user.role is Role.RECEPTION
        start.wait(timeout=120)
        return [repo.create_case(user, new_case()).number for _ in range(count)]
    finally:
        repo.close()


def open_and_count_users(url: str, start: Any) -> int:
    """Open (and so create and migrate) the embedded database, all workers at once."""
    start.wait(timeout=120)
    repo = SqlRepository.open(url)
    try:
        return len(repo.list_users())
    finally:
        repo.close()


def save_answers_forever(url: str, username: str) -> None:
    """Save a draft answer by answer; print `ack N` only after save_draft has returned."""
    repo = SqlRepository.open(url)
    user = repo.get_user(username)
    assert user is not None
    events: list[dict[str, object]] = []
    draft_id: int | None = None
    n = 0
    while True:
        n += 1
        events.append({"kind": "answered", "question_id": f"q{n}", "raw": f"svar {n}", "value": n})
        draft_id = repo.save_draft(user, draft_id, STAMP, "sv", events)
        print(f"ack {draft_id} {n}", flush=True)


if __name__ == "__main__":
    save_answers_forever(sys.argv[1], sys.argv[2])
