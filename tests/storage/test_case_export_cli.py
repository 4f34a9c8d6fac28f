"""`intake cases export | letters | sent` from a shell: files named by the case number only,
read back (python-docx, pypdf, json), letters kept as versions, sending moves the IVO date,
every export audited; without consent a letter about the person is refused (exit 2)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from storage.api import AuditAction, Role
from storage.repository import SqlRepository
from tests.exports.helpers import docx_text
from tests.storage.test_cases_cli import intake, social_worker_desk

NAME = "Anna Andersson"
RECORD = {
    "schema": "intake-record/1",
    "receiving_municipality": "2283",
    "visit_date": "2026-11-02",
    "person": {"name": NAME, "personal_id": "19811218-9876"},
    "origin_municipality": "0180",
    "origin_district": "Farsta stadsdelsnämnd",
    "move": {"initiated_by": "origin_municipality", "move_paid_by_origin": "yes",
             "wants_to_return": "yes"},
    "interventions": [{"type": "home_care", "status": "ongoing", "municipality": "0180"}],
    "consent": {"contact_origin": "yes"},
    "ties": {"years_in_origin": 9},
}


def _case(url: str, tmp_path: Path, record: dict[str, object]) -> str:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    social_worker_desk(url)  # the account running the tests works the case
    done = intake(url, "cases", "import", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["number"])


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_export_pdf_json_and_letters_from_a_shell(db_url: str, tmp_path: Path) -> None:
    number = _case(db_url, tmp_path, RECORD)
    out = tmp_path / "ut"
    out.mkdir()
    for fmt in ("pdf", "json"):
        done = intake(db_url, "cases", "export", number, "--format", fmt,
                      "-o", str(out))
        assert done.returncode == 0, done.stderr
    pdf = " ".join(p.extract_text() for p in PdfReader(out / f"{number}.pdf").pages)
    assert f"Ärende {number}" in pdf and "Sekretess enligt OSL 26 kap." in pdf
    data = json.loads((out / f"{number}.json").read_text("utf-8"))
    assert data["schema"] == "intake-case/1" and data["record"]["person"]["name"] == NAME

    for _ in range(2):  # re-generating keeps the earlier version
        done = intake(db_url, "cases", "export", number, "--format", "docx",
                      "--letter", "transfer_request", "-o", str(out))
        assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{number}-transfer_request-v1.docx", f"{number}-transfer_request-v2.docx",
                     f"{number}.json", f"{number}.pdf"]  # the case number only, no name
    text = docx_text((out / f"{number}-transfer_request-v2.docx").read_bytes())
    assert f"ärendet som gäller {NAME}" in text and "Farsta stadsdelsnämnd" in text

    sent = intake(db_url, "cases", "sent", number, "transfer_request",
                  "--on", "2026-11-03")
    assert sent.returncode == 0, sent.stderr
    listed = intake(db_url, "cases", "letters", number)
    assert listed.stdout.splitlines()[1].split("\t")[::4] == ["transfer_request", "2026-11-03"]
    shown = json.loads(intake(db_url, "cases", "show", number, "--format",
                              "json").stdout)
    ivo = next(t for t in shown["tasks"] if t["code"] == "apply_ivo_transfer")
    assert ivo["not_before"] == "2026-12-03"

    ivo_done = intake(db_url, "cases", "export", number, "--format", "docx",
                      "--letter", "ivo_application", "--reply", "no_answer", "-o", str(out))
    assert ivo_done.returncode == 0, ivo_done.stderr
    ivo_text = docx_text((out / f"{number}-ivo_application-v1.docx").read_bytes())
    assert "Vi begärde den 3 november 2026" in ivo_text
    assert "har inte besvarat begäran av den 3 november 2026 skriftligen" in ivo_text

    repo = SqlRepository.open(db_url)
    try:
        admin = repo.ensure_user("admin", "Admin", Role.ADMIN)
        actions = [e.action for e in repo.audit_for_case(admin, number)]
    finally:
        repo.close()
    assert actions.count(AuditAction.EXPORT) == 5  # pdf, json, two letters, the IVO letter


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_letter_about_the_person_without_consent_is_refused(
    db_url: str, tmp_path: Path
) -> None:
    record = copy.deepcopy(RECORD)
    record["consent"] = {"contact_origin": "no"}
    number = _case(db_url, tmp_path, record)
    refused = intake(db_url, "cases", "export", number, "--format", "docx",
                     "--letter", "transfer_request", "-o", str(tmp_path))
    assert refused.returncode == 2
    assert "samtycke" in refused.stderr and "Traceback" not in refused.stderr
    assert not list(tmp_path.glob("*.docx"))
    skrivelse = intake(db_url, "cases", "export", number, "--format", "docx",
                       "--letter", "official_letter", "-o", str(tmp_path))
    assert skrivelse.returncode == 0, skrivelse.stderr
    text = docx_text((tmp_path / f"{number}-official_letter-v1.docx").read_bytes())
    assert NAME not in text and "19811218" not in text
    assert "Det var socialtjänsten i Stockholm som föreslog flytten" in text
