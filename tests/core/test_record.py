"""The intake record: strict validation that names the field, personal ids, text cleaning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from intake.core.record import IntakeRecord, describe_validation_error, normalize_personal_id

TODAY = dt.date(2026, 11, 23)


def parse(data: dict[str, Any]) -> IntakeRecord:
    return IntakeRecord.parse(data, receiving="2283", today=TODAY)


def error_line(data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as info:
        parse(data)
    line = describe_validation_error(info.value)
    assert "\n" not in line
    return line


def test_defaults_fill_receiving_and_visit_date() -> None:
    record = parse({})
    assert record.receiving_municipality == "2283"
    assert record.visit_date == TODAY
    assert record.to_json_dict()["schema"] == "intake-record/1"


def test_names_become_codes_and_interventions_default_to_origin() -> None:
    record = parse({"origin_municipality": "stokholm",
                    "interventions": [{"type": "home_care", "status": "ongoing"}]})
    assert record.origin_municipality == "0180"
    assert record.interventions[0].municipality == "0180"


@pytest.mark.parametrize(
    ("data", "field", "hint"),
    [
        ({"colour": "red"}, "colour", "unknown key"),
        ({"move": {"initated_by": "self"}}, "move.initated_by", "unknown key"),
        ({"move": {"initiated_by": "neighbour"}}, "move.initiated_by", "origin_municipality"),
        ({"registered_here": "maybe"}, "registered_here", "yes"),
        ({"visit_date": "2026-02-30"}, "visit_date", ""),
        ({"arrival_date": "yesterday"}, "arrival_date", ""),
        ({"origin_municipality": "Atlantis"}, "origin_municipality", "municipality"),
        ({"origin_municipality": "Stock"}, "origin_municipality", "Stockholm"),
        ({"children": [{"age": 18}]}, "children.0.age", "17"),
        ({"children": [{"in_school_or_preschool": "yes"}]}, "children.0.age", "missing"),
        ({"interventions": [{"type": "magic", "status": "ongoing"}]}, "interventions.0.type", ""),
        ({"housing": {"rooms": -1}}, "housing.rooms", "0"),
        ({"schema": "intake-record/2"}, "schema", "intake-record/1"),
        ({"person": {"personal_id": "19900101-0000"}}, "person.personal_id", "check digit"),
    ],
)
def test_errors_name_the_field(data: dict[str, Any], field: str, hint: str) -> None:
    line = error_line(data)
    assert line.startswith(f"{field}:"), line
    assert hint in line


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("19811228-9874", "19811228-9874"),
        ("198112289874", "19811228-9874"),
        ("811228-9874", "19811228-9874"),
        ("8112289874", "19811228-9874"),
        ("19701063-2391", "19701063-2391"),  # samordningsnummer: day + 60
    ],
)
def test_valid_personal_ids(raw: str, normalized: str) -> None:
    assert normalize_personal_id(raw) == normalized


@pytest.mark.parametrize(
    "raw",
    ["19811228-9875", "19811328-9874", "19810230-1234", "abc", "1981122", "19701093-2391"],
)
def test_invalid_personal_ids(raw: str) -> None:
    with pytest.raises(ValueError, match="check digit"):
        normalize_personal_id(raw)


def test_personal_id_error_does_not_echo_the_number() -> None:
    line = error_line({"person": {"personal_id": "19811228-9875"}})
    assert "9875" not in line


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Anna\x1b[31m Svensson\x1b[0m", "Anna Svensson"),
        ("Anna\x1b]0;pwned\x07 Svensson", "Anna Svensson"),
        ("Anna \u202eSvensson", "Anna Svensson"),
        ("Anna\u200b Svensson", "Anna Svensson"),
        ("  Anna\tSvensson\n", "Anna Svensson"),
        ("Anna\x00\x07 Svensson", "Anna Svensson"),
    ],
)
def test_text_is_cleaned(raw: str, clean: str) -> None:
    assert parse({"person": {"name": raw}}).person.name == clean


def test_multiline_notes_keep_newlines_but_not_escapes() -> None:
    record = parse({"notes": "rad ett\nrad två\x1b[2J"})
    assert record.notes == "rad ett\nrad två"


def test_a_first_version_record_is_still_valid_and_gets_the_new_defaults() -> None:
    old = {"schema": "intake-record/1", "receiving_municipality": "2283",
           "visit_date": "2026-11-23", "origin_municipality": "0180",
           "interventions": [{"type": "home_care", "status": "ongoing"}]}
    rec = IntakeRecord.parse(old, receiving="2283")
    out = rec.to_json_dict()
    assert out["safety"] == {"violence_or_threats": "unknown", "protected_identity": "unknown"}
    assert out["ties"]["years_in_origin"] is None and out["needs"]["unmet_care_need"] == "unknown"
    assert out["person"]["age"] is None and out["household"]["adults"] is None
    assert out["origin_district"] == ""
    assert out["interventions"][0]["placed_here_by_origin"] == "unknown"


def test_the_new_keys_are_read_and_checked() -> None:
    data = {"receiving_municipality": "2283", "visit_date": "2026-11-23",
            "person": {"age": 34}, "household": {"adults": 2},
            "safety": {"violence_or_threats": "yes", "protected_identity": "no"},
            "origin_municipality": "Stockholm", "origin_district": "Södermalm",
            "ties": {"years_in_origin": 6, "network_in_origin": "yes",
                     "work_or_studies_in_origin": "no", "children_school_in_origin": "unknown",
                     "network_here": "no"},
            "needs": {"unmet_care_need": "yes"},
            "interventions": [{"type": "placement", "status": "unknown",
                               "placed_here_by_origin": "yes"}]}
    rec = IntakeRecord.parse(data, receiving="2283")
    assert rec.safety.violence_or_threats == "yes" and rec.ties.years_in_origin == 6
    assert rec.interventions[0].placed_here_by_origin == "yes"
    assert rec.to_json_dict()["origin_district"] == "Södermalm"
    for bad, field in (({"person": {"age": -1}}, "person.age"),
                       ({"household": {"adults": 0}}, "household.adults"),
                       ({"safety": {"violence_or_threats": "maybe"}}, "safety.violence_or_threats"),
                       ({"ties": {"lived_there": 3}}, "ties.lived_there")):
        with pytest.raises(ValidationError) as caught:
            IntakeRecord.parse({**data, **bad}, receiving="2283")
        assert describe_validation_error(caught.value).startswith(field)
