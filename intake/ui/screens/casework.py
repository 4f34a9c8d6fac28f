"""What the case screens share: the repository as `CaseWork`, and one way to call it that turns
a refusal into a message in the user's language instead of an error id.

A refusal (the role may not, or the workflow does not allow it yet) is an answer, not a fault:
it is shown as a warning that says what is not allowed; the repository has already audited it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from intake.core.workflow import WorkflowRefused
from intake.ui.i18n import t
from storage.api import CaseWork, ConflictError, NotFoundError, PermissionDenied, UserInfo

if TYPE_CHECKING:
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
