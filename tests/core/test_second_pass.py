"""Issue 14, points 1-11: for each, a record, what the first rules said, what they say now, and
the steps that must and must not appear."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import intake.core.rules as rules_module
from intake.core.classifier import assess
from intake.core.record import IntakeRecord
from intake.core.rules import load_rules

from .helpers import VISIT, codes, record, run

HOME_CARE = {"type": "home_care", "status": "ongoing"}
STRONG = (
    ("move.initiated_by", "origin_municipality"),
    ("move.tenancy_terminated_by_origin", "yes"),
)
LETTERS = {"request_justification", "remind_origin_responsibility", "request_case_transfer",
           "apply_ivo_transfer", "support_return"}
ANONYMOUS = {"contact_origin_municipality", "send_official_letter"}
RETURN = {"request_case_transfer", "apply_ivo_transfer", "support_return"}


def test_1_circumstances_of_a_self_initiated_move_are_not_dumping() -> None:
    """Before: left a job, crowded, not registered, wants to return = score 4, "possible" (and
    "strong" with a recent arrival), with an official letter planned. Now: the person's own
    idea with no conduct sign is "none"; the circumstances still bring their steps."""
    data = record(
        ("move.initiated_by", "self"), ("move.left_employment", "yes"),
        ("housing.rooms", 1), ("housing.occupants", 4), ("registered_here", "no"),
        ("move.wants_to_return", "yes"),
        ("arrival_date", (VISIT - dt.timedelta(days=20)).isoformat()),
        ("children", [{"age": 9, "in_school_or_preschool": "no"}]),
    )
    result = run(data)
    assert (result.level, result.score, result.indicators) == ("none", 0, ())
    assert codes(result.counter_indicators) == ["self_initiated_move"]
    steps = codes(result.next_steps)
    assert {"advise_new_housing", "child_impact_analysis", "ensure_school_placement"} <= set(
        steps
    )
    suspicion = {"contact_origin_municipality", "send_official_letter", "document_experience"}
    assert not suspicion & set(steps)
    # The same circumstances when nobody said whose idea it was: at most "possible".
    unknown = run(record(*((k, v) for k, v in _pairs(data) if k != "move.initiated_by")))
    assert unknown.level == "possible"
    assert all(i.code not in {"origin_proposed_move"} for i in unknown.indicators)


def test_1_strong_needs_a_conduct_sign() -> None:
    circumstances = (
        ("move.receiving_informed_in_advance", "no"), ("move.person_understood_move", "no"),
        ("interventions", [{"type": "economic_assistance", "status": "ongoing"}]),
        ("registered_here", "no"),
    )
    only = run(record(*circumstances))
    assert only.score >= load_rules().levels.strong and only.level == "possible"
    with_conduct = run(record(*circumstances, ("move.referred_to_landlord_here", "yes")))
    assert with_conduct.level == "strong"
    # A conduct sign also counts when the person calls the move their own idea.
    own = run(record(("move.initiated_by", "self"), ("move.support_refused_by_origin", "yes")))
    assert own.level == "possible"


def test_2_unknown_is_an_open_question_not_a_sign() -> None:
    """Before: "yes, they paid" + "don't know" to the means test = sign with weight 3. Now: no
    sign; the open question says what to find out and what it could lead to."""
    data = record(("move.move_paid_by_origin", "yes"),
                  ("move.paid_after_ordinary_assessment", "unknown"))
    result = run(data)
    assert "move_paid_without_means_test" not in codes(result.indicators)
    assert result.level == "none"
    asked = {q.field: q for q in result.open_questions}
    question = asked["move.paid_after_ordinary_assessment"]
    assert question.could_raise_to == "possible"
    assert question.question.startswith("Föregicks betalningen")
    en = {q.field: q for q in run(data, "en").open_questions}
    assert en["move.paid_after_ordinary_assessment"].question.startswith("Did the payment")
    # Answered "no", it is a sign, and the question is gone.
    answered = run(record(("move.move_paid_by_origin", "yes"),
                          ("move.paid_after_ordinary_assessment", "no")))
    assert "move_paid_without_means_test" in codes(answered.indicators)
    assert "move.paid_after_ordinary_assessment" not in {q.field for q in answered.open_questions}


def test_2_open_questions_say_how_far_they_could_go() -> None:
    conduct = run(record(("move.tenancy_terminated_by_origin", "yes")))
    assert conduct.level == "possible"
    asked = {q.field: q.could_raise_to for q in conduct.open_questions}
    assert asked["move.initiated_by"] == "strong"
    assert "move.tenancy_terminated_by_origin" not in asked  # answered
    assert run(record(*STRONG)).open_questions == ()  # nothing can raise "strong"
    assert run(record(("origin_municipality", None))).open_questions == ()  # no move


def test_3_nothing_identifying_goes_to_the_origin_without_consent() -> None:
    """Before: a justification, a letter and a transfer request were planned although the
    person refused contact. Now: only the two steps that can be made anonymously, and they
    say so; the rest need consent; consent not asked yet -> ask_consent first."""
    data = record(*STRONG, ("interventions", [HOME_CARE]), ("move.wants_to_return", "yes"))
    refused = run(record(*_pairs(data), ("consent.contact_origin", "no")))
    steps = codes(refused.next_steps)
    assert not LETTERS & set(steps) and "ask_consent" not in steps
    titles = {s.code: s.title for s in refused.next_steps}
    assert set(titles) >= ANONYMOUS
    assert all("samtycke saknas" in titles[c] for c in ANONYMOUS)
    unknown = codes(run(data).next_steps)
    assert "ask_consent" in unknown and not LETTERS & set(unknown)
    assert unknown.index("ask_consent") < unknown.index("contact_origin_municipality")
    given = run(record(*_pairs(data), ("consent.contact_origin", "yes")))
    assert {"request_justification", "request_case_transfer", "apply_ivo_transfer",
            "support_return"} <= set(codes(given.next_steps))
    assert all("samtycke saknas" not in s.title for s in given.next_steps)


def test_4_safety_first() -> None:
    """Before: violence and protected identity were not modelled, so contact with and a
    transfer back to the place a person fled from could be planned. Now: safety assessment
    today, urgency immediate, no ✉ step and no return or transfer, whatever the consent."""
    data = record(*STRONG, ("interventions", [HOME_CARE]), ("consent.contact_origin", "yes"),
                  ("move.wants_to_return", "yes"), ("children", [{"age": 6}]))
    before = run(data)
    assert {"request_case_transfer", "support_return"} <= set(codes(before.next_steps))
    for key in ("safety.violence_or_threats", "safety.protected_identity"):
        result = run(record(*_pairs(data), (key, "yes")))
        steps = codes(result.next_steps)
        assert steps[0] == "safety_assessment", key
        assert result.next_steps[0].due == VISIT
        assert result.urgency == "immediate"
        assert not (LETTERS | ANONYMOUS | RETURN | {"ask_consent"}) & set(steps), key
        assert result.level == "strong"  # the signs are still recorded for the social worker
    violence = codes(run(record(*_pairs(data), ("safety.violence_or_threats", "yes"))).next_steps)
    assert "report_concern_for_child" in violence  # a child exposed to violence
    unknown = run(record(*_pairs(data), ("safety.violence_or_threats", "unknown")))
    assert "safety_assessment" not in codes(unknown.next_steps)


def test_5_acute_needs_get_steps_even_from_abroad() -> None:
    """Before: a homeless person got only "continue with the ordinary reception". Now: a
    place to stay tonight, a report of concern for a homeless child, an assessment of care
    needs; a person from abroad is not_applicable but still gets them."""
    data = record(("origin_municipality", None), ("housing.type", "homeless"),
                  ("children", [{"age": 2}]), ("needs.unmet_care_need", "yes"))
    result = run(data)
    assert result.level == "not_applicable" and result.urgency == "immediate"
    steps = codes(result.next_steps)
    assert steps[:3] == ["emergency_housing", "report_concern_for_child", "assess_care_needs"]
    assert "assess_economic_assistance" in steps
    due = {s.code: s for s in result.next_steps}
    assert due["emergency_housing"].due == VISIT
    assert due["report_concern_for_child"].due == dt.date(2026, 12, 7)  # 14 days, a Monday
    interrupted = run(record(("interventions", [HOME_CARE])))
    assert "assess_care_needs" in codes(interrupted.next_steps)
    assert interrupted.urgency == "soon"


def test_6_a_placement_by_the_origin_is_not_a_transfer() -> None:
    placed = {"type": "placement", "status": "ongoing", "placed_here_by_origin": "yes"}
    data = record(("move.initiated_by", "origin_municipality"), ("interventions", [placed]),
                  ("consent.contact_origin", "yes"))
    result = run(data)
    steps = codes(result.next_steps)
    assert "remind_origin_responsibility" in steps
    assert not {"request_case_transfer", "apply_ivo_transfer"} & set(steps)
    assert result.level == "none" and "placed_here_by_origin" in codes(result.counter_indicators)
    # The same placement, not placed here by the origin: a transfer case when it is strong.
    held = dict(placed, placed_here_by_origin="no")
    transfer = run(record(*STRONG, ("interventions", [held]), ("consent.contact_origin", "yes")))
    assert {"request_case_transfer", "apply_ivo_transfer"} <= set(codes(transfer.next_steps))
    assert "remind_origin_responsibility" not in codes(transfer.next_steps)


def test_7_a_transfer_needs_the_wish_or_the_stronger_tie() -> None:
    base = (*STRONG, ("interventions", [HOME_CARE]), ("consent.contact_origin", "yes"))
    refuses = run(record(*base, ("move.wants_to_return", "no"), ("ties.network_here", "yes")))
    assert not {"request_case_transfer", "apply_ivo_transfer"} & set(codes(refuses.next_steps))
    tied = run(record(*base, ("move.wants_to_return", "no"), ("ties.years_in_origin", 12),
                      ("ties.network_in_origin", "yes")))
    assert "request_case_transfer" in codes(tied.next_steps)
    wish = run(record(*base, ("move.wants_to_return", "yes")))
    assert "request_case_transfer" in codes(wish.next_steps)
    basis = next(s.basis for s in wish.next_steps if s.code == "request_case_transfer")
    assert "starkast anknytning" in basis and "önskemål" in basis


def test_8_the_ivo_date_is_the_earliest_day_not_a_deadline() -> None:
    result = run(record(*STRONG, ("interventions", [HOME_CARE]), ("consent.contact_origin", "yes")))
    ivo = next(s for s in result.next_steps if s.code == "apply_ivo_transfer")
    assert ivo.due is None and ivo.not_before == dt.date(2026, 12, 23)
    out = result.to_json_dict()["next_steps"]
    assert next(s for s in out if s["code"] == "apply_ivo_transfer")["not_before"] == "2026-12-23"
    assert all(s["due"] is None or s["not_before"] is None for s in out)


def test_9_children_alone_do_not_make_it_soon() -> None:
    assert run(record(("children", [{"age": 4}, {"age": 9}]))).urgency == "routine"
    out_of_school = [{"age": 9, "in_school_or_preschool": "no"}]
    assert run(record(("children", out_of_school))).urgency == "soon"
    homeless = run(record(("children", [{"age": 4}]), ("housing.type", "homeless")))
    assert homeless.urgency == "immediate"
    assert run(record(*STRONG)).urgency == "soon"


def test_10_guidelines_are_the_receiving_municipalitys_own(tmp_path: Path) -> None:
    """Before: every desk cited "Sollefteå riktlinjer". Now: the default set is named as
    Sollefteå's; a municipality with its own file is cited from it."""
    data = record(("move.tenancy_terminated_by_origin", "yes"), ("receiving_municipality", "1480"))
    source = run(data).indicators[0].source
    assert source == "Sollefteå kommuns riktlinjer mot social dumpning 1.1.1"
    own = tmp_path / "1480.yaml"
    own.write_text(
        'version: "2"\nmunicipality: "1480"\n'
        "name: {sv: Göteborgs Stads riktlinjer, en: Gothenburg's guidelines}\n"
        'sections: {forms: "3.2"}\n', "utf-8")
    rules = load_rules(None, tmp_path)
    assert rules.cite(("policy.forms",), "sv", "1480") == "Göteborgs Stads riktlinjer 3.2"
    assert rules.cite(("policy.housing",), "en", "1480") == (
        "Sollefteå municipality's guidelines against social dumping 2.3"  # not in its own file
    )
    assert rules.cite(("policy.forms",), "sv", "0180").startswith("Sollefteå kommuns")
    assert rules.stamp.sha256 != load_rules().stamp.sha256


def test_10_a_municipality_configures_its_guidelines_beside_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "1480.yaml").write_text(
        'version: "2"\nmunicipality: "1480"\n'
        "name: {sv: Göteborgs Stads riktlinjer, en: Gothenburg's guidelines}\n"
        'sections: {forms: "3.2"}\n', "utf-8")
    monkeypatch.setattr(rules_module, "user_policies", lambda: tmp_path)
    data = record(("move.tenancy_terminated_by_origin", "yes"), ("receiving_municipality", "1480"))
    assert run(data).indicators[0].source == "Göteborgs Stads riktlinjer 3.2"


def test_11_statutes_are_cited_the_spec_way_and_unverified_ones_are_marked() -> None:
    legal = load_rules().legal
    statutes = [r for r in legal.values() if r.kind == "statute"]
    assert all(r.checked for r in legal.values())
    for ref in statutes:
        if "socialtjänstlagen (2001:453)" in ref.citation:
            assert ref.citation.endswith("§ socialtjänstlagen (2001:453)"), ref.id
            assert ref.new_reference is None or ref.verified
    # The old 2 a kap. 1 § names the municipality where the person stays, with exceptions;
    # it is not the basis of the means test.
    responsible = legal["sol_responsible_municipality"]
    assert "stays" in responsible.note and "not how a need is assessed" in responsible.note
    means_test = next(s for s, _ in load_rules().steps if s.code == "assess_economic_assistance")
    assert "sol_responsible_municipality" not in means_test.basis.references
    assert {"sol_request_case_transfer", "sol_ivo_transfer", "sol_report_concern",
            "sol_preliminary_assessment", "sol_crime_victims", "lss_transfer"} <= set(legal)
    assert not legal["lss_transfer"].verified


def test_first_version_records_still_classify_through_the_cli(tmp_path: Path) -> None:
    old = {"schema": "intake-record/1", "receiving_municipality": "2283",
           "visit_date": "2026-11-23", "origin_municipality": "0180",
           "move": {"initiated_by": "origin_municipality", "tenancy_terminated_by_origin": "yes"},
           "interventions": [{"type": "home_care", "status": "ongoing"}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), "utf-8")
    done = subprocess.run([sys.executable, "-m", "intake", "classify", str(path)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["schema"] == "intake-assessment/2" and out["level"] == "strong"
    assert out["rules"]["version"] == "2" and len(out["rules"]["sha256"]) == 64
    assert isinstance(out["open_questions"], list)
    assert assess(IntakeRecord.parse(old, receiving="2283")).level == "strong"


def _pairs(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """The (path, value) updates that rebuild `data` from helpers.BASE."""
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.extend(_pairs(value, f"{prefix}{key}."))
        else:
            out.append((f"{prefix}{key}", value))
    return out
