"""The letters half of `SqlRepository` (`storage.api.CaseWork`): keep a letter with its case,
read one back, record one as sent. Social workers only; each call one transaction, audited
(an export for saving or reading a letter, a change for sending), a refusal audited too."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from storage import letters
from storage.api import CaseInfo, LetterInfo, Role, UserInfo

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

WORKERS = (Role.SOCIAL_WORKER,)


class LetterMixin:
    """Mixed into `SqlRepository` after `CaseWorkMixin`, whose `_audited` it uses."""

    _clock: Callable[[], dt.datetime]

    if TYPE_CHECKING:

        def _audited(
            self,
            user: UserInfo,
            allowed: tuple[Role, ...],
            number: str | None,
            work: Callable[[Connection, Any], T],
        ) -> T: ...

    def save_letter(self, user: UserInfo, number: str, kind: str, content: bytes) -> LetterInfo:
        def work(conn: Connection, actor: Any) -> LetterInfo:
            return letters.save_letter(conn, self._clock, actor, number, kind, content)

        return self._audited(user, WORKERS, number, work)

    def letter_content(
        self, user: UserInfo, number: str, letter_id: int
    ) -> tuple[LetterInfo, bytes]:
        def work(conn: Connection, actor: Any) -> tuple[LetterInfo, bytes]:
            return letters.letter_content(conn, self._clock, actor, number, letter_id)

        return self._audited(user, WORKERS, number, work)

    def mark_letter_sent(
        self, user: UserInfo, number: str, letter_id: int, on: dt.date
    ) -> CaseInfo:
        def work(conn: Connection, actor: Any) -> CaseInfo:
            return letters.mark_sent(conn, self._clock, actor, number, letter_id, on)

        return self._audited(user, WORKERS, number, work)
