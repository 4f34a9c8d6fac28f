"""`intake dialogs check` as a person runs it (a subprocess): every refusal is `file:line: id:
what`, exit status 2, no traceback, nothing from the file echoed raw to the terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BASE = """\
id: t
version: "1"
title: {sv: T, en: T}
sections:
  - id: one
    title: {sv: Ett, en: One}
    questions:
      - id: name
        kind: text
        text: {sv: Namn, en: Name}
        maps_to: person.name
      - id: origin
        kind: municipality
        text: {sv: Kommun, en: Municipality}
        maps_to: origin_municipality
      - id: arrival
        kind: date
        text: {sv: Datum, en: Date}
        maps_to: arrival_date
      - id: rooms
        kind: number
        minimum: 0
        maximum: 20
        text: {sv: Rum, en: Rooms}
        maps_to: housing.rooms
      - id: pnr
        kind: personal_id
        text: {sv: Pnr, en: Pnr}
        maps_to: person.personal_id
      - id: has_children
        kind: tri
        text: {sv: Barn, en: Children}
    repeat:
      id: child
      when: {equals: [has_children, "yes"]}
      max: 5
      questions:
        - id: child_age
          kind: number
          minimum: 0
          maximum: 17
          text: {sv: Ålder, en: Age}
          maps_to: children[].age
        - id: child_more
          kind: tri
          text: {sv: Fler, en: More}
summary:
  title: {sv: Klart, en: Done}
  text: {sv: Klart, en: Done}
"""


def check(tmp_path: Path, text: str) -> tuple[int, str, str]:
    path = tmp_path / "d.yaml"
    path.write_text(text, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "intake", "dialogs", "check", str(path)],
        capture_output=True, timeout=60,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def refused(tmp_path: Path, text: str) -> list[str]:
    code, out, err = check(tmp_path, text)
    assert code == 2, (out, err)
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines and all(line.startswith(str(tmp_path / "d.yaml") + ":") for line in lines), err
    return lines


def test_the_base_file_passes(tmp_path: Path) -> None:
    code, out, err = check(tmp_path, BASE)
    assert (code, err) == (0, "")
    assert out.startswith("OK: 8 questions")


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("name", "housing.rooms"),  # a text into a room count
        ("rooms", "person.name"),  # a number into a name
        ("arrival", "origin_municipality"),  # a date into a municipality
        ("origin", "arrival_date"),  # a municipality into a date
        ("name", "arrival_date"),  # a text into a date
        ("arrival", "person.name"),  # a date into a name
        ("pnr", "housing.rooms"),  # a personal identity number into a room count
    ],
)
def test_maps_to_whose_type_does_not_fit_the_question(
    tmp_path: Path, question: str, field: str
) -> None:
    own = {"name": "person.name", "rooms": "housing.rooms", "arrival": "arrival_date",
           "origin": "origin_municipality", "pnr": "person.personal_id"}[question]
    start = BASE.index(f"- id: {question}\n")
    at = BASE.index(f"maps_to: {own}", start)
    text = BASE[:at] + f"maps_to: {field}" + BASE[at + len(f"maps_to: {own}"):]
    (line,) = refused(tmp_path, text)
    assert f": {question}: maps_to '{field}': a " in line
    assert "does not fit this field" in line


def test_a_number_range_wider_than_the_field(tmp_path: Path) -> None:
    text = BASE.replace("maximum: 20", "maximum: 500")  # housing.rooms allows 0-100
    (line,) = refused(tmp_path, text)
    assert ": rooms: maps_to 'housing.rooms'" in line and "500" in line


@pytest.mark.parametrize(
    "condition",
    [
        '{all: [{equals: [has_children, "yes"]}, {equals: [has_children, "no"]}]}',
        "{all: [{at_least: [rooms, 5]}, {below: [rooms, 3]}]}",
        "{at_least: [rooms, 21]}",  # the question allows 0-20
        '{all: [{equals: [name, "A"]}, {not: {answered: name}}]}',
    ],
)
def test_a_condition_that_can_never_be_true(tmp_path: Path, condition: str) -> None:
    text = BASE.replace('when: {equals: [has_children, "yes"]}', f"when: {condition}")
    (line,) = refused(tmp_path, text)
    assert line.endswith(": child: condition can never be true"), line
    line_no = int(line.split(":")[1])
    assert text.splitlines()[line_no - 1].strip() == "id: child"


def test_a_condition_that_can_be_true_passes(tmp_path: Path) -> None:
    text = BASE.replace(
        'when: {equals: [has_children, "yes"]}',
        '{when: {any: [{equals: [has_children, "yes"]}, {at_least: [rooms, 3]}]}}'[1:-1],
    )
    assert check(tmp_path, text)[0] == 0


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_control_characters_are_reported_on_their_line(
    tmp_path: Path, char: str, code: str
) -> None:
    text = BASE.replace("{sv: Rum, en: Rooms}", f"{{sv: Rum{char}, en: Rooms}}")
    (line,) = refused(tmp_path, text)
    expected = next(i for i, t in enumerate(text.splitlines(), 1) if char in t)
    assert f"d.yaml:{expected}: " in line and code in line
    assert char not in line


@pytest.mark.parametrize(
    ("old", "new"),
    [("- id: rooms", "- id: ro\u202eoms"), ("maps_to: person.name", "maps_to: person.na\u202eme")],
)
def test_a_bidi_character_is_never_echoed_raw(tmp_path: Path, old: str, new: str) -> None:
    (line,) = refused(tmp_path, BASE.replace(old, new))
    assert "\u202e" not in line and "\\u202e" in line


def test_a_huge_integer_is_one_line(tmp_path: Path) -> None:
    text = BASE.replace("maximum: 20", "maximum: " + "9" * 5000)
    (line,) = refused(tmp_path, text)
    assert "5000 digits" in line and len(line) < 300
    assert f"d.yaml:{BASE.splitlines().index('        maximum: 20') + 1}:" in line


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(BASE.replace("Rum,", "R\udcffm,", 1).encode("utf-8", "surrogateescape"))
    done = subprocess.run(
        [sys.executable, "-m", "intake", "dialogs", "check", str(path)],
        capture_output=True, timeout=60,
    )
    assert done.returncode == 2
    expected = next(i for i, t in enumerate(BASE.splitlines(), 1) if "Rum," in t)
    assert done.stderr.decode().startswith(f"{path}:{expected}: -: the file is not UTF-8")
