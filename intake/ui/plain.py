"""Plain mode (`intake --plain`): the same conversation as numbered lines on stdin/stdout.

For screen readers, Braille displays and slow remote terminals: no boxes, no colour, no
cursor movement, one question per prompt. The same session class as the Textual app, so the
same engine, drafts and case creation. No Textual import here, on purpose.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from intake.core.assessment_text import could_lead_to, step_when
from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.core.session import LEVELS, Desk, IntakeSession, OutdatedDraft, OverrideWithoutReason
from intake.oscompat import on_hangup
from intake.settings import Settings
from intake.ui import errors
from intake.ui.common import draft_label
from intake.ui.i18n import other_language, t
from storage.api import Role

if TYPE_CHECKING:
    from intake.ui.plain_lock import PlainLock
    from storage.api import Repository, UserInfo

InputFn = Callable[[str], str]
OutputFn = Callable[[str], None]

# Commands typed instead of an answer, in either language.
COMMANDS = {
    "/back": "back",
    "/tillbaka": "back",
    "/skip": "skip",
    "/hoppa": "skip",
    "/edit": "edit",
    "/ändra": "edit",
    "/andra": "edit",
    "/facts": "facts",
    "/uppgifter": "facts",
    "/lang": "lang",
    "/språk": "lang",
    "/sprak": "lang",
    "/help": "help",
    "/hjälp": "help",
    "/hjalp": "help",
    "?": "help",
    "/quit": "quit",
    "/avsluta": "quit",
}
PLAIN_HELP = {
    "sv": "Kommandon: /tillbaka, /hoppa, /ändra, /uppgifter, /språk, /hjälp, /avsluta. "
    "Alternativ väljs med siffra. Längre text avslutas med en tom rad.",
    "en": "Commands: /back, /skip, /edit, /facts, /lang, /help, /quit. "
    "Choose options by number. Longer text ends with an empty line.",
}


# Exit statuses: 0 done, 2 the database cannot be used (or this account may not use it),
# 3 left with answers not saved,
# 130 interrupted with every answer saved.
EXIT_DATABASE = 2
EXIT_REFUSED = 2  # the account is not a user of this database, or may not act as another
EXIT_UNSAVED = 3
EXIT_INTERRUPTED = 130
# Seconds a save may take before plain mode says the database is busy.
BUSY_AFTER = 1.0
YES = frozenset({"", "j", "ja", "y", "yes"})
NO = frozenset({"n", "nej", "no", "avbryt", "cancel"})


class _Hangup(Exception):
    pass


class _LeftUnsaved(Exception):
    """The user chose to leave although answers are not stored (and was told so)."""


class _Cancelled(Exception):
    pass


class PlainUI:
    def __init__(
        self,
        settings: Settings,
        *,
        act_as: str | None = None,
        repo: Repository | None = None,
        user: UserInfo | None = None,
        today: Any = None,
        read: InputFn = input,
        write: OutputFn = print,
        lock: PlainLock | None = None,
    ) -> None:
        self.settings = settings
        self.act_as = act_as  # an admin's support option (`--user`), audited
        self.lang = settings.language
        self.repo = repo
        self.user = user
        self.today = today
        self.read = read
        self.write = write
        self.desk: Desk | None = None
        self.session: IntakeSession | None = None
        self.lock = lock  # the desk lock, in a terminal (intake/ui/plain_lock.py)

    def close(self) -> None:
        """Close the desk and the database; a save stuck on a lock is left to end with the
        process when the user chose to leave without it (it is then not committed)."""
        stuck = self.session is not None and self.session.unsaved
        if self.desk is not None:
            self.desk.close(wait=not stuck)
        if self.repo is not None and not stuck:
            self.repo.close()

    def interrupted(self) -> int:
        """End of input, Ctrl+C or a hang-up: say truly whether every answer is stored."""
        with contextlib.suppress(OSError, ValueError):
            if self.session is not None and self.session.unsaved:
                self.say("unsaved_count", count=self.session.unsaved_count())
                self._copy_out(self.session)
                self.say("left_unsaved")
                return EXIT_UNSAVED
            self.say("resume_later")
        return EXIT_INTERRUPTED

    def say(self, key: str, **values: object) -> None:
        self.write(t(key, self.lang, **values))

    # -- start ---------------------------------------------------------------------------------
    def run(self) -> int:
        self.say("app_title")
        if self.repo is None:
            from intake import safety
            from storage import open_repository
            from storage.api import DatabaseFault

            try:
                safety.check_settings(self.settings)
            except safety.UnsafeConfiguration as unsafe:
                self.write(f"! {unsafe.message(self.lang)}")
                return EXIT_DATABASE
            try:
                self.repo = open_repository(self.settings.database_url)
            except DatabaseFault as fault:  # what is wrong and what to do, in one line
                self.write(fault.message(self.lang))
                return EXIT_DATABASE
            except Exception as exc:
                self.say("db_failed", error_id=errors.report(exc, "open repository"))
                return EXIT_DATABASE
        repo = self.repo
        user = self.user = self.user or self._sign_in(repo)
        if user is None:
            return EXIT_REFUSED
        if self.lock is not None:
            self.lock.arm_for(self.settings, user.username)
        role = t(f"role_{user.role.value}", self.lang)
        self.say("signed_in_as", name=user.display_name, role=role)
        if user.role is Role.ADMIN:  # admins keep no drafts and make no cases
            self.say("plain_admin")
            return 0
        desk = self.desk = Desk(repo, user)
        while True:
            choice = self._menu()
            session: IntakeSession | None = None
            if choice == "new":
                session = IntakeSession.start(
                    desk,
                    lang=self.lang,
                    receiving=self.settings.receiving_municipality,
                    today=self.today,
                )
            elif choice == "resume":
                session = self._pick_draft(desk, repo, user)
            elif choice == "quit":
                return 0
            if session is not None:
                try:
                    self.converse(session)
                except _LeftUnsaved:
                    return EXIT_UNSAVED

    def _sign_in(self, repo: Repository) -> UserInfo | None:
        """The OS account (PostgreSQL: the login) as the repository knows it; nothing is
        typed. None, after one line saying why and who can add it, when it is refused."""
        from storage.api import DatabaseFault, PermissionDenied, StorageError

        try:
            signed = repo.identify(act_as=self.act_as)
        except PermissionDenied as refusal:
            self.write(f"! {refusal.message(self.lang)}")
            return None
        except DatabaseFault as fault:  # busy, read-only, full...: named, in one line
            self.write(fault.message(self.lang))
            return None
        except StorageError as exc:
            self.say("db_failed", error_id=errors.report(exc, "sign in"))
            return None
        if signed.first_admin:
            self.say("first_admin", account=signed.account)
        if signed.support:
            self.say("acting_as", account=signed.account, name=signed.user.username)
        return signed.user

    def _menu(self) -> str:
        entries = [("new", "new_intake"), ("resume", "resume"), ("quit", "quit")]
        self.write("")
        self.say("start_heading")
        for n, (_, key) in enumerate(entries, 1):
            self.write(f"  {n} {t(key, self.lang)}")
        answer = self.read("> ").strip()
        if answer.isdigit() and 1 <= int(answer) <= len(entries):
            return entries[int(answer) - 1][0]
        self.write(f"! {t('pick_number', self.lang, count=len(entries))}")
        return "menu"

    def _pick_draft(self, desk: Desk, repo: Repository, user: UserInfo) -> IntakeSession | None:
        drafts = sorted(repo.list_drafts(user), key=lambda d: d.updated_at, reverse=True)
        if not drafts:
            self.say("no_drafts")
            return None
        for n, draft in enumerate(drafts, 1):
            self.write(f"  {n} {draft_label(draft, self.lang)}")
        picked = self.read("> ").strip()
        if not (picked.isdigit() and 1 <= int(picked) <= len(drafts)):
            self.write(f"! {t('pick_number', self.lang, count=len(drafts))}")
            return None
        try:
            return IntakeSession.resume(
                desk,
                drafts[int(picked) - 1],
                receiving=self.settings.receiving_municipality,
                today=self.today,
                lang=self.lang,
            )
        except OutdatedDraft:
            self.say("draft_outdated")
            return None

    # -- the conversation ------------------------------------------------------------------------
    def converse(self, session: IntakeSession) -> None:
        self.session = session
        section = ""
        for line in session.engine.transcript():
            self.write(f"{line.question}  = {line.answer or t('skipped', self.lang)}")
        while True:
            question = session.current()
            progress = session.engine.progress()
            if progress.section_title != section:
                section = progress.section_title
                self.write("")
                self.write(
                    "== "
                    + t(
                        "section_progress",
                        self.lang,
                        index=progress.section_index,
                        count=progress.section_count,
                        title=section,
                    )
                )
            if question.kind is QuestionKind.SUMMARY:
                if self._finish(session):
                    return
                continue
            self._ask(question)
            text = self._read_answer(question)
            command = COMMANDS.get(text.strip().casefold())
            if command == "quit":
                self._leave(session)
                return
            if command is not None:
                self._command(session, command)
                continue
            result = session.answer(text)
            if not result.ok:
                self.write(f"! {result.message}")
                if result.suggestions:
                    self.write(f"  {t('did_you_mean', self.lang)} {', '.join(result.suggestions)}")
                continue
            self._save(session)  # the answer is echoed as taken only once it is stored
            if result.display:
                self.write(f"  = {result.display}")

    def _ask(self, question: QuestionView) -> None:
        self.write("")
        self.write(question.text)
        if question.hint:
            self.write(f"  ({question.hint})")
        for n, option in enumerate(question.options, 1):
            self.write(f"  {n} {option.label}")

    def _read_answer(self, question: QuestionView) -> str:
        if question.kind is not QuestionKind.LONGTEXT:
            return self.read("> ")
        lines: list[str] = []
        while True:
            line = self.read("> " if not lines else ". ")
            if not line.strip():
                return "\n".join(lines)
            if not lines and COMMANDS.get(line.strip().casefold()):
                return line
            lines.append(line)

    def _save(self, session: IntakeSession) -> None:
        """Store every answer before the next question; if that fails, say so and offer to
        retry, to show the answers for copying, or to leave (`_LeftUnsaved`)."""
        while True:
            try:
                self._wait_for_save(session)
                return
            except _Cancelled:
                self.say("save_cancelled")
            except Exception as exc:
                self.write(errors.save_failure(exc, self.lang))
            if not self._unsaved_choice(session):
                self.say("left_unsaved")
                raise _LeftUnsaved

    def _wait_for_save(self, session: IntakeSession) -> None:
        """A save longer than a second says that the database is busy; Ctrl+C stops waiting
        (the save may still finish on its thread; a later save stores the same answers)."""
        saving = session.save_later()
        try:
            saving.result(timeout=BUSY_AFTER)
            return
        except FutureTimeout:
            self.say("db_busy")
        try:
            saving.result()
        except KeyboardInterrupt:
            raise _Cancelled from None

    def _unsaved_choice(self, session: IntakeSession) -> bool:
        """True to try again, False to leave without saving."""
        while True:
            self.say("unsaved_count", count=session.unsaved_count())
            picked = self.read(f"{t('unsaved_choices', self.lang)}\n> ").strip()
            if picked == "1":
                return True
            if picked == "2":
                self._copy_out(session)
            elif picked == "3":
                return False
            else:
                self.write(f"! {t('pick_number', self.lang, count=3)}")

    def _copy_out(self, session: IntakeSession) -> None:
        self.say("unsaved_copy")
        for line in session.engine.transcript():
            self.write(f"  {line.question} = {line.answer or t('skipped', self.lang)}")

    def _leave(self, session: IntakeSession) -> None:
        """/avsluta: the draft is kept for later, once what was answered is stored."""
        if session.unsaved:
            self._save(session)
        self.say("resume_later")

    def _command(self, session: IntakeSession, command: str) -> None:
        if command == "back":
            if session.back():
                self._save(session)
            else:
                self.say("cannot_go_back")
        elif command == "skip":
            if session.current().skippable:
                session.skip()
                self._save(session)
        elif command == "edit":
            lines = session.engine.transcript()
            for n, line in enumerate(lines, 1):
                self.write(f"  {n} {line.question} = {line.answer or t('skipped', self.lang)}")
            picked = self.read("> ").strip()
            if picked.isdigit() and 1 <= int(picked) <= len(lines):
                session.edit(lines[int(picked) - 1].question_id)
                self._save(session)
        elif command == "facts":
            self._facts(session)
        elif command == "lang":
            self.lang = other_language(self.lang)
            session.lang = self.lang
        elif command == "help":
            self.write(PLAIN_HELP["sv" if self.lang == "sv" else "en"])

    def _facts(self, session: IntakeSession) -> None:
        section = ""
        for fact in session.engine.facts():
            if fact.section_title != section:
                section = fact.section_title
                self.write(f"-- {section}")
            self.write(f"  {fact.label}: {fact.value}")

    def _finish(self, session: IntakeSession) -> bool:
        """Summary, assessment, decision. True when the case is created or the user leaves;
        only an explicit choice creates the case."""
        self.write(session.current().text)
        self.say("summary_intro")
        self._facts(session)
        while True:
            prompt = f"{t('to_assessment', self.lang)}? [J/n, /tillbaka, /avsluta] "
            answer = self.read(prompt).strip().casefold()
            command = COMMANDS.get(answer)
            if command == "back" or command == "quit":
                return self._back_or_leave(session, command)
            if answer in YES:
                break
            self.say("summary_stays")  # "n" or anything else: the assessment is not shown
        assessment = session.assessment()
        self._print_assessment(assessment)
        while True:
            decision = self._override(str(assessment.get("level", "")))
            if decision == "back":
                return False  # to the summary again
            if decision == "quit":
                return self._back_or_leave(session, decision)
            if isinstance(decision, tuple):
                break
        override, reason = decision
        try:
            case = session.create_case(override, reason)
        except OverrideWithoutReason:
            self.say("reason_required")
            return False
        except Exception as exc:
            self.say("case_failed", error_id=errors.report(exc, "create case"))
            return True
        self.say("case_created", number=case.number)
        return True

    def _back_or_leave(self, session: IntakeSession, command: str) -> bool:
        if command == "quit":
            self._leave(session)
            return True
        session.back()
        self._save(session)
        return False

    def _print_assessment(self, a: dict[str, Any]) -> None:
        lang = self.lang
        self.write("")
        self.write(f"== {t('assessment_title', lang)}: {t('level_' + str(a.get('level')), lang)}")
        self.write(f"{t('urgency', lang)}: {t('urgency_' + str(a.get('urgency')), lang)}")
        for title, items in (
            ("indicators", a.get("indicators", [])),
            ("counter_indicators", a.get("counter_indicators", [])),
        ):
            self.write(f"-- {t(title, lang)}")
            for item in items or []:
                rule = f"{t('rule', lang)}: {item.get('source', '')}"
                self.write(f"  * {item.get('explanation', '')} ({rule})")
            if not items:
                self.say("no_items")
        questions = a.get("open_questions", [])
        if questions:  # what the social worker must find out, and what it could lead to
            self.write(f"-- {t('open_questions', lang)}")
            for q in questions:
                could = could_lead_to(q, lang)
                self.write(f"  * {q.get('question', '')}" + (f" ({could})" if could else ""))
        self.write(f"-- {t('next_steps', lang)}")
        for step in a.get("next_steps", []):
            self.write(f"  * {step.get('title', '')} – {step_when(step, lang)}")

    def _override(self, level: str) -> tuple[str | None, str] | str:
        """(override, reason) to create the case; "back" or "quit"; "" to ask again."""
        others = [x for x in LEVELS if x != level]
        self.write(f"{t('override_level', self.lang)}:")
        self.write(f"  0 {t('keep_level', self.lang)}")
        for n, other in enumerate(others, 1):
            self.write(f"  {n} {t('level_' + other, self.lang)}")
        picked = self.read(f"{t('confirm_case', self.lang)} [0-{len(others)}, /tillbaka] > ")
        picked = picked.strip().casefold()
        command = COMMANDS.get(picked)
        if command in ("back", "quit"):
            return str(command)
        if picked in NO:
            return "back"
        if picked == "0":
            return None, ""
        if picked.isdigit() and 1 <= int(picked) <= len(others):
            reason = self.read(f"{t('override_reason', self.lang)}: ")
            if reason.strip():
                return others[int(picked) - 1], reason
            self.say("reason_required")
            return ""
        self.write(f"! {t('confirm_or_back', self.lang)}")
        return ""


def _tolerant_output() -> None:
    """A console or pipe that cannot encode a character (cp1252 on a Windows pipe, ASCII
    under LANG=C) shows "?" for it instead of stopping the visit with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def run_plain(settings: Settings, act_as: str | None = None) -> int:
    from intake.ui.plain_lock import LoggedOut, terminal_lock

    lock = terminal_lock(lambda: ui.lang)
    ui = PlainUI(
        settings,
        act_as=act_as,
        read=input if lock is None else lock.read,
        write=print if lock is None else lock.write,
        lock=lock,
    )

    def hang_up() -> None:
        raise _Hangup

    _tolerant_output()
    on_hangup(hang_up)  # SIGHUP/SIGTERM, or SIGBREAK on Windows: see intake.oscompat
    try:
        return ui.run()
    except (EOFError, KeyboardInterrupt, _Hangup):
        return ui.interrupted()
    except LoggedOut:  # at a locked desk: say only whether every answer is stored
        if ui.session is not None and ui.session.unsaved:
            ui.say("logged_out_unsaved", count=ui.session.unsaved_count())
            return EXIT_UNSAVED
        ui.say("logged_out")
        return 0
    except Exception as exc:
        print(t("unexpected_error", ui.lang, error_id=errors.report(exc, "plain")), file=sys.stderr)
        return 1
    finally:
        ui.close()
