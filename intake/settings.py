"""Settings: environment variables (INTAKE_*) over a config file over defaults.

The config file is `config.json` in the platform's user config directory (platformdirs), so
a municipality's IT staff can place it once per machine; the database defaults to an
embedded SQLite file in the user data directory.

`load_settings` gathers the three sources itself and lets a plain pydantic model validate
the result (pydantic-settings did the same for more memory in the running app; bench_ui).
Environment names are matched without regard to case, as before.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from platformdirs import site_config_dir, user_config_dir, user_data_dir
from pydantic import BaseModel, ConfigDict, Field

from intake.oscompat import private_dir

APP_NAME = "intake"
ENV_PREFIX = "INTAKE_"


def config_dir() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'intake.sqlite3'}"


class Settings(BaseModel):
    """The validated settings. Build them with `load_settings`, which reads the environment
    and the config file; constructing `Settings` directly uses only what is given."""

    model_config = ConfigDict(extra="ignore", validate_default=True)

    database_url: str = Field(default_factory=default_database_url)
    # The office's own municipality; Sollefteå, whose guidelines the rules come from, until set.
    receiving_municipality: str = "2283"
    language: Literal["sv", "en"] = "sv"
    theme: str = "textual-dark"
    # A PostgreSQL server on another host is refused without TLS (sslmode=require or
    # verify-*) unless IT staff set this, e.g. on a network protected another way
    # (intake.safety; INTAKE_ALLOW_UNENCRYPTED_DATABASE=1).
    allow_unencrypted_database: bool = False
    # The desk locks after this many idle minutes (intake/core/lock.py). 0 (never) is honoured
    # only where the machine-wide config allows it: see `lock_after_seconds`.
    lock_after_minutes: float = Field(default=5.0, ge=0)
    # The PAM service that checks the OS password when a single desk is unlocked (POSIX).
    pam_service: str = "login"


def machine_config_file() -> Path:
    """The machine-wide config.json (/etc/xdg/intake on Linux, %PROGRAMDATA%\\intake on
    Windows): written by the machine's administrators, not by the user who runs the app."""
    return Path(site_config_dir(APP_NAME, appauthor=False)) / "config.json"


def lock_after_seconds(settings: Settings) -> float | None:
    """Idle seconds before the desk locks, or None for never: `lock_after_minutes` 0 means
    never only if the machine-wide config says `"allow_never_lock": true`; otherwise 0 is
    the default of 5 minutes, since the user's own config is the user's to change."""
    minutes = settings.lock_after_minutes
    if minutes > 0:
        return minutes * 60
    if _config_file(machine_config_file()).get("allow_never_lock") is True:
        return None
    return float(Settings.model_fields["lock_after_minutes"].default) * 60


def _config_file(path: Path | None = None) -> dict[str, Any]:
    path = path or config_dir() / "config.json"
    if not path.is_file():
        return {}
    try:
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save_preference(name: str, value: str) -> bool:
    """Keep `name` = `value` in config.json for the next start (the other keys untouched).

    Written to a temporary file and renamed over the old one, so that a crash never leaves
    half a file. False if it could not be written (a read-only profile, say)."""
    if name not in Settings.model_fields:
        raise ValueError(f"not a setting: {name}")
    values = _config_file()
    values[name] = value
    folder = config_dir()
    try:
        private_dir(folder)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=".config-", suffix=".json", delete=False
        ) as handle:
            json.dump(values, handle, ensure_ascii=False, indent=1)
        os.replace(handle.name, folder / "config.json")
    except OSError:
        return False
    return True


def _environment() -> dict[str, str]:
    """INTAKE_<FIELD> variables, names in any case (the last of several spellings wins)."""
    prefix = ENV_PREFIX.lower()
    found = {key.lower(): value for key, value in os.environ.items()}
    return {name: found[prefix + name] for name in Settings.model_fields if prefix + name in found}


def load_settings(**overrides: Any) -> Settings:
    """Command-line `overrides` (None means not given) over INTAKE_* over config.json."""
    values = _config_file()
    values.update(_environment())
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings.model_validate(values)
