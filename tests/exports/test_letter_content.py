"""Consent and safety decide what a letter may say; the legal basis comes from the rule data."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from intake.core.letters import (
    FIELDS,
    TO_COMPLETE_PREFIX,
    LetterCase,
    LetterKind,
    LetterRefused,
    letter_fields,
)
from intake.core.rules import load_rules

from .helpers import (
    ASSESSMENT,
    NAME,
    PHONE,
    PNR,
    REASON,
    RECORD,
    TODAY,
    with_changes,
    without_consent,
)

CASE = LetterCase(number="2026-0007", today=TODAY, handler="Eva Ek")


def fields(kind: LetterKind, record: dict[str, Any] = RECORD, **case: Any) -> dict[str, Any]:
    return letter_fields(kind, record, ASSESSMENT, dataclasses.replace(CASE, **case))


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_catalogue_field_is_filled_for_every_letter(kind: LetterKind) -> None:
    assert set(fields(kind)) == set(FIELDS)


def test_with_consent_the_letter_names_the_person_and_argues_the_ties() -> None:
    out = fields(LetterKind.TRANSFER_REQUEST)
    assert out["identified"] is True
    assert (out["person_name"], out["person_id"]) == (NAME, PNR)
    assert out["recipient"] == "Södermalms stadsdelsnämnd"
    assert out["recipient_municipality"] == "Stockholm"
    assert "Personen bodde i Stockholm i 12 år före flytten." in out["ties"]
    assert out["strongest_connection"] == "Personens starkaste anknytning är till Stockholm."
    assert out["wish"].startswith("Personen vill återvända till Stockholm")
    assert out["interventions"] == ["hemtjänst (beslutad av Stockholm)",
                                    "ekonomiskt bistånd (beslutad av Stockholm)"]


def test_the_ivo_application_lists_care_interventions_only() -> None:
    out = fields(LetterKind.IVO_APPLICATION)
    assert out["interventions"] == ["hemtjänst (beslutad av Stockholm)"]


@pytest.mark.parametrize("consent", ["no", "unknown"])
def test_without_consent_no_field_identifies_the_person(consent: str) -> None:
    out = fields(LetterKind.OFFICIAL_LETTER, without_consent(consent))
    text = json.dumps(out, ensure_ascii=False)
    for detail in (NAME, PNR, PHONE, REASON, "2 november", "Barn, 7"):
        assert detail not in text
    assert out["identified"] is False
    assert "november 2026" in str(out["arrival"])  # the month only
    assert "26 kap. 1 § offentlighets- och sekretesslagen" in str(out["consent_note"])
    # the conduct itself is still told, and the letter still goes to the district
    proposed = "Det var socialtjänsten i Stockholm som föreslog flytten, inte personen själv."
    assert proposed in out["events"]
    assert out["recipient"] == "Södermalms stadsdelsnämnd"


@pytest.mark.parametrize("kind", [LetterKind.TRANSFER_REQUEST, LetterKind.IVO_APPLICATION])
def test_letters_about_the_person_are_refused_without_consent(kind: LetterKind) -> None:
    with pytest.raises(LetterRefused) as refused:
        fields(kind, without_consent())
    assert refused.value.reason == "consent"
    assert "samtycke" in refused.value.message("sv")
    assert "consent" in refused.value.message("en")


@pytest.mark.parametrize("kind", list(LetterKind))
@pytest.mark.parametrize("concern", ["violence_or_threats", "protected_identity"])
def test_a_safety_concern_means_no_letter_at_all(kind: LetterKind, concern: str) -> None:
    with pytest.raises(LetterRefused) as refused:
        fields(kind, with_changes(safety={concern: "yes"}))
    assert refused.value.reason == "safety"
    assert "Inget brev" in refused.value.message("sv")


def test_legal_basis_comes_from_the_rule_data() -> None:
    rules = load_rules()
    steps = {rule.code: rule for rule, _ in rules.steps}
    expected = [  # the receiving municipality's own guidelines for policy.* (domain, issue 14.10)
        rules.cite((i,), "sv", "2283") for i in steps["request_case_transfer"].basis.references
    ]
    assert fields(LetterKind.TRANSFER_REQUEST)["legal_basis"] == expected
    ivo = fields(LetterKind.IVO_APPLICATION)["legal_basis"]
    assert any("2 a kap. 11 §" in c for c in ivo)
    skrivelse = fields(LetterKind.OFFICIAL_LETTER)
    assert "Sollefteå kommuns riktlinjer mot social dumpning 2.1" in skrivelse["legal_basis"]
    assert "Sollefteå kommuns riktlinjer mot social dumpning 1.1.1" in skrivelse["policy_points"]


def test_signs_are_told_in_swedish_from_the_rules_even_for_an_english_case() -> None:
    events = fields(LetterKind.OFFICIAL_LETTER)["events"]
    assert events[0] == (
        "Det var socialtjänsten i Stockholm som föreslog flytten, inte personen själv."
    )


def test_what_staff_must_complete_is_marked_and_known_facts_are_not() -> None:
    out = fields(LetterKind.IVO_APPLICATION)
    assert str(out["registry_number"]).startswith(TO_COMPLETE_PREFIX)
    assert str(out["request_date"]).startswith(TO_COMPLETE_PREFIX)
    assert TO_COMPLETE_PREFIX in str(out["reply"])
    assert str(out["children_views"]).startswith(TO_COMPLETE_PREFIX)
    assert out["handler_name"] == "Eva Ek"
    sent = fields(LetterKind.IVO_APPLICATION, request_sent=TODAY.replace(day=1),
                  origin_reply="no_answer")
    assert sent["request_date"] == "1 november 2026"
    assert sent["reply"] == ("Stockholm har inte besvarat begäran av den 1 november 2026 "
                             "skriftligen inom en månad.")


def test_no_district_means_the_social_welfare_committee() -> None:
    out = fields(LetterKind.OFFICIAL_LETTER, with_changes(origin_district=None))
    assert out["recipient"] == "Socialnämnden"


def test_no_origin_no_letter() -> None:
    with pytest.raises(LetterRefused):
        fields(LetterKind.OFFICIAL_LETTER, with_changes(origin_municipality=None))
