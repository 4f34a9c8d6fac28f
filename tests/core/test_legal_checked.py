"""Which legal references are marked verified, and against what: a reference is verified only
when its citation and note were checked against a named source. Those the domain brief
(shared/domain/brief.md) supports name it; the rest stay unverified, listed here so that a
change to either list is deliberate."""

from __future__ import annotations

from intake.core.rules import load_rules

UNVERIFIED = {
    "sol_placed_by_municipality",  # the brief does not cite old 2 a kap. 4 §
    "sol_right_to_assistance",  # nor 4 kap. 1 § (it says every application is means-tested)
    "lss_transfer",  # the brief: "LSS has its own transfer rules ... (to verify: section number)"
    "school_act",  # the brief gives school ages, not skollagen's chapters
}


def test_only_the_listed_references_are_unverified() -> None:
    legal = load_rules().legal
    assert {ref.id for ref in legal.values() if not ref.verified} == UNVERIFIED


def test_secrecy_is_verified_against_the_domain_brief() -> None:
    secrecy = load_rules().legal["osl_26_1"]
    assert secrecy.verified
    assert "shared/domain/brief.md" in secrecy.checked
    assert secrecy.citation == "26 kap. 1 § offentlighets- och sekretesslagen (2009:400)"
