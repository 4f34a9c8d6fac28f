"""Deleting a draft (after a confirmation) and handing it over to a colleague, from the resume
list. Both go through the repository, which keeps drafts private to their author and audits
each (`draft_discard`, `draft_hand_over`); the list is drawn again afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake.ui.common import draft_label
from intake.ui.i18n import t
from intake.ui.screens.case_dialogs import ChoiceDialog, ConfirmDialog
from intake.ui.screens.casework import attempt
from storage.api import CaseWork, DraftInfo, Role, UserInfo

if TYPE_CHECKING:
    from intake.ui.screens.start import ResumeScreen


def delete(screen: ResumeScreen, draft: DraftInfo) -> None:
    app, lang = screen.intake_app, screen.lang

    def discard(repo: CaseWork, user: UserInfo) -> bool:
        repo.discard_draft(user, draft.id)
        return True

    def confirmed(ok: bool | None) -> None:
        if ok and attempt(app, discard, "delete draft"):
            app.notify(t("draft_deleted", lang), markup=False, timeout=4)
            screen.forget(draft)

    lines = [draft_label(draft, lang), "", t("delete_draft_warning", lang)]
    dialog = ConfirmDialog(t("delete_draft_title", lang), lines, t("delete", lang))
    app.push_screen(dialog, confirmed)


def hand_over(screen: ResumeScreen, draft: DraftInfo) -> None:
    app, lang = screen.intake_app, screen.lang
    me = app.user.username if app.user else ""
    users = attempt(app, lambda repo, user: repo.list_users(), "list users") or []
    choices = [
        (u.username, f"{u.display_name} ({u.username})")
        for u in users
        if u.role in (Role.RECEPTION, Role.SOCIAL_WORKER) and u.username != me
    ]

    def give(repo: CaseWork, user: UserInfo, username: str) -> bool:
        repo.hand_over_draft(user, draft.id, username)
        return True

    def chosen(username: str | None) -> None:
        if username and attempt(app, lambda repo, user: give(repo, user, username), "hand over"):
            app.notify(t("draft_handed_over", lang, name=username), markup=False, timeout=4)
            screen.forget(draft)

    app.push_screen(ChoiceDialog(t("hand_over_title", lang), choices), chosen)
