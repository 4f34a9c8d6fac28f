"""Plain mode's assessment says what the app's says: a not-before date reads "tidigast" (never
"senast", never "inget datum"), and the open questions are listed with the level they could
lead to. Driven through plain mode itself, answering whatever it asks."""

from __future__ import annotations

from typing import Any

from intake.core.dialogue.api import QuestionKind
from intake.core.parsing.dates import format_date
from intake.settings import load_settings
from intake.ui.i18n import t
from intake.ui.plain import PlainUI
from storage.api import Repository, UserInfo
from tests.ui.driver import TODAY
from tests.ui.test_intakes import STRONG_WITH_CHILDREN


class Visitor:
    """Answers plain mode's prompts from `answers` (question id -> option key(s) or text, as
    the Textual driver's scripts), skipping what is not scripted, then creates the case."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.ui: PlainUI | None = None
        self.created = False
        self._long_sent = False

    def __call__(self, prompt: str) -> str:
        assert self.ui is not None
        session = self.ui.session
        if session is None:
            return "1"  # menu: a new visit
        if self.created:
            return "3"  # menu: quit
        if t("to_assessment", "sv") in prompt:
            return ""
        if t("confirm_case", "sv") in prompt:
            self.created = True
            return "0"  # keep the level: create the case
        question = session.current()
        value = self.answers.get(question.id)
        if question.kind is QuestionKind.LONGTEXT:
            self._long_sent = not self._long_sent
            return str(value or "") if self._long_sent else ""
        if value is None:
            return "" if question.kind is QuestionKind.INFO else "/hoppa"
        return ",".join(value) if isinstance(value, list) else str(value)


def _plain_visit(repo: Repository, user: UserInfo, answers: dict[str, Any]) -> list[str]:
    visitor = Visitor({**STRONG_WITH_CHILDREN, "violence": "no", "protected_identity": "no",
                       **answers})  # fmt: skip
    out: list[str] = []
    ui = PlainUI(load_settings(), repo=repo, user=user, today=TODAY, read=visitor, write=out.append)
    visitor.ui = ui
    assert ui.run() == 0
    return out


def test_plain_mode_shows_a_not_before_date_as_tidigast(repo: Repository, user: UserInfo) -> None:
    out = _plain_visit(repo, user, {})
    (ivo,) = [line for line in out if "IVO" in line and line.lstrip().startswith("*")]
    assert "tidigast" in ivo and "senast" not in ivo and "inget datum" not in ivo, ivo
    (case,) = repo.list_cases(user)
    stored = repo.get_case(user, case.number)
    (task,) = [task for task in stored.tasks if task.code == "apply_ivo_transfer"]
    assert task.not_before is not None
    assert f"tidigast {format_date(task.not_before, 'sv')}" in ivo


def test_plain_mode_lists_the_open_questions(repo: Repository, user: UserInfo) -> None:
    """"They paid" and "don't know" to "after an ordinary means test?": an open question,
    not a sign."""
    weaker = {"initiated_by": "unknown", "tenancy_terminated": "unknown", "support_refused": "no",
              "referred_to_landlord": "no", "paid_after_assessment": "unknown"}  # fmt: skip
    out = _plain_visit(repo, user, weaker)
    (case,) = repo.list_cases(user)
    stored = repo.get_case(user, case.number)
    assert stored.open_questions
    heading = out.index(f"-- {t('open_questions', 'sv')}")
    listed = out[heading + 1 : heading + 1 + len(stored.open_questions)]
    for line, question in zip(listed, stored.open_questions, strict=True):
        assert line.startswith(f"  * {question['question']}"), line
        assert "kan leda till" in line, line
