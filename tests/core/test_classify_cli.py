"""`intake classify` as a real process: JSON out, exit 2 and one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import record

CMD = [sys.executable, "-m", "intake", "classify"]


def classify(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*CMD, *args], input=stdin, capture_output=True, timeout=60)


def test_file_and_stdin_give_the_same_assessment(tmp_path: Path) -> None:
    data = record(("move.initiated_by", "origin_municipality"), ("origin_municipality", "stokholm"))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), "utf-8")
    from_file = classify([str(path)])
    from_stdin = classify(["-"], json.dumps(data).encode())
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stdout == from_stdin.stdout
    out = json.loads(from_file.stdout)
    assert out["schema"] == "intake-assessment/2"
    assert out["level"] == "possible"
    assert out["normalized"]["origin_municipality"]["code"] == "0180"
    assert "Föreslog".lower() in from_file.stdout.decode().lower()  # Swedish, not \u escapes
    assert from_file.stdout.startswith(b'{\n  "schema"')


def test_english_and_defaults_from_options() -> None:
    data = {"origin_municipality": "Malmö", "move": {"tenancy_terminated_by_origin": "yes"}}
    done = classify(["-", "--lang", "en", "--receiving", "gavle", "--today", "2026-06-19"],
                    json.dumps(data).encode())
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["normalized"]["receiving_municipality"]["code"] == "2180"
    assert out["indicators"][0]["explanation"].startswith("The social services of Malmö ended")
    dues = {s["code"]: s["due"] for s in out["next_steps"]}
    assert dues["document_experience"] == "2026-06-22"


def test_receiving_defaults_to_the_configured_municipality() -> None:
    done = classify(["-"], b'{"origin_municipality": "0180"}')
    assert json.loads(done.stdout)["normalized"]["receiving_municipality"]["code"] == "2283"


@pytest.mark.parametrize(
    ("stdin", "args", "starts"),
    [
        (b"{not json", ["-"], "intake: input: expected JSON"),
        (b"[1, 2]", ["-"], "intake: input: expected a JSON object"),
        (b"\xff\xfe", ["-"], "intake: input: expected UTF-8"),
        (b"[" * 100000, ["-"], "intake: input: expected JSON"),
        (b'{"colour": "red"}', ["-"], "intake: colour: unknown key"),
        (b'{"move": {"initiated_by": "x"}}', ["-"], "intake: move.initiated_by:"),
        (b'{"visit_date": "2026-02-30"}', ["-"], "intake: visit_date:"),
        (b'{"origin_municipality": "Atlantis"}', ["-"], "intake: origin_municipality:"),
        (b'{"interventions": [{"type": "x", "status": "ongoing"}]}', ["-"],
         "intake: interventions.0.type:"),
        (b"{}", ["-", "--receiving", "Narnia"], "intake: receiving_municipality:"),
        (b"{}", ["-", "--today", "2026-13-01"], "intake: --today: expected a date"),
        (b"{}", ["/nonexistent/record.json"], "intake: FILE: cannot read"),
        (b'{"person": {"personal_id": "19811228-9875"}}', ["-"], "intake: person.personal_id:"),
    ],
)
def test_bad_input_exit_2_one_line(stdin: bytes, args: list[str], starts: str) -> None:
    done = classify(args, stdin)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert done.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    assert err.startswith(starts), err
    assert "9875" not in err


def test_a_directory_is_unreadable(tmp_path: Path) -> None:
    done = classify([str(tmp_path)])
    assert done.returncode == 2
    assert done.stderr.decode().startswith("intake: FILE: cannot read")


def test_global_lang_option_applies_and_help_lists_classify() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "intake", "--lang", "en", "classify", "-"],
        input=b'{"origin_municipality": "0180", "move": {"wants_to_return": "yes"}}',
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    # Wanting to return, consent unknown: asking for consent comes first (spec, ✉ steps).
    assert json.loads(done.stdout)["next_steps"][0]["title"].startswith("Ask for consent")
    helped = subprocess.run([sys.executable, "-m", "intake", "--help"], capture_output=True,
                            timeout=60)
    assert b"classify" in helped.stdout
