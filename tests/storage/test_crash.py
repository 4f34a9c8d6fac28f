"""Nothing a receptionist typed may be lost: a writer killed with SIGKILL in the middle of
saving loses no acknowledged answer, and the draft reads back whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from storage.api import Role
from storage.repository import SqlRepository

ROOT = Path(__file__).resolve().parents[2]
KILL_AFTER = 60


def test_acknowledged_answers_survive_sigkill(migrated_url: str) -> None:
    setup = SqlRepository.open(migrated_url)
    user = setup.ensure_user("anna", "Anna", Role.RECEPTION)
    setup.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.storage._workers", migrated_url, "anna"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    acked = 0
    draft_id = None
    try:
        for line in child.stdout:
            _, draft, n = line.split()
            draft_id, acked = int(draft), int(n)
            if acked >= KILL_AFTER:
                break
        # The child is still saving: kill it in the middle of whatever it is doing.
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        assert child.stderr is not None
        stderr = child.stderr.read()
    assert acked >= KILL_AFTER, stderr
    assert child.returncode == -signal.SIGKILL
    repo = SqlRepository.open(migrated_url)
    try:
        assert draft_id is not None
        draft = repo.get_draft(user, draft_id)
        assert len(draft.events) >= acked
        assert [e["question_id"] for e in draft.events] == [
            f"q{i}" for i in range(1, len(draft.events) + 1)
        ]
        assert [d.id for d in repo.list_drafts(user)] == [draft_id]
    finally:
        repo.close()
