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

__all__ = [
    "FIELDS",
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
