"""Speed of the dialogue engine, against bare `transitions` in the same run.

Measures (medians over many repetitions, no storage):
  1. load + compile      reading, checking and compiling dialogs/intake.yaml (cache bypassed)
     reference           building a bare transitions Machine with as many states and
                         transitions, and nothing else
  2. answer -> next      engine.answer(text) followed by engine.current(), over a full visit
                         (all answers; and tri answers only, where parsing is cheapest)
     reference           one trigger on a bare Machine with the same number of states
  3. replay              building an Engine from a full visit's log, per event
  4. record              engine.record() at the end of a full visit
Targets: answer -> next < 1 ms, load + compile < 50 ms.
Usage: python bench/bench_dialogue.py [--rounds N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from transitions import Machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dialogs
from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import default_dialogue, parse_dialogue
from tests.dialogue.helpers import DUMPING, RECEIVING, TODAY, drive


def _median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


def _time(fn: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds

    path = dialogs.path("intake.yaml")
    content = path.read_bytes()
    dialogue = default_dialogue()
    n_states = len(dialogue.question_ids) + 1
    n_edges = len(dialogue.edges)

    load = _time(lambda: parse_dialogue(content, path), max(20, rounds // 10))
    states = [f"s{i}" for i in range(n_states)]
    last = n_states - 1
    chain = [
        {"trigger": "next", "source": states[i % last], "dest": states[i % last + 1]}
        for i in range(n_edges)
    ]
    bare_build = _time(
        lambda: Machine(states=states, transitions=chain, initial="s0", auto_transitions=False),
        max(20, rounds // 10),
    )

    class _Model:
        if TYPE_CHECKING:  # bound by the machine
            def next(self) -> bool: ...

    bare_model = _Model()
    bare = Machine(model=bare_model, states=states, transitions=chain, initial="s0",
                   auto_transitions=False)
    bare_trigger = []
    for _ in range(rounds * 20):
        bare.set_state("s0", model=bare_model)
        start = time.perf_counter()
        bare_model.next()
        bare_trigger.append(time.perf_counter() - start)

    all_answers: list[float] = []
    tri_answers: list[float] = []
    replay: list[float] = []
    record: list[float] = []
    template = Engine(dialogue, today=TODAY, receiving=RECEIVING)
    drive(template, DUMPING)
    script = [(e.question_id, e.raw, e.kind) for e in template.events]
    for _ in range(rounds):
        engine = Engine(dialogue, today=TODAY, receiving=RECEIVING)
        for _key, raw, kind in script:
            is_tri = engine.current().kind is QuestionKind.TRI
            start = time.perf_counter()
            if kind == "skipped":
                engine.skip()
            else:
                engine.answer(raw)
            engine.current()
            elapsed = time.perf_counter() - start
            all_answers.append(elapsed)
            if is_tri:
                tri_answers.append(elapsed)
        assert engine.is_complete
        start = time.perf_counter()
        engine.record()
        record.append(time.perf_counter() - start)
        events = engine.events
        start = time.perf_counter()
        Engine(dialogue, today=TODAY, receiving=RECEIVING, events=events)
        replay.append((time.perf_counter() - start) / len(events))

    uname = platform.uname()
    print(f"machine: {uname.system} {uname.release} {uname.machine}, python "
          f"{platform.python_version()}")
    print(f"dialogue: {len(dialogue.question_ids)} questions, {n_states} states, "
          f"{n_edges} transitions; visit of {len(script)} answers x {rounds} rounds")
    print(f"{'measure':36} {'median':>12}")
    print(f"{'load + compile intake.yaml':36} {_median_us(load) / 1000:>9.2f} ms")
    print(f"{'  reference: bare Machine build':36} {_median_us(bare_build) / 1000:>9.2f} ms")
    print(f"{'answer -> next question (all)':36} {_median_us(all_answers):>9.1f} us")
    print(f"{'answer -> next question (tri only)':36} {_median_us(tri_answers):>9.1f} us")
    print(f"{'  reference: bare Machine trigger':36} {_median_us(bare_trigger):>9.1f} us")
    print(f"{'replay, per event':36} {_median_us(replay):>9.1f} us")
    print(f"{'record() of a full visit':36} {_median_us(record):>9.1f} us")
    worst = max(all_answers) * 1e3
    print(f"{'answer -> next question (max)':36} {worst:>9.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
