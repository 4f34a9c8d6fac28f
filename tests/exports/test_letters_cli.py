"""`intake letters` as a real process: check exit codes and the clerk's messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from intake.core.letters import LetterKind
from intake.exports.letter_templates import shipped_template

from .helpers import NAME, docx_text
from .test_letter_docx import _edit

CMD = [sys.executable, "-m", "intake"]


def intake(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=120)


def test_check_lists_the_fields_and_accepts_the_shipped_template() -> None:
    done = intake("letters", "check", str(shipped_template(LetterKind.IVO_APPLICATION)))
    assert done.returncode == 0, done.stderr
    assert "  children_views – barnens synpunkter" in done.stdout
    assert done.stdout.rstrip().endswith("Mallen går att använda.")


def test_check_fails_on_an_unknown_field_in_english_on_request(tmp_path: Path) -> None:
    edited = tmp_path / "mall.docx"
    _edit(shipped_template(LetterKind.OFFICIAL_LETTER), edited, "{{ sender }}", "{{ avsandare }}")
    done = intake("--lang", "en", "letters", "check", str(edited))
    assert done.returncode == 1
    assert "Unknown field: avsandare" in done.stdout
    assert "cannot be used" in done.stdout
    assert "Traceback" not in done.stderr


def test_check_of_a_missing_file_is_one_line_and_status_2(tmp_path: Path) -> None:
    done = intake("letters", "check", str(tmp_path / "nej.docx"))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("nej.docx: filen finns inte")


def test_make_writes_a_letter_from_a_record_and_refuses_without_consent(tmp_path: Path) -> None:
    record = {"visit_date": "2026-11-23", "origin_municipality": "stockholm",
              "person": {"name": NAME}, "consent": {"contact_origin": "yes"},
              "move": {"initiated_by": "origin_municipality"},
              "interventions": [{"type": "home_care", "status": "ongoing"}]}
    path = tmp_path / "r.json"
    path.write_text(json.dumps(record), "utf-8")
    out = tmp_path / "brev.docx"
    done = intake("letters", "make", "transfer_request", str(path), "-o", str(out),
                  "--case", "2026-0001")
    assert done.returncode == 0, done.stderr
    text = docx_text(out.read_bytes())
    assert f"ärendet som gäller {NAME}" in text
    assert "Ärende 2026-0001" in text
    record["consent"] = {"contact_origin": "no"}
    path.write_text(json.dumps(record), "utf-8")
    refused = intake("letters", "make", "transfer_request", str(path), "-o", str(tmp_path / "x"))
    assert refused.returncode == 2
    assert "samtycke" in refused.stderr
    assert not (tmp_path / "x").exists()
