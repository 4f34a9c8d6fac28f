"""Each trainee's attempts, in a training database of its own (never the case database).

A plain SQLite file beside the app's data (`training.sqlite3` in the user data folder, or
INTAKE_TRAINING_DB): the attempts of fictitious visits are not case data, need no audit trail
and must never use a case number, so they stay out of `storage/` altogether.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from intake.core.training.debrief import Debrief
from intake.oscompat import private_dir, restrict_to_owner

ENV = "INTAKE_TRAINING_DB"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    trainee TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
    score INTEGER NOT NULL,
    mistakes INTEGER NOT NULL,
    at TEXT NOT NULL,
    points TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_trainee ON attempts (trainee, at);
"""


def default_path() -> Path:
    from intake.settings import data_dir

    named = os.environ.get(ENV)
    return Path(named) if named else data_dir() / "training.sqlite3"


@dataclass(frozen=True, slots=True)
class Attempt:
    trainee: str
    scenario_id: str
    mode: str
    score: int
    mistakes: int
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class TraineeSummary:
    trainee: str
    attempts: int
    scenarios: int  # distinct scenarios done
    last_score: int
    best_exam: int | None


class ProgressStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        private_dir(self.path.parent)
        fresh = not self.path.exists()
        with closing(sqlite3.connect(self.path)) as conn:
            if fresh:  # owner only where modes exist; on Windows the profile folder's ACL
                restrict_to_owner(self.path)
            conn.executescript(_SCHEMA)
            with conn:
                yield conn

    def record(self, trainee: str, mode: str, result: Debrief) -> None:
        points = [
            {"kind": p.kind, "subject": p.subject, "ok": p.ok} for p in result.points
        ]
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO attempts (trainee, scenario_id, mode, score, mistakes, at, points)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (trainee, result.scenario_id, mode, result.score, len(result.mistakes),
                 dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), json.dumps(points)),
            )

    def attempts(self, trainee: str | None = None) -> list[Attempt]:
        if not self.path.exists():
            return []
        query = "SELECT trainee, scenario_id, mode, score, mistakes, at FROM attempts"
        args: tuple[str, ...] = ()
        if trainee is not None:
            query += " WHERE trainee = ?"
            args = (trainee,)
        with self._connect() as conn:
            rows = conn.execute(query + " ORDER BY at, id", args).fetchall()
        return [Attempt(r[0], r[1], r[2], int(r[3]), int(r[4]), dt.datetime.fromisoformat(r[5]))
                for r in rows]

    def summaries(self) -> list[TraineeSummary]:
        """One line per trainee for the trainer: attempts, scenarios done, last and best."""
        by: dict[str, list[Attempt]] = {}
        for attempt in self.attempts():
            by.setdefault(attempt.trainee, []).append(attempt)
        out = []
        for trainee, items in sorted(by.items()):
            exams = [a.score for a in items if a.mode == "exam"]
            out.append(TraineeSummary(trainee, len(items), len({a.scenario_id for a in items}),
                                      items[-1].score, max(exams) if exams else None))
        return out
