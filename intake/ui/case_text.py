"""A case as lines of text in the user's language: the case screen's sections and
`intake cases show` say the same thing. Free of Textual; user text stays plain text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from intake.ui.i18n import t
from storage.api import CaseInfo, TaskInfo, TaskState


def local_date(moment: dt.datetime) -> str:
    return moment.astimezone().date().isoformat()


def headline(case: CaseInfo, lang: str) -> str:
    return t(
        "case_status_line",
        lang,
        status=t(f"status_{case.status.value}", lang),
        level=t(f"level_{case.effective_level}", lang),
        urgency=t(f"urgency_{case.urgency}", lang),
        assignee=case.assignee or t("nobody", lang),
    )


def task_line(task: TaskInfo, lang: str, today: dt.date | None) -> str:
    """A step as a checklist line; `today` None (a closed case) marks nothing overdue."""
    if task.state is TaskState.DONE:
        done = task.done_on.isoformat() if task.done_on else ""
        line = f"☑ {task.title} – {t('step_done_on', lang, date=done, by=task.done_by or '')}"
        return f"{line}: {task.note}" if task.note else line
    if task.state is TaskState.NOT_APPLICABLE:
        return f"– {task.title} – {t('step_not_applicable', lang, reason=task.note)}"
    if task.state is TaskState.WITHDRAWN:
        return f"× {task.title} – {t('step_withdrawn', lang)}"
    line = f"☐ {task.title}"
    if task.not_before is not None:
        line += " – " + t("not_before", lang, date=task.not_before.isoformat())
    elif task.due is not None:
        line += " – " + t("due", lang, date=task.due.isoformat())
        if today is not None and task.overdue(today):
            line += f" {t('overdue_mark', lang)}"
    return line


def question_line(question: dict[str, Any], lang: str) -> str:
    level = str(question.get("could_raise_to", ""))
    line = str(question.get("question") or question.get("field", ""))
    if level:
        line += f" ({t('could_raise_to', lang, level=t(f'lvl_{level}', lang))})"
    return line


def assessment_lines(assessment: dict[str, Any], lang: str) -> list[str]:
    lines = [
        f"{t('level_' + str(assessment.get('level', 'none')), lang)} · "
        f"{t('urgency', lang)}: {t('urgency_' + str(assessment.get('urgency', 'routine')), lang)}"
    ]
    rules = assessment.get("rules") or {}
    if rules.get("version"):
        lines.append(f"{t('rule', lang)}: {rules['version']}")
    for key, items in (
        ("indicators", assessment.get("indicators", [])),
        ("counter_indicators", assessment.get("counter_indicators", [])),
    ):
        lines += ["", t(key, lang)]
        lines += [f"• {i.get('explanation', i.get('code'))} ({i.get('source', '')})" for i in items]
        if not items:
            lines.append(t("no_items", lang))
    questions = assessment.get("open_questions", [])
    lines += ["", t("open_questions", lang)]
    lines += [f"? {question_line(q, lang)}" for q in questions] or [t("no_items", lang)]
    return lines


def fact_lines(case: CaseInfo, lang: str) -> list[str]:
    """The answers grouped by the dialogue's sections, as the summary at reception showed them."""
    sections = _sections()
    lines: list[str] = []
    current = None
    for item in case.transcript:
        if not item.answer:
            continue
        title = sections.get(item.question_id.split("#")[0], ("", ""))
        section = title[0] if lang == "sv" else title[1]
        if section != current:
            current = section
            lines += ["", section.upper()] if section else [""]
        lines.append(f"{item.question} {item.answer}")
    return lines[1:] if lines and lines[0] == "" else lines


def _sections() -> dict[str, tuple[str, str]]:
    """Question id → its section's title (sv, en), from the shipped dialogue."""
    try:
        from intake.core.dialogue.loader import default_dialogue

        dialogue = default_dialogue()
    except Exception:  # a case outlives dialogue versions: then the facts are shown ungrouped
        return {}
    titles = {s.id: (s.title.get("sv"), s.title.get("en")) for s in dialogue.sections}
    return {qid: titles[q.section_id] for qid, q in dialogue.questions.items()}


def transcript_lines(case: CaseInfo) -> list[str]:
    lines: list[str] = []
    for item in case.transcript:
        lines += [f"– {item.question}", f"  {item.answer}" if item.answer else "  –"]
    return lines


def note_lines(case: CaseInfo, lang: str) -> list[str]:
    if not case.notes:
        return [t("no_notes", lang)]
    lines: list[str] = []
    for note in case.notes:
        moment = note.at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines += [t("note_signed", lang, date=moment, name=note.author_name), note.text, ""]
    return lines[:-1]


def history_lines(case: CaseInfo, lang: str) -> list[str]:
    lines: list[str] = []
    for index, revision in enumerate(case.assessments):
        lines.append(
            t(
                "history_entry",
                lang,
                date=local_date(revision.at),
                by=revision.by,
                rules=revision.rules_version or "–",
                level=t(f"lvl_{revision.level}", lang),
            )
        )
        if index == 0:
            lines.append(f"  {t('first_assessment', lang)}")
        else:
            lines.append(f"  {', '.join(revision.fields)}: {revision.reason}")
    for entry in case.workflow:
        line = f"{entry.on.isoformat()} · {entry.by} · {t('wf_' + entry.step.value, lang)}"
        lines.append(f"{line}: {entry.note}" if entry.note else line)
    return lines


def letter_lines(case: CaseInfo, lang: str) -> list[str]:
    if not case.letters:
        return [t("no_letters", lang)]
    return [
        f"{letter.kind} v{letter.version} · {local_date(letter.created_at)} · {letter.created_by}"
        + (f" · {letter.sent_on.isoformat()}" if letter.sent_on else "")
        for letter in case.letters
    ]
