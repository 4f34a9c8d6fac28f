"""Start the app: the Textual app or plain mode, with the command line's choices.

The Textual app's first screen is drawn before the settings (pydantic) and the database
(SQLAlchemy) are loaded; only the language and theme are read early, from the same places
in the same order as `intake.settings` (command line, INTAKE_* variables, config.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir


def _config_file() -> dict[str, Any]:
    path = Path(user_config_dir("intake", appauthor=False)) / "config.json"
    try:
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def early_preferences(lang: str | None) -> tuple[str, str | None]:
    """Language and theme for the first screen, without loading the settings model."""
    config = _config_file()
    language = lang or os.environ.get("INTAKE_LANGUAGE") or config.get("language") or "sv"
    theme = os.environ.get("INTAKE_THEME") or config.get("theme")
    return ("en" if language == "en" else "sv"), (theme if isinstance(theme, str) else None)


def run(args: argparse.Namespace) -> int:
    overrides = {
        "database_url": getattr(args, "db", None),
        "language": getattr(args, "lang", None),
    }
    overrides = {key: value for key, value in overrides.items() if value is not None}
    # Who works is the OS account; `--user` is an admin's support option, audited.
    act_as: str | None = getattr(args, "user", None)
    if getattr(args, "plain", False):
        from intake.settings import load_settings
        from intake.ui.plain import run_plain

        return run_plain(load_settings(**overrides), act_as=act_as)
    # Textual draws at most MAX_FPS frames a second, on a fixed grid: a change waits up to a
    # frame for its turn (8 ms on average at the default 60). At 120, the next question is
    # drawn sooner after Enter; nothing here animates, so the cap is rarely reached.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from intake.ui import gc_tuning

    gc_tuning.relax_for_start_up()  # until the app's start-up worker is done
    from intake.ui import paste
    from intake.ui.app import IntakeApp

    paste.install()  # pasted text with an escape character arrives whole and clean

    lang, theme = early_preferences(getattr(args, "lang", None))
    app = IntakeApp(
        settings_overrides=overrides,
        act_as=act_as,
        lang=lang,
        theme=theme,
        handle_hangup=True,
        freeze_after_start=True,
    )
    try:
        app.run()
        if app.exit_line:
            print(app.exit_line, file=sys.stderr)
    finally:
        if app.forced_exit is not None:  # the terminal was restored: no need to force the end
            app.forced_exit.cancel()
        app.close_repository()
    return app.return_code or 0
