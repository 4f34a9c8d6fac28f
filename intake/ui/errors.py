"""Unexpected errors: a short id for the user, a log line for IT staff, no personal data.

An exception's message and its frames' local variables may hold what was typed about a
person, so neither is ever printed or logged; the log gets the id, the exception's type and
where in the code it happened (file, line, function), which is enough to find the bug.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from platformdirs import user_state_dir

from intake.oscompat import private_dir

LOG_NAME = "errors.log"


def log_dir() -> Path:
    return Path(user_state_dir("intake", appauthor=False))


def new_error_id() -> str:
    import secrets  # only when something went wrong (not before the first frame)

    return secrets.token_hex(4).upper()


def _code_location(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "-"
    parts = [f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in frames[-6:]]
    return " < ".join(reversed(parts))


def report(error: BaseException, where: str = "") -> str:
    """Log `error` without its message or locals; return the error id to show the user."""
    error_id = new_error_id()
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    line = (
        f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} id={error_id} "
        f"type={kind} where={where or '-'} at={_code_location(error)}\n"
    )
    try:
        directory = private_dir(log_dir())  # owner-only where modes exist (oscompat)
        with (directory / LOG_NAME).open("a", encoding="utf-8") as handle:
            handle.write(line)
    except OSError:
        pass  # the id is still shown; a read-only home must not turn one error into two
    return error_id


def save_failure(error: BaseException, lang: str) -> str:
    """What a failed save of the answers says: the database's own fault in one line (a full
    disk, a read-only file, a lock...), or an error id for anything else. Either way the
    answers are still held, to retry or to copy out."""
    from intake.ui.i18n import t
    from storage.api import DatabaseFault

    if isinstance(error, DatabaseFault):
        return t("save_failed_fault", lang, reason=error.message(lang))
    return t("save_failed", lang, error_id=report(error, "save draft"))
