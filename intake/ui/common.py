"""Small pieces both front ends share (the Textual screens and plain mode), free of Textual."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from intake.ui.i18n import t

if TYPE_CHECKING:
    from storage.api import DraftInfo

USERNAME = re.compile(r"^[\w.@-]{2,64}$")


def draft_label(draft: DraftInfo, lang: str) -> str:
    """A draft as a line of the resume list: dates and size only, nothing about the person."""
    created = draft.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    updated = draft.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return t("draft_row", lang, created=created, updated=updated, count=len(draft.events))


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters for display; the stored answer is never cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()} … (+{len(text) - limit})"
