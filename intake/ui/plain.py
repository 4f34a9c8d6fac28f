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
from typing import TYPE_CHECKING, Any

from intake.core.dialogue.api import QuestionKind, QuestionView
from intake.oscompat import on_hangup
from intake.settings import Settings
from intake.ui import errors
from intake.ui.common import USERNAME, draft_label
from intake.ui.i18n import other_language, t
from intake.ui.session import LEVELS, IntakeSession, OutdatedDraft, OverrideWithoutReason

if TYPE_CHECKING:
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


class _Hangup(Exception):
    pass


class PlainUI:
    def __init__(
        self,
        settings: Settings,
        *,
        repo: Repository | None = None,
        user: UserInfo | None = None,
        today: Any = None,
        read: InputFn = input,
        write: OutputFn = print,
    ) -> None:
        self.settings = settings
        self.lang = settings.language
        self.repo = repo
        self.user = user
        self.today = today
        self.read = read
        self.write = write

    def say(self, key: str, **values: object) -> None:
        self.write(t(key, self.lang, **values))

    # -- start ---------------------------------------------------------------------------------
    def run(self) -> int:
        self.say("app_title")
        if self.repo is None:
            from storage import open_repository

            try:
                self.repo = open_repository(self.settings.database_url)
            except Exception as exc:
                self.say("db_failed", error_id=errors.report(exc, "open repository"))
                return 1
        if self.user is None:
            self.user = self._sign_in(self.repo)
        self.say(
            "signed_in_as",
            name=self.user.display_name,
            role=t(f"role_{self.user.role.value}", self.lang),
        )
        while True:
            choice = self._menu()
            if choice == "new":
                session = IntakeSession.start(
                    self.repo,
                    self.user,
                    lang=self.lang,
                    receiving=self.settings.receiving_municipality,
                    today=self.today,
                )
                self.converse(session)
            elif choice == "resume":
                resumed = self._pick_draft(self.repo, self.user)
                if resumed is not None:
                    self.converse(resumed)
            elif choice == "quit":
                return 0

    def _sign_in(self, repo: Repository) -> UserInfo:
        from intake.core.textclean import clean_text
        from storage.api import Role

        self.say("login_title")
        name = self.settings.user or ""
        while not USERNAME.match(name):
            name = clean_text(self.read(f"{t('username', self.lang)}: "))
        known = repo.get_user(name)
        if known is not None:
            return known
        self.say("login_intro")
        display = clean_text(self.read(f"{t('display_name', self.lang)}: ")) or name
        roles = list(Role)
        listing = "  ".join(
            f"{n} {t(f'role_{r.value}', self.lang)}" for n, r in enumerate(roles, 1)
        )
        while True:
            picked = self.read(f"{t('role', self.lang)} ({listing}): ").strip()
            if picked.isdigit() and 1 <= int(picked) <= len(roles):
                return repo.ensure_user(name, display, roles[int(picked) - 1])
            self.write(f"! {t('pick_number', self.lang, count=len(roles))}")

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

    def _pick_draft(self, repo: Repository, user: UserInfo) -> IntakeSession | None:
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
                repo,
                user,
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
                self.say("resume_later")
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
            if result.display:
                self.write(f"  = {result.display}")
            self._save(session)

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
        """Every answer is stored before the next question; on failure, retry or stop."""
        while True:
            try:
                session.save()
                return
            except Exception as exc:
                self.say("save_failed", error_id=errors.report(exc, "save draft"))
                if self.read(f"{t('retry_save', self.lang)}? [J/n] ").strip().casefold() in (
                    "n",
                    "no",
                    "nej",
                ):
                    raise _Hangup from None

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
        """Summary, assessment, decision. True when the case is created (or the user quits)."""
        self.write(session.current().text)
        self.say("summary_intro")
        self._facts(session)
        answer = self.read(f"{t('to_assessment', self.lang)}? [J/n, /tillbaka] ").strip().casefold()
        if COMMANDS.get(answer) == "back":
            session.back()
            self._save(session)
            return False
        if COMMANDS.get(answer) == "quit":
            self.say("resume_later")
            return True
        assessment = session.assessment()
        self._print_assessment(assessment)
        override, reason = self._override(str(assessment.get("level", "")))
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
        self.write(f"-- {t('next_steps', lang)}")
        for step in a.get("next_steps", []):
            due = t("due", lang, date=step["due"]) if step.get("due") else t("no_due", lang)
            self.write(f"  * {step.get('title', '')} – {due}")

    def _override(self, level: str) -> tuple[str | None, str]:
        others = [x for x in LEVELS if x != level]
        self.write(f"{t('override_level', self.lang)}:")
        self.write(f"  0 {t('keep_level', self.lang)}")
        for n, other in enumerate(others, 1):
            self.write(f"  {n} {t('level_' + other, self.lang)}")
        picked = self.read(f"{t('confirm_case', self.lang)} > ").strip()
        if not (picked.isdigit() and 1 <= int(picked) <= len(others)):
            return None, ""
        reason = self.read(f"{t('override_reason', self.lang)}: ")
        return others[int(picked) - 1], reason


def _tolerant_output() -> None:
    """A console or pipe that cannot encode a character (cp1252 on a Windows pipe, ASCII
    under LANG=C) shows "?" for it instead of stopping the visit with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def run_plain(settings: Settings) -> int:
    ui = PlainUI(settings)

    def hang_up() -> None:
        raise _Hangup

    _tolerant_output()
    on_hangup(hang_up)  # SIGHUP/SIGTERM, or SIGBREAK on Windows: see intake.oscompat
    try:
        return ui.run()
    except (EOFError, KeyboardInterrupt, _Hangup):
        with contextlib.suppress(OSError):
            ui.say("resume_later")
        return 130
    except Exception as exc:
        print(t("unexpected_error", ui.lang, error_id=errors.report(exc, "plain")), file=sys.stderr)
        return 1
    finally:
        if ui.repo is not None:
            ui.repo.close()
