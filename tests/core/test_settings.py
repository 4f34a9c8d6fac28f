"""Settings: command line over INTAKE_* variables over config.json over defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from intake.settings import Settings, config_dir, data_dir, default_database_url, load_settings


def write_config(content: object) -> Path:
    path = config_dir() / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == f"sqlite:///{data_dir() / 'intake.sqlite3'}"
    assert settings.database_url == default_database_url()
    assert settings.receiving_municipality == "2283"
    assert settings.language == "sv"
    assert settings.theme == "textual-dark"
    assert settings.allow_unencrypted_database is False


def test_who_is_working_is_no_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user is the OS account (storage.identity): neither INTAKE_USER nor the config
    file can name one (issue 18.1)."""
    write_config({"user": "admin"})
    monkeypatch.setenv("INTAKE_USER", "admin")
    assert "user" not in load_settings().model_dump()


def test_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config({"language": "en", "receiving_municipality": "file", "theme": "nord",
                  "database_url": "sqlite://"})
    monkeypatch.setenv("INTAKE_RECEIVING_MUNICIPALITY", "env")
    monkeypatch.setenv("INTAKE_THEME", "gruvbox")
    settings = load_settings(receiving_municipality="cli", language=None)
    assert settings.receiving_municipality == "cli"  # command line over environment
    assert settings.theme == "gruvbox"  # environment over file
    assert settings.language == "en"  # file over default; None is no override
    assert settings.database_url == "sqlite://"


def test_environment_names_ignore_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("intake_receiving_municipality", "0180")
    assert load_settings().receiving_municipality == "0180"


def test_empty_environment_value_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_RECEIVING_MUNICIPALITY", "")
    assert load_settings().receiving_municipality == ""


def test_unknown_keys_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config({"colour": "blue", "Language": "en"})
    monkeypatch.setenv("INTAKE_SOMETHING", "x")
    settings = load_settings(other="y")
    assert settings.language == "sv"
    assert not hasattr(settings, "colour")


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '"sv"'])
def test_unreadable_config_file_is_ignored(content: str) -> None:
    write_config(content)
    assert load_settings().language == "sv"


def test_config_null_is_a_value() -> None:
    write_config({"database_url": None, "language": "en"})
    assert "database_url\n  Input should be a valid string" in _error(load_settings)


def _error(call: object) -> str:
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    message = _error(lambda: load_settings(language="de"))
    assert message.startswith("1 validation error for Settings\nlanguage\n")
    assert "Input should be 'sv' or 'en'" in message

    monkeypatch.setenv("INTAKE_LANGUAGE", "SV")
    assert "Input should be 'sv' or 'en'" in _error(load_settings)
    monkeypatch.delenv("INTAKE_LANGUAGE")

    write_config({"receiving_municipality": 2283, "database_url": None})
    message = _error(load_settings)
    assert message.startswith("2 validation errors for Settings\n")
    assert "receiving_municipality\n  Input should be a valid string" in message
    assert "database_url\n  Input should be a valid string" in message


def test_environment_overrides_a_bad_file_value(monkeypatch: pytest.MonkeyPatch) -> None:
    write_config({"language": "fr"})
    monkeypatch.setenv("INTAKE_LANGUAGE", "en")
    assert load_settings().language == "en"


def test_settings_built_directly_use_only_what_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_THEME", "nord")
    settings = Settings(receiving_municipality="x")
    assert (settings.receiving_municipality, settings.theme) == ("x", "textual-dark")


def test_a_saved_preference_keeps_the_other_keys() -> None:
    from intake.settings import save_preference

    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.json").write_text('{"receiving_municipality": "2260"}', "utf-8")
    assert save_preference("theme", "intake-high-contrast")
    saved = json.loads((config_dir() / "config.json").read_text("utf-8"))
    assert saved == {"receiving_municipality": "2260", "theme": "intake-high-contrast"}
    assert load_settings().theme == "intake-high-contrast"
    assert [p.name for p in config_dir().iterdir()] == ["config.json"]  # no temporary left
    with pytest.raises(ValueError, match="not a setting"):
        save_preference("colour", "red")
