"""Malformed dialogue files: each kind of problem is reported as `file:line: id: what`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from intake.core.dialogue.loader import DialogueError, default_dialogue, load_dialogue

BASE = """\
id: t
version: "1"
title: {sv: T, en: T}
sections:
  - id: one
    title: {sv: Ett, en: One}
    questions:
      - id: moved
        kind: tri
        text: {sv: Flyttat, en: Moved}
        maps_to: registered_here
      - id: kids
        kind: number
        text: {sv: Barn, en: Kids}
        when: {equals: [moved, "yes"]}
        maps_to: housing.rooms
      - id: housing
        kind: choice
        text: {sv: Boende, en: Housing}
        maps_to: housing.type
        options:
          - {key: first_hand, label: {sv: Första, en: First}}
          - {key: homeless, label: {sv: Ingen, en: None}}
summary:
  title: {sv: Klart, en: Done}
  text: {sv: Klart, en: Done}
"""


def _load(tmp_path: Path, text: str) -> list[str]:
    target = tmp_path / "d.yaml"
    target.write_text(text, "utf-8")
    with pytest.raises(DialogueError) as caught:
        load_dialogue(target)
    for problem in caught.value.problems:
        assert problem.startswith(f"{target}:"), problem
    return caught.value.problems


def test_base_file_is_valid(tmp_path: Path) -> None:
    target = tmp_path / "ok.yaml"
    target.write_text(BASE, "utf-8")
    dialogue = load_dialogue(target)
    assert dialogue.question_ids == ("moved", "kids", "housing")
    assert load_dialogue(target) is dialogue  # cached by path and content
    target.write_text(BASE.replace("Klart", "Färdigt"), "utf-8")
    assert load_dialogue(target) is not dialogue


def test_shipped_dialogue_is_valid() -> None:
    dialogue = default_dialogue()
    assert (dialogue.id, dialogue.version) == ("intake", "2")
    assert dialogue.sections[0].id == "welcome"
    assert dialogue.question_ids[0] == "greeting"


def test_unknown_goto_target(tmp_path: Path) -> None:
    text = BASE.replace("        maps_to: registered_here\n",
                        "        maps_to: registered_here\n        next: [{goto: nowhere}]\n")
    (problem,) = _load(tmp_path, text)
    assert problem.endswith(":8: moved: unknown target 'nowhere'")


def test_unreachable_question(tmp_path: Path) -> None:
    text = BASE.replace("        maps_to: registered_here\n",
                        "        maps_to: registered_here\n        next: [{goto: housing}]\n")
    (problem,) = _load(tmp_path, text)
    assert problem.endswith(":13: kids: unreachable question: no path leads here")


def test_path_that_never_reaches_the_summary(tmp_path: Path) -> None:
    text = BASE.replace("        maps_to: housing.type\n",
                        "        maps_to: housing.type\n        next: [{goto: moved, "
                        "when: {equals: [housing, homeless]}}]\n")
    (problem,) = _load(tmp_path, text)
    assert ":17: housing: " in problem and "never reach the summary" in problem


def test_missing_translation(tmp_path: Path) -> None:
    text = BASE.replace("text: {sv: Barn, en: Kids}", "text: {sv: Barn}")
    (problem,) = _load(tmp_path, text)
    assert problem.endswith(":14: kids: missing translation (en) in text")


def test_condition_on_an_unknown_answer(tmp_path: Path) -> None:
    text = BASE.replace("when: {equals: [moved, \"yes\"]}", "when: {equals: [mooved, \"yes\"]}")
    (problem,) = _load(tmp_path, text)
    assert problem.endswith(":12: kids: condition on an unknown answer 'mooved'")


def test_condition_on_a_later_answer(tmp_path: Path) -> None:
    text = BASE.replace("when: {equals: [moved, \"yes\"]}", "when: {answered: housing}")
    (problem,) = _load(tmp_path, text)
    assert "kids: condition on 'housing', which is not asked before this point" in problem


def test_condition_with_an_impossible_value(tmp_path: Path) -> None:
    text = BASE.replace("when: {equals: [moved, \"yes\"]}", "when: {equals: [moved, \"maybe\"]}")
    (problem,) = _load(tmp_path, text)
    assert "compares 'moved' with 'maybe'" in problem


def test_condition_syntax(tmp_path: Path) -> None:
    text = BASE.replace("when: {equals: [moved, \"yes\"]}", "when: {python: \"1+1\"}")
    (problem,) = _load(tmp_path, text)
    assert ":15: kids: when: unknown condition 'python'" in problem


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("housing.colour", "housing has no field 'colour'"),
        ("nothing", "the record has no field 'nothing'"),
        ("housing", "is a group of fields"),
        ("children[].age", "list items are filled only by"),
        ("schema", "has no field 'schema'"),
    ],
)
def test_maps_to_a_field_not_in_the_record(tmp_path: Path, target: str, message: str) -> None:
    text = BASE.replace("maps_to: housing.rooms", f"maps_to: {target}")
    problems = _load(tmp_path, text)
    assert any(":12: kids: maps_to" in p and message in p for p in problems), problems


def test_options_must_be_codes_of_the_field(tmp_path: Path) -> None:
    text = BASE.replace("key: homeless", "key: tent")
    (problem,) = _load(tmp_path, text)
    assert "housing: option 'tent' is not a code of housing.type" in problem


def test_tri_needs_a_tri_field(tmp_path: Path) -> None:
    text = BASE.replace("maps_to: registered_here", "maps_to: person.name")
    (problem,) = _load(tmp_path, text)
    assert "moved: maps_to 'person.name': a tri question needs a tri field" in problem


def test_duplicate_ids_and_unknown_keys(tmp_path: Path) -> None:
    problems = _load(tmp_path, BASE.replace("id: kids", "id: moved"))
    assert any("moved: duplicate question id" in p for p in problems)
    problems = _load(tmp_path, BASE.replace("kind: number", "kind: number\n        colour: red"))
    assert any(":12: kids: unknown key 'colour'" in p for p in problems)


def test_kind_needs_options(tmp_path: Path) -> None:
    problems = _load(tmp_path, BASE.replace("kind: choice", "kind: multi").replace(
        "        options:\n          - {key: first_hand, label: {sv: Första, en: First}}\n"
        "          - {key: homeless, label: {sv: Ingen, en: None}}\n", ""))
    assert any("housing: a multi question needs `options`" in p for p in problems), problems


def test_yaml_errors_have_lines(tmp_path: Path) -> None:
    (problem,) = _load(tmp_path, BASE + "extra: [\n")
    assert ": -: " in problem
    tagged = BASE.replace('version: "1"', "version: !!python/object:os.system {}")
    (problem,) = _load(tmp_path, tagged)
    assert problem.endswith(":2: -: the tag 'tag:yaml.org,2002:python/object:os.system' is not "
                            "allowed (plain data only)")


def test_alias_bomb_refused(tmp_path: Path) -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b]\n'
    (problem,) = _load(tmp_path, bomb)
    assert problem.endswith(":2: -: aliases (*name) are not allowed")


def test_unreadable_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(DialogueError, match="cannot read"):
        load_dialogue(tmp_path / "missing.yaml")
    target = tmp_path / "latin1.yaml"
    target.write_bytes("id: å".encode("latin-1"))
    with pytest.raises(DialogueError, match="not UTF-8"):
        load_dialogue(target)


def test_repeat_group_shape(tmp_path: Path) -> None:
    text = BASE.replace("summary:\n", """\
    repeat:
      id: child
      questions:
        - id: age
          kind: number
          text: {sv: Ålder, en: Age}
        - id: more
          kind: text
          text: {sv: Fler, en: More}
summary:
""", 1)
    problems = _load(tmp_path, text)
    assert any("child: " in p and "unconditional tri question" in p for p in problems), problems


def test_cli_check(tmp_path: Path) -> None:
    good = subprocess.run(
        [sys.executable, "-m", "intake", "dialogs", "check", "dialogs/intake.yaml"],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parents[2],
    )
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("OK: 64 questions in 12 sections")
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("text: {sv: Barn, en: Kids}", "text: {sv: Barn}"), "utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "intake", "dialogs", "check", str(bad)],
        capture_output=True, text=True, check=False,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == f"{bad}:14: kids: missing translation (en) in text"


def test_cli_graph_mermaid_and_missing_graphviz(tmp_path: Path) -> None:
    from intake.cli import main
    from intake.core.dialogue.machine import graphviz_available

    out = tmp_path / "flow.mmd"
    assert main(["dialogs", "graph", "--format", "mermaid", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "stateDiagram-v2" in text and "[*] --> greeting" in text
    assert "child_more --> child_age: child_more = yes and item < 12" in text
    if not graphviz_available():
        assert main(["dialogs", "graph", "--format", "svg", "-o", str(tmp_path / "f.svg")]) == 2
