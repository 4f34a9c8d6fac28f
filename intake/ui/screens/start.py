"""The start screen (new intake, resume, help) and the list of unfinished intakes.

Only what works is offered: an entry appears when the screen behind it exists, and the
buttons wait, disabled, until the database is open and the user is known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from intake.ui.common import draft_label
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeModal, IntakeScreen, screen_keys
from intake.ui.widgets.case_shortcuts import CaseShortcuts, views_for
from intake.ui.widgets.footer import KeyFooter
from intake.ui.widgets.menu_entry import MenuEntry
from storage.roles import Role

if TYPE_CHECKING:
    from storage.api import DraftInfo


def admin_entries() -> list[tuple[str, str, str]]:
    """An admin's start (issues 15.1, 18.1): (key, screen, text key) of each `open_admin`
    key of the start screen in keymap.toml; each leads to a screen (`IntakeApp.open_admin`)."""
    return [
        (key, action.removeprefix("open_admin('").removesuffix("')"), label)
        for key, action, label, _shown in screen_keys(StartScreen)
        if action.startswith("open_admin(")
    ]


def has_training() -> bool:
    from importlib.util import find_spec

    return find_spec("intake.ui.training.start") is not None


class StartScreen(IntakeScreen[None]):
    def compose(self) -> ComposeResult:
        lang = self.lang
        with Center(), Vertical(id="start-box"):
            yield Static(t("app_title", lang), id="start-title", markup=False)
            yield Static(t("start_heading", lang), id="start-heading", markup=False)
            yield MenuEntry(f"N  {t('new_intake', lang)}", id="new", variant="primary")
            yield MenuEntry(f"R  {t('resume', lang)}", id="resume")
            yield CaseShortcuts(id="case-shortcuts")
            # Filled only for an admin (`_admin_entries`): seven widgets fewer to build
            # before the first frame, when no one is known yet.
            yield Vertical(*self._admin_entries(), id="admin-entries")
            yield MenuEntry(f"F1 {t('help', lang)}", id="help")
            yield MenuEntry(f"^Q {t('quit', lang)}", id="quit", variant="error")
            yield Static("", id="start-status")
        yield KeyFooter()

    def _admin_entries(self) -> list[Widget]:
        user = self.intake_app.user
        if user is None or user.role is not Role.ADMIN:
            return []
        lang = self.lang
        entries: list[Widget] = [Static(t("admin_heading", lang), id="admin-note", markup=False)]
        for key, view, text_key in admin_entries():
            label = f"{key.upper()}  {t(text_key, lang)}"
            entries.append(MenuEntry(label, id=f"admin-{view}"))
        return entries

    def on_mount(self) -> None:
        # Filled in when the screen is shown (`on_screen_resume`, which also runs when it is
        # first pushed), and again on each change: not once for each of the three at mount.
        for name in ("user", "repo_error", "intake_ready"):
            self.watch(self.intake_app, name, self._update_status, init=False)
        if has_training():
            from intake.ui.training.texts import tr

            self._bindings.bind("t", "app.open_training", tr("training", self.lang))

    def _update_status(self, _value: object = None) -> None:
        app = self.intake_app
        ready = app.ready
        is_admin = app.user is not None and app.user.role is Role.ADMIN
        self._place_shortcuts(app.user.role if app.user is not None else None)
        # A new intake can begin before the database is open (its first save waits for it).
        for entry in self.query("#new").results(MenuEntry):
            entry.disabled = not app.intake_possible
        for entry in self.query("#resume").results(MenuEntry):
            entry.disabled = not ready
        for entry_id in ("new", "resume"):
            for entry in self.query(f"#{entry_id}").results(MenuEntry):
                entry.display = not is_admin  # admins keep no drafts
        box = self.query_one("#admin-entries")
        box.display = is_admin
        if is_admin and not box.children:
            box.mount_all(self._admin_entries())
        for entry in self.query("#admin-entries MenuEntry").results(MenuEntry):
            entry.disabled = not ready
        self.query_one(CaseShortcuts).show_for(app.user if ready else None)
        status = self.query_one("#start-status", Static)
        if app.repo_error:
            status.update(Content(app.repo_error))
            status.set_class(True, "error")
        elif app.user is not None:
            role = t(f"role_{app.user.role.value}", self.lang)
            lines = [t("signed_in_as", self.lang, name=app.user.display_name, role=role)]
            if app.first_admin:
                lines.append(t("first_admin", self.lang, account=app.user.username))
            if app.support_account:
                name = app.user.username
                lines.append(t("acting_as", self.lang, account=app.support_account, name=name))
            lines.append(self._receiving_line())
            status.update(Content("\n".join(lines)))
            status.set_class(False, "error")
        else:
            status.update(Content(t("opening_db", self.lang)))
        self.refresh_bindings()

    def _place_shortcuts(self, role: Role | None) -> None:
        """A social worker's cases come first; reception's new visit and resume stay first."""
        shortcuts = self.query_one(CaseShortcuts)
        box = self.query_one("#start-box")
        if role is Role.SOCIAL_WORKER:
            box.move_child(shortcuts, before=self.query_one("#new"))
        else:
            box.move_child(shortcuts, after=self.query_one("#resume"))

    def _receiving_line(self) -> str:
        """Which municipality this desk is: the classification depends on it, so it is shown,
        and marked when it is only the default (no one has set it for this office)."""
        from intake.core.municipalities import by_code

        settings = self.intake_app.settings
        code = settings.receiving_municipality
        known = by_code(code)
        name = f"{known.name} ({code})" if known else code
        line = t("receiving_is", self.lang, name=name)
        if "receiving_municipality" not in settings.model_fields_set:
            line += " " + t("receiving_default", self.lang)
        return line

    def on_screen_resume(self) -> None:
        self._update_status()
        app = self.intake_app
        if app.ready and app.user is not None and app.user.role is Role.SOCIAL_WORKER:
            self.call_after_refresh(self.query_one(CaseShortcuts).focus_first)
        elif app.user is not None and app.user.role is Role.ADMIN:
            self.query_one("#admin-users", MenuEntry).focus()
        elif app.intake_possible:
            self.query_one("#new", MenuEntry).focus()

    def action_new_intake(self) -> None:
        self.intake_app.action_new_intake()

    def action_resume(self) -> None:
        self.intake_app.action_resume()

    def action_open_cases(self, view: str = "") -> None:
        self.intake_app.action_open_cases(view or "all")

    def action_open_admin(self, view: str) -> None:
        self.intake_app.open_admin(view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.intake_app
        role = app.user.role if app.user is not None else None
        if action == "open_admin":
            return (True if app.ready else None) if role is Role.ADMIN else False
        if action == "open_cases":
            views = views_for(role)
            view = (
                str(parameters[0]) if parameters else ("created" if views == ["created"] else "all")
            )
            return (True if app.ready else None) if view in views else False
        if action in ("new_intake", "resume"):
            if role is Role.ADMIN:
                return False
            if action == "new_intake":  # before the database is open, too
                return True if app.intake_possible else None
            return True if app.ready else None
        return True

    def language_applied(self) -> None:
        self._update_status()

    @on(MenuEntry.Pressed)
    async def _pressed(self, event: MenuEntry.Pressed) -> None:
        actions = {
            "new": "new_intake",
            "resume": "resume",
            "help": "help",
            "quit": "quit",
        }
        button = event.entry.id or ""
        if button.startswith("admin-"):
            self.action_open_admin(button.removeprefix("admin-"))
            return
        action = actions.get(button)
        if action is not None:
            await self.run_action(f"app.{action}")


class ResumeScreen(IntakeModal["DraftInfo | None"]):
    """The user's own unfinished intakes, newest first; dismissed with the one chosen.
    Delete removes one (after a confirmation), `h` hands one over to a colleague (audited)."""


    def __init__(self, drafts: list[DraftInfo]) -> None:
        super().__init__()
        self._drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box"):
            yield Static(t("resume_title", self.lang), classes="title", markup=False)
            if self._drafts:
                yield OptionList(
                    *[
                        Option(Content(draft_label(d, self.lang)), id=str(d.id))
                        for d in self._drafts
                    ],
                    id="drafts",
                )
            else:
                yield Static(t("no_drafts", self.lang), markup=False)
            yield Button(t("back", self.lang), id="close")
        yield KeyFooter()

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#drafts")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(d for d in self._drafts if str(d.id) == event.option.id))

    def forget(self, draft: DraftInfo) -> None:
        """Drop a draft that was deleted or handed over from the list."""
        self._drafts = [d for d in self._drafts if d.id != draft.id]
        self.refresh(recompose=True)

    # -- deleting and handing over (issue 15.6; intake/ui/screens/draft_actions.py) ------------
    def _highlighted(self) -> DraftInfo | None:
        for options in self.query("#drafts").results(OptionList):
            index = options.highlighted
            if index is not None and index < len(self._drafts):
                return self._drafts[index]
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("delete_draft", "hand_over"):
            return self._highlighted() is not None
        return True

    def action_delete_draft(self) -> None:
        draft = self._highlighted()
        if draft is not None:
            from intake.ui.screens import draft_actions

            draft_actions.delete(self, draft)

    def action_hand_over(self) -> None:
        draft = self._highlighted()
        if draft is not None:
            from intake.ui.screens import draft_actions

            draft_actions.hand_over(self, draft)
