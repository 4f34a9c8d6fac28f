"""Run an app until its first frame shows a marker, then leave at once (bench_first_frame.py).

    python bench/first_frame_probe.py minimal|intake [intake's arguments...]

The frame is caught where Textual's Linux driver writes it; nothing is measured here (the
caller counts the instructions, under callgrind).
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path
from typing import Any

from textual.drivers import linux_driver

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"minimal": "Minimal Echo", "intake": "Vad vill du göra?"}


def main() -> None:
    which = sys.argv[1]
    marker = MARKERS[which]
    write = linux_driver.LinuxDriver.write

    def write_and_leave(self: Any, data: str) -> None:
        write(self, data)
        if marker in data:
            os._exit(0)  # the frame is out: nothing after it is counted

    linux_driver.LinuxDriver.write = write_and_leave  # type: ignore[method-assign]
    if which == "minimal":
        sys.argv = [str(ROOT / "bench" / "minimal_app.py")]
        runpy.run_path(sys.argv[0], run_name="__main__")
    else:
        from intake.cli import main as intake_main

        sys.exit(intake_main(sys.argv[2:]))


if __name__ == "__main__":
    main()
