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
