"""One term for the municipality a person came from, in every text a user reads: Swedish
"ursprungskommunen", English "the origin municipality" (the domain brief's "origin
municipality", the record's `origin_municipality`). Questions put to the visitor say "kommunen
där du bodde" / "where you lived": that is how the visitor is asked, not a name for the
municipality as an actor (see the comment at the top of dialogs/intake.yaml)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OTHER_TERMS = (
    "tidigare kommun",
    "förra kommun",
    "previous municipality",
    "former municipality",
    "municipality of origin",
    "the other municipality",
)


def user_texts() -> list[Path]:
    """legal.yaml is left out: its notes paraphrase statutes, where "the other municipality"
    is whichever one a request goes to."""
    return [
        *sorted(p for p in (ROOT / "dialogs").rglob("*.yaml") if p.name != "legal.yaml"),
        *sorted((ROOT / "intake" / "ui" / "texts").glob("*.toml")),
        *sorted((ROOT / "intake" / "core" / "letters").glob("*.py")),
        ROOT / "intake" / "core" / "assessment_text.py",
        ROOT / "tools" / "make_letter_templates.py",
        ROOT / "docs" / "rules.md",
    ]


def test_only_one_term_for_the_origin_municipality() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {term}"
        for path in user_texts()
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        for term in OTHER_TERMS
        if term in line.casefold()
    ]
    assert found == []


def test_the_steps_use_the_term() -> None:
    steps = (ROOT / "dialogs" / "rules" / "steps.yaml").read_text("utf-8")
    assert "socialtjänsten i ursprungskommunen" in steps
    assert "the social services of the origin municipality" in steps
