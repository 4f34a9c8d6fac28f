"""The Textual app: a start screen drawn at once, the database opened behind it.

The first screen never waits for SQLAlchemy (hundreds of milliseconds to import): the
repository is opened in a thread worker after the first frame, and the start screen's
actions become available when it is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from intake.ui import errors, screenshots
from intake.ui.i18n import Lang, other_language, t
from intake.ui.screens.base import localize_bindings
from intake.ui.themes import APP_THEMES, HIGH_CONTRAST, next_theme

if TYPE_CHECKING:
    from intake.settings import Settings
    from intake.ui.session import IntakeSession
    from storage.api import DraftInfo, Repository, UserInfo

RepositoryOpener = Callable[[str], "Repository"]

APP_KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("f1", "help", "help", True),
    ("f4", "switch_language", "language", True),
    ("ctrl+q", "quit", "quit", True),
)


def _default_opener(url: str) -> Repository:
    from storage import open_repository

    return open_repository(url)


def install_hangup_handler(app: IntakeApp) -> None:
    """A closed terminal (SIGHUP), SIGTERM, or Ctrl+Break on Windows ends the app cleanly;
    Textual handles none of them. The platform's choices are in `intake.oscompat`.

    Every answer is already in the draft, so nothing is lost. If the terminal is gone, the
    driver's restore sequence may block on the dead tty; a timer ends the process then.
    """
    from intake.oscompat import on_hangup_in_loop

    def hang_up() -> None:
        app.exit(return_code=129)
        timer = threading.Timer(3.0, os._exit, (129,))
        timer.daemon = True
        app.forced_exit = timer
        timer.start()

    on_hangup_in_loop(asyncio.get_running_loop(), hang_up)


class IntakeApp(App[int]):
    """Reception intake. `repo`/`user` may be given (tests); otherwise opened and asked for."""

    CSS_PATH = "app.tcss"
    TITLE = "intake"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        Binding("f1", "help", "Hjälp"),
        Binding("f4", "switch_language", "English"),
        Binding("ctrl+q", "quit", "Avsluta", priority=True),
    ]

    lang: var[str] = var("sv")
    user: var[UserInfo | None] = var(None)
    repo_error: var[str] = var("")

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        settings_overrides: dict[str, Any] | None = None,
        lang: str | None = None,
        theme: str | None = None,
        repo: Repository | None = None,
        user: UserInfo | None = None,
        today: dt.date | None = None,
        open_repository: RepositoryOpener | None = None,
        handle_hangup: bool = False,
        freeze_after_start: bool = False,
    ) -> None:
        super().__init__()
        # Settings (pydantic) are loaded in the worker with the repository when not given, so
        # the first screen does not wait for them; `lang`/`theme` are the early guesses.
        self._settings = settings
        self._settings_overrides = settings_overrides or {}
        self._theme = theme or (settings.theme if settings else APP_THEMES[0])
        self.today = today
        self.repo: Repository | None = repo
        self._initial_user = user
        self._opener = open_repository or _default_opener
        self._owns_repo = repo is None
        self.set_reactive(IntakeApp.lang, lang or (settings.language if settings else "sv"))
        self.last_error_id = ""
        # Armed on a hang-up, in case the terminal is gone; cancelled once the app has ended.
        self.forced_exit: threading.Timer | None = None
        self._handle_hangup = handle_hangup
        self._freeze_after_start = freeze_after_start
        # One thread for all saves: answers are committed in order, off the screen's thread,
        # without starting a thread per answer (which slowed every answer; bench_ui).
        self.saver = ThreadPoolExecutor(max_workers=1, thread_name_prefix="intake-save")

    # -- start-up ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self._handle_hangup:
            install_hangup_handler(self)
        self.register_theme(HIGH_CONTRAST)
        self.theme = self._theme if self._theme in self.available_themes else APP_THEMES[0]
        localize_bindings(self, APP_KEYS, self.lang)
        from intake.ui.screens.start import StartScreen

        self.push_screen(StartScreen())
        if self.repo is None:
            # After the first frame: the worker's imports must not delay the first paint.
            self.call_after_refresh(
                self.run_worker, self._open_repository, thread=True, name="open-repository"
            )
        else:
            self._repository_ready()

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from intake.settings import load_settings

            self._settings = load_settings(**self._settings_overrides)
        return self._settings

    def _open_repository(self) -> None:
        try:
            repo = self._opener(self.settings.database_url)
        except Exception as exc:  # shown with an id; the details go to the log only
            error_id = errors.report(exc, "open repository")
            self.call_from_thread(self._repository_failed, error_id)
            return
        if self._freeze_after_start:
            self._preload_and_freeze()
        self.call_from_thread(self._set_repository, repo)

    def _preload_and_freeze(self) -> None:
        """Still in the worker: load what every intake needs, then keep the collector off it."""
        from intake.core.dialogue.loader import default_dialogue
        from intake.ui import gc_tuning

        with contextlib.suppress(Exception):  # reported when an intake starts, on screen
            default_dialogue()
        gc_tuning.freeze_long_lived()

    def _set_repository(self, repo: Repository) -> None:
        self.repo = repo
        self._repository_ready()

    def _repository_failed(self, error_id: str) -> None:
        self.repo_error = t("db_failed", self.lang, error_id=error_id)

    def _repository_ready(self) -> None:
        if self.repo is None:
            return
        if self._initial_user is not None:
            self.user = self._initial_user
            return
        username = self.settings.user
        known = self.repo.get_user(username) if username else None
        if known is not None:
            self.user = known
            return
        from intake.ui.screens.login import LoginScreen

        self.push_screen(LoginScreen(self.repo, username or ""), self._signed_in)

    def _signed_in(self, user: UserInfo | None) -> None:
        if user is None:
            self.exit(0)
            return
        self.user = user

    # -- actions -------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.repo is not None and self.user is not None

    def action_help(self) -> None:
        from intake.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen())

    def action_switch_language(self) -> None:
        self.lang = other_language(self.lang)

    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, APP_KEYS, lang)
        for screen in self.screen_stack:
            apply = getattr(screen, "apply_language", None)
            if apply is not None:
                apply(lang)

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the user's language, how to quit; everything is already saved."""
        self.notify(t("ctrl_c", self.lang), markup=False)

    def action_switch_theme(self) -> None:
        """The next theme, kept for the next start (a desk that needs high contrast keeps it)."""
        from intake.settings import save_preference

        self.theme = next_theme(self.theme)
        if not save_preference("theme", self.theme):
            self.notify(t("theme_not_saved", self.lang), markup=False, severity="warning")

    def action_new_intake(self) -> None:
        from intake.ui.session import IntakeSession

        repo, user = self.repo, self.user
        if repo is None or user is None:
            return
        session = self._guard(
            lambda: IntakeSession.start(
                repo,
                user,
                lang=self._lang(),
                receiving=self.settings.receiving_municipality,
                today=self.today,
            ),
            "start intake",
        )
        if session is not None:
            self.open_conversation(session)

    def action_resume(self) -> None:
        if not self.ready:
            return
        from intake.ui.screens.start import ResumeScreen

        self.push_screen(ResumeScreen())

    def action_open_training(self) -> None:
        """Training: fictitious visits on an engine of their own, never the case database."""
        from intake.ui.training.start import TrainingStartScreen

        self.push_screen(TrainingStartScreen())

    def resume_draft(self, draft: DraftInfo) -> None:
        from intake.ui.session import IntakeSession, OutdatedDraft

        repo, user = self.repo, self.user
        if repo is None or user is None:
            return
        try:
            session = IntakeSession.resume(
                repo,
                user,
                draft,
                receiving=self.settings.receiving_municipality,
                today=self.today,
                lang=self._lang(),
            )
        except OutdatedDraft:
            self.notify(t("draft_outdated", self.lang), severity="warning", markup=False)
            return
        except Exception as exc:
            self.show_error(exc, "resume draft")
            return
        self.open_conversation(session)

    def open_cases(self, view: str = "all") -> None:
        """The case list as `view` shows it (intake/ui/widgets/case_shortcuts.py), if the
        user's role has that view; the list screen is pushed over the start screen."""
        from intake.ui.screens.cases import CaseListScreen
        from intake.ui.widgets.case_shortcuts import query_for, views_for

        if self.user is None or view not in views_for(self.user.role):
            return
        self.return_to_start()
        self.push_screen(CaseListScreen(query_for(view, self.today or dt.date.today())))

    def action_open_cases(self, view: str = "all") -> None:
        default = (
            "created" if self.user is not None and self.user.role.value == "reception" else "all"
        )
        self.open_cases(view if view != "all" else default)

    def open_conversation(self, session: IntakeSession) -> None:
        from intake.ui.screens.conversation import ConversationScreen

        self.return_to_start()
        self.push_screen(ConversationScreen(session))

    def return_to_start(self) -> None:
        from intake.ui.screens.start import StartScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()

    def _lang(self) -> Lang:
        return "en" if self.lang == "en" else "sv"

    def _guard(self, call: Callable[[], Any], where: str) -> Any:
        """Run `call`; on an unexpected error show an id instead of a traceback."""
        try:
            return call()
        except Exception as exc:
            self.show_error(exc, where)
            return None

    def show_error(
        self, exc: BaseException, where: str, message_key: str = "unexpected_error"
    ) -> str:
        error_id = errors.report(exc, where)
        self.last_error_id = error_id
        self.notify(
            t(message_key, self.lang, error_id=error_id), severity="error", timeout=15, markup=False
        )
        return error_id

    # -- command palette ---------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.lang
        if self.ready and self.user is not None:
            from functools import partial

            from intake.ui.widgets.case_shortcuts import VIEWS, views_for

            if self.user.role.value != "admin":  # admins keep no drafts and make no cases
                yield SystemCommand(
                    t("new_intake", lang), t("new_intake", lang), self.action_new_intake
                )
                yield SystemCommand(t("resume", lang), t("resume", lang), self.action_resume)
            for view in views_for(self.user.role):
                title = t(VIEWS[view][1], lang)
                yield SystemCommand(title, t("cases_title", lang), partial(self.open_cases, view))
        from intake.ui.screens.start import has_training

        if has_training():
            from intake.ui.training.texts import tr

            yield SystemCommand(
                tr("training", lang), tr("training_help", lang), self.action_open_training
            )
        yield SystemCommand(
            t("switch_language", lang), t("language", lang), self.action_switch_language
        )
        yield SystemCommand(
            t("switch_theme", lang), ", ".join(APP_THEMES), self.action_switch_theme
        )
        yield SystemCommand(t("help", lang), t("help_title", lang), self.action_help)
        yield from screenshots.system_commands(self, super().get_system_commands(screen))

    # -- screenshots: an SVG with personal data; off outside training (intake/ui/screenshots.py)
    screenshots_allowed = False

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        parent = super().deliver_screenshot
        return screenshots.deliver(self, lambda: parent(filename, path, time_format), self.lang)

    # -- errors and shutdown ---------------------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """Never print Rich's traceback (its locals hold personal data): an id and a log line."""
        error_id = errors.report(error, "unhandled")
        self.last_error_id = error_id
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(t("unexpected_error", self.lang, error_id=error_id)))
        self._close_messages_no_wait()

    def close_repository(self) -> None:
        """Close the repository this app opened itself (one given to it belongs to the caller),
        after the last save has finished."""
        self.saver.shutdown(wait=True)
        if self._owns_repo and self.repo is not None:
            repo, self.repo = self.repo, None
            try:
                repo.close()
            except Exception as exc:
                errors.report(exc, "close repository")
