"""Understanding typed answers: normalised values, or a message saying what is expected.

Every function takes the raw text and the user's language and returns an AnswerResult:
ok with `value` and `display` (how it was understood, for the transcript), or not ok with
`message` (in the user's language; never echoing a personal identity number).
"""

from intake.core.parsing.choices import parse_choice, parse_multi
from intake.core.parsing.dates import parse_date
from intake.core.parsing.fields import parse_municipality, parse_personal_id, parse_text
from intake.core.parsing.number import parse_number
from intake.core.parsing.tri import parse_tri

__all__ = [
    "parse_choice",
    "parse_date",
    "parse_multi",
    "parse_municipality",
    "parse_number",
    "parse_personal_id",
    "parse_text",
    "parse_tri",
]
