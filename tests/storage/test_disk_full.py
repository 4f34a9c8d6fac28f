"""A desk that runs out of disk space: the save that cannot be written says so (one clear
`disk_full` fault, nothing acknowledged that is not stored), and once space is freed the next
save succeeds with every acknowledged answer kept, and the WAL's space is given back.

Needs a small filesystem of its own: a 2 MiB tmpfs mounted in the test, which needs root on
Linux; elsewhere the test is skipped with that reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storage.api import DatabaseFault, Role
from storage.repository import SqlRepository
from tests.small_disk import fill
from tests.small_disk import small_disk as mounted
from tests.storage.conftest import STAMP


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted(tmp_path) as folder:
        yield folder


def answer(n: int) -> dict[str, Any]:
    return {"kind": "answered", "question_id": f"q{n}", "raw": "svar " + "x" * 400, "value": n}


def test_a_full_disk_is_a_clear_fault_and_the_desk_recovers(small_disk: Path) -> None:
    database = small_disk / "intake.sqlite3"
    repo = SqlRepository.open(f"sqlite:///{database}")
    try:
        user = repo.ensure_user("anna", "Anna", Role.RECEPTION)
        events = [answer(1)]
        draft_id = repo.save_draft(user, None, STAMP, "sv", events)
        acknowledged = list(events)
        fill(small_disk)
        failures: list[DatabaseFault] = []
        for n in range(2, 400):  # on a full disk the WAL still has some room: use it up
            events = [*acknowledged, answer(n)]
            try:
                repo.save_draft(user, draft_id, STAMP, "sv", events)
            except DatabaseFault as fault:
                failures.append(fault)
                if len(failures) == 3:
                    break
            else:
                acknowledged = events
        assert [f.code for f in failures] == ["disk_full"] * 3
        assert "disk is full" in str(failures[0]) and "svar" not in str(failures[0])
        assert failures[0].message("sv").startswith("Disken är full")

        (small_disk / "filler").unlink()
        events = [*acknowledged, answer(999)]
        repo.save_draft(user, draft_id, STAMP, "sv", events)
        assert repo.get_draft(user, draft_id).events == events
    finally:
        repo.close()
    wal = small_disk / "intake.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and emptied on close
