"""How fast the app is for the person at the desk, against a minimal Textual app in the same run.

Measured in a real terminal (tmux) by the shared time-to-interactive tool
(`../shared/tools/tti.py` from the repository root, called by path, not copied):

- start: process start to the first screen drawn, and to the first *usable* screen (database
  open, user known: "Inloggad" on the start screen), against the minimal app's first screen;
- ready for a new intake: N pressed as soon as the first screen is drawn, to the greeting
  drawn (the visit begins while the database opens), and the greeting's Enter to the first
  question (the first save, which waits for the database);
- answer: Enter to the next question drawn (median over the first questions of an intake),
  against the minimal app's Enter-to-echo;
- answer late: the same, over the last ten answers of a full visit (40 questions);
- memory: peak RSS of the app's process, over the full visit.

Targets (issues 5 and 13): ready for a new intake within 1.5 x the minimal app, next question
within 50 ms median, peak memory under 80 MB. Results are appended to docs/benchmarks.md under
"## User interface" (that section only is replaced on a re-run).

    .venv/bin/python bench/bench_ui.py [--runs 5] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TTI = ROOT.parent / "shared" / "tools" / "tti.py"
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## User interface"
WIDTH, HEIGHT = 120, 40

# (what is typed, keys, the marker of the next question)
INTAKE_STEPS: list[dict[str, Any]] = [
    {"marker": "Inloggad"},  # usable: the repository is open and the user known
    {"keys": ["n"], "marker": "Välkommen!"},
    {"keys": ["Enter"], "marker": "Vad heter du?"},
    {"type": "Bo Ek", "keys": ["Enter"], "marker": "Nu två frågor"},
    {"keys": ["Enter"], "marker": "3 Inte frågat nu"},
    {"keys": ["2"], "marker": "skyddade personuppgifter"},
    {"keys": ["2"], "marker": "samordningsnummer?"},
    {"keys": ["F2"], "marker": "Hur gammal är du?"},
    {"type": "40", "keys": ["Enter"], "marker": "Vilket telefonnummer"},
    {"type": "070-1234", "keys": ["Enter"], "marker": "Vilket språk"},
    {"type": "svenska", "keys": ["Enter"], "marker": "Behöver du tolk?"},
    {"keys": ["2"], "marker": "Hur många vuxna"},
    {"type": "1", "keys": ["Enter"], "marker": "I vilken kommun bodde"},
    {"type": "stockholm", "keys": ["Enter"], "marker": "I vilken stadsdel"},
]
# Steps after which a new question is drawn (all but "usable" and "n").
ANSWER_STEPS = range(2, len(INTAKE_STEPS))
# The rest of a full visit (a strong suspicion with two children, as in
# tests/ui/test_intakes.py), so that the cost of an answer late in a long transcript shows.
VISIT_STEPS: list[dict[str, Any]] = [
    {"type": "Södermalm", "keys": ["Enter"], "marker": "Vilket stöd hade du"},
    {"keys": ["1", "2", "Enter"], "marker": "Ekonomiskt bistånd: pågår stödet"},
    {"keys": ["1"], "marker": "Hemtjänst: pågår stödet"},
    {"keys": ["1"], "marker": "Kom du till Sverige"},
    {"keys": ["1"], "marker": "Har din etableringsersättning"},
    {"keys": ["2"], "marker": "När kom du hit?"},
    {"type": "2026-11-01", "keys": ["Enter"], "marker": "Är du folkbokförd"},
    {"keys": ["2"], "marker": "Vems idé var det"},
    {"keys": ["2"], "marker": "Betalade socialtjänsten"},
    {"keys": ["1"], "marker": "Var det efter att du"},
    {"keys": ["2"], "marker": "Sade socialtjänsten eller"},
    {"keys": ["1"], "marker": "Fick du nej till"},
    {"keys": ["1"], "marker": "Blev du uppmanad"},
    {"keys": ["1"], "marker": "Vet du om socialtjänsten"},
    {"keys": ["2"], "marker": "Visste du vart"},
    {"keys": ["2"], "marker": "Lämnade du ett arbete"},
    {"keys": ["2"], "marker": "Vill du ha hjälp att flytta"},
    {"keys": ["1"], "marker": "Ctrl+S skickar"},  # the long-text field is ready
    {"keys": ["F2"], "marker": "Hur bor du nu?"},  # the long text is skipped
    {"keys": ["2"], "marker": "Vem är din hyresvärd?"},
    {"type": "Okänd värd", "keys": ["Enter"], "marker": "Hur många rum"},
    {"type": "1", "keys": ["Enter"], "marker": "Hur många bor där"},
    {"type": "4", "keys": ["Enter"], "marker": "Hur är bostaden?"},
    {"keys": ["3"], "marker": "Kontrollerade hyresvärden"},
    {"keys": ["2"], "marker": "Finns det barn under 18"},
    {"keys": ["1"], "marker": "Barn 1: hur gammalt"},
    {"type": "7", "keys": ["Enter"], "marker": "Barn 1: har barnet plats"},
    {"keys": ["2"], "marker": "Finns det fler barn?"},
    {"keys": ["1"], "marker": "Barn 2: hur gammalt"},
    {"type": "3", "keys": ["Enter"], "marker": "Barn 2: har barnet plats"},
    {"keys": ["1"], "marker": "Finns det fler barn?"},
    {"keys": ["2"], "marker": "Behöver du vård eller stöd"},
    {"keys": ["2"], "marker": "Hur många år bodde du"},
    {"type": "6 år", "keys": ["Enter"], "marker": "Arbetade eller studerade"},
    {"keys": ["1"], "marker": "nära vänner till dig där?"},
    {"keys": ["2"], "marker": "Gick barnen i förskola"},
    {"keys": ["1"], "marker": "nära vänner till dig här?"},
    {"keys": ["2"], "marker": "Vi vill gärna kontakta"},
    {"keys": ["1"], "marker": "Får vi göra ett hembesök"},
    {"keys": ["1"], "marker": "Visa bedömningen"},
]
# Then the assessment and the case, so that the peak memory covers a whole visit.
CASE_STEPS: list[dict[str, Any]] = [
    {"keys": ["Enter"], "marker": "Misstänkt social dumpning"},
    {"keys": ["C-s"], "marker": "är skapat"},
]
FULL_STEPS = INTAKE_STEPS + VISIT_STEPS
# The last ten answers of the visit (children, needs, ties, consent, the summary; its marker
# is the button under it, as the long summary scrolls its own first lines away).
LATE_STEPS = range(len(FULL_STEPS) - 10, len(FULL_STEPS))
SESSION_STEPS = FULL_STEPS + CASE_STEPS
# N at the first frame: the greeting, then the first save (which may wait for the database).
AT_ONCE_STEPS: list[dict[str, Any]] = [
    {"keys": ["n"], "marker": "Välkommen!", "pause_ms": 0},
    {"keys": ["Enter"], "marker": "Vad heter du?"},
]


def tti(label: str, cmd: str, marker: str, steps: list[dict[str, Any]], env: dict[str, str],
        runs: int, out: Path) -> dict[str, Any]:
    if not TTI.is_file():
        sys.exit(f"bench_ui: {TTI} is missing (the shared tti.py tool, expected beside the repo)")
    args = [
        sys.executable, str(TTI), "--cmd", cmd, "--marker", marker, "--label", label,
        "--runs", str(runs), "--width", str(WIDTH), "--height", str(HEIGHT),
        "--steps", json.dumps(steps), "--json", str(out), "--cwd", str(ROOT), "--quiet",
        "--settle-ms", "0", "--step-pause-ms", "100",
    ]
    for key, value in env.items():
        args += ["--env", f"{key}={value}"]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    print(done.stdout, end="")
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        sys.exit(f"bench_ui: measuring {label} failed")
    lines = out.read_text("utf-8").strip().splitlines()
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _median_of_steps(result: dict[str, Any], indexes: range) -> float:
    values = [
        ms
        for run in result["raw"]
        if run.get("ok") and not run.get("warmup")
        for j, ms in enumerate(run.get("steps_ms", []))
        if j in indexes
    ]
    return float(statistics.median(values))


def _runs(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [run for run in result["raw"] if run.get("ok") and not run.get("warmup")]


def _usable(result: dict[str, Any]) -> float:
    """Process start to the end of the first step (the first step starts at the first frame)."""
    return float(statistics.median(run["ready_ms"] + run["steps_ms"][0] for run in _runs(result)))


def _spread(values: list[float]) -> str:
    return f"{min(values):.0f}–{max(values):.0f}"


def prepare(home: Path) -> tuple[dict[str, str], str]:
    # The project's modules compiled to bytecode, as pip compiles an installed package's (an
    # editable checkout run with PYTHONDONTWRITEBYTECODE would compile them at every start,
    # while the minimal app's Textual is compiled).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "intake", "storage", "dialogs"],
        check=True, cwd=ROOT,
    )
    env = {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    url = f"sqlite:///{home / 'bench.sqlite3'}"
    setup = (
        "from storage import open_repository; from storage.api import Role; "
        "from intake.oscompat import login_name; "
        f"r = open_repository({url!r}); r.ensure_user(login_name(), 'Bench', Role.RECEPTION); "
        "r.close()"
    )
    subprocess.run([sys.executable, "-c", setup], check=True, cwd=ROOT, env={**os.environ, **env})
    return env, url


def machine() -> str:
    uname = " ".join(platform.uname())
    return f"`{uname}`, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def write_doc(text: str, section: str = SECTION) -> None:
    """Replace `section` of docs/benchmarks.md with `text` (or add it at the end)."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    current = DOC.read_text("utf-8") if DOC.is_file() else "# Benchmarks\n"
    start = current.find(section)
    if start < 0:
        updated = current.rstrip("\n") + "\n\n" + text
    else:
        end = current.find("\n## ", start + len(section))
        updated = current[:start] + text + ("" if end < 0 else current[end:])
    DOC.write_text(updated.rstrip("\n") + "\n", "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        home = Path(tmp)
        env, url = prepare(home)
        python = sys.executable
        minimal = tti(
            "minimal Textual app", f"{python} bench/minimal_app.py", "Minimal Echo",
            [{"type": "ping", "keys": ["Enter"], "marker": "echo: ping"}], env, args.runs,
            home / "minimal.json",
        )
        intake_cmd = f"{Path(python).parent / 'intake'} --db {url}"  # as the OS account
        app = tti("intake", intake_cmd, "Vad vill du göra?", FULL_STEPS, env, args.runs,
                  home / "intake.json")
        at_once = tti("intake, N at once", intake_cmd, "Vad vill du göra?", AT_ONCE_STEPS, env,
                      args.runs, home / "at_once.json")
        # Again to the case: the same visit, then the assessment and the case created.
        session = tti("intake, to the case", intake_cmd, "Vad vill du göra?", SESSION_STEPS,
                      env, max(2, args.runs // 2), home / "session.json")
    minimal_ready = minimal["ready_ms"]["median"]
    first = app["ready_ms"]["median"]
    usable = _usable(app)
    ready_new = _usable(at_once)
    ready_runs = [run["ready_ms"] + run["steps_ms"][0] for run in _runs(at_once)]
    minimal_runs = [run["ready_ms"] for run in _runs(minimal)]
    first_save = _median_of_steps(at_once, range(1, 2))
    answer = _median_of_steps(app, ANSWER_STEPS)
    late = _median_of_steps(app, LATE_STEPS)
    per_step = [_median_of_steps(app, range(j, j + 1)) for j in range(2, len(FULL_STEPS))]
    print("Enter -> next question, median per question (2..40):",
          " ".join(f"{ms:.0f}" for ms in per_step))
    echo = minimal["steps"][0]["ms"]["median"]
    rss = app["peak_rss_mb"]["max"]
    rss_case = session["peak_rss_mb"]["max"]
    rows = [
        ("first screen, taking keys (help, language, quit)", f"{first:.0f} ms",
         f"{minimal_ready:.0f} ms", f"{first / minimal_ready:.2f}x", "≤ 1.5x"),
        ("ready for a new intake: N at the first frame → greeting drawn "
         f"(runs {_spread(ready_runs)} ms; minimal {_spread(minimal_runs)} ms)",
         f"{ready_new:.0f} ms", f"{minimal_ready:.0f} ms", f"{ready_new / minimal_ready:.2f}x",
         "≤ 1.5x"),
        ("then the greeting's Enter → first question (the first save, waits for the database)",
         f"{first_save:.0f} ms", "-", "-", "-"),
        ("database open and user known (resume enabled, \"Inloggad\")", f"{usable:.0f} ms",
         f"{minimal_ready:.0f} ms", f"{usable / minimal_ready:.2f}x", "-"),
        ("Enter → next question drawn (median)", f"{answer:.1f} ms", f"{echo:.1f} ms (echo)",
         f"{answer / echo:.2f}x", "≤ 50 ms"),
        ("Enter → next question drawn, late in a full visit (median, questions 31–40)",
         f"{late:.1f} ms", f"{echo:.1f} ms (echo)", f"{late / echo:.2f}x", "≤ 50 ms"),
        ("peak RSS, the conversation: start to summary (max over runs)", f"{rss:.1f} MB",
         f"{minimal['peak_rss_mb']['max']:.1f} MB", "-", "< 80 MB"),
        ("peak RSS, the whole visit: also the assessment and the case created",
         f"{rss_case:.1f} MB", f"{minimal['peak_rss_mb']['max']:.1f} MB", "-", "< 80 MB"),
    ]
    verdict = {
        "start": first <= 1.5 * minimal_ready,
        "ready for a new intake": ready_new <= 1.5 * minimal_ready,
        "answer": answer <= 50.0,
        "answer late in a visit": late <= 50.0,
        "memory in the conversation": rss < 80.0,
        "memory over the whole visit": rss_case < 80.0,
    }
    table = "\n".join(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows)
    text = (
        f"{SECTION}\n\n"
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `bench/bench_ui.py` "
        f"({args.runs} runs + 1 warm-up each, {WIDTH}x{HEIGHT} tmux pane, embedded SQLite) on "
        f"{machine()}; load average {os.getloadavg()[0]:.2f} at the end.\n"
        "Reference: `bench/minimal_app.py` (a title, an input, a footer) in the same run; times "
        "from the shared `tti.py` (tmux, 5 ms polling, so ±5 ms resolution).\n\n"
        "| what | intake | minimal app | ratio | target |\n|---|---|---|---|---|\n"
        f"{table}\n\n"
        "Targets met: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in verdict.items())
        + ". Answer steps: name, skip, phone, language, interpreter (digit key), origin "
        "municipality, arrival date; each is saved to the draft (SQLite commit) before the next "
        "question is drawn. The visit then goes on to the summary (a strong suspicion with two "
        "children: 40 questions, digit keys, a multi-select, a skipped long text, typed "
        "numbers); the last memory row goes on to the assessment and creates the case. The "
        "late row is the median of the last ten answers. Median per question, 2 "
        "to 40: " + " ".join(f"{ms:.0f}" for ms in per_step) + " ms. The slower ones are those "
        "where the input changes kind (a text field after buttons, the multi-select, the "
        "summary), which takes a layout pass of the whole screen.\n\n"
        "How (docs/architecture.md, \"The conversation screen\"): the chat is one line-API "
        "widget, so an answer costs the same late in a visit as early; the input keeps one group "
        "of widgets per kind of input and refills it; the facts panel is drawn line by line too, "
        "so an answer that keeps its input kind needs no layout pass; what is alive after "
        "start-up is frozen (`gc.freeze`) and a full collection runs while the summary is "
        "read; Textual draws up to 120 "
        "frames a second (`TEXTUAL_FPS`). Memory: the repository is opened in a thread after "
        "the first frame; storage is SQLAlchemy Core only (no ORM); Swedish days off come "
        "from a table the holidays package wrote; settings are a plain pydantic model; "
        "RapidFuzz is imported only for a misspelled municipality; Alembic only when an upgrade "
        "is due.\n"
    )
    print(text)
    if not args.no_write:
        write_doc(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
