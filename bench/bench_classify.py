"""Throughput of `classify_data` (validation + classification + planning) on one core.

Generates N random intake records as raw dicts (municipalities given as codes, names, folded
names and small misspellings, so resolution is exercised) and times, in the same run:
  1. json round trip         json.loads(json.dumps(record)): the floor of any JSON tool
  2. validation alone        IntakeRecord.parse(record)
  3. classify_data           validation + classification + planning + JSON dict out
Target: >= 5,000 records/s for (3). Usage: python bench/bench_classify.py [N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import time
from collections.abc import Callable
from typing import Any

from intake.core.classifier import classify_data
from intake.core.municipalities import all_municipalities, resolve
from intake.core.record import IntakeRecord
from intake.core.textclean import fold

TRI = ("yes", "no", "unknown")
TYPES = ("economic_assistance", "home_care", "housing_support", "supported_housing",
         "addiction_care", "placement", "contact_person", "family_support",
         "social_housing_contract", "lss", "other")
TODAY = dt.date(2026, 11, 23)


def _municipality(rng: random.Random, munis: list[Any]) -> str:
    m = rng.choice(munis)
    kind = rng.random()
    if kind < 0.5:
        return str(m.code)
    if kind < 0.75:
        return str(m.name)
    if kind < 0.9:
        return f"{fold(m.name)} kommun"
    name = str(m.name)  # a small misspelling: drop one letter of a long name, if that is
    if len(name) > 7:  # still unambiguous (the resolver rightly refuses to guess otherwise)
        i = rng.randrange(1, len(name) - 1)
        typo = name[:i] + name[i + 1 :]
        if resolve(typo).municipality == m:
            return typo
    return name


def make_records(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    munis = all_municipalities()
    out: list[dict[str, Any]] = []
    for _ in range(n):
        visit = TODAY - dt.timedelta(days=rng.randrange(0, 700))
        rec: dict[str, Any] = {
            "schema": "intake-record/1",
            "receiving_municipality": "2283",
            "visit_date": visit.isoformat(),
            "origin_municipality": _municipality(rng, munis) if rng.random() < 0.9 else None,
            "arrival_date": (visit - dt.timedelta(days=rng.randrange(0, 900))).isoformat(),
            "registered_here": rng.choice(TRI),
            "establishment_period_ended": rng.choice(TRI),
            "interventions": [
                {"type": rng.choice(TYPES), "status": rng.choice(("ongoing", "ended", "applied"))}
                for _ in range(rng.randrange(0, 3))
            ],
            "move": {
                "initiated_by": rng.choice(("self", "origin_municipality", "landlord", "relative",
                                            "other", "unknown")),
                **{k: rng.choice(TRI) for k in (
                    "tenancy_terminated_by_origin", "support_refused_by_origin",
                    "referred_to_landlord_here", "move_paid_by_origin",
                    "paid_after_ordinary_assessment", "receiving_informed_in_advance",
                    "person_understood_move", "wants_to_return", "left_employment")},
                "reason": "Jag fick ett kontrakt här av en hyresvärd som kommunen tipsade om.",
            },
            "housing": {
                "type": rng.choice(("first_hand", "second_hand", "sublet", "temporary", "lodging",
                                    "homeless", "other", "unknown")),
                "rooms": rng.randrange(1, 5),
                "occupants": rng.randrange(1, 8),
                "condition": rng.choice(("adequate", "inadequate", "harmful", "unknown")),
                "landlord_checked_ability_to_pay": rng.choice(TRI),
            },
            "children": [
                {"age": rng.randrange(0, 18), "in_school_or_preschool": rng.choice(TRI)}
                for _ in range(rng.randrange(0, 4))
            ],
            "consent": {"contact_origin": rng.choice(TRI), "home_visit": rng.choice(TRI)},
            "person": {"name": "Anna Andersson", "language": "svenska"},
        }
        out.append(rec)
    return out


def timed(label: str, fn: Callable[[dict[str, Any]], object], data: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    for item in data:
        fn(item)
    elapsed = time.perf_counter() - start
    rate = len(data) / elapsed
    print(f"{label:<40} {rate:>12,.0f} records/s   ({elapsed:.3f} s)")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    data = make_records(args.n, args.seed)
    for item in data[:200]:  # warm-up: rule files loaded, caches primed as in a running app
        classify_data(item, receiving="2283", today=TODAY)
    print(f"{args.n} records, Python {platform.python_version()}, one core")
    ref = timed("json round trip (reference)", lambda r: json.loads(json.dumps(r)), data)
    val = timed(
        "validation alone (IntakeRecord.parse)",
        lambda r: IntakeRecord.parse(r, receiving="2283", today=TODAY),
        data,
    )
    full = timed(
        "classify_data (validate+classify+plan)",
        lambda r: classify_data(r, receiving="2283", today=TODAY),
        data,
    )
    print(f"ratio to validation alone: {full / val:.2f}; to json round trip: {full / ref:.3f}")
    levels: dict[str, int] = {}
    for item in data:
        level = classify_data(item, receiving="2283", today=TODAY)["level"]
        levels[level] = levels.get(level, 0) + 1
    print("levels:", dict(sorted(levels.items())))
    print("target >= 5,000 records/s:", "met" if full >= 5000 else "NOT met")


if __name__ == "__main__":
    main()
