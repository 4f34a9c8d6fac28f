"""The greeting read straight from a dialogue file (intake.core.dialogue.opening) is exactly
the question the compiled engine asks first, or nothing when it might not be."""

from __future__ import annotations

from pathlib import Path

import pytest

import dialogs
from intake.core.dialogue.api import QuestionKind
from intake.core.dialogue.engine import Engine
from intake.core.dialogue.loader import default_dialogue
from intake.core.dialogue.opening import default_opening, opening_of, read_opening

PLAIN = """
id: d
version: "1"
title: {sv: "Nybesök", en: "First visit"}
sections:
  - id: welcome
    title: {sv: "Välkommen", en: "Welcome"}
    questions:
      - id: hello
        kind: info
        text: {sv: "Hej!", en: "Hello!"}
        hint: {sv: "Tryck Enter.", en: "Press Enter."}
"""


def test_the_shipped_opening_is_what_the_engine_asks_first() -> None:
    opening = default_opening()
    assert opening is not None
    for lang in ("sv", "en"):
        first = Engine(default_dialogue(), lang=lang).current()
        assert (first.id, first.kind, first.text, first.hint, first.section_title) == (
            opening.question_id,
            QuestionKind.INFO,
            opening.text[lang],
            opening.hint[lang],
            opening.section[lang],
        )


def test_a_plain_greeting_is_read() -> None:
    opening = read_opening(PLAIN)
    assert opening is not None
    assert opening.question_id == "hello"
    assert opening.text == {"sv": "Hej!", "en": "Hello!"}
    assert opening.section == {"sv": "Välkommen", "en": "Welcome"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("kind: info", "kind: text"),  # a question, not a greeting
        ("        kind: info", "        when: {answered: x}\n        kind: info"),
        ("    title: {sv: \"Välkommen\"", "    when: {answered: x}\n    title: {sv: \"Välkommen\""),
        ("    questions:", "    repeat: {max: 3}\n    questions:"),
        ("hint: {sv: \"Tryck Enter.\", en: \"Press Enter.\"}", "hint: {sv: \"Tryck Enter.\"}"),
        ("text: {sv: \"Hej!\", en: \"Hello!\"}", "text: {sv: \"\", en: \"Hello!\"}"),
        ("sections:", "sections: []\nother:"),
        ("id: d", "id: [d"),  # not YAML
        ("version: \"1\"", "version: !!python/object:os.system \"1\""),  # never constructed
    ],
)
def test_anything_the_engine_might_ask_otherwise_gives_no_opening(old: str, new: str) -> None:
    assert old in PLAIN
    assert read_opening(PLAIN.replace(old, new, 1)) is None


def test_a_missing_file_gives_no_opening(tmp_path: Path) -> None:
    assert opening_of(tmp_path / "nothing.yaml") is None
    assert opening_of(dialogs.path("intake.yaml")) == default_opening()


def test_the_opening_is_kept_for_the_next_start_and_read_again_when_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from intake.core.dialogue import opening as module

    dialogue, kept = tmp_path / "d.yaml", tmp_path / "cache" / "opening.json"
    dialogue.write_text(PLAIN, "utf-8")
    first = module.cached_opening(dialogue, kept)
    assert first is not None and kept.is_file()
    read: list[Path] = []
    real = module.opening_of

    def reading(path: Path) -> module.Opening | None:
        read.append(path)
        return real(path)

    monkeypatch.setattr(module, "opening_of", reading)
    assert module.cached_opening(dialogue, kept) == first
    assert read == []  # from the cache: YAML not read
    dialogue.write_text(PLAIN.replace("Hej!", "Hej och välkommen!"), "utf-8")
    changed = module.cached_opening(dialogue, kept)
    assert changed is not None and changed.text["sv"] == "Hej och välkommen!"
    assert read == [dialogue]


@pytest.mark.parametrize(
    "content", ["not json", "[]", '{"key": 1}', '{"key": null, "opening": {}}']
)
def test_a_damaged_cache_is_passed_over(tmp_path: Path, content: str) -> None:
    from intake.core.dialogue.opening import cached_opening

    dialogue, kept = tmp_path / "d.yaml", tmp_path / "opening.json"
    dialogue.write_text(PLAIN, "utf-8")
    kept.write_text(content, "utf-8")
    assert cached_opening(dialogue, kept) == read_opening(PLAIN)


def test_a_cache_with_the_right_key_but_bad_texts_is_not_shown(tmp_path: Path) -> None:
    import json

    from intake.core.dialogue.opening import cached_opening

    dialogue, kept = tmp_path / "d.yaml", tmp_path / "opening.json"
    dialogue.write_text(PLAIN, "utf-8")
    assert cached_opening(dialogue, kept) is not None
    data = json.loads(kept.read_text("utf-8"))
    data["opening"]["text"] = {"sv": 1}
    kept.write_text(json.dumps(data), "utf-8")
    assert cached_opening(dialogue, kept) == read_opening(PLAIN)


def test_an_unwritable_cache_folder_is_no_error(tmp_path: Path) -> None:
    from intake.core.dialogue.opening import cached_opening

    dialogue = tmp_path / "d.yaml"
    dialogue.write_text(PLAIN, "utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")  # a file where the folder should be
    assert cached_opening(dialogue, blocker / "opening.json") == read_opening(PLAIN)
