"""The municipality list and the resolver: never a silent guess."""

from __future__ import annotations

import pytest

from intake.core.municipalities import Match, all_municipalities, by_code, resolve


def test_290_municipalities_with_unique_four_digit_codes() -> None:
    items = all_municipalities()
    assert len(items) == 290
    codes = [m.code for m in items]
    assert len(set(codes)) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert all(m.code[:2] == m.county_code for m in items)


@pytest.mark.parametrize(
    ("code", "name", "county"),
    [
        ("0180", "Stockholm", "Stockholms län"),
        ("1480", "Göteborg", "Västra Götalands län"),
        ("1280", "Malmö", "Skåne län"),
        ("2283", "Sollefteå", "Västernorrlands län"),
        ("2180", "Gävle", "Gävleborgs län"),
    ],
)
def test_known_codes(code: str, name: str, county: str) -> None:
    found = by_code(code)
    assert found is not None
    assert (found.name, found.county) == (name, county)
    assert resolve(code).municipality == found
    assert resolve(name).municipality == found


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("solleftea", "2283"),
        ("Sollefteå kommun", "2283"),
        ("SOLLEFTEÅ", "2283"),
        ("solefteå", "2283"),
        ("sollefte", "2283"),
        ("stokholm", "0180"),
        ("Stockholms stad", "0180"),
        ("goteborg", "1480"),
        ("Göteborgs stad", "1480"),
        ("malmo", "1280"),
        ("Malmö stad", "1280"),
        ("gavle", "2180"),
        ("kommunen i Gävle", "2180"),
        ("Region Gotland", "0980"),
        ("upplands vasby", "0114"),
        ("Upplands-Väsby", "0114"),
        ("Östersunds kommun", "2380"),
        ("jonkoping", "0680"),
        ("Umea", "2480"),
        ("lulea", "2580"),
        ("vasteras", "1980"),
        ("180", "0180"),
        ("dals ed", "1438"),
        ("Håbo", "0305"),
        ("håbo kommun", "0305"),
        ("Habo", "0643"),
        ("Habo kommun", "0643"),
    ],
)
def test_misspellings_and_variants_resolve(typed: str, code: str) -> None:
    found = resolve(typed)
    assert found.municipality is not None, typed
    assert found.municipality.code == code


@pytest.mark.parametrize(
    "typed",
    ["Stock", "Bor", "Ed", "Alla", "Hábo", "Malung", "xyz", "", "kommun", "0000", "9999", "12345",
     "Gothenburg", "stad"],
)
def test_no_silent_guess(typed: str) -> None:
    found = resolve(typed)
    assert found.municipality is None
    assert found.kind in (Match.AMBIGUOUS, Match.UNKNOWN)


@pytest.mark.parametrize(("typed", "expected"), [("Stock", "0180"), ("Bor", "1490")])
def test_ambiguous_input_offers_suggestions(typed: str, expected: str) -> None:
    found = resolve(typed)
    assert found.kind is Match.AMBIGUOUS
    assert expected in [m.code for m in found.suggestions]


def test_every_official_name_resolves_to_itself_also_with_kommun() -> None:
    for m in all_municipalities():
        assert resolve(m.name).municipality == m, m.name
        assert resolve(f"{m.name} kommun").municipality == m, m.name
