"""First run: who is working, and in which role. A known username signs in directly.

Every user has an individual account so that the municipality can follow up who documented
or opened what (logguppföljning); the role limits what the user may see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from intake.core.textclean import clean_text
from intake.ui.common import USERNAME
from intake.ui.i18n import t
from intake.ui.screens.base import IntakeScreen, KeyTable
from intake.ui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from storage.api import Repository, UserInfo


class LoginScreen(IntakeScreen["UserInfo | None"]):
    KEYS: ClassVar[KeyTable] = ()

    def __init__(self, repo: Repository, username: str = "") -> None:
        super().__init__()
        self._repo = repo
        self._username = username

    def compose(self) -> ComposeResult:
        from storage.api import Role

        lang = self.lang
        with Center(), Vertical(id="login-box"):
            yield Static(t("login_title", lang), classes="title", markup=False)
            yield Static(t("login_intro", lang), markup=False)
            yield Label(t("username", lang))
            yield Input(self._username, id="username", max_length=64, compact=True)
            yield Label(t("display_name", lang))
            yield Input(id="display-name", max_length=120, compact=True)
            yield Label(t("role", lang))
            with RadioSet(id="role", compact=True):
                for index, role in enumerate(Role):
                    yield RadioButton(
                        t(f"role_{role.value}", lang), value=index == 0, name=role.value
                    )
            yield Static("", id="login-message", classes="validation")
            yield Button(t("sign_in", lang), id="sign-in", variant="primary", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        target = "#display-name" if self._username else "#username"
        self.query_one(target, Input).focus()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "username":
            if self._known_user() is not None:
                self._sign_in()
            else:
                self.query_one("#display-name", Input).focus()
        else:
            self._sign_in()

    @on(Button.Pressed, "#sign-in")
    def _sign_in(self) -> None:
        from storage.api import Role

        username = clean_text(self.query_one("#username", Input).value)
        if not USERNAME.match(username):
            self.query_one("#login-message", Static).update(
                Content(t("username_required", self.lang))
            )
            return
        known = self._known_user()
        if known is not None:
            self.dismiss(known)
            return
        display = clean_text(self.query_one("#display-name", Input).value) or username
        pressed = self.query_one("#role", RadioSet).pressed_button
        role = Role(pressed.name) if pressed is not None and pressed.name else Role.RECEPTION
        user = self.guard(
            lambda: self._repo.ensure_user(username, display, role), "ensure user"
        )
        if user is not None:
            self.dismiss(user)

    def _known_user(self) -> UserInfo | None:
        username = clean_text(self.query_one("#username", Input).value)
        if not USERNAME.match(username):
            return None
        found: UserInfo | None = self.guard(
            lambda: self._repo.get_user(username), "get user"
        )
        return found
