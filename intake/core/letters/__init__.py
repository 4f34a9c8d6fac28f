"""The three letters' content (skrivelse, transfer request, IVO application), built from a
case's record and assessment; no Word or PDF code here (that is intake/exports/)."""

from intake.core.letters.content import (
    TITLES,
    LetterCase,
    LetterKind,
    LetterRefused,
    check_allowed,
    letter_fields,
    swedish_date,
)
from intake.core.letters.fields import FIELDS, TO_COMPLETE_PREFIX, LetterField, to_complete
from intake.core.workflow import WorkflowStep

# A letter recorded as sent is the workflow step it carries out, on the day it was sent: the
# transfer request's day sets the IVO application's not-before date.
SENT_STEP: dict[str, WorkflowStep] = {
    LetterKind.OFFICIAL_LETTER: WorkflowStep.ORIGIN_CONTACTED,
    LetterKind.TRANSFER_REQUEST: WorkflowStep.TRANSFER_REQUEST_SENT,
    LetterKind.IVO_APPLICATION: WorkflowStep.IVO_APPLICATION_SENT,
}

__all__ = [
    "FIELDS",
    "SENT_STEP",
    "TITLES",
    "TO_COMPLETE_PREFIX",
    "LetterCase",
    "LetterField",
    "LetterKind",
    "LetterRefused",
    "check_allowed",
    "letter_fields",
    "swedish_date",
    "to_complete",
]
