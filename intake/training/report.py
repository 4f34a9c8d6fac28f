"""The printable result of an exam: a plain UTF-8 text page a trainer can print or file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from intake.core.dialogue.api import Lang
from intake.core.lang import pick
from intake.core.training.debrief import Debrief, point_title
from intake.core.training.scenario import Scenario


def exam_text(scenario: Scenario, result: Debrief, trainee: str, lang: Lang,
              when: dt.datetime) -> str:
    lines = [
        pick(lang, "TRÄNING – PROVRESULTAT (påhittad person)",
             "TRAINING – EXAM RESULT (fictitious person)"),
        "",
        f"{pick(lang, 'Deltagare', 'Trainee')}: {trainee}",
        f"{pick(lang, 'Scenario', 'Scenario')}: {scenario.title.get(lang)} ({scenario.id})",
        f"{pick(lang, 'Datum', 'Date')}: {when:%Y-%m-%d %H:%M}",
        f"{pick(lang, 'Poäng', 'Score')}: {result.score} / 100",
        "",
    ]
    for point in result.points:
        mark = "OK " if point.ok else "FEL" if lang == "sv" else "NO "
        lines.append(f"[{mark}] {point_title(point, lang)}")
        if not point.ok:
            lines.append(f"      {pick(lang, 'väntat', 'expected')}: {point.expected} · "
                         f"{pick(lang, 'givet', 'given')}: {point.given}")
            lines.append(f"      {pick(lang, 'regel', 'rule')}: {point.rule}")
    lines += ["", pick(lang, "Tränarens underskrift: ____________________",
                       "Trainer's signature: ____________________"), ""]
    return "\n".join(lines)


def write_exam(folder: Path, scenario: Scenario, result: Debrief, trainee: str,
               lang: Lang) -> Path:
    """Write the result to `folder` and return the file's path."""
    when = dt.datetime.now()
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", trainee)[:40] or "trainee"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"exam-{safe}-{scenario.id}-{when:%Y%m%d-%H%M%S}.txt"
    path.write_text(exam_text(scenario, result, trainee, lang, when), encoding="utf-8")
    return path
