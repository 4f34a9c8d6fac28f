"""Small pieces both front ends share (the Textual screens and plain mode), free of Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake.ui.i18n import t

if TYPE_CHECKING:
    from storage.api import DraftInfo


def draft_label(draft: DraftInfo, lang: str) -> str:
    """A draft as a line of its owner's resume list: the visitor's name and origin when they
    were given (drafts are private to their author), when it was started, how far it got."""
    created = draft.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    updated = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    line = t("draft_row", lang, created=created, updated=updated, count=len(draft.events))
    who = " · ".join(part for part in draft_identity(draft) if part)
    return f"{shorten(who, 60)} – {line}" if who else line


def draft_identity(draft: DraftInfo) -> tuple[str, str]:
    """(the visitor's name, the origin municipality) as last answered in the draft, found by
    the record field each question fills (`maps_to`), "" for what was not given."""
    try:
        from intake.core.dialogue.loader import default_dialogue
        from intake.core.municipalities import by_code

        questions = default_dialogue().questions
    except Exception:  # a draft outlives dialogue versions: then it is shown by its dates
        return "", ""
    found: dict[str, str] = {}
    for event in draft.events:
        question = questions.get(str(event.get("question_id", "")))
        target = question.maps_to if question is not None else None
        if target in ("person.name", "origin_municipality") and event.get("kind") != "skipped":
            found[target] = str(event.get("value") or "")
    origin = found.get("origin_municipality", "")
    known = by_code(origin) if origin else None
    return found.get("person.name", ""), known.name if known else origin


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters for display; the stored answer is never cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()} … (+{len(text) - limit})"
