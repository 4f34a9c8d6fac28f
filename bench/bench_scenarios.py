"""Throughput of the headless scenario runner on one core: scenarios per second.

Times, in the same run and on the same shipped scenarios (after one warm-up round: dialogue
compiled, rule files loaded, as in `intake scenarios run`):
  1. classifier alone   `classify_data` on each scenario's final record (reference: the part
                        of a run that is not the conversation)
  2. runner             `run_scenario`: the whole visit through the Engine, the simulated
                        visitor's replies parsed, the record built, assessed and compared
Target: >= 100 scenarios/s for (2). Usage: python bench/bench_scenarios.py [ROUNDS]
"""

from __future__ import annotations

import argparse
import platform
import time

from intake.core.classifier import classify_data
from intake.core.dialogue.loader import default_dialogue
from intake.core.training.runner import run_scenario
from intake.core.training.scenario import load_scenarios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rounds", nargs="?", type=int, default=20)
    args = parser.parse_args()
    dialogue = default_dialogue()
    scenarios = load_scenarios()
    outcomes = [run_scenario(s, dialogue) for s in scenarios]  # warm-up
    records = [(o.played.record, o.scenario) for o in outcomes]
    n = len(scenarios) * args.rounds
    print(f"{len(scenarios)} scenarios x {args.rounds} rounds, Python "
          f"{platform.python_version()}, one core")

    start = time.perf_counter()
    for _ in range(args.rounds):
        for record, scenario in records:
            classify_data(record, receiving=scenario.receiving, today=scenario.visit_date)
    ref = n / (time.perf_counter() - start)
    print(f"{'classifier alone (reference)':<32} {ref:>10,.0f} scenarios/s")

    start = time.perf_counter()
    for _ in range(args.rounds):
        for scenario in scenarios:
            run_scenario(scenario, dialogue)
    rate = n / (time.perf_counter() - start)
    print(f"{'runner (engine + classifier)':<32} {rate:>10,.0f} scenarios/s")
    print(f"ratio to the classifier alone: {rate / ref:.3f}")
    print("target >= 100 scenarios/s:", "met" if rate >= 100 else "NOT met")


if __name__ == "__main__":
    main()
