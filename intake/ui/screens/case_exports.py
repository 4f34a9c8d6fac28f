"""Export and letters from the case screen (issue 16): the summary as PDF, the case as JSON,
a letter as Word, each saved where the social worker says (never silently to a default
folder), named by the case number only; a letter made is kept with the case as a new version,
and "letter sent" records the day it went, which moves the workflow.

What the repository refuses (role, workflow) comes back as a warning; a letter refused by
consent or safety says why; nothing is called saved before the file is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake.core.letters import TITLES, LetterKind, LetterRefused, check_allowed
from intake.exports.case_files import FORMATS, KINDS, export_case, keep_letter, letter_bytes
from intake.exports.letter_templates import TemplateError
from intake.ui.i18n import t
from intake.ui.screens.case_dialogs import ChoiceDialog, Field, FormDialog
from intake.ui.screens.casework import attempt, today_of
from storage.api import CaseInfo, CaseWork, Role, UserInfo

if TYPE_CHECKING:
    from intake.ui.app import IntakeApp


EXPORT_ACTIONS = frozenset({"export", "letter_sent"})


class CaseExportActions:
    """Mixed into CaseScreen, which provides `case`, `number`, `lang`, `intake_app`, `_show`
    and `_changed`."""

    case: CaseInfo | None
    number: str
    lang: str
    intake_app: IntakeApp

    if TYPE_CHECKING:

        def _show(self, case: CaseInfo) -> None: ...
        def _changed(self, case: CaseInfo | None) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    def export_allowed(self, action: str) -> bool | None:
        """Social workers export and record letters; reception and admins do not."""
        user = self.intake_app.user
        if self.case is None or user is None or user.role is not Role.SOCIAL_WORKER:
            return False
        if action == "letter_sent":
            return True if any(x.sent_on is None for x in self.case.letters) else None
        return True

    def action_export(self) -> None:
        lang = self.lang
        choices = [(fmt, t(f"export_{fmt}", lang)) for fmt in FORMATS]
        choices += [(kind, TITLES[kind]["sv" if lang == "sv" else "en"]) for kind in KINDS]
        self.intake_app.push_screen(ChoiceDialog(t("export_title", lang), choices),
                                    self._export_chosen)

    def _export_chosen(self, choice: str | None) -> None:
        if choice is None or self.case is None:
            return
        if choice in KINDS:  # a letter that may not be written is refused before any question
            try:
                check_allowed(LetterKind(choice), self.case.record)
            except LetterRefused as exc:
                self.notify(exc.message(self.lang), severity="warning", markup=False, timeout=12)
                return
        if choice != "ivo_application":
            self._ask_folder(choice, None)
            return
        lang = self.lang  # the application states the origin's refusal or its silence
        replies = [(key, t(f"reply_{key}", lang)) for key in ("refused", "no_answer", "unknown")]
        self.intake_app.push_screen(
            ChoiceDialog(t("reply_title", lang), replies),
            lambda reply: None if reply is None else self._ask_folder(
                choice, None if reply == "unknown" else reply),
        )

    def _ask_folder(self, choice: str, reply: str | None) -> None:
        where = [Field("folder", t("folder_label", self.lang), str(Path.home()))]
        dialog = FormDialog(t("export_where", self.lang), where, today=today_of(self.intake_app))
        self.intake_app.push_screen(dialog, lambda values: self._export_to(choice, values, reply))

    def _export_to(
        self, choice: str, values: dict[str, str] | None, reply: str | None = None
    ) -> None:
        if values is None or self.case is None:
            return
        lang, case = self.lang, self.case
        folder = Path(values["folder"]).expanduser()
        if not folder.is_dir():
            self.notify(t("no_such_folder", lang, folder=folder), severity="warning",
                        markup=False)
            return

        letter = b""
        if choice not in FORMATS:  # made first: a refusal is said before anything is kept
            user = self.intake_app.user
            try:
                letter = letter_bytes(case, choice, user.display_name if user else "",
                                      reply=reply, today=today_of(self.intake_app))
            except LetterRefused as exc:
                self.notify(exc.message(lang), severity="warning", markup=False, timeout=12)
                return
            except TemplateError as exc:
                self.notify(str(exc), severity="warning", markup=False, timeout=12)
                return

        def make(repo: CaseWork, user: UserInfo) -> tuple[str, bytes]:
            if choice in FORMATS:
                return export_case(repo, user, case, choice, lang)
            return keep_letter(repo, user, case, choice, letter)

        made = attempt(self.intake_app, make, "export")
        if made is None:
            return
        name, content = made
        try:
            (folder / name).write_bytes(content)
        except OSError:
            self.notify(t("cannot_write", lang, folder=folder), severity="error", markup=False)
            return
        self.notify(t("exported", lang, path=folder / name), markup=False, timeout=8)
        if choice not in FORMATS:  # the new letter version is listed on the Letters tab
            fresh = attempt(self.intake_app, lambda repo, user: repo.get_case(user, self.number),
                            "case")
            if fresh is not None:
                self._show(fresh)

    def action_letter_sent(self) -> None:
        if self.case is None:
            return
        lang = self.lang
        unsent = [x for x in self.case.letters if x.sent_on is None]
        if not unsent:
            self.notify(t("no_unsent_letters", lang), markup=False)
            return
        language = "sv" if lang == "sv" else "en"
        choices = [(str(x.id), f"{TITLES[x.kind][language]}, v{x.version}") for x in unsent]
        self.intake_app.push_screen(ChoiceDialog(t("sent_title", lang), choices),
                                    self._sent_chosen)

    def _sent_chosen(self, letter_id: str | None) -> None:
        if letter_id is None or self.case is None:
            return
        letter = next(x for x in self.case.letters if str(x.id) == letter_id)
        title = TITLES[letter.kind]["sv" if self.lang == "sv" else "en"]
        today = today_of(self.intake_app)
        fields = [Field("on", t("date_label", self.lang), today.isoformat(), is_date=True)]

        def save(values: dict[str, str] | None) -> None:
            if values is None:
                return
            on = dt.date.fromisoformat(values["on"])
            self._changed(attempt(
                self.intake_app,
                lambda repo, user: repo.mark_letter_sent(user, self.number, letter.id, on),
                "letter sent",
            ))

        self.intake_app.push_screen(
            FormDialog(t("sent_on_title", self.lang, title=title), fields, today=today), save
        )
