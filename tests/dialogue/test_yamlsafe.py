"""The dialogue YAML reader: plain data only, with lines; no tags, aliases or duplicate keys."""

from __future__ import annotations

import pytest

from intake.core.dialogue.yamlsafe import Located, LocatedList, YamlProblem, load_yaml


def test_plain_data_with_lines() -> None:
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: 2.5}\nd: null\n")
    assert data == {"a": 1, "b": ["x", {"c": 2.5}], "d": None}
    assert isinstance(data, Located) and data.line == 1
    assert isinstance(data["b"], LocatedList) and data["b"].line == 3
    assert data["b"][1].line == 4


def test_yes_no_on_off_and_dates_stay_strings() -> None:
    data = load_yaml("a: yes\nb: no\nc: on\nd: off\ne: true\nf: False\ng: 2024-01-01\nh: <<\n")
    assert data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True, "f": False,
                    "g": "2024-01-01", "h": "<<"}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']",
        "a: !!python/name:os.system",
        "a: !!python/object:builtins.dict {}",
        "!!python/object/new:os.system [echo]",
        "a: !!binary aGVsbG8=",
        "a: !!set {x}",
        "a: !custom 1",
    ],
)
def test_object_building_tags_refused(text: str) -> None:
    with pytest.raises(YamlProblem, match="is not allowed"):
        load_yaml(text)


def test_billion_laughs_refused_before_expansion() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    with pytest.raises(YamlProblem) as caught:
        load_yaml("\n".join(lines))
    assert caught.value.line == 2 and "aliases" in caught.value.message


def test_alias_alone_refused() -> None:
    with pytest.raises(YamlProblem, match="alias"):
        load_yaml("a: *x\n")
    with pytest.raises(YamlProblem, match="aliases"):
        load_yaml("a: &x 1\nb: *x\n")
    assert load_yaml("a: &x 1\n") == {"a": 1}  # an anchor nobody refers to is harmless


def test_merge_key_is_not_special() -> None:
    assert load_yaml("<<: 1\n") == {"<<": 1}


def test_duplicate_keys_refused_with_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml("a: 1\nb: 2\na: 3\n")
    assert caught.value.line == 3 and "duplicate key 'a'" in caught.value.message


def test_syntax_error_has_a_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_yaml("a: 1\nb: [1, 2\n")
    assert caught.value.line >= 2
