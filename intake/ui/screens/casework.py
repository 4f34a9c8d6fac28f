"""What the case screens share: the repository as `CaseWork`, and one way to call it that turns
a refusal into a message in the user's language instead of an error id.

A refusal (the role may not, or the workflow does not allow it yet) is an answer, not a fault:
it is shown as a warning that says what is not allowed; the repository has already audited it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from intake.core.dialogue.api import QuestionKind
from intake.core.workflow import WorkflowRefused
from intake.ui.i18n import Lang, t
from intake.ui.screens.case_dialogs import Field
from storage.api import CaseWork, ConflictError, NotFoundError, PermissionDenied, UserInfo

if TYPE_CHECKING:
    # at run time imported where a fact is corrected: it needs the dialogue's models
    # (pydantic), which the start screen, importing this module, must not wait for
    from intake.core.corrections import CorrectableFact
    from intake.ui.app import IntakeApp

T = TypeVar("T")


def case_repo(app: IntakeApp) -> tuple[CaseWork, UserInfo] | None:
    if app.repo is None or app.user is None:
        return None
    return cast(CaseWork, app.repo), app.user


def today_of(app: IntakeApp) -> dt.date:
    return app.today or dt.date.today()


def refusal_text(exc: BaseException, lang: str) -> str | None:
    """The message for an expected refusal, or None for a real fault."""
    if isinstance(exc, PermissionDenied | WorkflowRefused):
        return exc.message(lang)
    if isinstance(exc, ConflictError):
        return t("conflict", lang)
    if isinstance(exc, NotFoundError):
        return t("no_cases", lang)
    return None


def attempt(app: IntakeApp, call: Callable[[CaseWork, UserInfo], T], where: str) -> T | None:
    """Run `call` on the repository; a refusal is shown as a warning, a fault with an error id."""
    pair = case_repo(app)
    if pair is None:
        return None
    try:
        return call(*pair)
    except Exception as exc:
        text = refusal_text(exc, app.lang)
        if text is None:
            app.show_error(exc, where)
        else:
            app.notify(text, severity="warning", markup=False, timeout=8)
        return None


# The choice at the end of the list of facts: a field by name, its value as JSON (a list).
OTHER_FIELD = "*other*"


def fact_choices(facts: list[CorrectableFact], lang: str) -> list[tuple[str, str]]:
    """Each correctable fact as "label: current value", then "another fact …"."""
    choices = [(fact.path, f"{fact.label}: {fact.value or '–'}") for fact in facts]
    return [*choices, (OTHER_FIELD, t("correct_other", lang))]


def fact_fields(fact: CorrectableFact, lang: Lang) -> list[Field]:
    """The new value (with the options for a choice) and the reason."""
    label = t("correct_new_value", lang, value=fact.value or "–")
    if fact.question.kind in (QuestionKind.TRI, QuestionKind.CHOICE):
        label += "\n" + t("correct_choices", lang, options=fact.options(lang))
    return [Field("value", label), Field("reason", t("reason_label", lang))]


def fact_problem(
    fact: CorrectableFact, lang: Lang, today: dt.date
) -> Callable[[dict[str, str]], str | None]:
    """The form's check: the dialogue parser's message for a value it does not understand."""

    def check(values: dict[str, str]) -> str | None:
        from intake.core.corrections import parse_correction

        result = parse_correction(fact, values["value"], lang, today)
        return None if result.ok else result.message

    return check
