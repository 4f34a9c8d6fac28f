"""Boundary tests for the municipality resolver's thresholds: two close names (Linköping and
Lidköping) and each comparison exactly at its limit, so that `>=` turned into `>` (or the
reverse) fails a test instead of passing unnoticed."""

from __future__ import annotations

import math

import pytest
from rapidfuzz import fuzz, process

from intake.core import municipalities
from intake.core.municipalities import Match, all_municipalities, resolve
from intake.core.textclean import fold


def _scores(typed: str) -> tuple[float, float]:
    """The best and the runner-up score, as the resolver ranks names."""
    keys = list(dict.fromkeys(fold(m.name) for m in all_municipalities()))
    ranked = process.extract(fold(typed), keys, scorer=fuzz.ratio, limit=2)
    return ranked[0][1], ranked[1][1]


def test_linkoping_and_lidkoping_are_told_apart_by_a_clear_lead() -> None:
    for typed, name in (("Linköpin", "Linköping"), ("Lidkopin", "Lidköping")):
        found = resolve(typed).municipality
        assert found is not None and found.name == name


@pytest.mark.parametrize("typed", ["Liköping", "Lindköping"])
def test_equally_close_to_both_is_never_a_guess(typed: str) -> None:
    found = resolve(typed)
    assert found.kind is Match.AMBIGUOUS and found.municipality is None
    names = [m.name for m in found.suggestions]
    assert "Linköping" in names and "Lidköping" in names


def test_accept_score_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    best, _ = _scores("Linköpin")
    monkeypatch.setattr(municipalities, "ACCEPT_SCORE", best)
    assert resolve("Linköpin").kind is Match.FUZZY
    monkeypatch.setattr(municipalities, "ACCEPT_SCORE", math.nextafter(best, math.inf))
    assert resolve("Linköpin").kind is Match.AMBIGUOUS


def test_accept_lead_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    best, runner_up = _scores("Linköpin")
    lead = best - runner_up
    assert lead > 0
    monkeypatch.setattr(municipalities, "ACCEPT_LEAD", lead)
    assert resolve("Linköpin").kind is Match.FUZZY
    monkeypatch.setattr(municipalities, "ACCEPT_LEAD", math.nextafter(lead, math.inf))
    found = resolve("Linköpin")
    assert found.kind is Match.AMBIGUOUS
    assert [m.name for m in found.suggestions][:2] == ["Linköping", "Lidköping"]


def test_suggest_score_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    best, _ = _scores("Liköping")
    monkeypatch.setattr(municipalities, "SUGGEST_SCORE", best)
    found = resolve("Liköping")
    assert found.kind is Match.AMBIGUOUS
    assert {m.name for m in found.suggestions} >= {"Linköping", "Lidköping"}
    monkeypatch.setattr(municipalities, "SUGGEST_SCORE", math.nextafter(best, math.inf))
    assert resolve("Liköping").kind is Match.UNKNOWN
