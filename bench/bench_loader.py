"""Time and memory of reading, checking and compiling a dialogue, by its size.

Dialogues of 50, 500 and 5,000 questions are generated (tests/dialogue/generated.py) in the
shape that made the first loader quadratic: most questions conditional. The loader must grow
linearly with the file (issue 19 #8); tests/dialogue/test_machine.py guards the edge count.

Reference in the same run: PyYAML's safe loader (the C one when built) on the same text, linear
by nature; the ratio loader/reference should stay about the same from 50 to 5,000 questions.
Peak memory is measured with tracemalloc (Python allocations) around one load, in a fresh
process per size so that caches and earlier sizes do not count.
Usage: python bench/bench_loader.py [--sizes 50,500,5000] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.dialogue.generated import generate


def measure(n: int, rounds: int) -> dict[str, float]:
    """Run in a fresh process: median load time, yaml reference time, peak memory."""
    import yaml

    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    from intake.core.dialogue.loader import parse_dialogue

    text = generate(n).encode()
    path = Path(f"generated-{n}.yaml")
    tracemalloc.start()
    dialogue = parse_dialogue(text, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times, refs = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        parse_dialogue(text, path)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        yaml.load(text, Loader=safe_loader)  # noqa: S506 - a safe loader
        refs.append(time.perf_counter() - start)
    return {
        "questions": len(dialogue.question_ids),
        "edges": len(dialogue.edges),
        "load_ms": statistics.median(times) * 1e3,
        "ref_ms": statistics.median(refs) * 1e3,
        "peak_mb": peak / 2**20,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50,500,5000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.rounds)))
        return 0
    uname = platform.uname()
    print(f"machine: {uname.system} {uname.machine}, python {platform.python_version()}")
    print(f"{'questions':>9} {'edges':>6} {'load':>10} {'yaml ref':>10} {'load/ref':>8} "
          f"{'per question':>13} {'peak':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--rounds", str(args.rounds)],
            check=True, capture_output=True, text=True,
        ).stdout
        r = json.loads(out)
        print(f"{r['questions']:>9} {r['edges']:>6} {r['load_ms']:>7.1f} ms {r['ref_ms']:>7.1f} ms "
              f"{r['load_ms'] / r['ref_ms']:>8.2f} {r['load_ms'] * 1e3 / n:>10.1f} us "
              f"{r['peak_mb']:>6.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
