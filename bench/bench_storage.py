"""Storage speed on the embedded SQLite database (and PostgreSQL with --pg URL).

Times, in the same run, each beside a reference that does the same work with the raw
driver and the same settings (sqlite3: WAL, synchronous=FULL, one commit per operation):
  1. save one answer    SqlRepository.save_draft with a 40-answer draft     target < 5 ms
     reference          sqlite3 UPDATE of the draft's JSON + COMMIT
  2. create a case      SqlRepository.create_case (number, case, transcript, tasks, audit)
     reference          sqlite3 INSERT of one case row + COMMIT                target < 20 ms
  3. list/filter        SqlRepository.list_cases over 100,000 cases by status, level, origin
     reference          sqlite3 SELECT of the same page                        target < 100 ms
Medians. Usage: python bench/bench_storage.py [--cases 100000] [--pg URL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from intake.core.dialogue.api import DialogueStamp
from storage import db
from storage.api import CaseKind, CaseStatus, NewCase, Role
from storage.repository import SqlRepository
from storage.schema import cases as case_table

STAMP = DialogueStamp("intake", "1.0", "0" * 64)
LEVELS = ("strong", "possible", "none", "not_applicable")
ORIGINS = ("0180", "1480", "1280", "0380", "2480", "0580", "1880", "2281", "0884", "1782")
STATUSES = (CaseStatus.NEW, CaseStatus.ASSIGNED, CaseStatus.CLOSED)


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def event(n: int) -> dict[str, Any]:
    return {
        "kind": "answered",
        "question_id": f"q{n}",
        "raw": f"svar nummer {n}",
        "value": n,
        "reason": "",
        "at": dt.datetime.now(dt.UTC).isoformat(),
    }


def assessment(rng: random.Random) -> dict[str, Any]:
    return {
        "schema": "intake-assessment/1",
        "level": rng.choice(LEVELS),
        "score": 4,
        "urgency": "soon",
        "indicators": [],
        "counter_indicators": [],
        "next_steps": [
            {"code": c, "title": c.replace("_", " "), "due": None, "basis": "SoL"}
            for c in ("document_experience", "child_impact_analysis", "ordinary_intake")
        ],
        "normalized": {"origin_municipality": {"code": rng.choice(ORIGINS)}},
    }


def new_case(rng: random.Random) -> NewCase:
    transcript = [(f"q{i}", f"Fråga {i}?", f"svar {i}") for i in range(40)]
    return NewCase(
        kind=CaseKind.INTAKE,
        record={"schema": "intake-record/1", "notes": "x" * 200},
        assessment=assessment(rng),
        transcript=transcript,
        stamp=STAMP,
        language="sv",
    )


def raw_sqlite(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def bench_sqlite(cases: int, repeat: int) -> list[tuple[str, float, float]]:
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="bench-storage-"))
    repo = SqlRepository.open(f"sqlite:///{tmp / 'intake.sqlite3'}")
    ref = raw_sqlite(tmp / "reference.sqlite3")
    ref.execute("CREATE TABLE drafts (id INTEGER PRIMARY KEY, events TEXT, updated_at TEXT)")
    ref.execute("INSERT INTO drafts VALUES (1, '[]', '')")
    ref.execute(
        "CREATE TABLE cases (id INTEGER PRIMARY KEY, number TEXT UNIQUE, status TEXT, "
        "level TEXT, origin TEXT, created_at TEXT, record TEXT, assessment TEXT)"
    )
    rows = []

    anna = repo.ensure_user("anna", "Anna", Role.RECEPTION)
    sven = repo.ensure_user("sven", "Sven", Role.SOCIAL_WORKER)
    events = [event(i) for i in range(40)]
    draft_id = repo.save_draft(anna, None, STAMP, "sv", events)
    save = median_ms(lambda: repo.save_draft(anna, draft_id, STAMP, "sv", events), repeat)

    def ref_save() -> None:
        ref.execute("BEGIN IMMEDIATE")
        ref.execute(
            "UPDATE drafts SET events = ?, updated_at = ? WHERE id = 1",
            (json.dumps(events), dt.datetime.now(dt.UTC).isoformat()),
        )
        ref.execute("COMMIT")

    rows.append(("save one answer (40-answer draft)", save, median_ms(ref_save, repeat)))

    create = median_ms(lambda: repo.create_case(anna, new_case(rng)), repeat)
    counter = iter(range(1, 10**9))

    def ref_create() -> None:
        n = next(counter)
        a = assessment(rng)
        ref.execute("BEGIN IMMEDIATE")
        ref.execute(
            "INSERT INTO cases (number, status, level, origin, created_at, record, assessment) "
            "VALUES (?, 'new', ?, ?, ?, ?, ?)",
            (
                f"2026-{n:04d}",
                a["level"],
                a["normalized"]["origin_municipality"]["code"],
                dt.datetime.now(dt.UTC).isoformat(),
                json.dumps({"notes": "x" * 200}),
                json.dumps(a),
            ),
        )
        ref.execute("COMMIT")

    rows.append(
        ("create a case (40 transcript lines, 3 tasks)", create, median_ms(ref_create, repeat))
    )

    fill(repo, ref, cases, rng)
    filters: list[dict[str, Any]] = [
        {"status": CaseStatus.NEW},
        {"level": "strong"},
        {"origin_code": "1480"},
        {"status": CaseStatus.ASSIGNED, "level": "possible", "origin_code": "0180"},
    ]
    for f in filters:
        took = median_ms(lambda f=f: repo.list_cases(sven, **f), 20)  # type: ignore[misc]
        where = " AND ".join(
            {"status": "status = ?", "level": "level = ?", "origin_code": "origin = ?"}[k]
            for k in f
        )
        params = [str(v) for v in f.values()]
        sql = (
            "SELECT number, status, level, origin, created_at FROM cases "  # noqa: S608
            f"WHERE {where} ORDER BY created_at DESC, id DESC LIMIT 200"
        )
        reference = median_ms(lambda sql=sql, p=params: ref.execute(sql, p).fetchall(), 20)  # type: ignore[misc]
        label = ", ".join(f"{k}={v}" for k, v in f.items())
        rows.append((f"list 200 of {cases:,} cases: {label}", took, reference))
    repo.close()
    ref.close()
    return rows


def fill(repo: SqlRepository, ref: sqlite3.Connection, cases: int, rng: random.Random) -> None:
    """Bulk-load `cases` rows (the list page reads no transcript or tasks)."""
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    batch: list[dict[str, Any]] = []
    ref_batch: list[tuple[Any, ...]] = []
    ref.execute("BEGIN")
    for i in range(cases):
        level = rng.choice(LEVELS)
        origin = rng.choice(ORIGINS)
        status = rng.choice(STATUSES).value
        created = start + dt.timedelta(minutes=30 * i)
        number = f"{1000 + i // 9999}-{i % 9999 + 1:04d}"
        batch.append(
            {
                "number": number,
                "year": 1000 + i // 9999,
                "seq": i % 9999 + 1,
                "kind": "intake",
                "status": status,
                "created_at": created,
                "created_by": "anna",
                "assignee": None,
                "level": level,
                "level_override": None,
                "override_reason": "",
                "effective_level": level,
                "urgency": "routine",
                "origin_code": origin,
                "record": {"notes": "x" * 200},
                "assessment": {"level": level},
                "dialogue_id": "intake",
                "dialogue_version": "1.0",
                "dialogue_sha256": "0" * 64,
                "language": "sv",
                "last_entry_at": created,
                "version": 1,
            }
        )
        ref_batch.append((f"r{number}", status, level, origin, created.isoformat(), "{}", "{}"))
        if len(batch) == 5000 or i == cases - 1:
            with repo.engine.begin() as conn:
                conn.execute(insert(case_table), batch)
            ref.executemany(
                "INSERT INTO cases (number, status, level, origin, created_at, record, "
                "assessment) VALUES (?, ?, ?, ?, ?, ?, ?)",
                ref_batch,
            )
            batch, ref_batch = [], []
    ref.execute("COMMIT")
    ref.execute("CREATE INDEX ref_status ON cases (status, created_at)")
    ref.execute("CREATE INDEX ref_level ON cases (level, created_at)")
    ref.execute("CREATE INDEX ref_origin ON cases (origin, created_at)")
    ref.execute("ANALYZE")
    with repo.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def bench_pg(base_url: str, repeat: int) -> list[tuple[str, float, float]]:
    """In a scratch schema of `base_url`'s database, dropped afterwards."""
    rng = random.Random(7)
    schema = f"bench_storage_{os.getpid()}"
    with db.engine_for(base_url) as engine, engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base_url else "?"
    url = f"{base_url}{sep}options=-csearch_path%3D{schema}"
    try:
        with db.engine_for(url) as engine:
            db.upgrade(engine)
        return _bench_pg(url, repeat, rng)
    finally:
        with db.engine_for(base_url) as engine, engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


def _bench_pg(url: str, repeat: int, rng: random.Random) -> list[tuple[str, float, float]]:
    repo = SqlRepository.open(url)
    anna = repo.ensure_user("bench-anna", "Anna", Role.RECEPTION)
    events = [event(i) for i in range(40)]
    draft_id = repo.save_draft(anna, None, STAMP, "sv", events)
    rows = [
        (
            "PostgreSQL: save one answer",
            median_ms(lambda: repo.save_draft(anna, draft_id, STAMP, "sv", events), repeat),
            float("nan"),
        ),
        (
            "PostgreSQL: create a case",
            median_ms(lambda: repo.create_case(anna, new_case(rng)), repeat),
            float("nan"),
        ),
    ]
    repo.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pg", metavar="URL", help="also time PostgreSQL (a scratch database)")
    args = parser.parse_args()
    rows = bench_sqlite(args.cases, args.repeat)
    if args.pg:
        rows += bench_pg(args.pg, args.repeat)
    print(f"date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {' '.join(platform.uname())}, nproc {os.cpu_count()}")
    print(f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}")
    print()
    print("| operation | intake (median ms) | reference (median ms) |")
    print("|---|---:|---:|")
    for label, ours, ref in rows:
        ref_text = "–" if ref != ref else f"{ref:.2f}"
        print(f"| {label} | {ours:.2f} | {ref_text} |")


if __name__ == "__main__":
    main()
