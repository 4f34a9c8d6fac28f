"""`intake classify` on hostile or wrong input, run as a person runs it (a subprocess): one clear
line, exit status 2, no traceback, and never a value of the record in the message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CMD = [sys.executable, "-m", "intake", "classify"]


def classify(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, timeout=120)


def one_line(done: subprocess.CompletedProcess[bytes]) -> str:
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert done.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("intake: "), err
    assert len(err) < 400
    return err


@pytest.mark.parametrize(
    ("stdin", "starts"),
    [
        (b'{"housing": {"rooms": ' + b"9" * 5000 + b"}}", "intake: input: a number of 5000 digits"),
        (b'{"housing": {"rooms": 1' + b"0" * 4400 + b".5}}", "intake: input: a number of more"),
        (b'{"housing": {"rooms": NaN}}', "intake: input: NaN is not a JSON number"),
        (b'{"visit_date": "2026-01-01", "visit_date": "2026-01-02"}',
         "intake: input: the key 'visit_date' appears twice"),
        (b'{"person": {"name": "A", "name": "B"}}', "intake: input: the key 'name' appears twice"),
        (b'{"\\u001b[31m\xe2\x80\xae": 1}', "intake: \\u001b[31m\\u202e: unknown key"),
    ],
)
def test_json_that_is_refused(stdin: bytes, starts: str) -> None:
    assert one_line(classify(["-"], stdin)).startswith(starts)


def test_endless_input_is_cut_off_with_a_message() -> None:
    for device in ("/dev/zero", "/dev/urandom"):
        if not Path(device).exists():  # pragma: no cover - not on Windows
            continue
        err = one_line(classify([device]))
        assert err.startswith("intake: input: larger than 4 MB"), err


def test_endless_standard_input_is_cut_off() -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([*CMD, "-"], stdin=zero, capture_output=True, timeout=120)
    assert one_line(done).startswith("intake: input: larger than 4 MB")


def test_a_large_record_within_the_cap_is_read() -> None:
    notes = "Anteckning. " * 15_000  # 180,000 characters: long, but a record's notes may be
    done = classify(["-"], json.dumps({"notes": notes}).encode())
    assert done.returncode == 0, done.stderr


def test_the_file_name_is_not_echoed(tmp_path: Path) -> None:
    err = one_line(classify([str(tmp_path / "anna_svensson_19811228.json")]))
    assert err.startswith("intake: FILE: cannot read the file")
    assert "anna" not in err and "19811228" not in err


@pytest.mark.parametrize(
    ("record", "starts"),
    [
        ({"children": [{"age": True}]}, "intake: children.0.age: expected a whole number"),
        ({"housing": {"rooms": True}}, "intake: housing.rooms: expected a whole number"),
        ({"person": {"age": False}}, "intake: person.age: expected a whole number"),
        ({"visit_date": "9999-12-30"}, "intake: visit_date: expected a visit date from 2000-01-01"),
        ({"visit_date": "0001-01-01"}, "intake: visit_date: expected a visit date from"),
        ({"visit_date": "1900-01-01"}, "intake: visit_date: expected a visit date from"),
        ({"visit_date": "2026-01-01T00:00:00"}, "intake: visit_date: expected a date as YYYY"),
        ({"visit_date": 1767225600}, "intake: visit_date: expected a date as YYYY-MM-DD"),
        ({"arrival_date": "2026-12-01", "visit_date": "2026-11-01"},
         "intake: arrival_date: expected a date not after the visit date"),
        ({"arrival_date": "1899-12-31", "visit_date": "2026-11-01"},
         "intake: arrival_date: expected an arrival date from 1900-01-01"),
        ({"arrival_date": "2026-02-30", "visit_date": "2026-11-01"},
         "intake: arrival_date: expected a real date"),
    ],
)
def test_records_that_are_refused(record: dict[str, object], starts: str) -> None:
    assert one_line(classify(["-"], json.dumps(record).encode())).startswith(starts)


def test_the_bounds_themselves_are_accepted() -> None:
    for record in (
        {"visit_date": "2000-01-01", "arrival_date": "1900-01-01"},
        {"visit_date": "2099-12-31", "arrival_date": "2099-12-31"},
        {"children": [{"age": 0}, {"age": 17}], "housing": {"rooms": 0}},
    ):
        done = classify(["-"], json.dumps(record).encode())
        assert done.returncode == 0, (record, done.stderr)
    assert one_line(classify(["-", "--today", "2100-01-01"], b"{}")).startswith(
        "intake: visit_date: expected a visit date"
    )


SECRET_VALUES = {
    "person": {"name": "Xanthippa Q" * 30, "personal_id": "19811228-9875", "phone": "070-1234567"},
    "origin_municipality": "Zorglub Kvarteret",
    "notes": "hemlig" * 50_000,
    "housing": {"landlord": "Y" * 500, "rooms": "tre"},
    "children": [{"age": "åtta"}],
}


@pytest.mark.parametrize("field", sorted(SECRET_VALUES))
def test_no_value_of_the_record_is_echoed(field: str) -> None:
    """Each field alone with a bad value: the message names the field, never the value."""
    done = classify(["-"], json.dumps({field: SECRET_VALUES[field]}).encode())
    err = one_line(done)
    for fragment in ("Xanthippa", "9875", "1234567", "Zorglub", "hemlig", "YYYY Y", "tre",
                     "åtta"):
        assert fragment not in err, err


def test_the_receiving_option_is_not_echoed() -> None:
    err = one_line(classify(["-", "--receiving", "Anna Andersson"], b"{}"))
    assert err.startswith("intake: receiving_municipality: expected a Swedish municipality")
    assert "Anna" not in err and "Andersson" not in err
