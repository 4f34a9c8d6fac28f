"""What receptionists type, and what the dialogue engine must understand from it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.core.dialogue.api import AnswerResult, Lang, Option
from intake.core.parsing import (
    parse_choice,
    parse_date,
    parse_multi,
    parse_municipality,
    parse_number,
    parse_personal_id,
    parse_text,
    parse_tri,
)

TODAY = dt.date(2026, 11, 23)  # a Monday; every date test passes it in

HOUSING = (
    Option("first_hand", "Förstahandskontrakt"),
    Option("second_hand", "Andrahandskontrakt"),
    Option("sublet", "Inneboende"),
    Option("temporary", "Tillfälligt boende"),
    Option("other", "Annat"),
)
INTERVENTIONS = (
    Option("economic_assistance", "Ekonomiskt bistånd"),
    Option("home_care", "Hemtjänst"),
    Option("housing_support", "Boendestöd"),
    Option("addiction_care", "Missbruks- och beroendevård"),
    Option("lss", "Insats enligt LSS"),
)


# --- yes / no / don't know ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("ja", "yes"), ("Ja!", "yes"), ("  JA  ", "yes"), ("japp", "yes"), ("jo", "yes"),
        ("javisst", "yes"), ("ja då", "yes"), ("Absolut.", "yes"), ("yes", "yes"),
        ("y", "yes"), ("Yeah", "yes"), ("yep", "yes"), ("1", "yes"),
        ("nej", "no"), ("Nej.", "no"), ("nä", "no"), ("nope", "no"), ("inte", "no"),
        ("no", "no"), ("N", "no"), ("2", "no"),
        ("vet inte", "unknown"), ("Vet ej", "unknown"), ("osäker", "unknown"),
        ("osaker", "unknown"), ("kanske", "unknown"), ("oklart", "unknown"),
        ("okänt", "unknown"), ("ingen aning", "unknown"), ("not sure", "unknown"),
        ("don't know", "unknown"), ("Don’t know", "unknown"), ("dont know", "unknown"),
        ("unknown", "unknown"), ("unsure", "unknown"), ("maybe?", "unknown"), ("3", "unknown"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_tri_understands_common_answers_in_both_languages(
    typed: str, value: str, lang: Lang
) -> None:
    result = parse_tri(typed, lang)
    assert result.ok and result.value == value


@pytest.mark.parametrize(
    ("value", "sv", "en"),
    [("ja", "ja", "yes"), ("nej", "nej", "no"), ("vet inte", "vet inte", "don't know")],
)
def test_tri_display_is_in_the_users_language(value: str, sv: str, en: str) -> None:
    assert parse_tri(value, "sv").display == sv
    assert parse_tri(value, "en").display == en


@pytest.mark.parametrize("typed", ["kanske imorgon", "blå", "", "   ", "4", "jaa nej", "?"])
def test_tri_refuses_anything_else_and_says_what_is_expected(typed: str) -> None:
    sv, en = parse_tri(typed, "sv"), parse_tri(typed, "en")
    assert not sv.ok and sv.message == "Svara ja, nej eller vet inte (eller 1, 2, 3)."
    assert not en.ok and en.message == "Answer yes, no or don't know (or 1, 2, 3)."


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("0", 0), ("2", 2), (" 7 ", 7), ("+3", 3), ("100", 100), ("noll", 0), ("en", 1),
        ("ett", 1), ("två", 2), ("tva", 2), ("Tre", 3), ("åtta", 8), ("tolv", 12),
        ("arton", 18), ("tjugo", 20), ("zero", 0), ("one", 1), ("Twelve", 12),
        ("twenty", 20), ("inga", 0), ("none", 0), ("2 st", 2), ("4 stycken", 4),
    ],
)  # fmt: skip
def test_number_accepts_digits_and_words(typed: str, value: int) -> None:
    result = parse_number(typed, "sv")
    assert result.ok and result.value == value and result.display == str(value)


@pytest.mark.parametrize(
    ("typed", "sv_start"),
    [
        ("-3", "Talet kan inte vara negativt."),
        ("− 2", "Talet kan inte vara negativt."),
        ("3.5", "Decimaler går inte."),
        ("3,5", "Decimaler går inte."),
        ("101", "Talet ligger utanför intervallet."),
        ("tjugoett", "Ange ett heltal"),
        ("blå", "Ange ett heltal"),
        ("", "Ange ett heltal"),
        ("1 2", "Ange ett heltal"),
        ("9" * 5000, "Ange ett heltal"),
    ],
)
def test_number_refusals_name_the_range(typed: str, sv_start: str) -> None:
    result = parse_number(typed, "sv")
    assert not result.ok
    assert result.message.startswith(sv_start)
    assert "från 0 till 100" in result.message


def test_number_range_is_the_callers() -> None:
    assert parse_number("0", "en", minimum=1, maximum=20).message.endswith(
        "Enter a whole number from 1 to 20, in digits or words."
    )
    too_many = parse_number("21", "en", minimum=1, maximum=20)
    assert too_many.message.startswith("The number is out of range")
    assert parse_number("twenty", "en", minimum=1, maximum=20).value == 20


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2026-11-01", "2026-11-01"), ("2026-1-5", "2026-01-05"), ("20261101", "2026-11-01"),
        ("1/11", "2026-11-01"), ("1/11/2026", "2026-11-01"), ("1/11 2026", "2026-11-01"),
        ("1/11-26", None), ("1.11.2026", "2026-11-01"), ("1/11/25", "2025-11-01"),
        ("1 november", "2026-11-01"), ("1 nov", "2026-11-01"), ("1 Nov.", "2026-11-01"),
        ("1 november 2025", "2025-11-01"), ("den 1 november", "2026-11-01"),
        ("1:a november", "2026-11-01"), ("1 November", "2026-11-01"),
        ("November 1", "2026-11-01"), ("November 1st, 2025", "2025-11-01"),
        ("3 maj", "2026-05-03"), ("17 okt", "2026-10-17"), ("17 oct", "2026-10-17"),
        ("idag", "2026-11-23"), ("i dag", "2026-11-23"), ("today", "2026-11-23"),
        ("igår", "2026-11-22"), ("i går", "2026-11-22"), ("yesterday", "2026-11-22"),
        ("förrgår", "2026-11-21"), ("i förrgår", "2026-11-21"),
        ("för tre veckor sedan", "2026-11-02"), ("för 3 veckor sedan", "2026-11-02"),
        ("3 veckor sedan", "2026-11-02"), ("för 3 veckor sen", "2026-11-02"),
        ("för två dagar sedan", "2026-11-21"), ("för en månad sedan", "2026-10-23"),
        ("för ett år sedan", "2025-11-23"), ("3 weeks ago", "2026-11-02"),
        ("two days ago", "2026-11-21"), ("a month ago", "2026-10-23"),
        ("last week", "2026-11-16"), ("förra veckan", "2026-11-16"),
        ("förra månaden", "2026-10-23"),
        # Without a year, a day still ahead this year means last year (latest is today).
        ("24/11", "2025-11-24"), ("24 december", "2025-12-24"), ("23/11", "2026-11-23"),
    ],
)  # fmt: skip
def test_date_forms(typed: str, iso: str | None) -> None:
    result = parse_date(typed, "sv", today=TODAY, latest=TODAY)
    if iso is None:
        assert not result.ok and result.message
    else:
        assert result.ok, result.message
        assert result.value == iso


def test_month_arithmetic_clamps_to_the_end_of_the_month() -> None:
    result = parse_date("för en månad sedan", "sv", today=dt.date(2026, 3, 31))
    assert result.value == "2026-02-28"


@pytest.mark.parametrize(
    ("typed", "lang", "display"),
    [
        ("igår", "sv", "igår → 22 november 2026"),
        ("yesterday", "en", "yesterday → 22 November 2026"),
        ("1 november 2026", "sv", "1 november 2026"),
        ("1 November 2026", "en", "1 November 2026"),
        ("2026-11-01", "en", "2026-11-01 → 1 November 2026"),
    ],
)
def test_date_display_shows_the_understanding(typed: str, lang: Lang, display: str) -> None:
    assert parse_date(typed, lang, today=TODAY).display == display


@pytest.mark.parametrize(
    ("typed", "sv_message"),
    [
        ("31/2", "Det datumet finns inte (31/2)."),
        ("2026-13-01", "Det datumet finns inte (1/13)."),
        ("imorgon", "Datumet kan inte vara senare än 23 november 2026."),
        ("2026-12-01", "Datumet kan inte vara senare än 23 november 2026."),
        ("2019-12-31", "Datumet kan inte vara tidigare än 1 januari 2020."),
        ("kanske imorgon", "Ange ett datum, t.ex. 2026-11-01, 1/11, 1 november eller igår."),
        ("blå", "Ange ett datum"),
        ("", "Ange ett datum"),
        ("för 999 år sedan", "Ange ett datum"),
        ("november", "Ange ett datum"),
    ],
)
def test_date_refusals_say_what_is_expected(typed: str, sv_message: str) -> None:
    result = parse_date(typed, "sv", today=TODAY, earliest=dt.date(2020, 1, 1), latest=TODAY)
    assert not result.ok
    assert result.message.startswith(sv_message)


def test_date_refusal_in_english_names_the_bound() -> None:
    result = parse_date("tomorrow", "en", today=TODAY, latest=TODAY)
    assert result.message == "The date cannot be later than 23 November 2026."


def test_date_without_latest_keeps_this_year() -> None:
    assert parse_date("24 december", "sv", today=TODAY).value == "2026-12-24"


# --- choices --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("1", "first_hand"), (" 3 ", "sublet"), ("second_hand", "second_hand"),
        ("SUBLET", "sublet"), ("Förstahandskontrakt", "first_hand"),
        ("forstahandskontrakt", "first_hand"), ("först", "first_hand"), ("inne", "sublet"),
        ("tillf", "temporary"), ("annat", "other"), ("oth", "other"), ("first", "first_hand"),
    ],
)  # fmt: skip
def test_choice_by_number_key_label_or_prefix(typed: str, key: str) -> None:
    result = parse_choice(typed, HOUSING, "sv")
    assert result.ok and result.value == key
    assert result.display == next(o.label for o in HOUSING if o.key == key)


def test_choice_ambiguous_prefix_lists_the_candidates() -> None:
    result = parse_choice("an", HOUSING, "sv")
    assert not result.ok
    assert result.message.startswith("Flera alternativ passar: Andrahandskontrakt eller Annat.")
    assert result.suggestions == ("Andrahandskontrakt", "Annat")


@pytest.mark.parametrize("typed", ["0", "6", "blå", "", "xyz"])
def test_choice_refusal_lists_the_options(typed: str) -> None:
    result = parse_choice(typed, HOUSING, "en")
    assert not result.ok
    assert result.message.startswith("Choose one option by number or name: 1 Förstahandskontrakt")


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        ("", []), ("inga", []), ("none", []), ("0", []), ("Ingen", []),
        ("2", ["home_care"]),
        ("1, 3", ["economic_assistance", "housing_support"]),
        ("3,1", ["economic_assistance", "housing_support"]),
        ("1 3 3", ["economic_assistance", "housing_support"]),
        ("1 och 2", ["economic_assistance", "home_care"]),
        ("2 and 5", ["home_care", "lss"]),
        ("lss, home_care", ["home_care", "lss"]),
        ("Missbruks- och beroendevård", ["addiction_care"]),
        ("hemtjänst och missbruks- och beroendevård", ["home_care", "addiction_care"]),
        ("ekonomiskt bistånd, boende", ["economic_assistance", "housing_support"]),
        ("ekonomiskt, 1", ["economic_assistance"]),
    ],
)  # fmt: skip
def test_multi_select(typed: str, keys: list[str]) -> None:
    result = parse_multi(typed, INTERVENTIONS, "sv")
    assert result.ok, result.message
    assert result.value == keys
    labels = [o.label for o in INTERVENTIONS if o.key in keys]
    assert result.display == (", ".join(labels) if labels else "inga")


def test_multi_none_in_english() -> None:
    assert parse_multi("none", INTERVENTIONS, "en").display == "none"


def test_multi_refuses_unknown_parts_without_echoing_long_numbers() -> None:
    result = parse_multi("1, blå", INTERVENTIONS, "sv")
    assert not result.ok and "”blå”" in result.message
    secret = parse_multi("1, 811218-9876", INTERVENTIONS, "sv")
    assert not secret.ok and "9876" not in secret.message
    assert "Choose by number or name" in parse_multi("9", INTERVENTIONS, "en").message


def test_multi_ambiguous_part_lists_the_candidates() -> None:
    result = parse_multi("1, h", INTERVENTIONS, "sv")
    assert not result.ok and result.suggestions == ("Hemtjänst", "Boendestöd")


# --- municipality ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code", "display"),
    [
        ("solleftea", "2283", "solleftea → Sollefteå (2283), Västernorrlands län"),
        ("Sollefteå", "2283", "Sollefteå (2283), Västernorrlands län"),
        ("2283", "2283", "2283 → Sollefteå (2283), Västernorrlands län"),
        ("Stockholms stad", "0180", "Stockholms stad → Stockholm (0180), Stockholms län"),
        ("Solleftå kommun", "2283", "Solleftå kommun → Sollefteå (2283), Västernorrlands län"),
    ],
)
def test_municipality_understood(typed: str, code: str, display: str) -> None:
    result = parse_municipality(typed, "sv")
    assert result.ok and result.value == code and result.display == display


def test_municipality_ambiguous_asks_back() -> None:
    sv = parse_municipality("Upplands", "sv")
    assert not sv.ok
    assert sv.message == "Menade du Upplands-Bro, Upplands Väsby eller Uppsala?"
    assert sv.suggestions == ("Upplands-Bro", "Upplands Väsby", "Uppsala")
    en = parse_municipality("Upplands", "en")
    assert en.message == "Did you mean Upplands-Bro, Upplands Väsby or Uppsala?"


@pytest.mark.parametrize("typed", ["xyzzy", "", "9999", "blå"])
def test_municipality_unknown(typed: str) -> None:
    assert parse_municipality(typed, "sv").message == (
        "Ange en svensk kommun, med namn eller fyrsiffrig kommunkod."
    )
    assert parse_municipality(typed, "en").message == (
        "Enter a Swedish municipality, by name or 4-digit municipality code."
    )


# --- personal identity number ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("19811218-9876", "19811218-9876"),
        ("198112189876", "19811218-9876"),
        ("811218-9876", "19811218-9876"),
        ("8112189876", "19811218-9876"),
        (" 811218 9876 ", "19811218-9876"),
        ("701063-2391", "19701063-2391"),  # samordningsnummer: day 3 + 60
    ],
)
def test_personal_id_forms(typed: str, value: str) -> None:
    result = parse_personal_id(typed, "sv")
    assert result.ok and result.value == value and result.display == value


@pytest.mark.parametrize("typed", ["19811218-9875", "811318-9876", "abc", "", "12345"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_personal_id_refusal_never_echoes_the_number(typed: str, lang: Lang) -> None:
    result = parse_personal_id(typed, lang)
    assert not result.ok and result.message
    assert not re.search(r"\d{4}", result.message)


# --- free text ------------------------------------------------------------------------------


def test_text_is_cleaned() -> None:
    result = parse_text("  Anna\x1b[31m \u202eSvensson\t", "sv", max_length=200)
    assert result.ok and result.value == "Anna Svensson" and result.display == "Anna Svensson"


def test_longtext_keeps_lines() -> None:
    result = parse_text("Första raden\r\nandra", "sv", multiline=True, max_length=1000)
    assert result.value == "Första raden\nandra"


@pytest.mark.parametrize(
    ("typed", "lang", "message"),
    [
        ("", "sv", "Skriv ett svar."),
        (" \x1b[2J ", "en", "Type an answer."),
        ("x" * 11, "sv", "Svaret är för långt: högst 10 tecken (nu 11)."),
        ("x" * 11, "en", "The answer is too long: at most 10 characters (now 11)."),
    ],
)
def test_text_refusals(typed: str, lang: Lang, message: str) -> None:
    result = parse_text(typed, lang, max_length=10)
    assert not result.ok and result.message == message


# --- robustness -----------------------------------------------------------------------------


def _all_parsers(text: str, lang: Lang) -> list[AnswerResult]:
    return [
        parse_tri(text, lang),
        parse_number(text, lang),
        parse_number(text, lang, minimum=1, maximum=20),
        parse_date(text, lang, today=TODAY),
        parse_date(text, lang, today=TODAY, earliest=dt.date(1900, 1, 1), latest=TODAY),
        parse_choice(text, HOUSING, lang),
        parse_multi(text, INTERVENTIONS, lang),
        parse_municipality(text, lang),
        parse_personal_id(text, lang),
        parse_text(text, lang, max_length=200),
        parse_text(text, lang, multiline=True, max_length=2000),
    ]


_WORDS = st.sampled_from(
    ["ja", "nej", "för", "sedan", "1", "11", "/", "-", " ", ",", "och", "november", "år",
     "ago", "2026", "veckor", "a", "1/11", "ekonomiskt", "sol", "9876", "\x1b[", "\u202e"]
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.one_of(st.text(max_size=60), st.lists(_WORDS, max_size=8).map("".join)),
    lang=st.sampled_from(["sv", "en"]),
)
def test_no_parser_raises_and_every_result_explains_itself(text: str, lang: Lang) -> None:
    for result in _all_parsers(text, lang):
        assert isinstance(result, AnswerResult)
        if result.ok:
            assert result.display or result.value == []
        else:
            assert result.message


@pytest.mark.parametrize("typed", ["811218-9876", "19811218-9876", "8112189876", "1, 811218-9876"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_message_repeats_a_personal_identity_number(typed: str, lang: Lang) -> None:
    for result in _all_parsers(typed, lang):
        assert "9876" not in result.message and "811218" not in result.message


# --- amounts as people say them (issue 14, item 12) -----------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("6 år", 6), ("ca 45 år gammal", 45), ("c:a 4", 4), ("ungefär tre personer", 3),
        ("2 rok", 2), ("2 rum och kök", 2), ("about 6 years", 6), ("45 years old", 45),
        ("drygt 10 år", 10), ("två vuxna", 2),
    ],
)  # fmt: skip
def test_number_takes_units_and_hedges_off(typed: str, value: int) -> None:
    result = parse_number(typed, "sv", maximum=130)
    assert result.ok and result.value == value, result.message


@pytest.mark.parametrize("typed", ["6 år sen", "3,5 år", "6 7 år", "år", "ungefär"])
def test_number_with_units_still_refuses_what_is_not_one_number(typed: str) -> None:
    assert not parse_number(typed, "sv", maximum=130).ok


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("ungefär två månader sen", "2026-09-23"),
        ("för ca 2 mån sedan", "2026-09-23"),
        ("ca 3 v sedan", "2026-11-02"),
        ("ett halvår sedan", "2026-05-23"),
        ("för ett halvt år sen", "2026-05-23"),
        ("2 veckor tillbaka", "2026-11-09"),
        ("5 dgr sen", "2026-11-18"),
        ("about a year ago", "2025-11-23"),
        ("half a year ago", "2026-05-23"),
        ("roughly two weeks ago", "2026-11-09"),
    ],
)
def test_hedged_and_abbreviated_relative_dates(typed: str, iso: str) -> None:
    result = parse_date(typed, "sv", today=TODAY, latest=TODAY)
    assert result.ok and result.value == iso, result.message
    assert result.display.startswith(f"{typed} → ")


def test_a_beginning_of_a_name_offers_every_municipality_that_starts_with_it() -> None:
    lid = parse_municipality("Lid", "sv")
    assert not lid.ok
    assert lid.suggestions == ("Lidingö", "Lidköping")
    assert lid.message == "Menade du Lidingö eller Lidköping?"
    mal = parse_municipality("mal", "en")
    assert {"Malmö", "Malung-Sälen", "Malå"} <= set(mal.suggestions)
    # Typed with ö, the beginning keeps it: not Sollefteå, Solna ...
    so = parse_municipality("Sö", "sv")
    assert so.suggestions == ("Söderhamn", "Söderköping", "Södertälje", "Sölvesborg")
    # One letter is too little to offer anything.
    assert parse_municipality("L", "sv").suggestions == ()
