"""The Textual app: a start screen drawn at once, the database opened behind it.

The first screen never waits for SQLAlchemy (hundreds of milliseconds to import): the
repository is opened in a thread worker after the first frame, and the start screen's
actions become available when it is ready.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from intake.core.desk import Desk
from intake.ui import errors, screenshots
from intake.ui.desk_lock import DeskLock
from intake.ui.i18n import Lang, other_language, t
from intake.ui.screens.base import localize_bindings
from intake.ui.themes import APP_THEMES, HIGH_CONTRAST, next_theme

if TYPE_CHECKING:
    from intake.core.session import IntakeSession
    from intake.credentials import CredentialChecker
    from intake.safety import UnsafeConfiguration
    from intake.settings import Settings
    from storage.api import DraftInfo, PermissionDenied, Repository, SignIn, UserInfo

RepositoryOpener = Callable[[str], "Repository"]
EXIT_UNSAVED = 3  # left with answers the database did not take (as plain mode)
EXIT_REFUSED = 2  # the account is not a user of this database (as plain mode)
VISIT_FIRST_SECONDS = 1.0  # at most this long, the database waits for a visit being drawn
START_UP_AT_THE_LATEST = 0.5  # seconds: the start-up thread begins by then in any case
T = TypeVar("T")

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
    """Reception intake. `repo`/`user` may be given (tests); otherwise opened and asked for.

    Start-up, in a thread worker after the first frame: the settings and the dialogue (a new
    intake can begin then, before the database is open), then the repository
    (`RepositoryOpened`/`RepositoryFailed`), then who is working. Sessions reach storage
    through `desk`, whose saves wait for the repository.
    """

    CSS_PATH = "app.tcss"
    TITLE = "intake"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS = [  # noqa: RUF012 - Textual's declared type
        Binding("f1", "help", "Hjälp"),
        Binding("f4", "switch_language", "English"),
        Binding("ctrl+q", "quit", "Avsluta", priority=True),
    ]

    # Screens watch these instead of asking the app: `lang` re-labels every screen.
    lang: var[str] = var("sv")
    user: var[UserInfo | None] = var(None)
    repo_error: var[str] = var("")
    # The settings and the dialogue are loaded, and someone is (or will be) signed in.
    intake_ready: var[bool] = var(False)

    class RepositoryOpened(Message):
        """The start-up worker opened the repository (as Harlequin's `DatabaseConnected`) and
        found out who works at this desk (`sign_in`: None when the user was given)."""

        def __init__(self, repo: Repository, sign_in: SignIn | None = None) -> None:
            super().__init__()
            self.repo = repo
            self.sign_in = sign_in

    class SignInRefused(Message):
        """The OS account (or the login) is not a user of this database, or may not act as
        the user asked for: `refusal.message(lang)` says why and who can add it."""

        def __init__(self, refusal: PermissionDenied) -> None:
            super().__init__()
            self.refusal = refusal

    class RepositoryFailed(Message):
        """`text_key` says why in the user's language (a newer schema has its own text)."""

        def __init__(self, error_id: str, text_key: str = "db_failed") -> None:
            super().__init__()
            self.error_id = error_id
            self.text_key = text_key

    class IntakeCanStart(Message):
        """The settings and the dialogue are loaded: a new intake can begin."""

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
        act_as: str | None = None,
        handle_hangup: bool = False,
        freeze_after_start: bool = False,
        credentials: CredentialChecker | None = None,
        clock: Callable[[], float] | None = None,
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
        self.desk = Desk()
        self._act_as = act_as  # an admin's support option (`--user`), audited
        self.first_admin = False  # this start made the OS account the database's first admin
        self.support_account = ""  # the admin's account when it works as another user
        self.refusal: PermissionDenied | None = None  # the account may not work here
        self.exit_line = ""  # printed on standard error after the app has ended
        self._intake_requested = False  # N was pressed before an intake could begin
        self._visit_drawn = threading.Event()  # set when no visit waits to be drawn at start
        self._opening_drawn = threading.Event()  # set once the greeting N asked for is drawn
        self._start_up_begun = False
        self._dialogue_loaded = False
        self.left_unsaved = False  # the user chose to leave with answers not stored
        # Locks the desk after idle time (intake/ui/desk_lock.py); armed once signed in.
        self.desk_lock = DeskLock(self, checker=credentials, **({"clock": clock} if clock else {}))

    # -- start-up ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self._handle_hangup:
            install_hangup_handler(self)
        self.register_theme(HIGH_CONTRAST)
        self.theme = self._theme if self._theme in self.available_themes else APP_THEMES[0]
        localize_bindings(self, APP_KEYS, self.lang)
        # After the first frame: the worker's imports must not delay the first paint. Textual
        # runs this after the *start screen's* next refresh; a screen pushed over it before
        # that (a key pressed at once) would hold it back, so a timer starts it too.
        self.call_after_refresh(self._begin_start_up)
        self.set_timer(START_UP_AT_THE_LATEST, self._begin_start_up)

    def _begin_start_up(self) -> None:
        if not self._start_up_begun:
            self._start_up_begun = True
            self._start_up()

    def get_default_screen(self) -> Screen[Any]:
        """The start screen is the bottom of the stack (not pushed over an empty screen,
        which Textual would build and lay out first: bench/bench_ui.py, "first screen")."""
        from intake.ui.screens.start import StartScreen

        return StartScreen()

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from intake.settings import load_settings

            self._settings = load_settings(**self._settings_overrides)
        return self._settings

    @work(thread=True, exit_on_error=False, name="start-up")
    def _start_up(self) -> None:
        """Settings and dialogue first (an intake can begin), then the repository."""
        opened = False
        try:
            opened = self._open_everything()
        finally:
            if self._freeze_after_start:
                from intake.ui import gc_tuning

                gc_tuning.end_start_up(freeze=opened)

    def _open_everything(self) -> bool:
        try:  # the greeting first (N shows it at once), then all that a visit needs
            from intake.core.dialogue.opening import default_opening

            default_opening()
            self._greeting_first()
            import pydantic  # noqa: F401 - the largest import, on its own

            self._greeting_first()
            from intake.core.dialogue.loader import default_dialogue

            self._greeting_first()
            from intake.core.session import IntakeSession  # noqa: F401
            from intake.ui.screens.conversation import ConversationScreen  # noqa: F401

            default_dialogue()
            _ = self.settings
        except Exception as exc:  # shown with an id when an intake starts
            errors.report(exc, "load dialogue")
        self.post_message(self.IntakeCanStart())
        # A visit asked for meanwhile is drawn first: opening the database (SQLAlchemy's
        # imports) alongside would halve the screen's share of the interpreter.
        self._visit_drawn.wait(timeout=VISIT_FIRST_SECONDS)
        if self.repo is not None and self._initial_user is not None:
            self.post_message(self.RepositoryOpened(self.repo))
            return True
        from intake import safety

        try:
            if self.repo is None:
                safety.check_settings(self.settings)
        except safety.UnsafeConfiguration as unsafe:
            self.call_from_thread(self._unsafe, unsafe)
            return False
        from storage.api import PermissionDenied, SchemaTooNewError

        try:
            repo = self.repo or self._opener(self.settings.database_url)
        except SchemaTooNewError:
            self.post_message(self.RepositoryFailed("", "db_newer_schema"))
            return False
        except Exception as exc:  # shown with an id; the details go to the log only
            self.post_message(self.RepositoryFailed(errors.report(exc, "open repository")))
            return False
        try:  # who works here: the OS account, never a name typed in (storage.identity)
            sign_in = repo.identify(act_as=self._act_as)
        except PermissionDenied as refusal:
            self.repo = repo  # closed with the app
            self.post_message(self.SignInRefused(refusal))
            return False
        except Exception as exc:
            self.repo = repo
            self.post_message(self.RepositoryFailed(errors.report(exc, "sign in")))
            return False
        self.post_message(self.RepositoryOpened(repo, sign_in))
        return True

    def _greeting_first(self) -> None:
        """Between the start-up thread's steps: when N waits for the greeting, it is drawn
        first (the thread's imports alongside would take half the interpreter from it)."""
        if self._intake_requested:
            self._opening_drawn.wait(timeout=VISIT_FIRST_SECONDS)

    def _unsafe(self, unsafe: UnsafeConfiguration) -> None:
        """A configuration intake must not start in (intake.safety): one line saying how to
        fix it, exit status 2, before the database is opened. The line is printed by
        `intake.ui.run` once the terminal is restored (Rich would wrap it into several)."""
        self.exit_line = unsafe.message(self.lang)
        self.exit(None, EXIT_REFUSED)

    @on(IntakeCanStart)
    def _intake_can_start(self) -> None:
        self._dialogue_loaded = True
        self._update_intake_ready()
        self.call_after_refresh(self._visit_drawn.set)  # the visit N asked for, if any

    @on(RepositoryOpened)
    def _repository_opened(self, message: RepositoryOpened) -> None:
        self.repo = message.repo
        if message.sign_in is None:
            if self._initial_user is not None:
                self._signed_in(self._initial_user)
            return
        if message.sign_in.first_admin:
            self.first_admin = True
            self.notify(
                t("first_admin", self.lang, account=message.sign_in.account),
                markup=False,
                timeout=15,
            )
        if message.sign_in.support:
            self.support_account = message.sign_in.account
        self._signed_in(message.sign_in.user)

    @on(SignInRefused)
    def _sign_in_refused(self, message: SignInRefused) -> None:
        """Nothing of the app is reachable: the refusal says who can add the account; any
        save begun meanwhile fails (nothing is shown as stored)."""
        from intake.ui.screens.login import AccountRefusedScreen
        from storage.api import StorageError

        self.refusal = message.refusal
        self.desk.fail(StorageError("this account is not a user of the database"))
        self._update_intake_ready()
        self.return_to_start()
        self.push_screen(AccountRefusedScreen(message.refusal))

    @on(RepositoryFailed)
    def _repository_failed(self, message: RepositoryFailed) -> None:
        from storage.api import StorageError

        self.desk.fail(StorageError("the database could not be opened"))
        self.repo_error = t(message.text_key, self.lang, error_id=message.error_id)
        self._update_intake_ready()

    def _signed_in(self, user: UserInfo) -> None:
        if self.repo is not None:
            self.desk.open(self.repo, user)
        self.user = user
        self.desk_lock.arm(user.username)
        self._update_intake_ready()

    def _update_intake_ready(self) -> None:
        # The OS account is known at once; whether it is a user, only once the database is
        # open: a visit may begin meanwhile, its first save waits for the sign-in.
        self.intake_ready = self._dialogue_loaded and not self.repo_error and not self.refused
        if not self.intake_possible and self._intake_requested:  # the visit cannot begin
            self.cancel_new_intake()
        if self.intake_ready and self._intake_requested:
            self._intake_requested = False
            self.action_new_intake()

    # -- actions -------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """The database is open and the user known: drafts and cases can be listed."""
        return self.repo is not None and self.user is not None

    @property
    def intake_possible(self) -> bool:
        """A new intake can begin now, or will as soon as the start-up worker is done."""
        return not self.repo_error and not self.refused

    @property
    def refused(self) -> bool:
        """The account was refused: the app offers nothing but to leave (exit status 2)."""
        return self.refusal is not None

    def action_help(self) -> None:
        from intake.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen())

    def action_switch_language(self) -> None:
        self.lang = other_language(self.lang)

    def watch_lang(self, lang: str) -> None:
        localize_bindings(self, APP_KEYS, lang)  # screens watch `lang` themselves

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the user's language, how to quit (and, truly, whether all is saved)."""
        session = self._visit()
        unsaved = session is not None and session.unsaved
        self.notify(t("ctrl_c_unsaved" if unsaved else "ctrl_c", self.lang), markup=False)

    async def action_quit(self) -> None:
        """Ctrl+Q: leave at once when every answer is stored; otherwise say so and offer to
        retry, to show the answers for copying, or to leave anyway (exit status 3)."""
        from intake.ui.screens.unsaved import UnsavedScreen, answers_text

        if self.desk_lock.locked:  # whoever is at a locked desk may only log out
            self.desk_lock.log_out()
            return
        session = self._visit()
        if self.refused:
            self.exit(0, EXIT_REFUSED)
            return
        if session is None or not session.unsaved:
            self.exit(0)
            return
        if isinstance(self.screen, UnsavedScreen):
            return

        def chosen(choice: str | None) -> None:
            if choice == "saved":
                self.exit(0)
            elif choice == "leave" and session is not None:
                self.left_unsaved = True
                said = t("unsaved_count", self.lang, count=session.unsaved_count())
                copy = answers_text(session, self.lang)
                left = t("left_unsaved", self.lang)
                self.exit(0, EXIT_UNSAVED, Text(f"{said}\n{copy}\n{left}"))

        self.push_screen(UnsavedScreen(session), chosen)

    def _visit(self) -> IntakeSession | None:
        """The visit open on screen, if any."""
        from intake.ui.screens.conversation import ConversationScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, ConversationScreen):
                return screen.session
        return None

    def action_switch_theme(self) -> None:
        """The next theme, kept for the next start (a desk that needs high contrast keeps it)."""
        from intake.settings import save_preference

        self.theme = next_theme(self.theme)
        if not save_preference("theme", self.theme):
            self.notify(t("theme_not_saved", self.lang), markup=False, severity="warning")

    def action_new_intake(self) -> None:
        """Begin a visit: at once when the dialogue is loaded (the database may still be
        opening; the first save waits for it), or as soon as it is, if N came earlier."""
        if not self.intake_ready:
            self._intake_requested = self.intake_possible
            if self._intake_requested:
                self._show_opening()
            return
        from intake.core.session import IntakeSession
        from intake.ui.screens.opening import OpeningScreen

        session = self.guard(
            lambda: IntakeSession.start(
                self.desk,
                lang=self._lang(),
                receiving=self.settings.receiving_municipality,
                today=self.today,
            ),
            "start intake",
        )
        opening = self.screen if isinstance(self.screen, OpeningScreen) else None
        if session is None:
            if opening is not None:
                self.return_to_start()  # from the greeting: the error shows on the start screen
        elif opening is not None and opening.begun:  # Enter was pressed on the greeting
            self.open_conversation(session, begun=(opening.opening.question_id, opening.held))
        else:
            self.open_conversation(session)

    def _show_opening(self) -> None:
        """The greeting at once, while the dialogue is compiled (intake.ui.screens.opening)."""
        from intake.core.dialogue.opening import default_opening
        from intake.ui.screens.opening import OpeningScreen

        if isinstance(self.screen, OpeningScreen):
            return
        opening = default_opening()
        if opening is None:
            self._opening_drawn.set()
            return
        self.push_screen(OpeningScreen(opening))
        self.call_after_refresh(self._opening_drawn.set)  # after the greeting's refresh
        self._begin_start_up()  # N came before the start screen's first refresh

    def cancel_new_intake(self) -> None:
        """Esc on the greeting shown while the dialogue loads: no visit is begun."""
        self._intake_requested = False
        self._opening_drawn.set()  # nothing for the start-up thread to wait for
        self.return_to_start()

    def action_resume(self) -> None:
        repo, user = self.repo, self.user
        if repo is None or user is None:
            return
        from intake.ui.screens.start import ResumeScreen

        drafts = self.guard(lambda: repo.list_drafts(user), "list drafts")
        if drafts is not None:
            newest_first = sorted(drafts, key=lambda d: d.updated_at, reverse=True)
            self.push_screen(ResumeScreen(newest_first), self.resume_draft)

    def action_open_training(self) -> None:
        """Training: fictitious visits on an engine of their own, never the case database."""
        from intake.ui.training.start import TrainingStartScreen

        self.push_screen(TrainingStartScreen())

    def resume_draft(self, draft: DraftInfo | None) -> None:
        from intake.core.session import IntakeSession, OutdatedDraft

        if draft is None:
            return
        try:
            session = IntakeSession.resume(
                self.desk,
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

    def open_admin(self, view: str) -> None:
        """An admin's screen: users, the audit log or retention (intake/ui/screens/admin*.py);
        the repository refuses anyone else, so the screens are offered to admins only."""
        from storage.api import Role

        if self.user is None or self.user.role is not Role.ADMIN or self.repo is None:
            return
        from intake.ui.screens.admin import RetentionScreen, UsersScreen
        from intake.ui.screens.admin_audit import AuditScreen

        screens = {"users": UsersScreen, "audit": AuditScreen, "retention": RetentionScreen}
        self.return_to_start()
        self.push_screen(screens[view]())

    def open_conversation(
        self, session: IntakeSession, begun: tuple[str, list[events.Key]] | None = None
    ) -> None:
        from intake.ui.screens.conversation import ConversationScreen

        self.return_to_start()
        self.push_screen(ConversationScreen(session, begun=begun))

    def return_to_start(self) -> None:
        from intake.ui.screens.start import StartScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()

    def _lang(self) -> Lang:
        return "en" if self.lang == "en" else "sv"

    def guard(self, call: Callable[[], T], where: str) -> T | None:
        """Run `call`; on an unexpected error show an id instead of a traceback (None)."""
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

    # -- the desk lock: every key and click is activity; a locked desk allows little --------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.desk_lock.activity()
        await super().on_event(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.desk_lock.allows(action) and super().check_action(action, parameters)

    def notify(self, message: str, **options: Any) -> None:
        if not self.desk_lock.hold(message, options):
            super().notify(message, **options)

    # -- command palette ---------------------------------------------------------------------
    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.lang
        role = self.user.role.value if self.user is not None else None
        if self.intake_ready and role != "admin":  # admins keep no drafts and make no cases
            yield SystemCommand(
                t("new_intake", lang), t("new_intake", lang), self.action_new_intake
            )
        if self.ready and self.user is not None:
            from functools import partial

            from intake.ui.widgets.case_shortcuts import VIEWS, views_for

            if role != "admin":
                yield SystemCommand(t("resume", lang), t("resume", lang), self.action_resume)
            else:
                from intake.ui.screens.start import admin_entries

                for _key, view, text_key in admin_entries():
                    title, what = t(text_key, lang), t("admin_heading", lang)
                    yield SystemCommand(title, what, partial(self.open_admin, view))
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
        self.desk.close(wait=not self.left_unsaved)  # a save stuck on a lock is not waited for
        if self._owns_repo and self.repo is not None and not self.left_unsaved:
            repo, self.repo = self.repo, None
            try:
                repo.close()
            except Exception as exc:
                errors.report(exc, "close repository")
