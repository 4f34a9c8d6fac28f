"""The first screen in instructions: intake against the minimal Textual app, under callgrind.

Wall-clock start-up times (bench_ui.py) move by several per cent between runs on a shared
machine; the number of instructions the interpreter executes until the first frame does not
(the same to 0.1 % on a re-run with a fixed hash seed). So a change of a few per cent in what
the first screen costs shows here, where bench_ui.py cannot tell it from noise. Each app runs in
a tmux pane of 120x40 under `valgrind --tool=callgrind` and leaves as soon as its first frame
is written (bench/first_frame_probe.py); a run takes about half a minute.

    .venv/bin/python bench/bench_first_frame.py [--no-write]

Results go to docs/benchmarks.md under "## First frame in instructions" (that section only is
replaced on a re-run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ui import HEIGHT, ROOT, WIDTH, machine, prepare, write_doc

SECTION = "## First frame in instructions"


def count(which: str, home: Path, env: dict[str, str], url: str) -> int:
    """Instructions from the interpreter's start to `which`'s first frame."""
    out, log, done = home / f"{which}.cg", home / f"{which}.log", home / f"{which}.done"
    probe = ROOT / "bench" / "first_frame_probe.py"
    args = [which] + (["--db", url] if which == "intake" else [])
    settings = " ".join(f"{key}={value}" for key, value in env.items())
    command = (
        f"env {settings} PYTHONHASHSEED=0 valgrind --tool=callgrind "
        f"--callgrind-out-file={out} {sys.executable} {probe} {' '.join(args)} 2>{log}; "
        f"touch {done}"
    )
    session = f"first-frame-{which}-{os.getpid()}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT),
         "-c", str(ROOT), command],
        check=True,
    )
    try:
        deadline = time.monotonic() + 600
        while not done.exists():
            if time.monotonic() > deadline:
                sys.exit(f"bench_first_frame: {which} did not draw its first frame in 10 minutes")
            time.sleep(0.5)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False,
                       capture_output=True)
    found = re.search(r"Collected : (\d+)", log.read_text("utf-8", "replace"))
    if found is None:
        sys.exit(f"bench_first_frame: no count from callgrind for {which}:\n{log.read_text()}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="do not update the doc")
    args = parser.parse_args()
    for tool in ("valgrind", "tmux"):
        if shutil.which(tool) is None:
            sys.exit(f"bench_first_frame: {tool} is needed (Debian packages valgrind, tmux)")
    with tempfile.TemporaryDirectory(prefix="bench-first-frame-") as tmp:
        home = Path(tmp)
        env, url = prepare(home)
        minimal = count("minimal", home, env, url)
        intake = count("intake", home, env, url)
    ratio = intake / minimal
    text = (
        f"{SECTION}\n\n"
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `bench/bench_first_frame.py` "
        f"on {machine()}: instructions from the interpreter's start to the first frame, under "
        "callgrind, PYTHONHASHSEED=0, 120x40 tmux pane, embedded SQLite (the count does not "
        "depend on the machine's load).\n\n"
        "| app | instructions to the first frame | ratio |\n|---|---|---|\n"
        f"| minimal Textual app (`bench/minimal_app.py`) | {minimal:,} | 1.00x |\n"
        f"| intake, start screen | {intake:,} | {ratio:.2f}x |\n"
    )
    print(text)
    if not args.no_write:
        write_doc(text, SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
