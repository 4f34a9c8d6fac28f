"""Dates as receptionists type them: ISO, Swedish day/month order, month names, "igår".

Day/month with slashes or dots is always read day first (Swedish order): "1/11" is
1 November. A date without a year takes this year, or last year when this year's would come
after `latest` (arrival dates lie in the past). "förra veckan" / "last week" is 7 days ago and
"förra månaden" / "last month" one month ago. An amount may be hedged and abbreviated as people
say it ("ungefär två månader sen", "ca 3 v sedan", "ett halvår sedan", "about a year ago"): the
date is then the amount's day, and the transcript shows "typed → understood" so the receptionist
sees what was stored. Month arithmetic clamps to the month's end
(31 March minus a month is 28/29 February); it is a few lines of calendar code rather than a
dependency on dateutil's relativedelta, whose type stubs are not installed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from intake.core.dialogue.api import AnswerResult, Lang
from intake.core.parsing._common import refuse, understood, without_approximation
from intake.core.parsing.number import word_number
from intake.core.textclean import clean_text, fold

MONTHS_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_MONTH_BY_WORD: dict[str, int] = {}
for _i, (_sv, _en) in enumerate(zip(MONTHS_SV, MONTHS_EN, strict=True), start=1):
    for _word in (_sv, _en.lower(), _sv[:3], _en.lower()[:3]):
        _MONTH_BY_WORD[_word] = _i
_MONTH_BY_WORD.update({"sept": 9, "okt": 10})
_MONTH = "|".join(sorted(_MONTH_BY_WORD, key=len, reverse=True))

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})|(\d{4})(\d{2})(\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})\s*[/.]\s*(\d{1,2})(?:(?:\s*[/.]\s*|\s+)(\d{4}|\d{2}))?\.?")
_ORDINAL = r"(?:st|nd|rd|th| a| e)?"
_DAY_NAME = re.compile(
    rf"(?:den |the |on )?(\d{{1,2}}){_ORDINAL} (?:of )?({_MONTH})(?: (\d{{4}}))?"
)
_NAME_DAY = re.compile(rf"(?:on )?({_MONTH}) (?:the )?(\d{{1,2}}){_ORDINAL}(?: (\d{{4}}))?")

# Relative expressions: (amount, unit) before the visit's `today`; negative means ahead.
_FIXED: dict[str, tuple[int, str]] = {
    "idag": (0, "day"), "i dag": (0, "day"), "today": (0, "day"),
    "igar": (1, "day"), "i gar": (1, "day"), "yesterday": (1, "day"),
    "forrgar": (2, "day"), "i forrgar": (2, "day"),
    "day before yesterday": (2, "day"), "the day before yesterday": (2, "day"),
    "imorgon": (-1, "day"), "i morgon": (-1, "day"), "tomorrow": (-1, "day"),
    "forra veckan": (1, "week"), "last week": (1, "week"),
    "forra manaden": (1, "month"), "last month": (1, "month"),
}  # fmt: skip
_UNITS: dict[str, str] = {
    "dag": "day", "dagar": "day", "day": "day", "days": "day",
    "vecka": "week", "veckor": "week", "week": "week", "weeks": "week",
    "manad": "month", "manader": "month", "month": "month", "months": "month",
    "ar": "year", "year": "year", "years": "year",
    # abbreviations: "2 mån sen", "3 v sedan", "5 dgr sen", "2 wks ago"
    "man": "month", "mans": "month", "v": "week", "veckan": "week", "dgr": "day",
    "d": "day", "wk": "week", "wks": "week", "mo": "month", "mos": "month", "yrs": "year",
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_AGO_SV = re.compile(rf"(?:for )?(\S+) ({_UNIT}) (?:sedan|sen|tillbaka)")
_AGO_EN = re.compile(rf"(\S+) ({_UNIT}) (?:ago|back)")
# Half a year, said as a phrase: the same as six months.
_HALF_YEAR = re.compile(r"\b(?:(?:ett )?halvt? ?ar|(?:a )?half (?:a )?year)\b")
_MAX_AMOUNT = 200  # years, weeks or days: anything larger is a typing mistake


def format_date(day: dt.date, lang: Lang) -> str:
    months = MONTHS_EN if lang == "en" else MONTHS_SV
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _shift_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month0 = divmod(total, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def _ago(today: dt.date, amount: int, unit: str) -> dt.date:
    if unit == "day":
        return today - dt.timedelta(days=amount)
    if unit == "week":
        return today - dt.timedelta(weeks=amount)
    return _shift_months(today, amount * (12 if unit == "year" else 1))


def _relative(folded: str, today: dt.date) -> dt.date | None:
    if folded in _FIXED:
        return _ago(today, *_FIXED[folded])
    folded = _HALF_YEAR.sub("6 manader", without_approximation(folded))
    match = _AGO_SV.fullmatch(folded) or _AGO_EN.fullmatch(folded)
    if match is None:
        return None
    word, unit = match.groups()
    amount = 1 if word in ("a", "an") else word_number(word)
    if amount is None or amount > _MAX_AMOUNT:
        return None
    return _ago(today, amount, _UNITS[unit])


def _parts(compact: str, folded: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of an absolute date, or None when it is not one."""
    if m := _ISO.fullmatch(compact):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.groups()[3:]
        return int(d), int(mo), int(y)
    if m := _DAY_MONTH.fullmatch(compact):
        year = m.group(3)
        full_year = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
        return int(m.group(1)), int(m.group(2)), full_year
    if m := _DAY_NAME.fullmatch(folded):
        return int(m.group(1)), _MONTH_BY_WORD[m.group(2)], _year(m.group(3))
    if m := _NAME_DAY.fullmatch(folded):
        return int(m.group(2)), _MONTH_BY_WORD[m.group(1)], _year(m.group(3))
    return None


def _year(text: str | None) -> int | None:
    return None if text is None else int(text)


def parse_date(
    text: str,
    lang: Lang,
    *,
    today: dt.date,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> AnswerResult:
    """Value an ISO date string "YYYY-MM-DD" within [earliest, latest]."""
    expected_sv = "Ange ett datum, t.ex. 2026-11-01, 1/11, 1 november eller igår."
    expected_en = "Enter a date, e.g. 2026-11-01, 1/11, 1 November or yesterday."
    typed = clean_text(text).replace("\u00a0", " ")
    compact = " ".join(typed.casefold().split())
    folded = fold(typed)
    try:
        day = _relative(folded, today)
        if day is None:
            parts = _parts(compact, folded)
            if parts is None:
                return refuse(lang, expected_sv, expected_en)
            d, mo, year = parts
            try:
                day = dt.date(year if year is not None else today.year, mo, d)
            except ValueError:
                return refuse(
                    lang,
                    f"Det datumet finns inte ({d}/{mo}). {expected_sv}",
                    f"That date does not exist ({d}/{mo}). {expected_en}",
                )
            if year is None and latest is not None and day > latest:
                day = _shift_months(day, 12)
    except (ValueError, OverflowError):  # arithmetic beyond year 1 or 9999
        return refuse(lang, expected_sv, expected_en)
    if latest is not None and day > latest:
        return refuse(
            lang,
            f"Datumet kan inte vara senare än {format_date(latest, 'sv')}.",
            f"The date cannot be later than {format_date(latest, 'en')}.",
        )
    if earliest is not None and day < earliest:
        return refuse(
            lang,
            f"Datumet kan inte vara tidigare än {format_date(earliest, 'sv')}.",
            f"The date cannot be earlier than {format_date(earliest, 'en')}.",
        )
    shown = format_date(day, lang)
    return AnswerResult(ok=True, value=day.isoformat(), display=understood(typed, shown))
