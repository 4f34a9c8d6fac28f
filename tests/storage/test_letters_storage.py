"""Letters kept with the case on both engines: versions kept, listed with who and when, read
back and sent; sending moves the workflow (the IVO not-before date follows the day sent);
every step audited, reception refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from intake.core.workflow import WorkflowRefused, WorkflowStep
from storage.api import AuditAction, CaseStatus, PermissionDenied, UserInfo
from tests.storage.test_case_work import transfer_case


def test_letters_are_versioned_read_back_and_sent(
    repo: Any, reception: UserInfo, worker: UserInfo, admin: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    first = repo.save_letter(worker, case.number, "transfer_request", b"PK first")
    second = repo.save_letter(worker, case.number, "transfer_request", b"PK second")
    other = repo.save_letter(worker, case.number, "official_letter", b"PK skrivelse")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    stored = repo.get_case(worker, case.number)
    assert [(x.kind, x.version, x.created_by, x.sent_on) for x in stored.letters] == [
        ("transfer_request", 1, "sven", None),
        ("transfer_request", 2, "sven", None),
        ("official_letter", 1, "sven", None),
    ]
    assert stored.letters[0].created_at.tzinfo is not None
    info, content = repo.letter_content(worker, case.number, first.id)
    assert (info.version, content) == (1, b"PK first")  # the earlier version is kept

    sent = dt.date(2026, 11, 2)
    after = repo.mark_letter_sent(worker, case.number, second.id, sent)
    assert after.status is CaseStatus.TRANSFER_REQUESTED
    assert after.step_date(WorkflowStep.TRANSFER_REQUEST_SENT) == sent
    assert [x.sent_on for x in after.letters] == [None, sent, None]
    ivo = next(t for t in after.tasks if t.code == "apply_ivo_transfer")
    assert ivo.not_before == dt.date(2026, 12, 2) and ivo.due is None

    actions = [e.action for e in repo.audit_for_case(admin, case.number)]
    assert actions.count(AuditAction.EXPORT) == 4  # three saved, one read back
    assert AuditAction.UPDATE in actions


def test_an_ivo_application_cannot_be_sent_before_the_request(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    ivo = repo.save_letter(worker, case.number, "ivo_application", b"PK")
    with pytest.raises(WorkflowRefused) as refused:
        repo.mark_letter_sent(worker, case.number, ivo.id, dt.date(2026, 11, 2))
    assert refused.value.code == "ivo_before_request"
    assert repo.get_case(worker, case.number).letters[0].sent_on is None  # rolled back


def test_reception_may_not_make_or_read_letters(
    repo: Any, reception: UserInfo, worker: UserInfo
) -> None:
    case = repo.create_case(reception, transfer_case())
    letter = repo.save_letter(worker, case.number, "official_letter", b"PK")
    with pytest.raises(PermissionDenied):
        repo.save_letter(reception, case.number, "official_letter", b"PK")
    with pytest.raises(PermissionDenied):
        repo.letter_content(reception, case.number, letter.id)


def test_an_unknown_kind_is_refused(repo: Any, reception: UserInfo, worker: UserInfo) -> None:
    case = repo.create_case(reception, transfer_case())
    with pytest.raises(ValueError, match="kind"):
        repo.save_letter(worker, case.number, "love_letter", b"PK")
