"""The start screen's way into the cases, by role: a social worker lands on their own cases,
the unassigned and the overdue ones (with how many there are); reception sees the cases it
created; an administrator sees none (admins never see case content).

What each role can do is one table (`VIEWS`), used by these buttons, the start screen's keys
and the command palette, so that no entry leads to a refusal.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button

from intake.ui.i18n import t
from storage.roles import Role

if TYPE_CHECKING:
    from intake.ui.app import IntakeApp
    from storage.api import CaseQuery, CaseWork, UserInfo

# view → (key, text key, roles that may open it)
VIEWS: dict[str, tuple[str, str, tuple[Role, ...]]] = {
    "mine": ("m", "my_cases", (Role.SOCIAL_WORKER,)),
    "unassigned": ("u", "unassigned_cases", (Role.SOCIAL_WORKER,)),
    "overdue": ("o", "overdue_cases", (Role.SOCIAL_WORKER,)),
    "all": ("c", "all_cases", (Role.SOCIAL_WORKER,)),
    "created": ("c", "my_created_cases", (Role.RECEPTION,)),
}


def views_for(role: Role | None) -> list[str]:
    return [name for name, (_, _, roles) in VIEWS.items() if role in roles]


def query_for(view: str, today: dt.date) -> CaseQuery:
    """The list a view opens: overdue cases soonest first, the others newest first."""
    from storage.api import CaseQuery, CaseSort

    if view == "mine":
        return CaseQuery(mine=True, sort=CaseSort.NEXT_DUE, descending=False, today=today)
    if view == "unassigned":
        return CaseQuery(unassigned=True, today=today)
    if view == "overdue":
        return CaseQuery(overdue=True, sort=CaseSort.NEXT_DUE, descending=False, today=today)
    if view == "created":
        return CaseQuery(mine=True, today=today)
    return CaseQuery(today=today)


class CaseShortcuts(Vertical):
    """One button per view the user's role has; counts are fetched in a thread."""

    DEFAULT_CSS = """
    CaseShortcuts { height: auto; }
    CaseShortcuts Button { width: 100%; margin-bottom: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._role: Role | None = None
        self._counts: dict[str, int] = {}

    @property
    def _app(self) -> IntakeApp:
        return cast("IntakeApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self._app.lang
        for view in views_for(self._role):
            key, text_key, _ = VIEWS[view]
            label = f"{key.upper()}  {t(text_key, lang)}"
            if view in self._counts:
                label += f" ({self._counts[view]})"
            yield Button(label, id=f"view-{view}", compact=True)

    def show_for(self, user: UserInfo | None) -> None:
        role = user.role if user is not None else None
        if role != self._role:
            self._role = role
            self._counts = {}
            self.refresh(recompose=True)
        if role is Role.SOCIAL_WORKER:
            self._count()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _count(self) -> None:
        app = self._app
        repo, user = app.repo, app.user
        if repo is None or user is None:
            return
        today = app.today or dt.date.today()
        work_repo = cast("CaseWork", repo)
        counts = {
            view: repo_count(work_repo, user, query_for(view, today))
            for view in ("mine", "unassigned", "overdue")
        }
        app.call_from_thread(self._counted, counts)

    def _counted(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self.refresh(recompose=True)

    def focus_first(self) -> None:
        for button in self.query(Button).results(Button):
            button.focus()
            return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        view = (event.button.id or "").removeprefix("view-")
        if view in VIEWS:
            event.stop()
            self._app.open_cases(view)


def repo_count(repo: CaseWork, user: UserInfo, query: CaseQuery) -> int:
    from dataclasses import replace

    return repo.find_cases(user, replace(query, limit=1, count=True)).total or 0  # counted
