"""The case list over many cases (issue 15): each figure beside a reference in the same run.

  1. open the list         push the case list screen → its first rows drawn     target ≤ 150 ms
     reference             push a screen with one line of text → drawn
  2. a filter or sort      change one filter or the sort column → new rows drawn target ≤ 50 ms
     reference             the same query (count + first page) with sqlite3, no app
  3. scroll a page         PageDown → every visible line rendered              target ≤ 16 ms
     reference             Textual's own line-API widget (Log) scrolled a page, same size
  4. peak memory           the process that opens and works the list           target < 80 MB

"Drawn" is when a row of the new answer is first painted into a frame (`_watch_paint`), and
the reference's line likewise; the total may still be counting then (it follows the rows).
The database is filled in a child process, and the app is measured in a fresh one, so that
peak memory is what a desk running the list would use. Medians over --runs.
Usage: python bench/bench_cases.py [--cases 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 29)
SIZE = (120, 40)
LEVELS = ("strong", "possible", "none", "not_applicable")
URGENCIES = ("immediate", "soon", "routine")
ORIGINS = ("0180", "1480", "1280", "0380", "2480", "0580", "1880", "2281", "0884", "1782")
STATUSES = ("new", "assigned", "origin_contacted", "transfer_requested", "ivo_applied", "closed")
WORKERS = [f"sw{i:02d}" for i in range(20)]


def fill(url: str, count: int) -> None:
    """`count` cases with every list column set, in batches (no transcript or tasks: the list
    reads none)."""
    from sqlalchemy import insert

    from intake.core.textclean import fold
    from storage.api import Role
    from storage.repository import SqlRepository
    from storage.schema import cases

    rng = random.Random(15)
    repo = SqlRepository.open(url)
    repo.ensure_user("anna", "Anna", Role.RECEPTION)
    for name in WORKERS:
        repo.ensure_user(name, name.upper(), Role.SOCIAL_WORKER)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    batch: list[dict[str, Any]] = []
    for i in range(count):
        level, origin = rng.choice(LEVELS), rng.choice(ORIGINS)
        created = start + dt.timedelta(minutes=25 * i)
        year, seq = 2000 + i // 9999, i % 9999 + 1
        number = f"{year}-{seq:04d}"
        assignee = rng.choice([None, *WORKERS])
        batch.append(
            {
                "number": number,
                "year": year,
                "seq": seq,
                "kind": "intake",
                "status": rng.choice(STATUSES) if assignee else "new",
                "created_at": created,
                "created_by": "anna",
                "assignee": assignee,
                "level": level,
                "level_override": None,
                "override_reason": "",
                "effective_level": level,
                "urgency": rng.choice(URGENCIES),
                "origin_code": origin,
                "record": {"notes": "x" * 200},
                "assessment": {"level": level},
                "dialogue_id": "intake",
                "dialogue_version": "1.0",
                "dialogue_sha256": "0" * 64,
                "language": "sv",
                "last_entry_at": created,
                "version": 1,
                "origin_district": "",
                "next_due": TODAY + dt.timedelta(days=rng.randint(-60, 60)),
                "open_questions": rng.choice((0, 0, 0, 1, 2)),
                "search_text": fold(f"{number} {origin} notering {rng.randint(0, 10**6)}"),
            }
        )
        if len(batch) == 5000 or i == count - 1:
            with repo.engine.begin() as conn:
                conn.execute(insert(cases), batch)
            batch = []
    with repo.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    repo.close()


PAINTED: dict[tuple[int, int], float] = {}  # (widget, its query) → its first row painted


def _watch_paint(table_class: Any) -> None:
    """Note when a row of each query a table shows is first painted into a frame: a change is
    done for its user then, even while the total is still being counted behind it (which
    waiting for the process to be idle would have timed too)."""
    render_line = table_class.render_line

    def watched(self: Any, y: int) -> Any:
        strip = render_line(self, y)
        shown = self.total == 0 or self.row(round(self.scroll_y) + y - 1) is not None
        if y >= 1 and shown:  # a row of the answer, or the empty answer's first line
            PAINTED.setdefault((id(self), self.generation), time.perf_counter())
        return strip

    table_class.render_line = watched


def _painted(widget: Any, generation: int = 0) -> float | None:
    return PAINTED.get((id(widget), generation))


async def _until(pilot: Any, done: Any, limit: float = 30.0) -> None:
    """Wait for `done()`, looking every millisecond. The event loop sleeps between looks, as a
    desk's does while the list's query runs in its thread: looking without a pause
    (`pilot.pause(0)` in a loop, as this bench did until 2026-11-29) kept the loop running and
    holding the GIL, which the query's thread must take back after each row SQLite steps
    through, and measured that contention (0.3-2.5 s a change) instead of the list."""
    deadline = time.perf_counter() + limit
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the list did not draw")
        await asyncio.sleep(0.001)


async def measure_app(url: str, runs: int) -> dict[str, Any]:
    from textual.screen import Screen
    from textual.widgets import Log, Static

    from intake.settings import load_settings
    from intake.ui.app import IntakeApp
    from intake.ui.screens.cases import CaseListScreen
    from intake.ui.widgets.case_table import CaseTable
    from storage import open_repository
    from storage.api import CaseQuery, CaseSort

    repo = open_repository(url)
    user = repo.get_user("sw01")
    app = IntakeApp(load_settings(database_url=url), repo=repo, user=user, today=TODAY)
    results: dict[str, list[float]] = {}

    def add(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds * 1000)

    class Line(Static):
        def render_lines(self, crop: Any) -> Any:
            PAINTED.setdefault((id(self), 0), time.perf_counter())
            return super().render_lines(crop)

    class OneLine(Screen[None]):
        def compose(self) -> Any:
            yield Line("one line of text", id="line")

    def first(screen: Any, kind: type) -> Any:
        return next(iter(screen.query(kind)), None)

    _watch_paint(CaseTable)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(runs):
            start = time.perf_counter()
            reference = OneLine()
            app.push_screen(reference)
            await _until(pilot, lambda s=reference: _painted(first(s, Line)) is not None)
            add("reference: a screen of one line", (_painted(first(reference, Line)) or 0) - start)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()

            start = time.perf_counter()
            screen = CaseListScreen(CaseQuery(today=TODAY))
            app.push_screen(screen)
            await _until(pilot, lambda s=screen: _painted(first(s, CaseTable), 1) is not None)
            table = screen.query_one(CaseTable)
            add("open the list: first rows drawn", (_painted(table, 1) or 0) - start)
            await app.workers.wait_for_complete()  # the count, after the rows
            await pilot.pause()

            changes: list[tuple[str, dict[str, Any]]] = [
                ("filter: level strong", {"level": "strong"}),
                ("filter: + overdue", {"overdue": True}),
                ("filter: + mine", {"mine": True}),
                ("search: a number", {"text": "2005-01", "overdue": False, "mine": False}),
                ("filter: none again", {"text": "", "level": None}),
                *[(f"sort: {s.value}", {"sort": s}) for s in CaseSort],
            ]
            for name, change in changes:
                generation = table.generation + 1
                start = time.perf_counter()
                screen.set_query(**change)
                await _until(pilot, lambda g=generation, t=table: _painted(t, g) is not None)
                add(name, (_painted(table, generation) or 0) - start)
                await app.workers.wait_for_complete()
                await pilot.pause()

            screen.set_query(sort=CaseSort.CREATED)
            await pilot.pause()
            await app.workers.wait_for_complete()
            height = table.scrollable_content_region.height
            for _ in range(20):
                start = time.perf_counter()
                table.action_page(1)
                for y in range(height):
                    table.render_line(y)
                add("scroll a page: visible lines rendered", time.perf_counter() - start)
                await app.workers.wait_for_complete()
                await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        # the list's peak, before the reference below fills a Log with 100,000 lines
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        log_screen = Screen[None]()
        await app.push_screen(log_screen)
        log = Log()
        await log_screen.mount(log)
        log.styles.height = SIZE[1] - 2
        log.write_lines(
            f"{i:06d} Stockholm  Misstänkt  Snart  Tilldelad  sw01  2026-12-01"
            for i in range(100_000)
        )
        await pilot.pause()
        log.scroll_to(y=0, animate=False)
        for _ in range(20 * runs):
            start = time.perf_counter()
            log.scroll_to(y=log.scroll_y + log.size.height, animate=False, immediate=True)
            for y in range(log.size.height):
                log.render_line(y)
            add("reference: Log scrolled a page", time.perf_counter() - start)
    repo.close()
    medians = {name: statistics.median(times) for name, times in results.items()}
    medians["peak RSS with the list (MB)"] = peak
    return medians


def reference_sql(path: str, runs: int) -> dict[str, float]:
    """The first page and the count of two of the list's queries, with sqlite3 and no app."""
    conn = sqlite3.connect(path)
    open_statuses = "('new','assigned','origin_contacted','transfer_requested','ivo_applied')"
    queries = {
        "reference sqlite3: open cases, newest first": (
            f"status IN {open_statuses}",
            "created_at DESC, id DESC",
        ),
        "reference sqlite3: strong, soonest due first": (
            f"status IN {open_statuses} AND effective_level = 'strong'",
            "next_due, id",
        ),
    }
    out = {}
    for name, (where, order) in queries.items():
        times = []
        for _ in range(runs * 3):
            start = time.perf_counter()
            conn.execute(f"SELECT count(*) FROM cases WHERE {where}").fetchone()  # noqa: S608
            conn.execute(
                f"SELECT number, kind, status, effective_level, urgency, origin_code, "  # noqa: S608
                f"created_at, created_by, assignee, origin_district, next_due, open_questions "
                f"FROM cases WHERE {where} ORDER BY {order} LIMIT 100"
            ).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(times)
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--phase", choices=("all", "fill", "measure"), default="all")
    parser.add_argument("--db", help="(for the child processes)")
    args = parser.parse_args()
    if args.phase == "fill":
        fill(f"sqlite:///{args.db}", args.cases)
        return
    if args.phase == "measure":
        print(json.dumps(asyncio.run(measure_app(f"sqlite:///{args.db}", args.runs))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "bench_cases.sqlite3")
        me = [sys.executable, __file__, "--db", path, "--cases", str(args.cases)]
        started = time.perf_counter()
        subprocess.run([*me, "--phase", "fill"], check=True)
        print(f"filled {args.cases:,} cases in {time.perf_counter() - started:.0f} s")
        child = subprocess.run(
            [*me, "--phase", "measure", "--runs", str(args.runs)],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        figures.update(reference_sql(path, args.runs))
    print(
        f"{platform.python_version()} on {platform.machine()}, {args.cases:,} cases, "
        f"medians of {args.runs} runs"
    )
    for name, value in figures.items():
        unit = "" if "MB" in name else " ms"
        print(f"  {name:<48} {value:8.1f}{unit}")


if __name__ == "__main__":
    main()
