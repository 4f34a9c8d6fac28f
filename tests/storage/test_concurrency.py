"""Several workstations creating cases at the same moment: every number is handed out once,
without gaps, and nobody sees an error."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from typing import Any

import pytest

from storage.api import Role
from storage.repository import SqlRepository
from tests.storage._workers import create_cases, open_and_count_users

PROCESSES = 4
PER_PROCESS = 250


@pytest.mark.slow
def test_four_processes_create_a_thousand_cases(migrated_url: str) -> None:
    setup = SqlRepository.open(migrated_url)
    for i in range(PROCESSES):
        setup.ensure_user(f"desk{i}", f"Desk {i}", Role.RECEPTION)
    worker = setup.ensure_user("sw", "Social worker", Role.SOCIAL_WORKER)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ctx.Pool(PROCESSES) as pool:
        start = manager.Barrier(PROCESSES)
        results: list[Any] = [
            pool.apply_async(create_cases, (migrated_url, f"desk{i}", PER_PROCESS, start))
            for i in range(PROCESSES)
        ]
        per_process = [r.get(timeout=300) for r in results]  # re-raises any worker error
    numbers = [n for batch in per_process for n in batch]
    assert len(numbers) == PROCESSES * PER_PROCESS
    assert len(set(numbers)) == len(numbers)
    years = {n[:4] for n in numbers}
    assert len(years) == 1 and all(re.fullmatch(r"\d{4}-\d{4}", n) for n in numbers)
    assert sorted(int(n[5:]) for n in numbers) == list(range(1, len(numbers) + 1))
    for batch in per_process:  # each desk saw its own numbers rise
        assert batch == sorted(batch)
    # The desks really competed: some desk's numbers are not one contiguous run.
    assert any(int(b[-1][5:]) - int(b[0][5:]) + 1 > len(b) for b in per_process)
    stored = setup.list_cases(worker, limit=10_000)
    assert sorted(c.number for c in stored) == sorted(numbers)
    setup.close()


def test_several_processes_create_the_embedded_database_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'intake.sqlite3'}"
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ctx.Pool(PROCESSES) as pool:
        start = manager.Barrier(PROCESSES)
        results = [pool.apply_async(open_and_count_users, (url, start)) for _ in range(PROCESSES)]
        assert [r.get(timeout=120) for r in results] == [0] * PROCESSES
